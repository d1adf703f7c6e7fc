import type { Knex } from 'knex';
import type { AlertLevel, SupervisionAlert, SupervisionAlerts } from '../ports/supervision-alerts.js';
import { chinaInstant } from './china-instant.js';

interface AlertRow {
  id: string;
  process_instance_key: string;
  deadline_id: string;
  level: AlertLevel;
  kind: string | null;
  raised_at: Date;
  resolved_at: Date | null;
}

const COLUMNS = 'id::text as id, process_instance_key::text as process_instance_key, deadline_id::text as deadline_id, level, kind, raised_at, resolved_at';

const toAlert = (row: AlertRow): SupervisionAlert => ({
  id: row.id,
  processInstanceKey: row.process_instance_key,
  deadlineId: row.deadline_id,
  level: row.level,
  kind: row.kind,
  raisedAt: chinaInstant(row.raised_at),
  resolvedAt: row.resolved_at ? chinaInstant(row.resolved_at) : null,
});

/**
 * One open alert per deadline and level (partial unique index supervision_alerts_open_idx): the insert skips when one is
 * open, even when two jobs race, and the open one is read back.
 */
export function pgSupervisionAlerts(trx: Knex.Transaction): SupervisionAlerts {
  return {
    async raise(alert) {
      const inserted = (await trx.raw(
        `insert into app.supervision_alerts (process_instance_key, deadline_id, level, kind, raised_at, job_key) values (?, ?, ?, ?, ?, ?)
         on conflict (deadline_id, level) where resolved_at is null do nothing
         returning ${COLUMNS}`,
        [alert.processInstanceKey, alert.deadlineId, alert.level, alert.kind, alert.raisedAt, alert.jobKey],
      )) as { rows: AlertRow[] };
      if (inserted.rows[0]) return { alert: toAlert(inserted.rows[0]), created: true };
      const open = (await trx('app.supervision_alerts').where({ deadline_id: alert.deadlineId, level: alert.level }).whereNull('resolved_at').first(trx.raw(COLUMNS))) as AlertRow;
      return { alert: toAlert(open), created: false };
    },
  };
}
