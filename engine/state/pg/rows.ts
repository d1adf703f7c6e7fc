/** Row ↔ entity mapping. int8 columns may arrive as numbers (db/connect.ts parses int8); keys become strings here. */
import type { ElementInstance, EventSubscription, Incident, Job, ProcessInstance } from '../types.js';

type Row = Record<string, unknown>;

const key = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
const keyOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function toProcessInstance(r: Row): ProcessInstance {
  return {
    key: key(r.key),
    processDefinitionKey: key(r.process_definition_key),
    bpmnProcessId: String(r.bpmn_process_id),
    version: Number(r.version),
    awaitResult: Boolean(r.await_result),
    createdAt: Number(r.created_at),
    parentProcessInstanceKey: keyOrNull(r.parent_process_instance_key),
    parentElementInstanceKey: keyOrNull(r.parent_element_instance_key),
  };
}

export function toElementInstance(r: Row): ElementInstance {
  return {
    key: key(r.key),
    processInstanceKey: key(r.process_instance_key),
    flowScopeKey: keyOrNull(r.flow_scope_key),
    elementId: String(r.element_id),
    elementType: r.element_type as ElementInstance['elementType'],
    state: r.state as ElementInstance['state'],
    data: (r.data ?? {}) as ElementInstance['data'],
  };
}

export function toJob(r: Row): Job {
  return {
    key: key(r.key),
    type: String(r.type),
    state: r.state as Job['state'],
    retries: Number(r.retries),
    worker: (r.worker as string | null) ?? null,
    deadline: num(r.deadline),
    backoffUntil: num(r.backoff_until),
    errorMessage: (r.error_message as string | null) ?? null,
    customHeaders: (r.custom_headers ?? {}) as Record<string, string>,
    processInstanceKey: key(r.process_instance_key),
    elementInstanceKey: key(r.element_instance_key),
    elementId: String(r.element_id),
    processDefinitionKey: key(r.process_definition_key),
    bpmnProcessId: String(r.bpmn_process_id),
    processDefinitionVersion: Number(r.process_definition_version),
    scopeKeys: ((r.scope_keys ?? []) as unknown[]).map(key),
    createdAt: Number(r.created_at),
  };
}

export function toIncident(r: Row): Incident {
  return {
    key: key(r.key),
    processInstanceKey: key(r.process_instance_key),
    elementInstanceKey: key(r.element_instance_key),
    elementId: String(r.element_id),
    jobKey: keyOrNull(r.job_key),
    errorType: r.error_type as Incident['errorType'],
    errorMessage: String(r.error_message),
    createdAt: Number(r.created_at),
  };
}

export function jobRow(j: Job): Row {
  return {
    key: j.key,
    type: j.type,
    state: j.state,
    retries: j.retries,
    worker: j.worker,
    deadline: j.deadline,
    backoff_until: j.backoffUntil,
    error_message: j.errorMessage,
    custom_headers: j.customHeaders,
    process_instance_key: j.processInstanceKey,
    element_instance_key: j.elementInstanceKey,
    element_id: j.elementId,
    process_definition_key: j.processDefinitionKey,
    bpmn_process_id: j.bpmnProcessId,
    process_definition_version: j.processDefinitionVersion,
    scope_keys: j.scopeKeys,
    created_at: j.createdAt,
  };
}

export function toSubscription(r: Row): EventSubscription {
  return {
    key: key(r.key),
    kind: r.kind as EventSubscription['kind'],
    processInstanceKey: keyOrNull(r.process_instance_key),
    elementInstanceKey: keyOrNull(r.element_instance_key),
    elementId: String(r.element_id),
    processDefinitionKey: key(r.process_definition_key),
    bpmnProcessId: String(r.bpmn_process_id),
    name: (r.name as string | null) ?? null,
    correlationKey: (r.correlation_key as string | null) ?? null,
    interrupting: r.interrupting !== false,
    dueDate: num(r.due_date),
    repetitions: num(r.repetitions),
    interval: (r.interval as string | null) ?? null,
    createdAt: Number(r.created_at),
  };
}

export function subscriptionRow(s: EventSubscription): Row {
  return {
    key: s.key,
    kind: s.kind,
    process_instance_key: s.processInstanceKey,
    element_instance_key: s.elementInstanceKey,
    element_id: s.elementId,
    process_definition_key: s.processDefinitionKey,
    bpmn_process_id: s.bpmnProcessId,
    name: s.name,
    correlation_key: s.correlationKey,
    interrupting: s.interrupting,
    due_date: s.dueDate,
    repetitions: s.repetitions,
    interval: s.interval,
    created_at: s.createdAt,
  };
}
