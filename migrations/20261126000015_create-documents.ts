import type { Knex } from 'knex';

// Generated legal documents (执法文书): one row per file. The PDF and the DOCX of one document share kind and 文号;
// the file lives under DATA_DIR (storage_path) and its SHA-256 proves it unchanged.
export async function up(db: Knex): Promise<void> {
  await db.schema.withSchema('app').createTable('documents', (t) => {
    t.bigIncrements('id');
    t.bigInteger('process_instance_key').notNullable();
    t.text('case_ref');
    t.integer('body_id').notNullable().references('id').inTable('app.enforcement_bodies').onDelete('RESTRICT');
    t.text('kind').notNullable();
    t.text('number');
    t.text('title').notNullable();
    t.text('format').notNullable();
    t.text('sha256').notNullable();
    t.text('storage_path').notNullable();
    t.integer('byte_size').notNullable();
    t.jsonb('fields').notNullable().defaultTo('{}');
    t.bigInteger('job_key').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.unique(['job_key', 'format']);
    t.index(['process_instance_key']);
    t.index(['case_ref']);
    t.index(['body_id', 'number']);
  });
  await db.raw(`alter table app.documents add constraint documents_format_check check (format in ('pdf', 'docx'))`);
  await db.raw(`alter table app.documents add constraint documents_sha256_check check (sha256 ~ '^[0-9a-f]{64}$')`);
  await db.raw('alter table app.documents add constraint documents_byte_size_check check (byte_size > 0)');
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTable('documents');
}
