import type { Knex } from 'knex';

// 证据: photos, audio, video and documents attached to a case. The media type is the one sniffed from the content
// (not the name or the client's header); sha256 is recorded at upload and re-checked by the integrity check.
// `client_id` is chosen by the (possibly offline) client: uploading the same item twice stores it once.
export async function up(db: Knex): Promise<void> {
  await db.schema.withSchema('app').createTable('evidence', (t) => {
    t.bigIncrements('id');
    t.bigInteger('case_id').notNullable().references('id').inTable('app.cases').onDelete('RESTRICT');
    t.bigInteger('task_id').references('id').inTable('app.tasks').onDelete('SET NULL');
    // photo | audio | video | document | signature
    t.text('kind').notNullable();
    t.text('title').notNullable();
    t.text('original_name').notNullable();
    t.text('media_type').notNullable();
    t.bigInteger('byte_size').notNullable();
    t.text('sha256').notNullable();
    t.text('storage_key').notNullable();
    t.text('description').notNullable().defaultTo('');
    t.timestamp('captured_at', { useTz: true });
    // {latitude, longitude, accuracy} when the officer allowed it
    t.jsonb('location');
    t.uuid('client_id').unique();
    t.integer('uploaded_by').notNullable().references('id').inTable('app.users').onDelete('RESTRICT');
    t.timestamp('uploaded_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.index(['case_id', 'uploaded_at']);
  });
  await db.raw(`alter table app.evidence add constraint evidence_kind_check check (kind in ('photo', 'audio', 'video', 'document', 'signature'))`);
  await db.raw(`alter table app.evidence add constraint evidence_sha256_check check (sha256 ~ '^[0-9a-f]{64}$')`);
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTable('evidence');
}
