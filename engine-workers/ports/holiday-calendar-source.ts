import type { HolidayCalendar } from '../../legal/calendar.js';

/** The holiday table (app.calendar_days) as the pure legal calendar takes it. */
export interface HolidayCalendarSource {
  load(): Promise<HolidayCalendar>;
}
