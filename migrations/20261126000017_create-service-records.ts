import type { Knex } from 'knex';

// 送达 records (民诉法 Arts 87–95, 处罚法 Art 61): which document was served on whom, how, when the act happened and
// when service takes effect (公告送达: 30 days after publication), with the proof (signature, witness, recording,
// consent to electronic service, postal receipt).
export async function up(db: Knex): Promise<void> {
  await db.schema.withSchema('app').createTable('service_records', (t) => {
    t.bigIncrements('id');
    t.bigInteger('document_id').notNullable().references('id').inTable('app.documents').onDelete('RESTRICT');
    t.bigInteger('process_instance_key').notNullable();
    t.text('case_ref');
    t.text('method').notNullable();
    t.text('recipient').notNullable();
    t.timestamp('served_at', { useTz: true }).notNullable();
    t.timestamp('deemed_served_at', { useTz: true }).notNullable();
    t.jsonb('proof').notNullable().defaultTo('{}');
    t.bigInteger('job_key').notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.index(['document_id']);
    t.index(['process_instance_key']);
  });
  await db.raw(`alter table app.service_records add constraint service_records_method_check check (method in ('direct', 'lodged', 'electronic', 'postal', 'public_notice'))`);
  await db.raw('alter table app.service_records add constraint service_records_deemed_check check (deemed_served_at >= served_at)');
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTable('service_records');
}
