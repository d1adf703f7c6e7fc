import type { Knex } from 'knex';

// 执法证: an officer may act only in the certificate's field and within its validity.
export async function up(db: Knex): Promise<void> {
  await db.schema.withSchema('app').createTable('certificates', (t) => {
    t.increments('id');
    t.integer('user_id').notNullable().references('id').inTable('app.users').onDelete('CASCADE');
    t.text('number').notNullable().unique();
    t.text('field').notNullable();
    t.text('issuing_authority').notNullable();
    t.date('valid_from').notNullable();
    t.date('valid_to').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.index(['user_id']);
  });
  await db.raw('alter table app.certificates add constraint certificates_validity_check check (valid_to >= valid_from)');
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTable('certificates');
}
