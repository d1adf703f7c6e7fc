/**
 * ISO 8601 timer definitions as Zeebe reads them: timeDate (a date-time with an offset, 'Z' or a zone id in
 * brackets), timeDuration (PnYnMnWnDTnHnMnS) and timeCycle (R[n]/[start/]duration). Pure: the caller gives "now"
 * from the engine clock. FEEL expressions are evaluated first (model/expressions.ts) and give these strings.
 */

export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export interface TimerCycle {
  /** null: repeat forever (R/…). */
  repetitions: number | null;
  start: Date | null;
  interval: IsoDuration;
}

export class TimerExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TimerExpressionError';
  }
}

const DURATION = /^(-)?P(?:(\d+(?:[.,]\d+)?)Y)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)W)?(?:(\d+(?:[.,]\d+)?)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/;

export function parseDuration(text: string): IsoDuration {
  const match = DURATION.exec(text.trim());
  if (!match || /T$/.test(text.trim()) || text.trim() === 'P') throw new TimerExpressionError(`Expected an ISO 8601 duration such as 'PT1H' or 'P5D', but got '${text}'`);
  if (match[1]) throw new TimerExpressionError(`Expected a positive duration, but got '${text}'`);
  const n = (i: number) => (match[i] ? Number(match[i]!.replace(',', '.')) : 0);
  return { years: n(2), months: n(3), weeks: n(4), days: n(5), hours: n(6), minutes: n(7), seconds: n(8) };
}

/** Parses a date-time with 'Z', an offset, or an offset plus a zone id ('2026-10-01T09:00:00+08:00[Asia/Shanghai]'). */
export function parseDateTime(text: string): Date {
  const trimmed = text.trim();
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})(\[[A-Za-z_/+-]+\])?$/.exec(trimmed);
  if (!match) throw new TimerExpressionError(`Expected an ISO 8601 date-time with an offset such as '2026-10-01T09:00:00+08:00', but got '${text}'`);
  const date = new Date(`${match[1]}${match[2]}`);
  if (Number.isNaN(date.getTime())) throw new TimerExpressionError(`Expected a valid date-time, but got '${text}'`);
  return date;
}

/** Adds a duration: calendar parts (years, months, weeks, days) on the calendar, clock parts as elapsed time. */
export function addDuration(from: Date, duration: IsoDuration): Date {
  const result = new Date(from.getTime());
  if (duration.years || duration.months) result.setUTCMonth(result.getUTCMonth() + duration.years * 12 + duration.months);
  if (duration.weeks || duration.days) result.setUTCDate(result.getUTCDate() + duration.weeks * 7 + duration.days);
  const ms = ((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000;
  return new Date(result.getTime() + ms);
}

export function parseCycle(text: string): TimerCycle {
  const parts = text.trim().split('/');
  const head = parts[0] ?? '';
  const repeat = /^R(\d*)$/.exec(head);
  if (!repeat || parts.length < 2 || parts.length > 3) throw new TimerExpressionError(`Expected an ISO 8601 repeating interval such as 'R3/PT1H' or 'R/P1D', but got '${text}'`);
  const repetitions = repeat[1] === '' ? null : Number(repeat[1]);
  if (parts.length === 2) return { repetitions, start: null, interval: parseDuration(parts[1]!) };
  return { repetitions, start: parseDateTime(parts[1]!), interval: parseDuration(parts[2]!) };
}

/** When a timer defined by timeDate, timeDuration or timeCycle is first due, counted from `now`. */
export function firstDueDate(kind: 'timeDate' | 'timeDuration' | 'timeCycle', value: string, now: Date): Date {
  if (kind === 'timeDate') return parseDateTime(value);
  if (kind === 'timeDuration') return addDuration(now, parseDuration(value));
  const cycle = parseCycle(value);
  if (cycle.repetitions === 0) throw new TimerExpressionError(`Expected a cycle with at least one repetition, but got '${value}'`);
  return cycle.start && cycle.start.getTime() > now.getTime() ? cycle.start : addDuration(cycle.start ?? now, cycle.interval);
}

/** The next due date of a cycle after it fired at `firedAt`, or null when its repetitions are used up. */
export function nextCycleDueDate(cycle: TimerCycle, firedAt: Date, repetitionsLeft: number | null): Date | null {
  if (repetitionsLeft !== null && repetitionsLeft <= 1) return null;
  return addDuration(firedAt, cycle.interval);
}
