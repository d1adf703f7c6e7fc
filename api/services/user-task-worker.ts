/**
 * The Tasklist pattern: a job worker for `io.camunda.zeebe:userTask` activates every user-task job with a long
 * timeout and keeps it in app.tasks (upsert on job_key, so a job activated again after a timeout stays one task);
 * the job is forwarded, not completed — completing the task in the console completes the job. Works the same against
 * the embedded engine and a real Zeebe.
 *
 * The job carries no element name: it is read from the diagram (process-definitions.ts: the XML the engine keeps for
 * the job's process definition, else processes/<bpmnProcessId>.bpmn), once per definition. The assignee header (a login name or a user id)
 * becomes assignee_id; the case's current step follows the newest task.
 *
 * Tasks the engine cancels (an interrupting boundary event, a terminate end event, a cancelled instance) must leave
 * the 待办 list. Completing such a job answers NOT_FOUND (the task service then marks the task canceled), and a light
 * reconciliation marks open tasks whose job the embedded engine has recorded as JOB CANCELED (engine.records, read
 * with SQL only; the engine's code is never imported). With an external Zeebe there are no engine tables: the same
 * information comes from an exporter (JOB CANCELED records), which this reconciliation then has to read instead.
 */
import type { Logger } from 'pino';
import { Duration, type ZBClient, type ZBWorker } from 'zeebe-node';
import type { Db } from '../../db/connect.js';
import { elementName } from './process-definitions.js';

export const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';
const FORM_KEY_PREFIX = 'camunda-forms:bpmn:';

export interface UserTaskWorker {
  stop(): Promise<void>;
  /** Runs one reconciliation now (tests; the worker also runs it every `reconcileMs`). */
  reconcile(): Promise<number>;
}

export interface UserTaskWorkerOptions {
  db: Db;
  zeebe: ZBClient;
  log: Logger;
  /** How long an activated user-task job stays with this worker (Tasklist: effectively for ever). */
  jobTimeoutMs?: number;
  /** How often open tasks are checked against the engine's canceled jobs; 0 turns it off. */
  reconcileMs?: number;
}

function list(header: string | undefined): string[] {
  if (!header) return [];
  try {
    const value = JSON.parse(header) as unknown;
    return Array.isArray(value) ? value.map(String) : [String(value)];
  } catch {
    return header.split(',').map((s) => s.trim()).filter(Boolean);
  }
}

async function assigneeId(db: Db, header: string | undefined): Promise<number | null> {
  if (!header) return null;
  const value = header.trim();
  const row = /^\d+$/.test(value)
    ? await db('app.users').where({ id: Number(value) }).first('id')
    : await db('app.users').where({ username: value }).first('id');
  return row ? Number(row.id) : null;
}

/**
 * Marks open tasks canceled whose job the embedded engine recorded as JOB CANCELED (interrupting boundary event,
 * terminate end event, cancelled instance). Returns how many were marked. Reads engine tables with SQL only; without
 * them (an external Zeebe) it does nothing.
 */
export async function reconcileCanceledTasks(db: Db): Promise<number> {
  const exists = await db.raw("select to_regclass('engine.records') as t");
  if (!exists.rows[0]?.t) return 0;
  // tasks_open_idx keeps the open tasks small to scan; records_process_instance finds the job's records
  const result = await db.raw(`
    update app.tasks t set state = 'canceled'
    where t.state = 'created'
      and not exists (select 1 from engine.jobs j where j.key = t.job_key)
      and exists (
        select 1 from engine.records r
        where r.process_instance_key = t.process_instance_key and r.value_type = 'JOB' and r.intent = 'CANCELED' and r.key = t.job_key
      )`);
  return result.rowCount ?? 0;
}

export function startUserTaskWorker({ db, zeebe, log, jobTimeoutMs = 10 * 365 * 86_400_000, reconcileMs = 2000 }: UserTaskWorkerOptions): UserTaskWorker {
  const worker: ZBWorker<Record<string, unknown>, Record<string, string>, Record<string, unknown>> = zeebe.createWorker({
    taskType: USER_TASK_JOB_TYPE,
    timeout: Duration.milliseconds.of(jobTimeoutMs),
    maxJobsToActivate: 32,
    loglevel: 'NONE',
    taskHandler: async (job) => {
      const headers = job.customHeaders;
      const variables = job.variables;
      const caseRef = typeof variables.caseId === 'string' ? variables.caseId : null;
      const caseRow = caseRef ? ((await db('app.cases').where({ case_ref: caseRef }).first('id', 'party_name', 'body_id')) as { id: string; party_name: string; body_id: number } | undefined) : undefined;
      const formKey = headers['io.camunda.zeebe:formKey'];
      const dueDate = headers['io.camunda.zeebe:dueDate'];
      const followUpDate = headers['io.camunda.zeebe:followUpDate'];
      const candidateGroups = list(headers['io.camunda.zeebe:candidateGroups']);
      const bodyId = Number(variables.bodyId) || caseRow?.body_id || null;
      const processDefinitionKey = (job as unknown as { processDefinitionKey?: string }).processDefinitionKey ?? null;
      const name = headers['io.camunda.zeebe:name'] ?? (await elementName(db, processDefinitionKey, job.bpmnProcessId, job.elementId));
      const assignee = await assigneeId(db, headers['io.camunda.zeebe:assignee']);
      const dueAt = dueDate && !Number.isNaN(Date.parse(dueDate)) ? new Date(dueDate) : null;
      // the task and the case's step change together: whoever sees the task also sees the case at its step
      await db.transaction(async (trx) => {
        await trx('app.tasks')
          .insert({
            job_key: job.key,
            process_instance_key: job.processInstanceKey,
            process_definition_key: processDefinitionKey,
            element_instance_key: job.elementInstanceKey,
            bpmn_process_id: job.bpmnProcessId,
            element_id: job.elementId,
            name,
            form_id: formKey?.startsWith(FORM_KEY_PREFIX) ? formKey.slice(FORM_KEY_PREFIX.length) : (formKey ?? null),
            case_id: caseRow?.id ?? null,
            case_ref: caseRef,
            party_name: caseRow?.party_name ?? '',
            body_id: bodyId,
            candidate_groups: candidateGroups,
            candidate_users: list(headers['io.camunda.zeebe:candidateUsers']),
            assignee_id: assignee,
            claimed_at: assignee ? new Date() : null,
            due_at: dueAt,
            follow_up_at: followUpDate && !Number.isNaN(Date.parse(followUpDate)) ? new Date(followUpDate) : null,
            variables,
          })
          .onConflict('job_key')
          // activated again after a timeout: the same task, with the variables as they are now
          .merge({ variables, due_at: dueAt })
          .where('app.tasks.state', 'created');
        if (caseRow) await trx('app.cases').where({ id: caseRow.id }).update({ current_step: job.elementId, current_step_name: name, updated_at: trx.fn.now() });
      });
      return job.forward();
    },
  });
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  const reconcile = () => {
    running ??= reconcileCanceledTasks(db).finally(() => (running = null));
    return running;
  };
  if (reconcileMs > 0) {
    timer = setInterval(() => {
      reconcile().then(
        (n) => n > 0 && log.info({ canceled: n }, 'user tasks canceled by the engine'),
        (error: unknown) => log.warn({ err: error }, 'user-task reconciliation failed'),
      );
    }, reconcileMs);
    timer.unref();
  }
  log.info({ jobType: USER_TASK_JOB_TYPE }, 'user-task worker started');
  return {
    reconcile,
    async stop() {
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
      await worker.close(2000).catch(() => undefined);
    },
  };
}
