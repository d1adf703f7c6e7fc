import { formatChinaInstant } from '../../legal/calendar.js';

/** A timestamptz read back from PostgreSQL, written in China time (2026-03-02T10:00:00.000+08:00). */
export function chinaInstant(value: Date | string): string {
  return formatChinaInstant(new Date(value).getTime());
}
