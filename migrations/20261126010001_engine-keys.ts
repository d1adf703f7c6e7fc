import type { Knex } from 'knex';

// Zeebe-shaped keys: (partitionId << 51) + n for partition 1, i.e. 2251799813685249, 2251799813685250, …
// Each engine node reserves blocks of 1 000 keys (nextval returns the block's first key) so that
// processing never waits on the sequence.
export async function up(db: Knex): Promise<void> {
  await db.raw('create sequence engine.key_blocks start with 2251799813685249 increment by 1000 minvalue 2251799813685249');
}

export async function down(db: Knex): Promise<void> {
  await db.raw('drop sequence engine.key_blocks');
}
