/** SetVariables: local (exactly that scope) or propagating (nearest scope that has the name, else the root). */
import { ok, reject, type Result } from '../../errors.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';
import { propagateVariables, setLocalVariables } from '../behaviors/variables.js';

export function setVariables(rt: BpmnRuntime, scopeKey: string, variables: Record<string, unknown>, local: boolean): Result<void> {
  if (!rt.ctx.state.element(scopeKey)) return reject('NOT_FOUND', `Expected to update variables for element with key '${scopeKey}', but no such element was found`);
  if (local) setLocalVariables(rt.ctx, scopeKey, variables);
  else propagateVariables(rt.ctx, scopeKey, variables);
  return ok(undefined);
}
