import type { Knex } from 'knex';
import type { DocumentNumbers } from '../ports/document-numbers.js';

/**
 * Why an upsert and not a sequence: a PostgreSQL sequence is not transactional (a rolled-back job would leave a gap in
 * the 文号), and SELECT max()+1 lets two jobs read the same maximum. INSERT … ON CONFLICT DO UPDATE … RETURNING
 * increments the counter row and keeps it locked until the job's transaction ends, so concurrent jobs of the same body,
 * year and kind queue on that one row and each sees the value the previous one committed (or rolled back). Jobs of
 * other bodies, years or kinds do not wait. The first job of a year inserts the row; a second job arriving meanwhile
 * waits on the unique index and then takes the update path.
 */
export function pgDocumentNumbers(trx: Knex.Transaction): DocumentNumbers {
  return {
    async next(bodyId, year, kind) {
      const result = await trx.raw(
        `insert into app.document_number_sequences as s (body_id, year, kind, last_value) values (?, ?, ?, 1)
         on conflict (body_id, year, kind) do update set last_value = s.last_value + 1, updated_at = now()
         returning last_value`,
        [bodyId, year, kind],
      );
      return Number((result.rows as Array<{ last_value: number }>)[0]!.last_value);
    },
  };
}
