import type { Knex } from 'knex';
import { createHolidayCalendar, type CalendarDayRow } from '../../legal/calendar.js';
import type { HolidayCalendarSource } from '../ports/holiday-calendar-source.js';

/** Reads app.calendar_days (a few dozen rows a year) each time: an administrator's change counts from the next job. */
export function pgHolidayCalendarSource(trx: Knex.Transaction): HolidayCalendarSource {
  return {
    async load() {
      const rows = (await trx('app.calendar_days').select('date', 'kind', 'name', 'source')) as CalendarDayRow[];
      return createHolidayCalendar(rows);
    },
  };
}
