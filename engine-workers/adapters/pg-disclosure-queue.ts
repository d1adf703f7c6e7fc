import type { Knex } from 'knex';
import type { DisclosureQueue } from '../ports/disclosure-queue.js';

export function pgDisclosureQueue(trx: Knex.Transaction): DisclosureQueue {
  return {
    async enqueue(item) {
      const [row] = (await trx('app.disclosure_queue')
        .insert({
          process_instance_key: item.processInstanceKey,
          case_ref: item.caseRef,
          kind: item.kind,
          subject: JSON.stringify(item.subject),
          decided_at: item.decidedAt,
          due_by: item.dueBy,
          due_date: item.dueDate,
          explanation: JSON.stringify(item.explanation),
          job_key: item.jobKey,
        })
        .returning(trx.raw('id::text as id') as never)) as Array<{ id: string }>;
      return { ...item, id: row!.id, status: 'pending' };
    },
  };
}
