import type { Knex } from 'knex';
import type { EnterpriseInspections } from '../ports/enterprise-inspections.js';

export function pgEnterpriseInspections(trx: Knex.Transaction): EnterpriseInspections {
  return {
    async lockAndCount(counter, processInstanceKey) {
      // the counter's rows may not exist yet, so a transaction-scoped advisory lock on the counter, not a row lock
      await trx.raw("select pg_advisory_xact_lock(hashtextextended('app.enterprise_inspections:' || ? || chr(31) || ? || chr(31) || ?, 0))", [counter.partyKey, counter.bodyId, counter.year]);
      const [row] = (await trx('app.enterprise_inspections')
        .where({ party_key: counter.partyKey, body_id: counter.bodyId, year: counter.year })
        .whereNot('process_instance_key', processInstanceKey)
        .count({ count: '*' })) as Array<{ count: number | string }>;
      return Number(row?.count ?? 0);
    },
    async record(inspection) {
      const [row] = (await trx('app.enterprise_inspections')
        .insert({
          process_instance_key: inspection.processInstanceKey,
          party_key: inspection.partyKey,
          party_name: inspection.partyName,
          body_id: inspection.bodyId,
          field: inspection.field,
          inspection_type: inspection.inspectionType,
          planned_at: inspection.plannedAt,
          year: inspection.year,
          job_key: inspection.jobKey,
        })
        .onConflict('process_instance_key')
        .merge(['party_key', 'party_name', 'body_id', 'field', 'inspection_type', 'planned_at', 'year', 'job_key', 'updated_at'])
        .returning(trx.raw('id::text as id') as never)) as Array<{ id: string }>;
      return { id: row!.id };
    },
  };
}
