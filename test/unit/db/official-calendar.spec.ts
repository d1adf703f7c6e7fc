import { expect } from 'chai';
import { officialCalendarDays, statutoryHolidays } from '../../../db/official-calendar.js';

describe('official calendar', () => {
  it('takes 2026 from the State Council notice: Spring Festival 15–23 February with make-up days 14 and 28 February', () => {
    // when
    const days = officialCalendarDays(2026, 2026);

    // then
    const springHolidays = days.filter((d) => d.kind === 'holiday' && d.name === '春节').map((d) => d.date);
    expect(springHolidays).to.deep.equal(['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23']);
    expect(days.filter((d) => d.kind === 'workday' && d.name === '春节').map((d) => d.date)).to.deep.equal(['2026-02-14', '2026-02-28']);
    expect(days.every((d) => d.source === 'official')).to.equal(true);
  });


  it('covers National Day 2025 together with the Mid-Autumn Festival', () => {
    const days = officialCalendarDays(2025, 2025);
    const october = days.filter((d) => d.date >= '2025-10-01' && d.date <= '2025-10-08' && d.kind === 'holiday');
    expect(october).to.have.length(8);
    expect(days.find((d) => d.date === '2025-09-28')).to.include({ kind: 'workday' });
  });


  it('falls back to the statutory days of 《全国年节及纪念日放假办法》 for a year without a published notice', () => {
    // 2027: 春节 is 6 February (除夕 5 February), 清明 5 April, 端午 9 June, 中秋 15 September
    const days = statutoryHolidays(2027);
    expect(days.map((d) => `${d.date} ${d.name}`)).to.deep.equal([
      '2027-01-01 元旦', '2027-02-05 春节', '2027-02-06 春节', '2027-02-07 春节', '2027-02-08 春节', '2027-04-05 清明',
      '2027-05-01 劳动节', '2027-05-02 劳动节', '2027-06-09 端午', '2027-09-15 中秋', '2027-10-01 国庆节', '2027-10-02 国庆节', '2027-10-03 国庆节',
    ]);
    expect(days.every((d) => d.source === 'statutory' && d.kind === 'holiday')).to.equal(true);
  });


  it('computes the same statutory days for a published year as the notice contains', () => {
    const notice = new Set(officialCalendarDays(2026, 2026).filter((d) => d.kind === 'holiday').map((d) => d.date));
    for (const day of statutoryHolidays(2026)) expect(notice.has(day.date), day.date).to.equal(true);
  });
});
