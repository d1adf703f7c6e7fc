/** Events: the past-tense facts processors write and appliers apply (Zeebe's intents). */
import type { ElementType, EventType } from '../model/process-model.js';
import type { IncidentErrorType } from '../errors.js';
import type { ElementState, EventSubscription, Job } from './types.js';

export type ElementIntent = 'ELEMENT_ACTIVATING' | 'ELEMENT_ACTIVATED' | 'ELEMENT_COMPLETING' | 'ELEMENT_COMPLETED' | 'ELEMENT_TERMINATING' | 'ELEMENT_TERMINATED';

export const STATE_OF_INTENT: Record<ElementIntent, ElementState> = {
  ELEMENT_ACTIVATING: 'ACTIVATING',
  ELEMENT_ACTIVATED: 'ACTIVATED',
  ELEMENT_COMPLETING: 'COMPLETING',
  ELEMENT_COMPLETED: 'COMPLETED',
  ELEMENT_TERMINATING: 'TERMINATING',
  ELEMENT_TERMINATED: 'TERMINATED',
};

export interface ElementValue {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: string;
  processInstanceKey: string;
  elementId: string;
  flowScopeKey: string | null;
  bpmnElementType: ElementType;
  bpmnEventType: EventType;
  /** Only in instances a call activity started: the calling instance and its call activity instance. */
  parentProcessInstanceKey?: string;
  parentElementInstanceKey?: string;
}

/** A call activity starts its child instance (created when the outbox item is delivered, under this key). */
export interface ChildInstanceValue {
  bpmnProcessId: string;
  version: number;
  processDefinitionKey: string;
  parentProcessInstanceKey: string;
  parentElementInstanceKey: string;
}

export type EngineEvent =
  | { valueType: 'PROCESS_INSTANCE'; intent: ElementIntent; key: string; value: ElementValue }
  | { valueType: 'PROCESS_INSTANCE'; intent: 'SEQUENCE_FLOW_TAKEN'; key: string; value: ElementValue & { targetId: string; joining: boolean } }
  | { valueType: 'VARIABLE'; intent: 'CREATED' | 'UPDATED'; key: string; value: { name: string; value: unknown; scopeKey: string; processInstanceKey: string } }
  | { valueType: 'JOB'; intent: 'CREATED'; key: string; value: Job }
  | { valueType: 'JOB'; intent: 'COMPLETED' | 'CANCELED'; key: string; value: { type: string; elementInstanceKey: string; variables?: Record<string, unknown> } }
  | { valueType: 'JOB'; intent: 'FAILED'; key: string; value: { type: string; retries: number; errorMessage: string; retryBackOff: number; backoffUntil: number | null; elementInstanceKey: string } }
  | { valueType: 'JOB'; intent: 'ERROR_THROWN'; key: string; value: { type: string; errorCode: string; errorMessage: string; elementInstanceKey: string } }
  | { valueType: 'JOB'; intent: 'RETRIES_UPDATED'; key: string; value: { type: string; retries: number } }
  | {
      valueType: 'INCIDENT';
      intent: 'CREATED' | 'RESOLVED';
      key: string;
      value: { errorType: IncidentErrorType; errorMessage: string; elementInstanceKey: string; elementId: string; jobKey: string | null; processInstanceKey: string };
    }
  | { valueType: 'PROCESS_INSTANCE_CREATION'; intent: 'CREATING'; key: string; value: ChildInstanceValue }
  | { valueType: 'TIMER'; intent: 'CREATED' | 'TRIGGERED' | 'CANCELED'; key: string; value: EventSubscription }
  | { valueType: 'PROCESS_MESSAGE_SUBSCRIPTION'; intent: 'CREATED' | 'CORRELATED' | 'DELETED'; key: string; value: EventSubscription & { messageKey?: string } }
  | { valueType: 'SIGNAL_SUBSCRIPTION'; intent: 'CREATED' | 'DELETED'; key: string; value: EventSubscription }
  | { valueType: 'ESCALATION'; intent: 'ESCALATED' | 'NOT_ESCALATED'; key: string; value: { throwElementId: string; escalationCode: string; catchElementId: string | null; processInstanceKey: string } };
