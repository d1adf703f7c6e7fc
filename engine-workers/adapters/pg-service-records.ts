import type { Knex } from 'knex';
import type { ServiceRecords } from '../ports/service-records.js';

export function pgServiceRecords(trx: Knex.Transaction): ServiceRecords {
  return {
    async insert(record) {
      const [row] = (await trx('app.service_records')
        .insert({
          document_id: record.documentId,
          process_instance_key: record.processInstanceKey,
          case_ref: record.caseRef,
          method: record.method,
          recipient: record.recipient,
          served_at: record.servedAt,
          deemed_served_at: record.deemedServedAt,
          proof: JSON.stringify(record.proof),
          job_key: record.jobKey,
        })
        .returning(trx.raw('id::text as id') as never)) as Array<{ id: string }>;
      return { ...record, id: row!.id };
    },
  };
}
