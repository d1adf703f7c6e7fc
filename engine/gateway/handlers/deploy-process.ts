/** DeployProcess (deprecated, still used by zbc.deployProcess): DeployResource for BPMN only. */
import { ok, reject } from '../../errors.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { unary } from '../unary.js';

interface Request {
  processes: Array<{ name: string; definition: Buffer }>;
}

export function deployProcess(deps: GatewayDeps) {
  return unary<Request, unknown>(deps, 'DeployProcess', async (request) => {
    const form = request.processes.find((p) => p.name.toLowerCase().endsWith('.form'));
    if (form) return reject('INVALID_ARGUMENT', `Expected DeployProcess to receive BPMN resources only, but '${form.name}' is a form; use DeployResource`);
    const result = await deps.commands.deploy(request.processes.map((p) => ({ name: p.name, content: p.definition })));
    if (!result.ok) return result;
    return ok({
      key: result.value.key,
      processes: result.value.items.flatMap((item) =>
        item.kind === 'process' ? [{ bpmnProcessId: item.bpmnProcessId, version: item.version, processDefinitionKey: item.processDefinitionKey, resourceName: item.resourceName, tenantId: item.tenantId }] : [],
      ),
    });
  });
}
