/** CancelProcessInstance. */
import { ok } from '../../errors.js';
import { cancelInstance } from '../../runtime/commands/cancel-instance.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { keyOf } from '../request-values.js';
import { unary } from '../unary.js';

export function cancelProcessInstance(deps: GatewayDeps) {
  return unary<{ processInstanceKey: string }, unknown>(deps, 'CancelProcessInstance', async (request) => {
    const result = await deps.commands.onInstance({ processInstanceKey: keyOf(request.processInstanceKey) }, 'cancel', (rt) => cancelInstance(rt));
    return result.ok ? ok({}) : result;
  });
}
