/** SetVariables: local or propagating; the element instance key may be the process instance key. */
import { ok } from '../../errors.js';
import { setVariables as set } from '../../runtime/commands/set-variables.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { keyOf, parseVariables } from '../request-values.js';
import { unary } from '../unary.js';

export function setVariables(deps: GatewayDeps) {
  return unary<{ elementInstanceKey: string; variables?: string; local?: boolean }, unknown>(deps, 'SetVariables', async (request) => {
    const variables = parseVariables(request.variables, deps.config.maxVariablesBytes);
    if (!variables.ok) return variables;
    const scopeKey = keyOf(request.elementInstanceKey);
    const result = await deps.commands.onInstance({ elementInstanceKey: scopeKey }, 'update variables for', (rt) => {
      const outcome = set(rt, scopeKey, variables.value, Boolean(request.local));
      return outcome.ok ? ok(rt.ctx.nextKey()) : outcome;
    });
    return result.ok ? ok({ key: result.value }) : result;
  });
}
