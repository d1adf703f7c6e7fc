import { InvalidDateError } from './errors.js';

/**
 * Dates and instants in China Standard Time (UTC+8, no daylight saving since 1991), the time the law counts in.
 *
 * Everything here works on epoch milliseconds and UTC fields shifted by the fixed +08:00 offset, so the result never
 * depends on the time zone of the machine (a worker in UTC, a browser in Europe). Only `getUTC*`/`Date.UTC` are used.
 */

/** A calendar day in China, `YYYY-MM-DD`. */
export type IsoDate = string;

/**
 * A point in time: an ISO 8601 date-time with an offset (`2026-02-13T10:00:00+08:00`, `…Z`), a `Date`, or a bare
 * `YYYY-MM-DD`, which means the start (00:00) of that day in China. A date-time without an offset is rejected: it would
 * be read in the machine's time zone.
 */
export type Instant = string | Date;

export const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

/** Whether `value` is a bare `YYYY-MM-DD` (as opposed to a date-time). */
export function isDateOnly(value: Instant): value is string {
  return typeof value === 'string' && DATE.test(value);
}

/** Checks a `YYYY-MM-DD` that is a real day (no 30 February) and returns it. */
export function parseDate(value: string, what: string): IsoDate {
  const match = DATE.exec(value);
  if (!match || !isRealDay(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw new InvalidDateError(`Expected ${what} to be a date (YYYY-MM-DD), but got '${value}'`);
  }
  return value;
}

/** Epoch milliseconds of an instant; a bare date is 00:00 of that day in China. */
export function toEpochMs(value: Instant, what: string): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new InvalidDateError(`Expected ${what} to be a valid Date, but it is an invalid Date`);
    return ms;
  }
  if (typeof value !== 'string') throw new InvalidDateError(`Expected ${what} to be an ISO 8601 date-time, but got ${typeof value}`);
  if (DATE.test(value)) return startOfChinaDay(parseDate(value, what));
  const match = DATE_TIME.exec(value);
  if (!match) {
    throw new InvalidDateError(`Expected ${what} to be an ISO 8601 date-time with an offset (e.g. 2026-02-13T10:00:00+08:00) or a date (YYYY-MM-DD), but got '${value}'`);
  }
  const [, y, mo, d, h, mi, s = '0', fraction = '0', zone = 'Z'] = match;
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (!isRealDay(Number(y), Number(mo), Number(d)) || hour > 23 || minute > 59 || second > 59) {
    throw new InvalidDateError(`Expected ${what} to be a real date-time, but got '${value}'`);
  }
  const millis = Math.floor(Number(`0.${fraction}`) * 1000);
  const offsetMinutes = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), hour, minute, second, millis) - offsetMinutes * 60_000;
}

/** The calendar day in China of an instant (a bare date is returned as it is). */
export function chinaDate(value: Instant): IsoDate {
  if (isDateOnly(value)) return parseDate(value, 'the date');
  return dateOfMs(toEpochMs(value, 'the instant'));
}

export function dateOfMs(ms: number): IsoDate {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00 of a day in China, as epoch milliseconds. */
export function startOfChinaDay(date: IsoDate): number {
  return utcMidnight(date) - CHINA_OFFSET_MS;
}

/** The last millisecond of a day in China (23:59:59.999+08:00), the end of a day-based period (民法典 Art 203: 24:00). */
export function endOfChinaDay(date: IsoDate): number {
  return startOfChinaDay(date) + DAY_MS - 1;
}

/** An instant written in China Standard Time: `2026-02-27T23:59:59.999+08:00`. */
export function formatChinaInstant(ms: number): string {
  return `${new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 23)}+08:00`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(utcMidnight(date)).getUTCDay();
}

/**
 * The corresponding day `months` calendar months later; when that month is shorter, its last day
 * (民法典 Art 202: 没有对应日的，月末日为期间的最后一日). 31 January + 1 month = 28 (or 29) February.
 */
export function addMonths(date: IsoDate, months: number): { date: IsoDate; clamped: boolean } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const monthIndex = y * 12 + (m - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12; // 0-based
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return { date: new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10), clamped: day !== d };
}

function utcMidnight(date: IsoDate): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
