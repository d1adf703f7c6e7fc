/** UpdateJobRetries: retries must be at least 1; does not resolve an incident by itself. */
import { ok, reject } from '../../errors.js';
import { updateJobRetries as update } from '../../runtime/commands/update-job-retries.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { intOf, keyOf } from '../request-values.js';
import { unary } from '../unary.js';

export function updateJobRetries(deps: GatewayDeps) {
  return unary<{ jobKey: string; retries: number }, unknown>(deps, 'UpdateJobRetries', async (request) => {
    const jobKey = keyOf(request.jobKey);
    const retries = intOf(request.retries);
    if (retries < 1) return reject('INVALID_ARGUMENT', `Expected to update retries of job with key '${jobKey}' to a positive number, but got ${retries}`);
    const result = await deps.commands.onInstance({ jobKey }, 'update retries of', (rt) => update(rt, jobKey, retries));
    return result.ok ? ok({}) : result;
  });
}
