/**
 * The legal calendar: statutory periods counted the way the law counts them (legal/README.md).
 *
 * Pure TypeScript shared by the workers, the API and the console: no I/O, no clock, no Node or browser APIs. The
 * caller loads the holiday table (app.calendar_days) and passes it in as a {@link HolidayCalendar}.
 */
export { createHolidayCalendar, isWorkingDay, dayStatus, addWorkingDays, remainingWorkingDays } from './holiday-calendar.js';
export type { CalendarDayRow, DayStatus, HolidayCalendar, YearCoverage } from './holiday-calendar.js';
export { computeDeadline, PERIOD_UNITS } from './compute-deadline.js';
export type {
  Deadline, DeadlineExplanation, DeadlineSpec, DeadlineStep, DeadlineWarning, DeadlineWarningCode, Extension, KnownPauseReason, PausedInterval,
  PauseReason, PeriodUnit, RollForward, SkippedDay,
} from './compute-deadline.js';
export { PAUSE_REASON_LABELS, pauseReasonLabel } from './describe-deadline.js';
export { chinaDate, formatChinaInstant } from './china-time.js';
export type { Instant, IsoDate } from './china-time.js';
export { InvalidCalendarError, InvalidDateError, InvalidPeriodError, LegalCalendarError } from './errors.js';
