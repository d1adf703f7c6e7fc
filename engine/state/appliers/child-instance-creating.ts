/** PROCESS_INSTANCE_CREATION CREATING: the call activity remembers the key of the child instance it starts. */
import type { ChildInstanceValue } from '../events.js';
import type { InstanceState } from '../instance-state.js';

export function applyChildInstanceCreating(state: InstanceState, childKey: string, value: ChildInstanceValue): void {
  const callActivity = state.element(value.parentElementInstanceKey)!;
  state.putElement({ ...callActivity, data: { ...callActivity.data, calledChildInstanceKey: childKey } });
}
