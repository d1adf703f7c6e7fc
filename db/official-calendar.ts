import { createRequire } from 'node:module';
import chineseDays from 'chinese-days';

const { getSolarDateFromLunar, getSolarTermDate } = chineseDays;

export type CalendarSource = 'official' | 'statutory' | 'manual';

export interface CalendarDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
  source: CalendarSource;
}

type DayTable = Record<string, string>;

/**
 * Statutory holidays and 调休 make-up working days for the years asked.
 *
 * - Years for which the State Council's notice is published come from the maintained npm package
 *   chinese-days (source 'official'); its entries read "English name,中文名,days" and we keep the Chinese name.
 * - A year not yet published there gets the holidays fixed by 《全国年节及纪念日放假办法》 (2024 revision,
 *   art. 2) on their calendar dates (source 'statutory'), without 调休, which only the notice can set.
 *   Administrators replace them when the notice appears.
 */
export function officialCalendarDays(fromYear: number, toYear: number): CalendarDay[] {
  const { holidays, workdays } = loadTables();
  const publishedYears = new Set(Object.keys(holidays).map((date) => Number(date.slice(0, 4))));
  const days: CalendarDay[] = [];
  for (let year = fromYear; year <= toYear; year += 1) {
    if (!publishedYears.has(year)) {
      days.push(...statutoryHolidays(year));
      continue;
    }
    for (const [kind, table] of [['holiday', holidays], ['workday', workdays]] as const) {
      for (const [date, label] of Object.entries(table)) {
        if (Number(date.slice(0, 4)) === year) days.push({ date, kind, name: label.split(',')[1] ?? label, source: 'official' });
      }
    }
  }
  return days.sort((a, b) => a.date.localeCompare(b.date));
}

/** The eleven days of 《全国年节及纪念日放假办法》 art. 2 for one year. */
export function statutoryHolidays(year: number): CalendarDay[] {
  const lunar = (monthDay: string): string => getSolarDateFromLunar(`${year}-${monthDay}`).date;
  const springFestival = lunar('01-01');
  const newYearsEve = addDays(springFestival, -1); // 农历除夕: the day before 正月初一
  const day = (date: string, name: string): CalendarDay => ({ date, kind: 'holiday', name, source: 'statutory' });
  return [
    day(`${year}-01-01`, '元旦'),
    day(newYearsEve, '春节'),
    day(springFestival, '春节'),
    day(addDays(springFestival, 1), '春节'),
    day(addDays(springFestival, 2), '春节'),
    day(getSolarTermDate(year, 4, 'pure_brightness'), '清明'),
    day(`${year}-05-01`, '劳动节'),
    day(`${year}-05-02`, '劳动节'),
    day(lunar('05-05'), '端午'),
    day(lunar('08-15'), '中秋'),
    day(`${year}-10-01`, '国庆节'),
    day(`${year}-10-02`, '国庆节'),
    day(`${year}-10-03`, '国庆节'),
  ].sort((a, b) => a.date.localeCompare(b.date));
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function loadTables(): { holidays: DayTable; workdays: DayTable } {
  const require = createRequire(import.meta.url);
  const data = require('chinese-days/dist/chinese-days.json') as { holidays?: DayTable; workdays?: DayTable };
  if (data.holidays && data.workdays) return { holidays: data.holidays, workdays: data.workdays };
  throw new Error('Expected chinese-days to ship its holiday and workday tables, but dist/chinese-days.json has none');
}
