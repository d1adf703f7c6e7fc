import type { Knex } from 'knex';

// 涉企行政检查 counted against the annual frequency cap (国办发〔2024〕54号): one row per inspection process that passed
// check-inspection-frequency, counted per enterprise (credit code, ID number or name), inspecting body and year (China
// time). A process instance has one row: a re-planned inspection replaces it.
export async function up(db: Knex): Promise<void> {
  await db.schema.withSchema('app').createTable('enterprise_inspections', (t) => {
    t.bigIncrements('id');
    t.bigInteger('process_instance_key').notNullable().unique();
    t.text('party_key').notNullable();
    t.text('party_name').notNullable();
    t.integer('body_id').notNullable().references('id').inTable('app.enforcement_bodies').onDelete('RESTRICT');
    t.text('field').notNullable();
    t.text('inspection_type').notNullable();
    t.timestamp('planned_at', { useTz: true }).notNullable();
    t.integer('year').notNullable();
    t.bigInteger('job_key').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.index(['party_key', 'body_id', 'year']);
  });
  await db.raw(`alter table app.enterprise_inspections add constraint enterprise_inspections_type_check check (inspection_type in ('routine', 'case', 'campaign'))`);
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTable('enterprise_inspections');
}
