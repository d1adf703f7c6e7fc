import type { Knex } from 'knex';

// Three-level administrative tree: city (市) → counties and districts (县、区) → townships and streets (乡、镇、街道).
// `path` is the materialised path of ids ('/1/4/9/'), so a subtree is one indexed prefix match.
export async function up(db: Knex): Promise<void> {
  await db.schema.withSchema('app').createTable('organisations', (t) => {
    t.increments('id');
    t.integer('parent_id').references('id').inTable('app.organisations').onDelete('RESTRICT');
    t.text('name').notNullable();
    t.text('level').notNullable();
    t.text('code');
    t.text('path').notNullable().defaultTo('');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(db.fn.now());
    t.unique(['parent_id', 'name']);
  });
  await db.raw(`alter table app.organisations add constraint organisations_level_check check (level in ('city', 'county', 'township'))`);
  await db.raw(`alter table app.organisations add constraint organisations_root_is_city check ((parent_id is null) = (level = 'city'))`);
  await db.raw('create index organisations_path_idx on app.organisations (path text_pattern_ops)');
}

export async function down(db: Knex): Promise<void> {
  await db.schema.withSchema('app').dropTable('organisations');
}
