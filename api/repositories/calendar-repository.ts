import type { Db } from '../../db/connect.js';
import type { CalendarDay } from '../../db/official-calendar.js';

export class CalendarRepository {
  constructor(private readonly db: Db) {}

  /** Every day on record, for counting working days across years (legal/ createHolidayCalendar). */
  async all(): Promise<CalendarDay[]> {
    return this.db('app.calendar_days').select('date', 'kind', 'name', 'source').orderBy('date');
  }

  async year(year: number): Promise<CalendarDay[]> {
    return this.db('app.calendar_days')
      .select('date', 'kind', 'name', 'source')
      .whereBetween('date', [`${year}-01-01`, `${year}-12-31`])
      .orderBy('date');
  }

  async find(date: string): Promise<CalendarDay | undefined> {
    return this.db('app.calendar_days').select('date', 'kind', 'name', 'source').where({ date }).first();
  }

  async upsert(day: CalendarDay): Promise<CalendarDay> {
    const [row] = await this.db('app.calendar_days')
      .insert({ ...day, updated_at: this.db.fn.now() })
      .onConflict('date')
      .merge()
      .returning(['date', 'kind', 'name', 'source']);
    return row as CalendarDay;
  }

  async delete(date: string): Promise<number> {
    return this.db('app.calendar_days').where({ date }).del();
  }
}
