/** CancelProcessInstance. */
import { ok } from '../../errors.js';
import { cancelRootInstance } from '../../runtime/commands/cancel-instance.js';
import { rootProcessInstanceKey } from '../../state/pg/call-activity-repository.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { keyOf } from '../request-values.js';
import { unary } from '../unary.js';

export function cancelProcessInstance(deps: GatewayDeps) {
  return unary<{ processInstanceKey: string }, unknown>(deps, 'CancelProcessInstance', async (request) => {
    let root: string | null = null;
    const result = await deps.commands.execute({
      locator: { processInstanceKey: keyOf(request.processInstanceKey) },
      action: 'cancel',
      // a call activity's child is refused; the rejection names the root of its hierarchy, found here
      prepare: async (sql, state) => {
        if (state.instance.parentProcessInstanceKey) root = await rootProcessInstanceKey(sql, state.instance.parentProcessInstanceKey);
        return true;
      },
      decide: (rt) => cancelRootInstance(rt, root),
    });
    return result.ok ? ok({}) : result;
  });
}
