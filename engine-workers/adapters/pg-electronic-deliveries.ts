import type { Knex } from 'knex';
import type { ElectronicDeliveries } from '../ports/electronic-deliveries.js';

export function pgElectronicDeliveries(trx: Knex.Transaction): ElectronicDeliveries {
  return {
    async enqueue(delivery) {
      const [row] = (await trx('app.electronic_deliveries')
        .insert({
          document_id: delivery.documentId,
          process_instance_key: delivery.processInstanceKey,
          case_ref: delivery.caseRef,
          address: delivery.address,
          consent: JSON.stringify(delivery.consent),
          correlation_key: delivery.correlationKey,
          requested_at: delivery.requestedAt,
          job_key: delivery.jobKey,
        })
        .returning(trx.raw('id::text as id') as never)) as Array<{ id: string }>;
      return { id: row!.id };
    },
  };
}
