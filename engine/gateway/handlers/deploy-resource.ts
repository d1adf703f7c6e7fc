/** DeployResource: BPMN, DMN and form resources, atomically; an identical re-deploy returns the existing version. */
import type { DeployedItem } from '../../engine-commands.js';
import { ok } from '../../errors.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { unary } from '../unary.js';

interface Request {
  resources: Array<{ name: string; content: Buffer }>;
  tenantId?: string;
}

export function deployResource(deps: GatewayDeps) {
  return unary<Request, unknown>(deps, 'DeployResource', async (request) => {
    const result = await deps.commands.deploy(request.resources.map((r) => ({ name: r.name, content: r.content })));
    if (!result.ok) return result;
    return ok({
      key: result.value.key,
      tenantId: '<default>',
      deployments: result.value.items.map(deploymentOf),
    });
  });
}

function deploymentOf(item: DeployedItem): Record<string, unknown> {
  switch (item.kind) {
    case 'process':
      return { process: { bpmnProcessId: item.bpmnProcessId, version: item.version, processDefinitionKey: item.processDefinitionKey, resourceName: item.resourceName, tenantId: item.tenantId } };
    case 'form':
      return { form: { formId: item.formId, version: item.version, formKey: item.formKey, resourceName: item.resourceName, tenantId: item.tenantId } };
    case 'decisionRequirements': {
      const { kind: _kind, ...metadata } = item;
      return { decisionRequirements: metadata };
    }
    case 'decision': {
      const { kind: _kind, ...metadata } = item;
      return { decision: metadata };
    }
  }
}
