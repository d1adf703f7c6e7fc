import type { Knex } from 'knex';

// 电子送达 outbox (民诉法 Art 90, 处罚法 Art 61, 闽执法办法 Art 19): documents to send to the party's designated system,
// written by send-electronic-document only with the party's confirmed consent. The integration with the designated
// system sends pending rows and reports the arrival with the message electronic-service-delivered (correlation_key).
export async function up(db: Knex): Promise<void> {
  await db.schema.withSchema('app').createTable('electronic_deliveries', (t) => {
    t.bigIncrements('id');
    t.bigInteger('document_id').notNullable().references('id').inTable('app.documents').onDelete('RESTRICT');
    t.bigInteger('process_instance_key').notNullable();
    t.text('case_ref');
    t.text('address').notNullable();
    // the 电子送达确认书: { confirmedAt, reference }
    t.jsonb('consent').notNullable();
    t.text('correlation_key');
    t.text('status').notNullable().defaultTo('pending');
    t.timestamp('requested_at', { useTz: true }).notNullable();
    t.timestamp('sent_at', { useTz: true });
    t.timestamp('delivered_at', { useTz: true });
    t.bigInteger('job_key').notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.index(['document_id']);
    t.index(['process_instance_key']);
  });
  await db.raw(`alter table app.electronic_deliveries add constraint electronic_deliveries_status_check check (status in ('pending', 'sent', 'delivered', 'failed'))`);
  await db.raw(`create index electronic_deliveries_pending_idx on app.electronic_deliveries (requested_at) where status = 'pending'`);
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTable('electronic_deliveries');
}
