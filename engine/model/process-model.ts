/** The validated, immutable process model the runtime executes. Built once per deployed definition. */
import type { Expression } from './expressions.js';

export type ElementType =
  | 'PROCESS'
  | 'START_EVENT'
  | 'END_EVENT'
  | 'INTERMEDIATE_THROW_EVENT'
  | 'BOUNDARY_EVENT'
  | 'SERVICE_TASK'
  | 'SEND_TASK'
  | 'BUSINESS_RULE_TASK'
  | 'SCRIPT_TASK'
  | 'USER_TASK'
  | 'MANUAL_TASK'
  | 'TASK'
  | 'EXCLUSIVE_GATEWAY'
  | 'PARALLEL_GATEWAY'
  | 'INCLUSIVE_GATEWAY'
  | 'SUB_PROCESS'
  | 'EVENT_SUB_PROCESS'
  | 'INTERMEDIATE_CATCH_EVENT'
  | 'RECEIVE_TASK'
  | 'EVENT_BASED_GATEWAY'
  | 'CALL_ACTIVITY'
  | 'MULTI_INSTANCE_BODY';

export type EventType = 'NONE' | 'ERROR' | 'TERMINATE' | 'TIMER' | 'MESSAGE' | 'SIGNAL' | 'ESCALATION' | 'LINK' | 'UNSPECIFIED';

/** A timer event definition: which ISO 8601 form, and its value (static or FEEL giving a string or date-time). */
export interface TimerDefinition {
  readonly kind: 'timeDate' | 'timeDuration' | 'timeCycle';
  readonly expression: Expression;
}

/** A message event definition (catch events and receive tasks). */
export interface MessageDefinition {
  readonly name: Expression;
  /** Not on message start events. */
  readonly correlationKey?: Expression;
}

/**
 * bpmn:multiInstanceLoopCharacteristics with zeebe:loopCharacteristics. The body iterates over the input collection;
 * each inner instance gets the item as `inputElement` and its 1-based `loopCounter` as local variables.
 */
export interface MultiInstanceDefinition {
  readonly isSequential: boolean;
  readonly inputCollection: Expression;
  readonly inputElement?: string;
  /** Set together with outputElement: the body's list the inner instances' outputElement values are collected in. */
  readonly outputCollection?: string;
  readonly outputElement?: Expression;
  readonly completionCondition?: Expression;
}

/** A call activity's zeebe:calledElement: which process it starts, and which variables go in and come back. */
export interface CalledElementDefinition {
  /** Static, or FEEL evaluated in the call activity's scope when it is activated; the latest version is started. */
  readonly processId: Expression;
  /** True: the child's root variables come back when it completes; false: only through output mappings. */
  readonly propagateAllChildVariables: boolean;
  /** True: the child starts with every variable visible from the call activity; false: only its local ones (input mappings). */
  readonly propagateAllParentVariables: boolean;
}

export interface Mapping {
  readonly source: Expression;
  /** Dot path, e.g. ['sender', 'name']. */
  readonly target: readonly string[];
}

export interface JobDefinition {
  readonly type: Expression;
  readonly retries: Expression;
  readonly headers: Readonly<Record<string, string>>;
  /** Set for user tasks: the reserved io.camunda.zeebe:* headers, evaluated at activation. */
  readonly userTask?: UserTaskDefinition;
}

export interface UserTaskDefinition {
  readonly formKey?: string;
  readonly assignee?: Expression;
  readonly candidateGroups?: Expression;
  readonly candidateUsers?: Expression;
  readonly dueDate?: Expression;
  readonly followUpDate?: Expression;
}

export interface SequenceFlow {
  readonly id: string;
  readonly sourceId: string;
  readonly targetId: string;
  readonly condition?: Expression;
}

export interface FlowElement {
  readonly id: string;
  readonly name?: string;
  readonly type: ElementType;
  readonly eventType: EventType;
  /** The containing process or sub-process; null for the process itself. */
  readonly flowScopeId: string | null;
  readonly incoming: readonly SequenceFlow[];
  readonly outgoing: readonly SequenceFlow[];
  readonly defaultFlowId?: string;
  readonly inputs: readonly Mapping[];
  readonly outputs: readonly Mapping[];
  readonly job?: JobDefinition;
  readonly script?: { readonly expression: Expression; readonly resultVariable: string };
  /** Business-rule task with zeebe:calledDecision: the decision id (static or FEEL) and the variable its result goes to. */
  readonly calledDecision?: { readonly decisionId: Expression; readonly resultVariable: string };
  /** Call activities: the called process and how variables are propagated. */
  readonly calledElement?: CalledElementDefinition;
  /** Multi-instance activities: the loop characteristics. Such an activity runs inside a multi-instance body (same id). */
  readonly multiInstance?: MultiInstanceDefinition;
  readonly timer?: TimerDefinition;
  readonly message?: MessageDefinition;
  readonly signal?: { readonly name: Expression };
  /** Escalation throw: the code expression; escalation catch: the static code, or null for a catch-all. */
  readonly escalationCode?: string | null;
  readonly escalationCodeExpression?: Expression;
  /** Link events: the link name. */
  readonly linkName?: string;
  /** Boundary events attached to this activity. */
  readonly boundaryEventIds: readonly string[];
  /** For boundary events. */
  readonly attachedToId?: string;
  readonly cancelActivity?: boolean;
  /** Error catch: the static code, or null for a catch-all. Error throw (end event): the code expression. */
  readonly errorCode?: string | null;
  readonly errorCodeExpression?: Expression;
  /** Process and sub-processes: the event sub-processes directly inside. */
  readonly eventSubProcessIds?: readonly string[];
  /** Event sub-processes: the start event (exactly one). */
  readonly startEventId?: string;
  /** Containers: the none start event and the direct children. */
  readonly noneStartEventId?: string;
  readonly childIds: readonly string[];
}

export interface ProcessModel {
  readonly bpmnProcessId: string;
  readonly name?: string;
  readonly process: FlowElement;
  readonly elements: ReadonlyMap<string, FlowElement>;
  readonly flows: ReadonlyMap<string, SequenceFlow>;
  /** For inclusive-gateway joins: element id → ids of the elements reachable from it (same flow scope). */
  readonly reachable: ReadonlyMap<string, ReadonlySet<string>>;
}

export function element(model: ProcessModel, id: string): FlowElement {
  const found = model.elements.get(id);
  if (!found) throw new Error(`Expected element '${id}' in process '${model.bpmnProcessId}', but it does not exist`);
  return found;
}

export const JOB_ELEMENT_TYPES: ReadonlySet<ElementType> = new Set(['SERVICE_TASK', 'SEND_TASK', 'BUSINESS_RULE_TASK', 'SCRIPT_TASK', 'USER_TASK']);
export const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';
