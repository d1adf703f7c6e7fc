/** Time source of the API; tests inject a fixed one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const chinaDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day (YYYY-MM-DD) in China Standard Time, the day the law counts in. */
export function chinaToday(clock: Clock): string {
  return chinaDate.format(clock.now());
}
