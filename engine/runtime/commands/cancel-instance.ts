/** CancelProcessInstance: terminates every element instance top-down; jobs are cancelled and incidents resolved on the way. */
import { ok, type Result } from '../../errors.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';

export function cancelInstance(rt: BpmnRuntime): Result<void> {
  rt.terminate(rt.ctx.state.instance.key);
  return ok(undefined);
}
