/** CreateProcessInstance: latest or given version (or definition key), root variables, optional start instructions. */
import { ok, type Result } from '../../errors.js';
import type { CreatedInstance } from '../../engine-commands.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { intOf, keyOf, parseVariables } from '../request-values.js';
import { unary } from '../unary.js';

export interface CreateRequest {
  processDefinitionKey?: string;
  bpmnProcessId?: string;
  version?: number;
  variables?: string;
  startInstructions?: Array<{ elementId: string }>;
  tenantId?: string;
}

export async function create(deps: GatewayDeps, request: CreateRequest, awaitResult: boolean): Promise<Result<CreatedInstance>> {
  const variables = parseVariables(request.variables, deps.config.maxVariablesBytes);
  if (!variables.ok) return variables;
  return deps.commands.createInstance({
    processDefinitionKey: keyOf(request.processDefinitionKey),
    bpmnProcessId: request.bpmnProcessId ?? '',
    version: request.version === undefined ? -1 : intOf(request.version),
    variables: variables.value,
    startInstructions: (request.startInstructions ?? []).map((s) => s.elementId),
    awaitResult,
  });
}

export function createdResponse(created: CreatedInstance) {
  return {
    processDefinitionKey: created.definition.key,
    bpmnProcessId: created.definition.bpmnProcessId,
    version: created.definition.version,
    processInstanceKey: created.processInstanceKey,
    tenantId: '<default>',
  };
}

export function createProcessInstance(deps: GatewayDeps) {
  return unary<CreateRequest, unknown>(deps, 'CreateProcessInstance', async (request) => {
    const created = await create(deps, request, false);
    return created.ok ? ok(createdResponse(created.value)) : created;
  });
}
