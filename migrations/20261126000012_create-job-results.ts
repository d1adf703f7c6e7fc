import type { Knex } from 'knex';

// The final outcome (complete or BPMN error) of each job a worker ran, keyed by the engine's job key. Written in the
// same transaction as the job's own writes, so a redelivered job is answered from here instead of being done twice.
export async function up(db: Knex): Promise<void> {
  await db.schema.withSchema('app').createTable('job_results', (t) => {
    t.bigInteger('job_key').primary();
    t.text('job_type').notNullable();
    t.jsonb('outcome').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.index(['created_at']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTable('job_results');
}
