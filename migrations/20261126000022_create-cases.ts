import type { Knex } from 'knex';

// 案件: the case file every procedure (inspection, penalty, coercion) runs for. `case_ref` is the `caseId` process
// variable, the correlation key of the case's messages; `process_instance_key` the procedure started when it opened.
// Parties, officers and the enforcement items concerned are child tables; `case_events` are the platform's own
// events of the case (opened, party statement registered, evidence added, document served, …), which the case
// timeline joins with the engine's records.
export async function up(db: Knex): Promise<void> {
  await db.raw('create extension if not exists pg_trgm');
  await db.schema.withSchema('app').createTable('cases', (t) => {
    t.bigIncrements('id');
    t.text('case_ref').notNullable().unique();
    // inspection | penalty | coercion
    t.text('kind').notNullable();
    // the bpmnProcessId started for the case (penalty-ordinary, inspection, coercive-measure, …)
    t.text('procedure').notNullable();
    t.bigInteger('process_instance_key').unique();
    t.bigInteger('process_definition_key');
    t.integer('body_id').notNullable().references('id').inTable('app.enforcement_bodies').onDelete('RESTRICT');
    t.text('field').notNullable();
    // 案由 (penalty) or subject of the inspection / measure
    t.text('title').notNullable();
    t.text('facts').notNullable().defaultTo('');
    // {involved, illegalGains, fine, confiscation, …} in yuan, as the law's amounts are compared (hearing thresholds)
    t.jsonb('amounts').notNullable().defaultTo('{}');
    // open | suspended | closed | terminated | transferred
    t.text('status').notNullable().defaultTo('open');
    // element id and name of the step the case is at (kept by the task worker), for lists and the diagram
    t.text('current_step');
    t.text('current_step_name');
    // the first party's name, for the case list and search (the full list is in case_parties)
    t.text('party_name').notNullable().defaultTo('');
    t.integer('opened_by').references('id').inTable('app.users').onDelete('RESTRICT');
    t.timestamp('opened_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.timestamp('closed_at', { useTz: true });
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
  });
  await db.raw(`alter table app.cases add constraint cases_kind_check check (kind in ('inspection', 'penalty', 'coercion'))`);
  await db.raw(`alter table app.cases add constraint cases_status_check check (status in ('open', 'suspended', 'closed', 'terminated', 'transferred'))`);
  await db.raw('create index cases_body_opened_idx on app.cases (body_id, opened_at desc, id desc)');
  await db.raw('create index cases_opened_by_idx on app.cases (opened_by, opened_at desc, id desc)');

  await db.schema.withSchema('app').createTable('case_parties', (t) => {
    t.bigIncrements('id');
    t.bigInteger('case_id').notNullable().references('id').inTable('app.cases').onDelete('CASCADE');
    t.integer('position').notNullable().defaultTo(0);
    // natural-person | organisation
    t.text('type').notNullable();
    t.text('name').notNullable();
    // natural person: resident-id (validated, GB 11643) | passport | other; organisation: credit-code (GB 32100)
    t.text('id_type').notNullable();
    t.text('id_number').notNullable();
    t.text('legal_representative');
    t.text('address');
    t.text('phone');
    // {consented, confirmationSigned, consent: {confirmedAt, reference}, address} (民诉法 Art 90)
    t.jsonb('electronic_service').notNullable().defaultTo('{}');
    t.unique(['case_id', 'position']);
    t.index(['id_number']);
  });
  await db.raw(`alter table app.case_parties add constraint case_parties_type_check check (type in ('natural-person', 'organisation'))`);

  await db.schema.withSchema('app').createTable('case_officers', (t) => {
    t.bigInteger('case_id').notNullable().references('id').inTable('app.cases').onDelete('CASCADE');
    t.integer('user_id').notNullable().references('id').inTable('app.users').onDelete('RESTRICT');
    // lead (主办) | assistant (协办)
    t.text('role').notNullable().defaultTo('assistant');
    t.primary(['case_id', 'user_id']);
    t.index(['user_id']);
  });

  await db.schema.withSchema('app').createTable('case_items', (t) => {
    t.bigInteger('case_id').notNullable().references('id').inTable('app.cases').onDelete('CASCADE');
    t.integer('item_id').notNullable().references('id').inTable('app.enforcement_items').onDelete('RESTRICT');
    t.primary(['case_id', 'item_id']);
  });

  await db.schema.withSchema('app').createTable('case_events', (t) => {
    t.bigIncrements('id');
    t.bigInteger('case_id').notNullable().references('id').inTable('app.cases').onDelete('CASCADE');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.integer('actor_id').references('id').inTable('app.users').onDelete('RESTRICT');
    // opened, task-claimed, task-completed, comment, evidence-added, message-sent, service-recorded, …
    t.text('type').notNullable();
    t.text('summary').notNullable();
    t.jsonb('data').notNullable().defaultTo('{}');
    t.index(['case_id', 'at']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTable('case_events');
  await db.schema.withSchema('app').dropTable('case_items');
  await db.schema.withSchema('app').dropTable('case_officers');
  await db.schema.withSchema('app').dropTable('case_parties');
  await db.schema.withSchema('app').dropTable('cases');
}
