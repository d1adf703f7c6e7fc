/** The applier for each event: the only code that changes state. */
import type { EngineEvent } from '../events.js';
import type { InstanceState } from '../instance-state.js';
import { applyChildInstanceCreating } from './child-instance-creating.js';
import { applyElementActivating } from './element-activating.js';
import { applyElementEnded } from './element-ended.js';
import { applyElementTransition } from './element-transition.js';
import { applyIncidentCreated } from './incident-created.js';
import { applyIncidentResolved } from './incident-resolved.js';
import { applyJobCreated } from './job-created.js';
import { applyJobErrorThrown } from './job-error-thrown.js';
import { applyJobFailed } from './job-failed.js';
import { applyJobRemoved } from './job-removed.js';
import { applyJobRetriesUpdated } from './job-retries-updated.js';
import { applySubscriptionEvent } from './subscription.js';
import { applySequenceFlowTaken } from './sequence-flow-taken.js';
import { applyVariableSet } from './variable-set.js';

export function applyEvent(state: InstanceState, event: EngineEvent, timestamp: number, consumedFlows: readonly string[] = []): void {
  switch (event.valueType) {
    case 'PROCESS_INSTANCE':
      switch (event.intent) {
        case 'ELEMENT_ACTIVATING':
          return applyElementActivating(state, event.key, event.value, consumedFlows);
        case 'ELEMENT_COMPLETED':
          return applyElementEnded(state, event.key, 'COMPLETED');
        case 'ELEMENT_TERMINATED':
          return applyElementEnded(state, event.key, 'TERMINATED');
        case 'SEQUENCE_FLOW_TAKEN':
          return applySequenceFlowTaken(state, event.value);
        default:
          return applyElementTransition(state, event.key, event.intent, event.value);
      }
    case 'VARIABLE':
      return applyVariableSet(state, event.value);
    case 'JOB':
      switch (event.intent) {
        case 'CREATED':
          return applyJobCreated(state, event.value);
        case 'COMPLETED':
        case 'CANCELED':
          return applyJobRemoved(state, event.key);
        case 'FAILED':
          return applyJobFailed(state, event.key, event.value);
        case 'ERROR_THROWN':
          return applyJobErrorThrown(state, event.key, event.value);
        case 'RETRIES_UPDATED':
          return applyJobRetriesUpdated(state, event.key, event.value);
      }
      return;
    case 'TIMER':
    case 'PROCESS_MESSAGE_SUBSCRIPTION':
    case 'SIGNAL_SUBSCRIPTION':
      return applySubscriptionEvent(state, event);
    case 'ESCALATION':
      // a record of where an escalation went; what it changed is written by the element events that follow
      return;
    case 'PROCESS_INSTANCE_CREATION':
      return applyChildInstanceCreating(state, event.key, event.value);
    case 'INCIDENT':
      if (event.intent === 'CREATED') {
        return applyIncidentCreated(state, { key: event.key, ...event.value, createdAt: timestamp });
      }
      return applyIncidentResolved(state, event.key);
  }
}
