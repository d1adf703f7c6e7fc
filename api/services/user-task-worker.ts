/**
 * The Tasklist pattern: a job worker for `io.camunda.zeebe:userTask` activates every user-task job with a long
 * timeout and keeps it in app.tasks (upsert on job_key, so a job activated again after a timeout stays one task);
 * the job is forwarded, not completed — completing the task in the console completes the job. Works the same against
 * the embedded engine and a real Zeebe.
 */
import type { Logger } from 'pino';
import { Duration, type ZBClient, type ZBWorker } from 'zeebe-node';
import type { Db } from '../../db/connect.js';

export const USER_TASK_JOB_TYPE = 'io.camunda.zeebe:userTask';
const FORM_KEY_PREFIX = 'camunda-forms:bpmn:';

export interface UserTaskWorker {
  stop(): Promise<void>;
}

export interface UserTaskWorkerOptions {
  db: Db;
  zeebe: ZBClient;
  log: Logger;
  /** How long an activated user-task job stays with this worker (Tasklist: effectively for ever). */
  jobTimeoutMs?: number;
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

export function startUserTaskWorker({ db, zeebe, log, jobTimeoutMs = 10 * 365 * 86_400_000 }: UserTaskWorkerOptions): UserTaskWorker {
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
      await db('app.tasks')
        .insert({
          job_key: job.key,
          process_instance_key: job.processInstanceKey,
          process_definition_key: (job as unknown as { processDefinitionKey?: string }).processDefinitionKey ?? null,
          element_instance_key: job.elementInstanceKey,
          bpmn_process_id: job.bpmnProcessId,
          element_id: job.elementId,
          name: headers['io.camunda.zeebe:name'] ?? job.elementId,
          form_id: formKey?.startsWith(FORM_KEY_PREFIX) ? formKey.slice(FORM_KEY_PREFIX.length) : (formKey ?? null),
          case_id: caseRow?.id ?? null,
          case_ref: caseRef,
          party_name: caseRow?.party_name ?? '',
          body_id: bodyId,
          candidate_groups: candidateGroups,
          candidate_users: list(headers['io.camunda.zeebe:candidateUsers']),
          due_at: dueDate ? new Date(dueDate) : null,
          follow_up_at: followUpDate ? new Date(followUpDate) : null,
          variables,
        })
        .onConflict('job_key')
        .ignore();
      return job.forward();
    },
  });
  log.info({ jobType: USER_TASK_JOB_TYPE }, 'user-task worker started');
  return {
    async stop() {
      await worker.close(2000).catch(() => undefined);
    },
  };
}
