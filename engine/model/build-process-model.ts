/**
 * bpmn-moddle definitions → validated ProcessModel per executable process. Every problem names the element id;
 * all problems of a resource are collected so the deployer sees them at once.
 */
import type { ModdleElement } from './read-definitions.js';
import { compileExpression, ExpressionSyntaxError, type Expression } from './expressions.js';
import type { ElementType, EventType, FlowElement, Mapping, ProcessModel, SequenceFlow, UserTaskDefinition } from './process-model.js';
import { USER_TASK_JOB_TYPE } from './process-model.js';
import { computeReachability } from './reachability.js';

const ELEMENT_TYPES: Record<string, ElementType> = {
  'bpmn:StartEvent': 'START_EVENT',
  'bpmn:EndEvent': 'END_EVENT',
  'bpmn:IntermediateThrowEvent': 'INTERMEDIATE_THROW_EVENT',
  'bpmn:BoundaryEvent': 'BOUNDARY_EVENT',
  'bpmn:ServiceTask': 'SERVICE_TASK',
  'bpmn:SendTask': 'SEND_TASK',
  'bpmn:BusinessRuleTask': 'BUSINESS_RULE_TASK',
  'bpmn:ScriptTask': 'SCRIPT_TASK',
  'bpmn:UserTask': 'USER_TASK',
  'bpmn:ManualTask': 'MANUAL_TASK',
  'bpmn:Task': 'TASK',
  'bpmn:ExclusiveGateway': 'EXCLUSIVE_GATEWAY',
  'bpmn:ParallelGateway': 'PARALLEL_GATEWAY',
  'bpmn:InclusiveGateway': 'INCLUSIVE_GATEWAY',
  'bpmn:SubProcess': 'SUB_PROCESS',
};

/** Flow elements that carry no behaviour and are ignored. */
const IGNORED_TYPES = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

type Draft = { -readonly [K in keyof FlowElement]: FlowElement[K] } & { incoming: SequenceFlow[]; outgoing: SequenceFlow[]; boundaryEventIds: string[]; childIds: string[] };

export function buildProcessModels(definitions: ModdleElement, problems: string[]): ProcessModel[] {
  const processes = list(definitions.rootElements).filter((e) => e.$type === 'bpmn:Process');
  const executable = processes.filter((p) => p.isExecutable === true);
  if (executable.length === 0) problems.push(`Expected at least one executable process (isExecutable="true"), but found ${processes.length === 0 ? 'no process' : 'none marked executable'}`);
  return executable.map((p) => buildProcess(p, problems));
}

function buildProcess(process: ModdleElement, problems: string[]): ProcessModel {
  const id = String(process.id ?? '');
  const elements = new Map<string, Draft>();
  const flows = new Map<string, SequenceFlow>();
  const root = draft(id, 'PROCESS', 'NONE', null, process);
  elements.set(id, root);
  collectScope(process, root, elements, flows, problems);
  linkFlows(elements, flows, problems);
  for (const el of elements.values()) validateElement(el, elements, problems);
  if (problems.length === 0 && !/^[A-Za-z_][\w.-]*$/.test(id)) problems.push(`Expected the process id to be a valid id, but got '${id}'`);
  const reachable = computeReachability(elements);
  return { bpmnProcessId: id, name: str(process.name), process: root, elements, flows, reachable };
}

function collectScope(scope: ModdleElement, scopeDraft: Draft, elements: Map<string, Draft>, flows: Map<string, SequenceFlow>, problems: string[]): void {
  for (const item of list(scope.flowElements)) {
    const itemId = String(item.id ?? '');
    if (item.$type === 'bpmn:SequenceFlow') {
      const condition = item.conditionExpression as ModdleElement | undefined;
      let compiled: Expression | undefined;
      if (condition) {
        const body = str(condition.body)?.trim() ?? '';
        if (!body.startsWith('=')) problems.push(`Element '${itemId}': expected the condition to be a FEEL expression starting with '=', but got '${body}'`);
        else compiled = expression(body, itemId, 'condition', problems);
      }
      flows.set(itemId, {
        id: itemId,
        sourceId: String((item.sourceRef as ModdleElement | undefined)?.id ?? ''),
        targetId: String((item.targetRef as ModdleElement | undefined)?.id ?? ''),
        condition: compiled,
      });
      continue;
    }
    if (IGNORED_TYPES.has(item.$type)) continue;
    const type = ELEMENT_TYPES[item.$type];
    if (!type) {
      problems.push(`Element '${itemId}': expected a supported element, but '${item.$type}' is not supported`);
      continue;
    }
    if (elements.has(itemId)) problems.push(`Element '${itemId}': expected ids to be unique, but it is used twice`);
    const el = draft(itemId, type, eventTypeOf(item, itemId, problems), scopeDraft.id, item);
    elements.set(itemId, el);
    scopeDraft.childIds.push(itemId);
    readExtensions(el, item, problems);
    if (type === 'SUB_PROCESS') {
      if (item.triggeredByEvent === true) problems.push(`Element '${itemId}': expected a supported element, but event sub-processes are not supported`);
      collectScope(item, el, elements, flows, problems);
    }
    if (type === 'BOUNDARY_EVENT') {
      el.attachedToId = String((item.attachedToRef as ModdleElement | undefined)?.id ?? '');
      el.cancelActivity = item.cancelActivity !== false;
    }
    if (item.default) el.defaultFlowId = String((item.default as ModdleElement).id);
  }
}

function eventTypeOf(item: ModdleElement, id: string, problems: string[]): EventType {
  const definitions = list(item.eventDefinitions);
  if (definitions.length === 0) return 'NONE';
  if (definitions.length > 1) {
    problems.push(`Element '${id}': expected at most one event definition, but found ${definitions.length}`);
    return 'UNSPECIFIED';
  }
  const d = definitions[0]!;
  if (d.$type === 'bpmn:ErrorEventDefinition') return 'ERROR';
  if (d.$type === 'bpmn:TerminateEventDefinition') return 'TERMINATE';
  problems.push(`Element '${id}': expected a supported event definition, but '${d.$type}' is not supported`);
  return 'UNSPECIFIED';
}

function readExtensions(el: Draft, item: ModdleElement, problems: string[]): void {
  const ext = list((item.extensionElements as ModdleElement | undefined)?.values);
  const find = (type: string) => ext.find((e) => e.$type === type);
  const io = find('zeebe:IoMapping');
  if (io) {
    el.inputs = list(io.inputParameters).map((m) => mapping(m, el.id, 'input', problems));
    el.outputs = list(io.outputParameters).map((m) => mapping(m, el.id, 'output', problems));
  }
  const headers: Record<string, string> = {};
  for (const h of list(find('zeebe:TaskHeaders')?.values)) headers[String(h.key ?? '')] = String(h.value ?? '');
  const taskDefinition = find('zeebe:TaskDefinition');
  const script = find('zeebe:Script');
  if (el.type === 'SCRIPT_TASK' && script) {
    const resultVariable = str(script.resultVariable) ?? '';
    if (!resultVariable) problems.push(`Element '${el.id}': expected zeebe:script to have a resultVariable, but it is missing`);
    const source = str(script.expression) ?? '';
    if (!source.trim().startsWith('=')) problems.push(`Element '${el.id}': expected the script to be a FEEL expression starting with '=', but got '${source}'`);
    else el.script = { expression: expression(source, el.id, 'script', problems), resultVariable };
    return;
  }
  const calledDecision = find('zeebe:CalledDecision');
  if (el.type === 'BUSINESS_RULE_TASK' && calledDecision) {
    const decisionId = str(calledDecision.decisionId) ?? '';
    const resultVariable = str(calledDecision.resultVariable) ?? '';
    if (decisionId.trim() === '' || decisionId.trim() === '=') problems.push(`Element '${el.id}': expected zeebe:calledDecision to have a decisionId, but it is missing`);
    if (!resultVariable) problems.push(`Element '${el.id}': expected zeebe:calledDecision to have a resultVariable, but it is missing`);
    if (decisionId.trim() !== '' && decisionId.trim() !== '=') el.calledDecision = { decisionId: expression(decisionId, el.id, 'decision id', problems), resultVariable };
    return;
  }
  if (el.type === 'USER_TASK') {
    el.job = { type: compileExpression(USER_TASK_JOB_TYPE), retries: compileExpression('1'), headers, userTask: userTask(find, el.id, problems) };
    return;
  }
  if (el.type === 'SERVICE_TASK' || el.type === 'SEND_TASK' || el.type === 'BUSINESS_RULE_TASK' || el.type === 'SCRIPT_TASK') {
    const type = str(taskDefinition?.type) ?? '';
    if (type.trim() === '' || type.trim() === '=') {
      problems.push(`Element '${el.id}': expected a job type in zeebe:taskDefinition, but it is ${taskDefinition ? 'empty' : 'missing'}`);
      return;
    }
    el.job = {
      type: expression(type, el.id, 'job type', problems),
      retries: expression(str(taskDefinition?.retries) ?? '3', el.id, 'retries', problems),
      headers,
    };
  }
}

function userTask(find: (type: string) => ModdleElement | undefined, id: string, problems: string[]): UserTaskDefinition {
  const form = find('zeebe:FormDefinition');
  const assignment = find('zeebe:AssignmentDefinition');
  const schedule = find('zeebe:TaskSchedule');
  const opt = (value: unknown, what: string) => (str(value) ? expression(str(value)!, id, what, problems) : undefined);
  return {
    formKey: str(form?.formKey) ?? (str(form?.formId) ? `camunda-forms:bpmn:${str(form?.formId)}` : undefined),
    assignee: opt(assignment?.assignee, 'assignee'),
    candidateGroups: opt(assignment?.candidateGroups, 'candidateGroups'),
    candidateUsers: opt(assignment?.candidateUsers, 'candidateUsers'),
    dueDate: opt(schedule?.dueDate, 'dueDate'),
    followUpDate: opt(schedule?.followUpDate, 'followUpDate'),
  };
}

function mapping(m: ModdleElement, id: string, kind: string, problems: string[]): Mapping {
  const target = str(m.target) ?? '';
  if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(target)) problems.push(`Element '${id}': expected the ${kind} mapping target to be a variable name or path, but got '${target}'`);
  const source = str(m.source) ?? '';
  return { source: expression(source === '' ? '=null' : source, id, `${kind} mapping source`, problems), target: target.split('.') };
}

function expression(raw: string, id: string, what: string, problems: string[]): Expression {
  try {
    return compileExpression(raw);
  } catch (error) {
    if (error instanceof ExpressionSyntaxError) {
      problems.push(`Element '${id}': expected the ${what} to be a valid expression, but ${error.message}`);
      return compileExpression('=null');
    }
    throw error;
  }
}

function linkFlows(elements: Map<string, Draft>, flows: Map<string, SequenceFlow>, problems: string[]): void {
  for (const flow of flows.values()) {
    const source = elements.get(flow.sourceId);
    const target = elements.get(flow.targetId);
    if (!source || !target) {
      problems.push(`Element '${flow.id}': expected the sequence flow to connect two supported elements, but '${!source ? flow.sourceId : flow.targetId}' is not one`);
      continue;
    }
    if (source.flowScopeId !== target.flowScopeId) problems.push(`Element '${flow.id}': expected the sequence flow to stay inside one scope, but it leaves '${source.flowScopeId}'`);
    source.outgoing.push(flow);
    target.incoming.push(flow);
    if (flow.condition && source.type !== 'EXCLUSIVE_GATEWAY' && source.type !== 'INCLUSIVE_GATEWAY') {
      problems.push(`Element '${flow.id}': expected conditions only on flows leaving exclusive or inclusive gateways, but it leaves '${source.id}' (${source.type})`);
    }
  }
}

function validateElement(el: Draft, elements: Map<string, Draft>, problems: string[]): void {
  const p = (message: string) => problems.push(`Element '${el.id}': ${message}`);
  const isGateway = el.type === 'EXCLUSIVE_GATEWAY' || el.type === 'PARALLEL_GATEWAY' || el.type === 'INCLUSIVE_GATEWAY';
  if (isGateway && el.outgoing.length === 0) p('expected the gateway to have at least one outgoing sequence flow, but it has none');
  if ((el.type === 'START_EVENT' || el.type === 'BOUNDARY_EVENT' || el.type === 'INTERMEDIATE_THROW_EVENT') && el.outgoing.length === 0) {
    p(`expected the ${el.type === 'START_EVENT' ? 'start' : el.type === 'BOUNDARY_EVENT' ? 'boundary' : 'intermediate throw'} event to have an outgoing sequence flow, but it has none`);
  }
  if (el.type === 'END_EVENT' && el.outgoing.length > 0) p('expected an end event to have no outgoing sequence flow, but it has some');
  if (el.type === 'START_EVENT' && el.eventType !== 'NONE') p('expected a none start event, but other start events are not supported');
  if (el.type === 'START_EVENT' && el.incoming.length > 0) p('expected a start event to have no incoming sequence flow, but it has some');
  if (el.type === 'INTERMEDIATE_THROW_EVENT' && el.eventType !== 'NONE') p('expected a none intermediate throw event, but this kind is not supported');
  if (el.type === 'BOUNDARY_EVENT') validateBoundary(el, elements, p);
  if (el.type === 'END_EVENT' && el.eventType === 'ERROR') {
    const code = errorCodeOf(el);
    if (!code) p('expected the error end event to reference an error with an errorCode, but it has none');
    else el.errorCodeExpression = compileOrReport(code, el.id, problems);
  }
  if (el.defaultFlowId) {
    const flow = el.outgoing.find((f) => f.id === el.defaultFlowId);
    if (!flow) p(`expected the default flow '${el.defaultFlowId}' to leave this element, but it does not`);
    else if (flow.condition) p(`expected the default flow '${flow.id}' to have no condition, but it has one`);
  }
  if ((el.type === 'EXCLUSIVE_GATEWAY' || el.type === 'INCLUSIVE_GATEWAY') && el.outgoing.length > 1) {
    for (const flow of el.outgoing) if (!flow.condition && flow.id !== el.defaultFlowId) p(`expected the outgoing flow '${flow.id}' to have a condition or be the default flow, but it has neither`);
  }
  if (el.type === 'PARALLEL_GATEWAY' && el.outgoing.some((f) => f.condition)) p('expected no conditions on flows leaving a parallel gateway, but found one');
  if (el.type === 'PROCESS' || el.type === 'SUB_PROCESS') {
    const starts = el.childIds.map((id) => elements.get(id)!).filter((c) => c.type === 'START_EVENT');
    if (starts.length > 1) p(`expected at most one none start event, but found ${starts.length}`);
    if (el.type === 'SUB_PROCESS' && starts.length === 0) p('expected the embedded sub-process to have a none start event, but it has none');
    el.noneStartEventId = starts[0]?.id;
  }
}

function validateBoundary(el: Draft, elements: Map<string, Draft>, p: (m: string) => void): void {
  const host = el.attachedToId ? elements.get(el.attachedToId) : undefined;
  if (!host) return p(`expected the boundary event to be attached to a supported activity, but '${el.attachedToId}' is not one`);
  if (el.eventType !== 'ERROR') return p('expected an error boundary event, but other boundary events are not supported yet');
  if (!el.cancelActivity) return p('expected the error boundary event to be interrupting, but cancelActivity is false');
  el.errorCode = errorCodeOf(el);
  const sameCode = host.boundaryEventIds.map((id) => elements.get(id)!).filter((b) => b.eventType === 'ERROR' && b.errorCode === el.errorCode);
  if (sameCode.length > 0) p(`expected error catch events on '${host.id}' to have distinct error codes, but '${sameCode[0]!.id}' also catches ${el.errorCode === null ? 'all errors' : `'${el.errorCode}'`}`);
  host.boundaryEventIds.push(el.id);
}

function errorCodeOf(el: Draft & { source?: ModdleElement }): string | null {
  const definition = list(el.source?.eventDefinitions)[0];
  const error = definition?.errorRef as ModdleElement | undefined;
  return str(error?.errorCode) ?? null;
}

function compileOrReport(raw: string, id: string, problems: string[]): Expression {
  return expression(raw, id, 'error code', problems);
}

function draft(id: string, type: ElementType, eventType: EventType, flowScopeId: string | null, source: ModdleElement): Draft {
  const d: Draft & { source?: ModdleElement } = {
    id,
    name: str(source.name),
    type,
    eventType,
    flowScopeId,
    incoming: [],
    outgoing: [],
    inputs: [],
    outputs: [],
    boundaryEventIds: [],
    childIds: [],
  };
  Object.defineProperty(d, 'source', { value: source, enumerable: false });
  return d;
}

function list(value: unknown): ModdleElement[] {
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
