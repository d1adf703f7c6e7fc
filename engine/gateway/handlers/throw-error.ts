/** ThrowError. */
import { ok, reject } from '../../errors.js';
import { throwError as throwBpmnError } from '../../runtime/commands/throw-error.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { keyOf, parseVariables } from '../request-values.js';
import { unary } from '../unary.js';

interface Request {
  jobKey: string;
  errorCode: string;
  errorMessage?: string;
  variables?: string;
}

export function throwError(deps: GatewayDeps) {
  return unary<Request, unknown>(deps, 'ThrowError', async (request) => {
    const jobKey = keyOf(request.jobKey);
    if (!request.errorCode) return reject('INVALID_ARGUMENT', `Expected to throw an error for job with key '${jobKey}' with a non-empty error code, but it is empty`);
    const variables = parseVariables(request.variables, deps.config.maxVariablesBytes);
    if (!variables.ok) return variables;
    const command = { jobKey, errorCode: request.errorCode, errorMessage: request.errorMessage ?? '', variables: variables.value };
    const result = await deps.commands.onInstance({ jobKey }, 'throw an error for', (rt) => throwBpmnError(rt, command));
    return result.ok ? ok({}) : result;
  });
}
