/** Jobs of service-like tasks: created on activation with type, retries and headers evaluated; cancelled on termination. */
import { EvaluationError } from '../../errors.js';
import { feelTypeName, type Expression } from '../../model/expressions.js';
import type { FlowElement, JobDefinition } from '../../model/process-model.js';
import type { ElementInstance, Job } from '../../state/types.js';
import type { BpmnRuntime } from '../bpmn-runtime.js';
import { scopeChain, visibleVariables } from './variables.js';

/** Evaluates the job definition (failures leave nothing written), moves the element to ACTIVATED and creates the job. */
export function createJob(rt: BpmnRuntime, el: FlowElement, instance: Readonly<ElementInstance>): void {
  const definition = el.job!;
  const context = visibleVariables(rt.ctx, instance.key);
  const type = evaluateString(definition.type, context, el.id, 'job type');
  const retries = evaluateRetries(definition.retries, context, el.id);
  const headers = { ...definition.headers, ...userTaskHeaders(definition, context, el.id) };
  const pi = rt.ctx.state.instance;
  const job: Job = {
    key: rt.ctx.nextKey(),
    type,
    state: 'ACTIVATABLE',
    retries,
    worker: null,
    deadline: null,
    backoffUntil: null,
    errorMessage: null,
    customHeaders: headers,
    processInstanceKey: pi.key,
    elementInstanceKey: instance.key,
    elementId: el.id,
    processDefinitionKey: pi.processDefinitionKey,
    bpmnProcessId: pi.bpmnProcessId,
    processDefinitionVersion: pi.version,
    scopeKeys: scopeChain(rt.ctx, instance.key),
    createdAt: rt.ctx.now(),
  };
  rt.transition(instance, 'ELEMENT_ACTIVATED');
  rt.ctx.write({ valueType: 'JOB', intent: 'CREATED', key: job.key, value: job });
}

export function cancelJobOf(rt: BpmnRuntime, instance: Readonly<ElementInstance>): void {
  const jobKey = instance.data.jobKey;
  const job = jobKey ? rt.ctx.state.job(jobKey) : undefined;
  if (!job) return;
  rt.ctx.write({ valueType: 'JOB', intent: 'CANCELED', key: job.key, value: { type: job.type, elementInstanceKey: instance.key } });
}

function userTaskHeaders(definition: JobDefinition, context: Record<string, unknown>, id: string): Record<string, string> {
  const u = definition.userTask;
  if (!u) return {};
  const headers: Record<string, string> = {};
  if (u.formKey) headers['io.camunda.zeebe:formKey'] = u.formKey;
  if (u.assignee) headers['io.camunda.zeebe:assignee'] = evaluateString(u.assignee, context, id, 'assignee');
  if (u.candidateGroups) headers['io.camunda.zeebe:candidateGroups'] = JSON.stringify(evaluateList(u.candidateGroups, context, id, 'candidateGroups'));
  if (u.candidateUsers) headers['io.camunda.zeebe:candidateUsers'] = JSON.stringify(evaluateList(u.candidateUsers, context, id, 'candidateUsers'));
  if (u.dueDate) headers['io.camunda.zeebe:dueDate'] = evaluateString(u.dueDate, context, id, 'dueDate');
  if (u.followUpDate) headers['io.camunda.zeebe:followUpDate'] = evaluateString(u.followUpDate, context, id, 'followUpDate');
  return headers;
}

function evaluateString(expression: Expression, context: Record<string, unknown>, id: string, what: string): string {
  const value = expression.evaluate(context);
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && !expression.isStatic) return String(value);
  throw new EvaluationError(`Expected result of the expression '${expression.source}' (${what} of '${id}') to be 'STRING', but was '${feelTypeName(value)}'`);
}

function evaluateRetries(expression: Expression, context: Record<string, unknown>, id: string): number {
  const raw = expression.evaluate(context);
  const value = typeof raw === 'string' ? Number(raw) : raw;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw new EvaluationError(`Expected result of the expression '${expression.source}' (retries of '${id}') to be 'NUMBER', but was '${feelTypeName(raw)}'`);
}

/** Static candidate lists are comma-separated; FEEL ones must give a list of strings (or one string). */
function evaluateList(expression: Expression, context: Record<string, unknown>, id: string, what: string): string[] {
  const value = expression.evaluate(context);
  if (expression.isStatic && typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw new EvaluationError(`Expected result of the expression '${expression.source}' (${what} of '${id}') to be 'ARRAY' of strings, but was '${feelTypeName(value)}'`);
}
