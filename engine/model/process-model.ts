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
  | 'SUB_PROCESS';

export type EventType = 'NONE' | 'ERROR' | 'TERMINATE' | 'UNSPECIFIED';

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
  /** Boundary events attached to this activity. */
  readonly boundaryEventIds: readonly string[];
  /** For boundary events. */
  readonly attachedToId?: string;
  readonly cancelActivity?: boolean;
  /** Error catch: the static code, or null for a catch-all. Error throw (end event): the code expression. */
  readonly errorCode?: string | null;
  readonly errorCodeExpression?: Expression;
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
