/** Row ↔ entity mapping. int8 columns may arrive as numbers (db/connect.ts parses int8); keys become strings here. */
import type { ElementInstance, Incident, Job, ProcessInstance } from '../types.js';

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
