import { shallowRef } from 'vue';
import { calendarApi } from '../api/calendar';
import { createHolidayCalendar, remainingWorkingDays, type HolidayCalendar } from '../../legal/calendar.js';

/** Working days left at or below which a running period is shown as near due. */
export const NEAR_DUE_WORKING_DAYS = 3;

export type DueLevel = 'overdue' | 'near-due' | 'running';

/** How urgent a period is, from the working days left (negative: overdue, as legal/ counts them). */
export function dueLevel(remaining: number | null, overdue = false): DueLevel {
  if (overdue || (remaining !== null && remaining < 0)) return 'overdue';
  if (remaining !== null && remaining <= NEAR_DUE_WORKING_DAYS) return 'near-due';
  return 'running';
}

const calendar = shallowRef<HolidayCalendar | null>(null);
let loading: Promise<void> | null = null;

async function loadCalendar(): Promise<void> {
  const year = new Date().getFullYear();
  // the year before for overdue periods, the year after for periods running over New Year
  const years = await Promise.all([year - 1, year, year + 1].map((y) => calendarApi.year(y).catch(() => ({ year: y, days: [] }))));
  calendar.value = createHolidayCalendar(years.flatMap((y) => y.days));
}

/**
 * Remaining working days of a due date, counted with legal/ over the holiday calendar (`GET /api/calendar`), loaded
 * once per page load. Until it has loaded (or when it fails) `remaining` answers null.
 */
export function useWorkingDays() {
  loading ??= loadCalendar().catch(() => {
    calendar.value = createHolidayCalendar([]);
  });

  function remaining(due: string | null | undefined, now: Date = new Date()): number | null {
    if (!due || !calendar.value) return null;
    try {
      return remainingWorkingDays(now, due, calendar.value);
    } catch {
      return null;
    }
  }

  return { calendar, ready: loading, remaining };
}
