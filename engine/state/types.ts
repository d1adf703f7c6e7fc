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
}

export interface ElementInstanceData {
  jobKey?: string;
  /** Containers: taken sequence flows waiting at a joining gateway (gateway id → flow id → count). */
  takenFlows?: Record<string, Record<string, number>>;
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

export type ValueType = 'PROCESS_INSTANCE' | 'VARIABLE' | 'JOB' | 'INCIDENT' | 'DEPLOYMENT' | 'PROCESS' | 'FORM' | 'PROCESS_INSTANCE_CREATION' | 'VARIABLE_DOCUMENT' | 'DECISION_REQUIREMENTS' | 'DECISION' | 'DECISION_EVALUATION';

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
