import type { Knex } from 'knex';

// The short name a body's 文号 start with (明城管 in 明城管罚决〔2026〕12号). Set by the administrator; until then the
// workers use the body's full name.
export async function up(db: Knex): Promise<void> {
  await db.schema.withSchema('app').alterTable('enforcement_bodies', (t) => {
    t.text('document_prefix');
  });
  await db.raw(`alter table app.enforcement_bodies add constraint enforcement_bodies_document_prefix_check
    check (document_prefix is null or (char_length(document_prefix) between 1 and 20 and document_prefix !~ '[[:space:]〔〕]'))`);
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').alterTable('enforcement_bodies', (t) => {
    t.dropColumn('document_prefix');
  });
}
