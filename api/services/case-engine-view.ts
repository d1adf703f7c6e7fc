/**
 * What the engine knows about a case, read by SQL from the engine's tables (the API never imports engine/ code):
 * the record stream `engine.records` (append-only; of the case's instance and the instances its call activities
 * started), the deployed BPMN in `engine.process_definitions`, and open incidents in `engine.incidents`.
 *
 * With the embedded engine these tables are the engine's own. With an external Zeebe cluster the same tables must be
 * filled by an exporter (not built yet); until then the timeline shows the platform's entries only and the diagram
 * falls back to processes/<id>.bpmn without highlighting.
 *
 * Element names come from the deployed XML (process-definitions.ts: parsed once per definition — a deployed
 * definition never changes), so the timeline names the step as the version the case runs on names it.
 */
import type { Db } from '../../db/connect.js';
import { definitionXml, elementNames } from './process-definitions.js';

export interface TimelineEntry {
  at: string;
  source: 'engine' | 'platform';
  type: string;
  summary: string;
  elementId?: string;
  actor?: { id: number; displayName: string };
}

export interface DiagramView {
  bpmnProcessId: string;
  processDefinitionKey: string | null;
  xml: string;
  activeElementIds: string[];
  completedElementIds: string[];
  incidentElementIds: string[];
}

/** The instance and every instance its call activities started, at any depth (as the procedure tests find them). */
export async function instanceTree(db: Db, processInstanceKey: string): Promise<string[]> {
  const r = await db.raw(
    `with recursive tree(key) as (
       select distinct process_instance_key from engine.records where value_type = 'PROCESS_INSTANCE' and (payload->>'parentProcessInstanceKey') = ?
       union
       select distinct r.process_instance_key from engine.records r join tree t on (r.payload->>'parentProcessInstanceKey') = t.key::text where r.value_type = 'PROCESS_INSTANCE')
     select key::text from tree`,
    [processInstanceKey],
  );
  return [processInstanceKey, ...(r.rows as Array<{ key: string }>).map((x) => x.key)];
}

/** Element types whose activation is worth a line (work starts, waits begin); others show when they complete. */
const SHOWN_ACTIVATED = new Set(['PROCESS', 'USER_TASK', 'RECEIVE_TASK', 'CALL_ACTIVITY', 'SUB_PROCESS', 'EVENT_SUB_PROCESS']);
const HIDDEN_TYPES = ['SEQUENCE_FLOW', 'EXCLUSIVE_GATEWAY', 'PARALLEL_GATEWAY', 'INCLUSIVE_GATEWAY', 'EVENT_BASED_GATEWAY', 'MULTI_INSTANCE_BODY'];

const VERBS: Record<string, string> = {
  'PROCESS:ELEMENT_ACTIVATED': '程序开始',
  'PROCESS:ELEMENT_COMPLETED': '程序结束',
  'PROCESS:ELEMENT_TERMINATED': '程序终止',
  ELEMENT_ACTIVATED: '开始',
  ELEMENT_COMPLETED: '完成',
  ELEMENT_TERMINATED: '取消',
};

interface RecordRow {
  value_type: string;
  intent: string;
  timestamp: string;
  payload: { elementId?: string; bpmnElementType?: string; bpmnProcessId?: string; processDefinitionKey?: string; name?: string | null; errorMessage?: string };
}

/**
 * The engine's part of the timeline: element lifecycle (user and receive tasks, call activities and sub-processes
 * when they start; every element but gateways and flows when it completes or is cancelled), timers that fired,
 * messages correlated, incidents raised and resolved — of the case's instance and its called instances, in order.
 * `type` is `<element type>:<intent>` in lower case (`user_task:element_activated`), `timer:triggered`,
 * `message:correlated`, `incident:created`, `incident:resolved`.
 */
export async function engineTimeline(db: Db, keys: string[]): Promise<TimelineEntry[]> {
  const r = await db.raw(
    `select value_type, intent, timestamp::text as timestamp, payload from engine.records
      where process_instance_key = any(?::bigint[]) and (
        (value_type = 'PROCESS_INSTANCE' and intent in ('ELEMENT_ACTIVATED', 'ELEMENT_COMPLETED', 'ELEMENT_TERMINATED') and not (payload->>'bpmnElementType' = any(?)))
        or (value_type = 'INCIDENT' and intent in ('CREATED', 'RESOLVED'))
        or (value_type = 'PROCESS_MESSAGE_SUBSCRIPTION' and intent = 'CORRELATED')
        or (value_type = 'TIMER' and intent = 'TRIGGERED'))
      order by position`,
    [keys, HIDDEN_TYPES],
  );
  const entries: TimelineEntry[] = [];
  for (const row of r.rows as RecordRow[]) {
    const p = row.payload;
    const type = p.bpmnElementType ?? '';
    if (row.value_type === 'PROCESS_INSTANCE' && row.intent === 'ELEMENT_ACTIVATED' && !SHOWN_ACTIVATED.has(type)) continue;
    const names = p.processDefinitionKey && p.bpmnProcessId ? await elementNames(db, p.processDefinitionKey, p.bpmnProcessId).catch(() => new Map<string, string>()) : new Map<string, string>();
    const elementId = p.elementId ?? (type === 'PROCESS' ? p.bpmnProcessId : undefined);
    const label = elementId ? (names.get(elementId) ?? elementId) : '';
    let summary: string;
    let entryType: string;
    switch (row.value_type) {
      case 'PROCESS_INSTANCE':
        entryType = `${type}:${row.intent}`.toLowerCase();
        summary = type === 'PROCESS' ? `${VERBS[`PROCESS:${row.intent}`]}：${label}` : `${VERBS[row.intent]}：${label}`;
        break;
      case 'TIMER':
        entryType = 'timer:triggered';
        summary = `期限到达：${label}`;
        break;
      case 'PROCESS_MESSAGE_SUBSCRIPTION':
        entryType = 'message:correlated';
        summary = `收到消息 ${p.name ?? ''}：${label}`;
        break;
      default:
        entryType = `incident:${row.intent.toLowerCase()}`;
        summary = row.intent === 'CREATED' ? `故障：${label}（${p.errorMessage ?? ''}）` : `故障已解决：${label}`;
    }
    entries.push({ at: new Date(Number(row.timestamp)).toISOString(), source: 'engine', type: entryType, summary, ...(elementId ? { elementId } : {}) });
  }
  return entries;
}

/**
 * The diagram of the case's procedure with its state: elements of the root instance that are open (activated, not yet
 * completed or terminated), that have completed at least once, and that have an open incident — including a call
 * activity whose called instance (at any depth) has one. Gateways and sequence flows are left out.
 */
export async function diagramView(db: Db, c: { procedure: string; processInstanceKey: string | null; processDefinitionKey: string | null }): Promise<DiagramView> {
  const { xml, key } = await definitionXml(db, c.processDefinitionKey, c.procedure);
  if (!c.processInstanceKey) return { bpmnProcessId: c.procedure, processDefinitionKey: key, xml, activeElementIds: [], completedElementIds: [], incidentElementIds: [] };
  const states = (await db.raw(
    `select distinct on (key) key::text as key, payload->>'elementId' as element_id, intent from engine.records
      where process_instance_key = ? and value_type = 'PROCESS_INSTANCE' and key <> process_instance_key
        and intent in ('ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED')
        and not (payload->>'bpmnElementType' = any(?))
      order by key, position desc`,
    [c.processInstanceKey, HIDDEN_TYPES],
  )).rows as Array<{ key: string; element_id: string; intent: string }>;
  const completed = (await db.raw(
    `select distinct payload->>'elementId' as element_id from engine.records
      where process_instance_key = ? and value_type = 'PROCESS_INSTANCE' and intent = 'ELEMENT_COMPLETED' and key <> process_instance_key and not (payload->>'bpmnElementType' = any(?))`,
    [c.processInstanceKey, HIDDEN_TYPES],
  )).rows as Array<{ element_id: string }>;
  const active = new Set(states.filter((s) => s.intent !== 'ELEMENT_COMPLETED' && s.intent !== 'ELEMENT_TERMINATED').map((s) => s.element_id));
  // incidents of the root itself, and of called instances, shown on the root's call activity that leads to them
  const incidents = new Set<string>();
  const own = await db('engine.incidents').where({ process_instance_key: c.processInstanceKey }).select('element_id');
  for (const i of own) incidents.add(i.element_id as string);
  const tree = await instanceTree(db, c.processInstanceKey);
  if (tree.length > 1) {
    const childIncidents = await db.raw(`select distinct process_instance_key::text as key from engine.incidents where process_instance_key = any(?::bigint[])`, [tree.slice(1)]);
    for (const { key: child } of childIncidents.rows as Array<{ key: string }>) {
      const callActivity = await rootCallActivity(db, child, c.processInstanceKey);
      if (callActivity) incidents.add(callActivity);
    }
  }
  return {
    bpmnProcessId: c.procedure,
    processDefinitionKey: key,
    xml,
    activeElementIds: [...active].sort(),
    completedElementIds: completed.map((x) => x.element_id).sort(),
    incidentElementIds: [...incidents].sort(),
  };
}

/** The call activity of `root` under which the (grand)child instance runs. */
async function rootCallActivity(db: Db, child: string, root: string): Promise<string | null> {
  let current = child;
  for (let depth = 0; depth < 10; depth += 1) {
    const r = await db.raw(
      `select payload->>'parentProcessInstanceKey' as parent, payload->>'parentElementInstanceKey' as element from engine.records
        where process_instance_key = ? and key = process_instance_key and value_type = 'PROCESS_INSTANCE' and payload->>'parentProcessInstanceKey' is not null limit 1`,
      [current],
    );
    const row = r.rows[0] as { parent: string; element: string } | undefined;
    if (!row) return null;
    if (row.parent === root) {
      const el = await db.raw(`select payload->>'elementId' as element_id from engine.records where key = ? and value_type = 'PROCESS_INSTANCE' limit 1`, [row.element]);
      return (el.rows[0] as { element_id: string } | undefined)?.element_id ?? null;
    }
    current = row.parent;
  }
  return null;
}

/**
 * Elements that wait beside the work for the whole of a scope (the statutory clock loop of processes/README.md): never
 * "the step the case is at".
 */
const CLOCK_ELEMENTS = ['await-case-limit-change', 'compute-case-limit'];
const WAITING_TYPES = ['USER_TASK', 'RECEIVE_TASK', 'INTERMEDIATE_CATCH_EVENT', 'CALL_ACTIVITY', 'SERVICE_TASK', 'SEND_TASK', 'BUSINESS_RULE_TASK', 'SCRIPT_TASK'];

/**
 * Where a case without an open user task waits (等待缴款, 陈述申辩期届满 …): the most recently activated element of the
 * root instance that is still active and does work or waits, the clock loop excepted. Null when there is none.
 */
export async function waitingStep(db: Db, processInstanceKey: string, bpmnProcessId: string): Promise<{ elementId: string; name: string } | null> {
  const r = await db.raw(
    `select s.element_id, s.definition from (
       select distinct on (key) key, intent, position, payload->>'elementId' as element_id, payload->>'processDefinitionKey' as definition
         from engine.records
        where process_instance_key = ? and value_type = 'PROCESS_INSTANCE' and key <> process_instance_key
          and payload->>'bpmnElementType' = any(?) and not (payload->>'elementId' = any(?))
        order by key, position desc) s
      where s.intent in ('ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED')
      order by s.position desc limit 1`,
    [processInstanceKey, WAITING_TYPES, CLOCK_ELEMENTS],
  );
  const row = r.rows[0] as { element_id: string; definition: string } | undefined;
  if (!row) return null;
  const names = await elementNames(db, row.definition, bpmnProcessId);
  return { elementId: row.element_id, name: names.get(row.element_id) ?? row.element_id };
}
