/** CancelProcessInstance: terminates every element instance top-down; jobs are cancelled and incidents resolved on the way. */
import { ok, reject, type Result } from '../../errors.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';

export function cancelInstance(rt: BpmnRuntime): Result<void> {
  rt.terminate(rt.ctx.state.instance.key);
  return ok(undefined);
}

/**
 * CancelProcessInstance from a client: as in Zeebe, an instance a call activity started is cancelled only through
 * its root (its call activity would otherwise wait forever). `rootProcessInstanceKey` names the root in the message.
 */
export function cancelRootInstance(rt: BpmnRuntime, rootProcessInstanceKey: string | null): Result<void> {
  const pi = rt.ctx.state.instance;
  if (pi.parentProcessInstanceKey) {
    return reject(
      'INVALID_STATE',
      `Expected to cancel a process instance with key '${pi.key}', but it is created by a parent process instance. Cancel the root process instance '${rootProcessInstanceKey ?? pi.parentProcessInstanceKey}' instead.`,
    );
  }
  return cancelInstance(rt);
}
