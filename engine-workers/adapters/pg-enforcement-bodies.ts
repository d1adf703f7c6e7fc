import type { Knex } from 'knex';
import type { EnforcementBodies } from '../ports/enforcement-bodies.js';

export function pgEnforcementBodies(trx: Knex.Transaction): EnforcementBodies {
  return {
    async find(id) {
      const row = (await trx('app.enforcement_bodies').where({ id }).first('id', 'name', 'document_prefix')) as { id: number; name: string; document_prefix: string | null } | undefined;
      return row ? { id: row.id, name: row.name, documentPrefix: row.document_prefix } : undefined;
    },
  };
}
