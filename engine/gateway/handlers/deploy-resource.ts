/** DeployResource: BPMN and form resources, atomically; an identical re-deploy returns the existing version. */
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
      deployments: result.value.items.map((item) =>
        item.kind === 'process'
          ? { process: { bpmnProcessId: item.bpmnProcessId, version: item.version, processDefinitionKey: item.processDefinitionKey, resourceName: item.resourceName, tenantId: item.tenantId } }
          : { form: { formId: item.formId, version: item.version, formKey: item.formKey, resourceName: item.resourceName, tenantId: item.tenantId } },
      ),
    });
  });
}
