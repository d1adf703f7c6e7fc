import { addDays, chinaDate, dateOfMs, dayOfWeek, endOfChinaDay, isDateOnly, parseDate, toEpochMs, type Instant, type IsoDate } from './china-time.js';
import { InvalidCalendarError, InvalidPeriodError } from './errors.js';

/** One row of app.calendar_days: an exception to the Monday–Friday week. */
export interface CalendarDayRow {
  date: string;
  /** 'holiday': a statutory rest day (法定节假日); 'workday': a 调休 make-up working day on a weekend. */
  kind: 'holiday' | 'workday';
  /** The festival, e.g. 春节 (for a make-up day: the festival it makes up for). */
  name: string;
  /** 'official' (State Council notice), 'statutory' (the fixed days only, no 调休 yet) or 'manual'. */
  source?: string;
}

/** How complete the table is for one year. */
export type YearCoverage = 'complete' | 'provisional';

/**
 * The holiday table in memory. Build it with {@link createHolidayCalendar} from the rows of app.calendar_days (API and
 * workers) or from `GET /api/calendar?year=` (console). Plain data: no I/O, safe to share.
 */
export interface HolidayCalendar {
  readonly days: ReadonlyMap<IsoDate, Readonly<CalendarDayRow>>;
  /**
   * Years that have rows. 'provisional' when every row of the year has source 'statutory': the State Council notice is
   * not in yet, so 调休 days and bridged days are missing. A year that is not here at all is counted with weekends only.
   */
  readonly years: ReadonlyMap<number, YearCoverage>;
}

/** Why a day is or is not a working day. */
export type DayStatus =
  | { working: true; makeUp: false }
  | { working: true; makeUp: true; name: string }
  | { working: false; reason: 'holiday'; name: string }
  | { working: false; reason: 'weekend' };

export function createHolidayCalendar(rows: Iterable<CalendarDayRow>): HolidayCalendar {
  const days = new Map<IsoDate, Readonly<CalendarDayRow>>();
  const sources = new Map<number, Set<string>>();
  for (const row of rows) {
    const date = parseDate(String(row.date), 'a calendar day');
    if (row.kind !== 'holiday' && row.kind !== 'workday') {
      throw new InvalidCalendarError(`Expected calendar day ${date} to be of kind 'holiday' or 'workday', but it is '${String(row.kind)}'`);
    }
    const earlier = days.get(date);
    if (earlier && earlier.kind !== row.kind) {
      throw new InvalidCalendarError(`Expected calendar day ${date} once, but it is both a ${earlier.kind} (${earlier.name}) and a ${row.kind} (${row.name})`);
    }
    days.set(date, Object.freeze({ date, kind: row.kind, name: row.name, ...(row.source === undefined ? {} : { source: row.source }) }));
    const year = Number(date.slice(0, 4));
    const yearSources = sources.get(year) ?? new Set<string>();
    yearSources.add(row.source ?? 'unknown');
    sources.set(year, yearSources);
  }
  const years = new Map<number, YearCoverage>();
  for (const [year, set] of sources) years.set(year, set.size === 1 && set.has('statutory') ? 'provisional' : 'complete');
  return Object.freeze({ days, years });
}

/**
 * A working day is a Monday–Friday that is not a statutory holiday, or a 调休 make-up working day (which falls on a
 * Saturday or Sunday). A holiday row wins over the weekday; a workday row wins over the weekend.
 */
export function dayStatus(date: IsoDate, calendar: HolidayCalendar): DayStatus {
  const row = calendar.days.get(date);
  if (row?.kind === 'holiday') return { working: false, reason: 'holiday', name: row.name };
  const weekday = dayOfWeek(date);
  const weekend = weekday === 0 || weekday === 6;
  if (row?.kind === 'workday') return weekend ? { working: true, makeUp: true, name: row.name } : { working: true, makeUp: false };
  return weekend ? { working: false, reason: 'weekend' } : { working: true, makeUp: false };
}

/** Whether a day (a `YYYY-MM-DD`, or the China day of an instant) is a working day. */
export function isWorkingDay(date: Instant, calendar: HolidayCalendar): boolean {
  return dayStatus(chinaDate(date), calendar).working;
}

/**
 * The `count`-th working day after `date` (the start day is not counted). With a negative `count`, the `|count|`-th
 * working day before it, so that `addWorkingDays(addWorkingDays(d, -n), n) === d` for a working day `d`.
 * Pauses are not considered here; use `computeDeadline` for a statutory period.
 */
export function addWorkingDays(date: Instant, count: number, calendar: HolidayCalendar): IsoDate {
  if (!Number.isInteger(count)) throw new InvalidPeriodError(`Expected a whole number of working days, but got ${count}`);
  const step = count < 0 ? -1 : 1;
  let day = chinaDate(date);
  for (let left = Math.abs(count), guard = 0; left > 0; guard += 1) {
    if (guard > MAX_SCAN_DAYS) throw new InvalidCalendarError(`Expected to find ${Math.abs(count)} working days from ${chinaDate(date)}, but the calendar has none in ${MAX_SCAN_DAYS} days`);
    day = addDays(day, step);
    if (dayStatus(day, calendar).working) left -= 1;
  }
  return day;
}

/**
 * Working days left until a due date, for the console's "剩余 N 个工作日".
 *
 * - Not yet due: the working days after today up to and including the due day; 0 on the due day itself.
 * - Overdue (`now` is after `due`): minus the working days after the due day up to and including today, where a rest day
 *   counts as the next working day, and at least −1. So the Saturday and the Monday after a Friday deadline are both −1,
 *   the Tuesday −2; an hour period that ran out earlier today is −1.
 *
 * `due` is a result's `due` (an instant) or a bare `YYYY-MM-DD`, which means the end of that day.
 */
export function remainingWorkingDays(now: Instant, due: Instant, calendar: HolidayCalendar): number {
  const nowMs = toEpochMs(now, 'now');
  const dueDay = chinaDate(due);
  const dueMs = isDateOnly(due) ? endOfChinaDay(dueDay) : toEpochMs(due, 'due');
  const today = dateOfMs(nowMs);
  if (nowMs <= dueMs) return countWorkingDays(today, dueDay, calendar);
  const reference = dayStatus(today, calendar).working ? today : addWorkingDays(today, 1, calendar);
  return -Math.max(1, countWorkingDays(dueDay, reference, calendar));
}

/** Working days in (from, to]. */
function countWorkingDays(from: IsoDate, to: IsoDate, calendar: HolidayCalendar): number {
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) if (dayStatus(day, calendar).working) count += 1;
  return count;
}

/** No legal period runs longer than this; a scan past it means the input or the calendar is wrong. */
export const MAX_SCAN_DAYS = 366 * 50;
