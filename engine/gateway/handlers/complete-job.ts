/** CompleteJob. */
import { ok } from '../../errors.js';
import { completeJob as complete } from '../../runtime/commands/complete-job.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { keyOf, parseVariables } from '../request-values.js';
import { unary } from '../unary.js';

export function completeJob(deps: GatewayDeps) {
  return unary<{ jobKey: string; variables?: string }, unknown>(deps, 'CompleteJob', async (request) => {
    const variables = parseVariables(request.variables, deps.config.maxVariablesBytes);
    if (!variables.ok) return variables;
    const jobKey = keyOf(request.jobKey);
    const result = await deps.commands.onInstance({ jobKey }, 'complete', (rt) => complete(rt, jobKey, variables.value));
    return result.ok ? ok({}) : result;
  });
}
