/** DeployProcess (deprecated, still used by zbc.deployProcess): DeployResource for BPMN only. */
import { ok, reject } from '../../errors.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { unary } from '../unary.js';

interface Request {
  processes: Array<{ name: string; definition: Buffer }>;
}

export function deployProcess(deps: GatewayDeps) {
  return unary<Request, unknown>(deps, 'DeployProcess', async (request) => {
    const other = request.processes.find((p) => /\.(form|dmn)$/i.test(p.name));
    if (other) {
      const what = other.name.toLowerCase().endsWith('.form') ? 'a form' : 'a DMN resource';
      return reject('INVALID_ARGUMENT', `Expected DeployProcess to receive BPMN resources only, but '${other.name}' is ${what}; use DeployResource`);
    }
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
