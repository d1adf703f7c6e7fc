/** The engine's state entities (one row each in schema engine). Keys are int64 decimal strings. */
import type { ElementType } from '../model/process-model.js';
import type { IncidentErrorType } from '../errors.js';

export type ElementState = 'ACTIVATING' | 'ACTIVATED' | 'COMPLETING' | 'COMPLETED' | 'TERMINATING' | 'TERMINATED';

export interface ProcessInstance {
  key: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  awaitResult: boolean;
  createdAt: number;
  /** Set on an instance a call activity started: the calling instance and the call activity's element instance. */
  parentProcessInstanceKey?: string | null;
  parentElementInstanceKey?: string | null;
}

export interface ElementInstanceData {
  jobKey?: string;
  /** Call activities: the process instance they started (Zeebe's calledChildInstanceKey). */
  calledChildInstanceKey?: string;
  /** Containers: taken sequence flows waiting at a joining gateway (gateway id → flow id → count). */
  takenFlows?: Record<string, Record<string, number>>;
  /** Inner instances of a multi-instance body: the 1-based position of their input item (Zeebe's multiInstanceLoopCounter). */
  loopCounter?: number;
  /** Multi-instance bodies: their inner instances created, completed and terminated so far (kept by the appliers). */
  innerInstances?: InnerInstanceCounts;
}

export interface InnerInstanceCounts {
  created: number;
  completed: number;
  terminated: number;
}

export interface ElementInstance {
  key: string;
  processInstanceKey: string;
  flowScopeKey: string | null;
  elementId: string;
  elementType: ElementType;
  state: ElementState;
  data: ElementInstanceData;
}

export type JobState = 'ACTIVATABLE' | 'ACTIVATED' | 'FAILED' | 'ERROR_THROWN';

export interface Job {
  key: string;
  type: string;
  state: JobState;
  retries: number;
  worker: string | null;
  deadline: number | null;
  backoffUntil: number | null;
  errorMessage: string | null;
  customHeaders: Record<string, string>;
  processInstanceKey: string;
  elementInstanceKey: string;
  elementId: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  /** The element instance key followed by its flow scopes up to the process instance: where variables are looked up. */
  scopeKeys: string[];
  createdAt: number;
}

export interface Incident {
  key: string;
  processInstanceKey: string;
  elementInstanceKey: string;
  elementId: string;
  jobKey: string | null;
  errorType: IncidentErrorType;
  errorMessage: string;
  createdAt: number;
}

export type SubscriptionKind = 'timer' | 'message' | 'signal';

/**
 * What an element instance waits for (engine.event_subscriptions): a timer, a message or a signal. `elementId` is
 * the catch event that is triggered (the element itself, one of its boundary events, an event sub-process start
 * event of the scope, or an event after an event-based gateway); `elementInstanceKey` the instance that waits.
 * Start-event subscriptions of a deployed definition have no instance.
 */
export interface EventSubscription {
  key: string;
  kind: SubscriptionKind;
  processInstanceKey: string | null;
  elementInstanceKey: string | null;
  elementId: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  /** Message or signal name. */
  name: string | null;
  correlationKey: string | null;
  interrupting: boolean;
  /** Timers: when they fire (epoch ms). */
  dueDate: number | null;
  /** Timer cycles: repetitions left including this one (null: forever); null for other timers. */
  repetitions: number | null;
  /** Timer cycles: the ISO 8601 interval. */
  interval: string | null;
  createdAt: number;
}

/** A command for another process instance (engine.outbox), delivered after the sender's commit. */
export interface OutboxItem {
  key: string;
  kind: string;
  /** The receiving instance (null: the receiver creates one). */
  processInstanceKey: string | null;
  payload: Record<string, unknown>;
  createdAt: number;
}

export type ValueType = 'PROCESS_INSTANCE' | 'VARIABLE' | 'JOB' | 'INCIDENT' | 'DEPLOYMENT' | 'PROCESS' | 'FORM' | 'PROCESS_INSTANCE_CREATION' | 'VARIABLE_DOCUMENT' | 'DECISION_REQUIREMENTS' | 'DECISION' | 'DECISION_EVALUATION'
  | 'TIMER'
  | 'PROCESS_MESSAGE_SUBSCRIPTION'
  | 'MESSAGE'
  | 'MESSAGE_START_EVENT_SUBSCRIPTION'
  | 'SIGNAL'
  | 'SIGNAL_SUBSCRIPTION'
  | 'ESCALATION'
  | 'PROCESS_INSTANCE_MODIFICATION';

/** One entry of engine.records. */
export interface RecordDraft {
  recordType: 'EVENT' | 'COMMAND_REJECTION';
  valueType: ValueType;
  intent: string;
  key: string;
  processInstanceKey: string | null;
  timestamp: number;
  payload: Record<string, unknown>;
}
