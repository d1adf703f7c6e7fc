/** FailJob. */
import { ok } from '../../errors.js';
import { failJob as fail } from '../../runtime/commands/fail-job.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { intOf, keyOf, parseVariables } from '../request-values.js';
import { unary } from '../unary.js';

interface Request {
  jobKey: string;
  retries: number;
  errorMessage?: string;
  retryBackOff?: string | number;
  variables?: string;
}

export function failJob(deps: GatewayDeps) {
  return unary<Request, unknown>(deps, 'FailJob', async (request) => {
    const variables = parseVariables(request.variables, deps.config.maxVariablesBytes);
    if (!variables.ok) return variables;
    const jobKey = keyOf(request.jobKey);
    const command = { jobKey, retries: intOf(request.retries), errorMessage: request.errorMessage ?? '', retryBackOff: Math.max(0, intOf(request.retryBackOff)), variables: variables.value };
    const result = await deps.commands.onInstance({ jobKey }, 'fail', (rt) => fail(rt, command));
    return result.ok ? ok({}) : result;
  });
}
