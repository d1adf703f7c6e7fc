/**
 * raise-supervision-alert: a 临期 (near-due) or 超期 (overdue) alert on a case deadline, for supervision. Called from
 * the non-interrupting timer boundary events of a deadline. Idempotent: one open alert per deadline and level, however
 * often it is raised. An overdue alert also marks the deadline overdue. A deadline already met or cancelled raises
 * nothing.
 *
 * In:  level (near-due | overdue; or custom header severity: warning | near-due | overdue), and the deadline as one of
 *      deadline (the name given to compute-deadline in this process instance), deadlineId, or dueAt (the due instant the
 *      timer waited for); alertKind (optional, variable or header: what the diagram calls the alert).
 * Out: supervisionAlert { id, deadlineId, deadline, level, kind, raisedAt, due, created } (null when the deadline no
 *      longer runs).
 */
import { formatChinaInstant } from '../../legal/calendar.js';
import { toEpochMs } from '../../legal/china-time.js';
import { proceed, type Decision, type JobInfo, type Parsed } from '../job-definition.js';
import { complete, incident, type JobVariables, type Outcome } from '../outcome.js';
import type { JobPorts } from '../ports/job-ports.js';
import type { AlertLevel } from '../ports/supervision-alerts.js';
import { variableParser } from '../variables.js';

export interface RaiseAlertInput {
  level: AlertLevel;
  deadline?: string;
  deadlineId?: string;
  dueAt?: string;
  alertKind?: string;
}

export interface RaiseAlertPlan {
  raisedAt: string;
  /** dueAt as PostgreSQL compares it. */
  dueAt?: string;
}

/** The diagrams' word for a near-due alert. */
const LEVEL_NAMES: Readonly<Record<string, AlertLevel>> = { warning: 'near-due', 'near-due': 'near-due', overdue: 'overdue' };

const parse = variableParser<RaiseAlertInput>(
  'raise-supervision-alert',
  {
    type: 'object',
    required: ['level'],
    properties: {
      level: { type: 'string', enum: ['near-due', 'overdue'] },
      deadline: { type: 'string', pattern: '^[a-z][A-Za-z0-9]*$' },
      deadlineId: { type: 'string', pattern: '^[1-9][0-9]{0,18}$' },
      dueAt: { type: 'string', format: 'date-time' },
      alertKind: { type: 'string', minLength: 1 },
    },
    anyOf: [{ required: ['deadline'] }, { required: ['deadlineId'] }, { required: ['dueAt'] }],
  },
  { headers: { level: 'string', severity: 'string', alertKind: 'string' }, aliases: { severity: 'level' } },
);

export function parseVariables(variables: JobVariables, headers: Readonly<Record<string, string>> = {}): Parsed<RaiseAlertInput> {
  const level = variables.level ?? variables.severity ?? headers.level ?? headers.severity;
  return parse(typeof level === 'string' ? { ...variables, level: LEVEL_NAMES[level] ?? level } : variables, headers);
}

export function decide(input: RaiseAlertInput, now: Date): Decision<RaiseAlertPlan> {
  return proceed({ raisedAt: formatChinaInstant(now.getTime()), ...(input.dueAt ? { dueAt: new Date(toEpochMs(input.dueAt, 'dueAt')).toISOString() } : {}) });
}

export async function perform(input: RaiseAlertInput, plan: RaiseAlertPlan, ports: JobPorts, job: JobInfo): Promise<Outcome> {
  const deadline = input.deadlineId
    ? await ports.deadlines.find(input.deadlineId)
    : input.deadline
      ? await ports.deadlines.findByKind(job.processInstanceKey, input.deadline)
      : await ports.deadlines.findByDue(job.processInstanceKey, plan.dueAt as string);
  if (!deadline) {
    const which = input.deadlineId
      ? `variable 'deadlineId' (${input.deadlineId})`
      : input.deadline
        ? `variable 'deadline' ('${input.deadline}') of process instance ${job.processInstanceKey}`
        : `variable 'dueAt' (${input.dueAt}) of process instance ${job.processInstanceKey}`;
    return incident(`Expected ${which} to name a deadline computed by compute-deadline, but there is none`);
  }
  if (deadline.status === 'met' || deadline.status === 'cancelled') return complete({ supervisionAlert: null });
  const { alert, created } = await ports.alerts.raise({ processInstanceKey: deadline.processInstanceKey, deadlineId: deadline.id, level: input.level, kind: input.alertKind ?? null, raisedAt: plan.raisedAt, jobKey: job.key });
  if (input.level === 'overdue') await ports.deadlines.markOverdue(deadline.id);
  return complete({
    supervisionAlert: { id: alert.id, deadlineId: deadline.id, deadline: deadline.kind, level: alert.level, kind: alert.kind, raisedAt: alert.raisedAt, due: deadline.due, created },
  });
}
