/**
 * bpmn-moddle definitions → validated ProcessModel per executable process. Every problem names the element id;
 * all problems of a resource are collected so the deployer sees them at once.
 */
import type { ModdleElement } from './read-definitions.js';
import { compileExpression, ExpressionSyntaxError, type Expression } from './expressions.js';
import type { ElementType, EventType, FlowElement, Mapping, ProcessModel, SequenceFlow, UserTaskDefinition } from './process-model.js';
import { USER_TASK_JOB_TYPE } from './process-model.js';
import { readCalledElement } from './called-element.js';
import { readMultiInstance } from './multi-instance-definition.js';
import { computeReachability } from './reachability.js';
import { readEscalation } from './escalation-definition.js';
import { readLinkName, validateLinks } from './link-events.js';

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
  'bpmn:IntermediateCatchEvent': 'INTERMEDIATE_CATCH_EVENT',
  'bpmn:ReceiveTask': 'RECEIVE_TASK',
  'bpmn:EventBasedGateway': 'EVENT_BASED_GATEWAY',
  'bpmn:CallActivity': 'CALL_ACTIVITY',
};

/** Flow elements that carry no behaviour and are ignored. */
const IGNORED_TYPES = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

type Draft = { -readonly [K in keyof FlowElement]: FlowElement[K] } & { incoming: SequenceFlow[]; outgoing: SequenceFlow[]; boundaryEventIds: string[]; childIds: string[]; eventSubProcessIds?: string[] };

/**
 * Timer, message and signal definitions (of events, and the message of a receive task). Message names and
 * correlation keys, signal names and timer values may be FEEL; message names come from bpmn:message and the
 * correlation key from its zeebe:subscription.
 */
function readEventDefinition(el: Draft, item: ModdleElement, problems: string[]): void {
  const definition = el.type === 'RECEIVE_TASK' ? null : list(item.eventDefinitions)[0];
  if (el.eventType === 'TIMER' && definition) {
    const kinds = (['timeDate', 'timeDuration', 'timeCycle'] as const).filter((k) => definition[k]);
    if (kinds.length !== 1) {
      problems.push(`Element '${el.id}': expected the timer to have exactly one of timeDate, timeDuration or timeCycle, but it has ${kinds.length === 0 ? 'none' : kinds.join(' and ')}`);
      return;
    }
    const kind = kinds[0]!;
    const body = str((definition[kind] as ModdleElement).body)?.trim() ?? '';
    if (body === '' || body === '=') problems.push(`Element '${el.id}': expected the timer's ${kind} to have a value, but it is empty`);
    else el.timer = { kind, expression: expression(body, el.id, `timer ${kind}`, problems) };
    return;
  }
  if (el.eventType === 'MESSAGE' || el.type === 'RECEIVE_TASK') {
    // a message throw or end event is a job: its worker sends the message, so its message reference is optional
    if (el.type === 'INTERMEDIATE_THROW_EVENT' || el.type === 'END_EVENT') return;
    const message = (el.type === 'RECEIVE_TASK' ? item.messageRef : definition?.messageRef) as ModdleElement | undefined;
    const name = str(message?.name)?.trim() ?? '';
    if (!message) return void problems.push(`Element '${el.id}': expected a message reference, but it has none`);
    if (name === '' || name === '=') return void problems.push(`Element '${el.id}': expected the message '${String(message.id)}' to have a name, but it has none`);
    const subscription = list((message.extensionElements as ModdleElement | undefined)?.values).find((e) => e.$type === 'zeebe:Subscription');
    const correlationKey = str(subscription?.correlationKey)?.trim();
    el.message = {
      name: expression(name, el.id, 'message name', problems),
      correlationKey: correlationKey ? expression(correlationKey, el.id, 'correlation key', problems) : undefined,
    };
    return;
  }
  if (el.eventType === 'SIGNAL' && definition) {
    const signal = definition.signalRef as ModdleElement | undefined;
    const name = str(signal?.name)?.trim() ?? '';
    if (!signal) return void problems.push(`Element '${el.id}': expected a signal reference, but it has none`);
    if (name === '' || name === '=') return void problems.push(`Element '${el.id}': expected the signal '${String(signal.id)}' to have a name, but it has none`);
    el.signal = { name: expression(name, el.id, 'signal name', problems) };
  }
}

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
  validateLinks(elements, problems);
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
    const type = item.$type === 'bpmn:SubProcess' && item.triggeredByEvent === true ? 'EVENT_SUB_PROCESS' : ELEMENT_TYPES[item.$type];
    if (!type) {
      problems.push(`Element '${itemId}': expected a supported element, but '${item.$type}' is not supported`);
      continue;
    }
    if (elements.has(itemId)) problems.push(`Element '${itemId}': expected ids to be unique, but it is used twice`);
    const el = draft(itemId, type, eventTypeOf(item, itemId, problems), scopeDraft.id, item);
    elements.set(itemId, el);
    scopeDraft.childIds.push(itemId);
    readExtensions(el, item, problems);
    el.multiInstance = readMultiInstance(item, itemId, type, problems);
    readEventDefinition(el, item, problems);
    if (el.eventType === 'ESCALATION') Object.assign(el, readEscalation(item, itemId, type, problems));
    if (el.eventType === 'LINK') el.linkName = readLinkName(item, itemId, problems);
    // catch codes are read here, before any element is validated: a scope checks its event sub-processes' codes
    if (type === 'START_EVENT' && el.eventType === 'ERROR') el.errorCode = errorCodeOf(el);
    if (type === 'SUB_PROCESS' || type === 'EVENT_SUB_PROCESS') collectScope(item, el, elements, flows, problems);
    if (type === 'EVENT_SUB_PROCESS') (scopeDraft.eventSubProcessIds ??= []).push(itemId);
    if (type === 'START_EVENT') el.cancelActivity = item.isInterrupting !== false;
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
  if (d.$type === 'bpmn:TimerEventDefinition') return 'TIMER';
  if (d.$type === 'bpmn:MessageEventDefinition') return 'MESSAGE';
  if (d.$type === 'bpmn:SignalEventDefinition') return 'SIGNAL';
  if (d.$type === 'bpmn:EscalationEventDefinition') return 'ESCALATION';
  if (d.$type === 'bpmn:LinkEventDefinition') return 'LINK';
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
  if (el.type === 'CALL_ACTIVITY') {
    el.calledElement = readCalledElement(find('zeebe:CalledElement'), el.id, problems);
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
  const isMessageThrow = (el.type === 'INTERMEDIATE_THROW_EVENT' || el.type === 'END_EVENT') && el.eventType === 'MESSAGE';
  if (el.type === 'SERVICE_TASK' || el.type === 'SEND_TASK' || el.type === 'BUSINESS_RULE_TASK' || el.type === 'SCRIPT_TASK' || isMessageThrow) {
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
  // a throw link event continues at its catch link event, not along a sequence flow
  const isLinkThrow = el.type === 'INTERMEDIATE_THROW_EVENT' && el.eventType === 'LINK';
  if ((el.type === 'START_EVENT' || el.type === 'BOUNDARY_EVENT' || el.type === 'INTERMEDIATE_THROW_EVENT' || el.type === 'INTERMEDIATE_CATCH_EVENT') && el.outgoing.length === 0 && !isLinkThrow) {
    const what = { START_EVENT: 'start', BOUNDARY_EVENT: 'boundary', INTERMEDIATE_THROW_EVENT: 'intermediate throw', INTERMEDIATE_CATCH_EVENT: 'intermediate catch' }[el.type];
    p(`expected the ${what} event to have an outgoing sequence flow, but it has none`);
  }
  if (el.type === 'END_EVENT' && el.outgoing.length > 0) p('expected an end event to have no outgoing sequence flow, but it has some');
  if (el.type === 'START_EVENT') validateStart(el, elements, p);
  if (el.type === 'INTERMEDIATE_CATCH_EVENT') validateIntermediateCatch(el, p);
  if (el.type === 'EVENT_BASED_GATEWAY') validateEventBasedGateway(el, elements, p);
  if (el.type === 'EVENT_SUB_PROCESS' && (el.incoming.length > 0 || el.outgoing.length > 0)) p('expected an event sub-process to have no incoming or outgoing sequence flows, but it has some');
  // only a process's message start events match by name alone; every other message catch is per instance
  const isEventSubProcessMessageStart = el.type === 'START_EVENT' && el.eventType === 'MESSAGE' && elements.get(el.flowScopeId!)?.type === 'EVENT_SUB_PROCESS';
  if ((el.type === 'RECEIVE_TASK' || (el.type === 'INTERMEDIATE_CATCH_EVENT' && el.eventType === 'MESSAGE') || (el.type === 'BOUNDARY_EVENT' && el.eventType === 'MESSAGE') || isEventSubProcessMessageStart) && el.message && !el.message.correlationKey) {
    p('expected the message to have a correlation key (zeebe:subscription correlationKey), but it has none');
  }
  if (el.type === 'START_EVENT' && el.incoming.length > 0) p('expected a start event to have no incoming sequence flow, but it has some');
  if (el.type === 'INTERMEDIATE_THROW_EVENT' && !INTERMEDIATE_THROW_EVENT_TYPES.includes(el.eventType)) {
    p(`expected a ${INTERMEDIATE_THROW_EVENT_TYPES.map((t) => t.toLowerCase()).join(', ')} intermediate throw event, but it is a ${el.eventType.toLowerCase()} intermediate throw event`);
  }
  if (isLinkThrow && el.outgoing.length > 0) p('expected a throw link event to have no outgoing sequence flow (it continues at its catch link event), but it has some');
  if (el.type === 'INTERMEDIATE_CATCH_EVENT' && el.eventType === 'LINK' && el.incoming.length > 0) p('expected a catch link event to have no incoming sequence flow (it is reached from its throw link event), but it has some');
  if (el.eventSubProcessIds && el.eventSubProcessIds.length > 0) validateEventSubProcessStarts(el, elements, p);
  if (el.type === 'BOUNDARY_EVENT') validateBoundary(el, elements, p);
  if (el.type === 'BOUNDARY_EVENT' && el.eventType === 'MESSAGE') validateMessageBoundaryName(el, elements, p);
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
    const starts = el.childIds.map((id) => elements.get(id)!).filter((c) => c.type === 'START_EVENT' && c.eventType === 'NONE');
    if (starts.length > 1) p(`expected at most one none start event, but found ${starts.length}`);
    if (el.type === 'SUB_PROCESS' && starts.length === 0) p('expected the embedded sub-process to have a none start event, but it has none');
    el.noneStartEventId = starts[0]?.id;
  }
  if (el.type === 'PROCESS') validateMessageStarts(el, elements, p);
  if (el.type === 'EVENT_SUB_PROCESS') {
    const starts = el.childIds.map((id) => elements.get(id)!).filter((c) => c.type === 'START_EVENT');
    if (starts.length !== 1) p(`expected the event sub-process to have exactly one start event, but found ${starts.length}`);
    el.startEventId = starts[0]?.id;
  }
}

function validateBoundary(el: Draft, elements: Map<string, Draft>, p: (m: string) => void): void {
  const host = el.attachedToId ? elements.get(el.attachedToId) : undefined;
  if (!host) return p(`expected the boundary event to be attached to a supported activity, but '${el.attachedToId}' is not one`);
  if (el.eventType === 'TIMER' || el.eventType === 'MESSAGE' || el.eventType === 'SIGNAL') {
    if (el.eventType === 'TIMER' && el.timer?.kind === 'timeCycle' && el.cancelActivity) p('expected a timer boundary event with a timeCycle to be non-interrupting, but it is interrupting');
    host.boundaryEventIds.push(el.id);
    return;
  }
  if (el.eventType === 'ESCALATION') {
    // escalations are thrown inside a sub-process (or a called process), so only those can catch them on a boundary
    if (host.type !== 'SUB_PROCESS' && host.type !== 'CALL_ACTIVITY') return p(`expected an escalation boundary event to be attached to a sub-process or call activity, but '${host.id}' is a ${host.type}`);
    const sameCode = host.boundaryEventIds.map((id) => elements.get(id)!).filter((b) => b.eventType === 'ESCALATION' && b.escalationCode === el.escalationCode);
    if (sameCode.length > 0) p(`expected escalation catch events on '${host.id}' to have distinct escalation codes, but '${sameCode[0]!.id}' also catches ${el.escalationCode === null ? 'all escalations' : `'${el.escalationCode}'`}`);
    host.boundaryEventIds.push(el.id);
    return;
  }
  if (el.eventType !== 'ERROR') return p(`expected an error, escalation, timer, message or signal boundary event, but ${el.eventType.toLowerCase()} boundary events are not supported`);
  if (!el.cancelActivity) return p('expected the error boundary event to be interrupting, but cancelActivity is false');
  el.errorCode = errorCodeOf(el);
  const sameCode = host.boundaryEventIds.map((id) => elements.get(id)!).filter((b) => b.eventType === 'ERROR' && b.errorCode === el.errorCode);
  if (sameCode.length > 0) p(`expected error catch events on '${host.id}' to have distinct error codes, but '${sameCode[0]!.id}' also catches ${el.errorCode === null ? 'all errors' : `'${el.errorCode}'`}`);
  host.boundaryEventIds.push(el.id);
}

/** Start events: the process may start by none, timer, message or signal; a sub-process by none; an event sub-process by its trigger. */
function validateStart(el: Draft, elements: Map<string, Draft>, p: (m: string) => void): void {
  const scope = elements.get(el.flowScopeId!)!;
  const allowed: Partial<Record<ElementType, readonly EventType[]>> = {
    PROCESS: PROCESS_START_EVENT_TYPES,
    SUB_PROCESS: ['NONE'],
    EVENT_SUB_PROCESS: EVENT_SUB_PROCESS_START_TYPES,
  };
  const types = allowed[scope.type] ?? [];
  if (!types.includes(el.eventType)) {
    const where = scope.type === 'PROCESS' ? 'the process' : scope.type === 'SUB_PROCESS' ? 'an embedded sub-process' : 'an event sub-process';
    p(`expected a ${types.map((t) => t.toLowerCase()).join(', ')} start event in ${where}, but it is a ${el.eventType.toLowerCase()} start event`);
  }
}

/** Start-event triggers the engine supports per scope (widened as constructs are added). */
const PROCESS_START_EVENT_TYPES: readonly EventType[] = ['NONE', 'TIMER', 'SIGNAL', 'MESSAGE'];
const EVENT_SUB_PROCESS_START_TYPES: readonly EventType[] = ['TIMER', 'MESSAGE', 'SIGNAL', 'ERROR', 'ESCALATION'];
const INTERMEDIATE_THROW_EVENT_TYPES: readonly EventType[] = ['NONE', 'SIGNAL', 'ESCALATION', 'LINK', 'MESSAGE'];

/**
 * The start events of a scope's event sub-processes, as Zeebe checks them: an error start is interrupting (an error
 * cannot be continued from), and no two starts catch the same error or escalation code (or both catch all).
 */
function validateEventSubProcessStarts(scope: Draft, elements: Map<string, Draft>, p: (m: string) => void): void {
  const starts = scope.eventSubProcessIds!.map((id) => elements.get(id)!).flatMap((esp) => esp.childIds.map((id) => elements.get(id)!).filter((c) => c.type === 'START_EVENT'));
  for (const start of starts) {
    if (start.eventType === 'ERROR' && start.cancelActivity === false) p(`expected the error start event '${start.id}' of an event sub-process to be interrupting, but isInterrupting is false`);
  }
  for (const [kind, codeOf] of [['error', (s: Draft) => s.errorCode], ['escalation', (s: Draft) => s.escalationCode]] as const) {
    const catching = starts.filter((s) => s.eventType === kind.toUpperCase());
    const seen = new Map<string | null, Draft>();
    for (const start of catching) {
      const code = codeOf(start) ?? null;
      const other = seen.get(code);
      if (other) p(`expected the event sub-processes of '${scope.id}' to catch distinct ${kind} codes, but '${other.id}' and '${start.id}' both catch ${code === null ? `all ${kind}s` : `'${code}'`}`);
      else seen.set(code, start);
    }
  }
}

/** A message starts at most one of the process's message start events: their message names differ (as in Zeebe). */
function validateMessageStarts(processDraft: Draft, elements: Map<string, Draft>, p: (m: string) => void): void {
  const seen = new Map<string, string>();
  for (const start of processDraft.childIds.map((id) => elements.get(id)!).filter((c) => c.type === 'START_EVENT' && c.eventType === 'MESSAGE' && c.message)) {
    const name = start.message!.name.source;
    const other = seen.get(name);
    if (other) p(`expected the message start events to have distinct message names, but '${other}' and '${start.id}' both start on '${name}'`);
    else seen.set(name, start.id);
  }
}

/** Message boundary events of one activity wait for different messages (as in Zeebe): one message, one boundary event. */
function validateMessageBoundaryName(el: Draft, elements: Map<string, Draft>, p: (m: string) => void): void {
  const name = el.message?.name.source;
  if (name === undefined) return;
  const earlier = [...elements.values()].find((o) => o.type === 'BOUNDARY_EVENT' && o.eventType === 'MESSAGE' && o.attachedToId === el.attachedToId && o.message?.name.source === name && o.id < el.id);
  if (earlier) p(`expected the message boundary events of '${el.attachedToId}' to have distinct message names, but '${earlier.id}' also catches '${name}'`);
}

function validateIntermediateCatch(el: Draft, p: (m: string) => void): void {
  if (el.eventType !== 'TIMER' && el.eventType !== 'MESSAGE' && el.eventType !== 'SIGNAL' && el.eventType !== 'LINK') {
    p(`expected a timer, message, signal or link intermediate catch event, but it is a ${el.eventType.toLowerCase()} intermediate catch event`);
  }
}

function validateEventBasedGateway(el: Draft, elements: Map<string, Draft>, p: (m: string) => void): void {
  if (el.outgoing.length < 2) p(`expected the event-based gateway to have at least two outgoing sequence flows, but it has ${el.outgoing.length}`);
  for (const flow of el.outgoing) {
    const target = elements.get(flow.targetId);
    if (!target) continue;
    if (flow.condition) p(`expected no conditions on flows leaving an event-based gateway, but '${flow.id}' has one`);
    if (target.type !== 'INTERMEDIATE_CATCH_EVENT' || !['TIMER', 'MESSAGE', 'SIGNAL'].includes(target.eventType)) {
      p(`expected the event-based gateway to lead to timer, message or signal intermediate catch events, but '${target.id}' is a ${target.type}`);
    } else if (target.incoming.length > 1) {
      p(`expected '${target.id}' after the event-based gateway to have one incoming sequence flow, but it has ${target.incoming.length}`);
    }
  }
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
