/** Dates as the API sends them: `YYYY-MM-DD` strings, compared as strings. */

export function isoDate(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Whether `to` is on or after `from`; true when either is missing. */
export function isOrderedRange(from: string | null | undefined, to: string | null | undefined): boolean {
  if (!from || !to) return true;
  return from <= to;
}

/** The short weekday name of a `YYYY-MM-DD` date in the given locale. */
export function weekdayName(date: string, locale: string): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return '';
  return new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(parsed);
}

/** Just the date part of a date or timestamp string. */
export function dateOnly(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : '';
}
