import type { Knex } from 'knex';
import { officialCalendarDays } from '../db/official-calendar.js';

// Holidays and 调休 days for 2025–2027: the State Council's notices where published (chinese-days), else the statutory days.
export async function up(db: Knex): Promise<void> {
  const rows = officialCalendarDays(2025, 2027);
  await db('app.calendar_days').insert(rows).onConflict('date').ignore();
}

export async function down(db: Knex): Promise<void> {
  await db('app.calendar_days').whereIn('source', ['official', 'statutory']).del();
}
