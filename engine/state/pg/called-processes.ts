/**
 * The processes a model's call activities may start, looked up before a command on one of its instances runs (the
 * runtime decides in memory and cannot query): the latest deployed version per process id — of the static ids, or
 * of every process when an id is a FEEL expression, as the business-rule tasks' decisions are loaded.
 */
import type { ProcessModel } from '../../model/process-model.js';
import type { Sql } from './sql.js';

/** What a call activity needs to know about the process it starts, at its activation. */
export interface CalledProcess {
  key: string;
  bpmnProcessId: string;
  version: number;
  /** Zeebe starts the child at its none start event; a process without one cannot be called. */
  hasNoneStartEvent: boolean;
}

const NONE: ReadonlyMap<string, CalledProcess> = new Map();

export async function latestCalledProcesses(sql: Sql, model: ProcessModel, modelOf: (processDefinitionKey: string) => Promise<ProcessModel>): Promise<ReadonlyMap<string, CalledProcess>> {
  const calls = [...model.elements.values()].flatMap((el) => (el.calledElement ? [el.calledElement.processId] : []));
  if (calls.length === 0) return NONE;
  const ids = calls.every((c) => c.isStatic) ? [...new Set(calls.map((c) => c.source))] : null;
  const r =
    ids === null
      ? await sql('select distinct on (bpmn_process_id) key, bpmn_process_id, version from engine.process_definitions where deleted_at is null order by bpmn_process_id, version desc')
      : await sql('select distinct on (bpmn_process_id) key, bpmn_process_id, version from engine.process_definitions where bpmn_process_id = any($1::text[]) and deleted_at is null order by bpmn_process_id, version desc', [ids]);
  const found = new Map<string, CalledProcess>();
  for (const row of r.rows) {
    const key = String(row.key);
    const called = await modelOf(key);
    found.set(String(row.bpmn_process_id), { key, bpmnProcessId: String(row.bpmn_process_id), version: Number(row.version), hasNoneStartEvent: called.process.noneStartEventId !== undefined });
  }
  return found;
}
