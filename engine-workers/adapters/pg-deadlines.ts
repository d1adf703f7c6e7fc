import type { Knex } from 'knex';
import type { DeadlineExplanation, Extension, PausedInterval, PeriodUnit } from '../../legal/calendar.js';
import type { Deadlines, DeadlineStatus, StoredDeadline } from '../ports/deadlines.js';
import { chinaInstant } from './china-instant.js';

interface DeadlineRow {
  id: string;
  process_instance_key: string;
  case_ref: string | null;
  kind: string;
  legal_basis: string;
  start: Date;
  length: number;
  unit: PeriodUnit;
  paused: PausedInterval[];
  extensions: Extension[];
  due: Date;
  due_date: string;
  explanation: DeadlineExplanation;
  status: DeadlineStatus;
  job_key: string;
}

const COLUMNS = 'id::text as id, process_instance_key::text as process_instance_key, case_ref, kind, legal_basis, start, length, unit, paused, extensions, due, due_date, explanation, status, job_key::text as job_key';

const toDeadline = (row: DeadlineRow): StoredDeadline => ({
  id: row.id,
  processInstanceKey: row.process_instance_key,
  caseRef: row.case_ref,
  kind: row.kind,
  legalBasis: row.legal_basis,
  start: chinaInstant(row.start),
  length: row.length,
  unit: row.unit,
  paused: row.paused,
  extensions: row.extensions,
  due: chinaInstant(row.due),
  dueDate: row.due_date,
  explanation: row.explanation,
  status: row.status,
  jobKey: row.job_key,
});

export function pgDeadlines(trx: Knex.Transaction): Deadlines {
  return {
    async upsert(deadline) {
      const values = {
        process_instance_key: deadline.processInstanceKey,
        case_ref: deadline.caseRef,
        kind: deadline.kind,
        legal_basis: deadline.legalBasis,
        start: deadline.start,
        length: deadline.length,
        unit: deadline.unit,
        paused: JSON.stringify(deadline.paused),
        extensions: JSON.stringify(deadline.extensions),
        due: deadline.due,
        due_date: deadline.dueDate,
        explanation: JSON.stringify(deadline.explanation),
        job_key: deadline.jobKey,
      };
      // a recomputed deadline that is now later than it was runs again (it may have been flagged overdue before)
      const [row] = (await trx('app.deadlines')
        .insert(values)
        .onConflict(['process_instance_key', 'kind'])
        .merge({ ...values, updated_at: trx.fn.now(), status: trx.raw(`case when app.deadlines.status = 'overdue' and excluded.due > now() then 'running' else app.deadlines.status end`) })
        .returning(trx.raw(COLUMNS) as never)) as DeadlineRow[];
      return toDeadline(row!);
    },
    async find(id) {
      const row = (await trx('app.deadlines').where({ id }).first(trx.raw(COLUMNS))) as DeadlineRow | undefined;
      return row ? toDeadline(row) : undefined;
    },
    async findByKind(processInstanceKey, kind) {
      const row = (await trx('app.deadlines').where({ process_instance_key: processInstanceKey, kind }).first(trx.raw(COLUMNS))) as DeadlineRow | undefined;
      return row ? toDeadline(row) : undefined;
    },
    async findByDue(processInstanceKey, due) {
      const row = (await trx('app.deadlines').where({ process_instance_key: processInstanceKey, due }).orderBy('id', 'desc').first(trx.raw(COLUMNS))) as DeadlineRow | undefined;
      return row ? toDeadline(row) : undefined;
    },
    async markOverdue(id) {
      await trx('app.deadlines').where({ id, status: 'running' }).update({ status: 'overdue', updated_at: trx.fn.now() });
    },
  };
}
