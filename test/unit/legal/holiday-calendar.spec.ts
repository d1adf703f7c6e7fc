import { expect } from 'chai';
import { officialCalendarDays } from '../../../db/official-calendar.js';
import {
  addWorkingDays, createHolidayCalendar, dayStatus, InvalidCalendarError, InvalidPeriodError, isWorkingDay, remainingWorkingDays,
} from '../../../legal/calendar.js';

const calendar = createHolidayCalendar(officialCalendarDays(2025, 2026));


describe('legal calendar: the holiday table', () => {

  describe('createHolidayCalendar', () => {

    it('marks a year provisional when it holds only the statutory days, without the State Council notice', () => {
      // given: the rows the migration seeds, 2025–2026 official and 2027 statutory
      const rows = officialCalendarDays(2025, 2027);

      // when
      const seeded = createHolidayCalendar(rows);

      // then
      expect([...seeded.years]).to.deep.equal([[2025, 'complete'], [2026, 'complete'], [2027, 'provisional']]);
    });


    it('treats a year with any manually entered day as complete', () => {
      const manual = createHolidayCalendar([
        { date: '2027-01-01', kind: 'holiday', name: '元旦', source: 'statutory' },
        { date: '2027-02-20', kind: 'workday', name: '春节', source: 'manual' },
      ]);
      expect(manual.years.get(2027)).to.equal('complete');
    });


    it('rejects a day that is both a holiday and a make-up working day', () => {
      const rows = [{ date: '2026-02-14', kind: 'workday', name: '春节' }, { date: '2026-02-14', kind: 'holiday', name: '春节' }] as const;
      expect(() => createHolidayCalendar(rows)).to.throw(InvalidCalendarError, /^Expected calendar day 2026-02-14 once, but it is both a workday \(春节\) and a holiday \(春节\)$/);
    });


    it('rejects an unknown kind and a date that does not exist', () => {
      expect(() => createHolidayCalendar([{ date: '2026-05-01', kind: 'festival' as 'holiday', name: '劳动节' }])).to.throw(InvalidCalendarError, /kind 'holiday' or 'workday', but it is 'festival'/);
      expect(() => createHolidayCalendar([{ date: '2026-02-29', kind: 'holiday', name: 'x' }])).to.throw(/but got '2026-02-29'/);
    });
  });


  describe('isWorkingDay', () => {
    const cases: Array<[string, boolean, string]> = [
      ['2026-02-13', true, 'an ordinary Friday'],
      ['2026-02-14', true, 'the 调休 Saturday before Spring Festival'],
      ['2026-02-16', false, 'a Monday in Spring Festival'],
      ['2026-02-21', false, 'a Saturday in Spring Festival'],
      ['2026-02-28', true, 'the 调休 Saturday after Spring Festival'],
      ['2026-03-07', false, 'an ordinary Saturday'],
      ['2026-01-04', true, 'the 调休 Sunday after New Year'],
      ['2025-09-28', true, 'the 调休 Sunday before National Day 2025'],
      ['2025-10-06', false, 'Mid-Autumn inside National Day 2025'],
      ['2025-10-11', true, 'the 调休 Saturday after National Day 2025'],
      ['2026-02-13T20:00:00Z', true, 'an instant on the 调休 Saturday in China (still Friday in UTC)'],
    ];
    for (const [date, working, what] of cases) {
      it(`says ${date} (${what}) is ${working ? '' : 'not '}a working day`, () => {
        expect(isWorkingDay(date, calendar)).to.equal(working);
      });
    }


    it('gives the reason and the name of a rest day', () => {
      expect(dayStatus('2026-02-21', calendar)).to.deep.equal({ working: false, reason: 'holiday', name: '春节' });
      expect(dayStatus('2026-03-07', calendar)).to.deep.equal({ working: false, reason: 'weekend' });
      expect(dayStatus('2026-02-14', calendar)).to.deep.equal({ working: true, makeUp: true, name: '春节' });
    });
  });


  describe('addWorkingDays', () => {

    it('counts working days after the start day, across Spring Festival', () => {
      expect(addWorkingDays('2026-02-13', 5, calendar)).to.equal('2026-02-27');
      expect(addWorkingDays('2026-02-13T10:00:00+08:00', 1, calendar)).to.equal('2026-02-14');
    });


    it('counts backwards for a negative count, the inverse of counting forwards', () => {
      // given: a hearing on Friday 27 February 2026 that needs notice 5 working days before
      const hearing = '2026-02-27';

      // when
      const notice = addWorkingDays(hearing, -5, calendar);

      // then
      expect(notice).to.equal('2026-02-13');
      expect(addWorkingDays(notice, 5, calendar)).to.equal(hearing);
    });


    it('returns the day itself for zero and rejects a fraction', () => {
      expect(addWorkingDays('2026-02-16', 0, calendar)).to.equal('2026-02-16');
      expect(() => addWorkingDays('2026-02-16', 1.5, calendar)).to.throw(InvalidPeriodError, /whole number of working days, but got 1.5/);
    });
  });


  describe('remainingWorkingDays', () => {
    const due = '2026-02-27T23:59:59.999+08:00';
    const cases: Array<[string, string, number, string]> = [
      ['2026-02-13T10:00:00+08:00', due, 5, 'before Spring Festival: 14, 24, 25, 26 and 27 February are left'],
      ['2026-02-18T10:00:00+08:00', due, 4, 'during Spring Festival'],
      ['2026-02-27T09:00:00+08:00', due, 0, 'on the due day'],
      ['2026-02-28T09:00:00+08:00', due, -1, 'on the make-up Saturday after it'],
      ['2026-03-01T09:00:00+08:00', due, -2, 'on the Sunday after it, which counts as Monday'],
      ['2026-03-07T09:00:00+08:00', '2026-03-06', -1, 'on the Saturday after a Friday deadline'],
      ['2026-03-09T09:00:00+08:00', '2026-03-06', -1, 'on the Monday after a Friday deadline'],
      ['2026-03-10T09:00:00+08:00', '2026-03-06', -2, 'on the Tuesday after a Friday deadline'],
      ['2026-02-15T15:00:00+08:00', '2026-02-15T15:30:00.000+08:00', 0, 'half an hour before a 24-hour deadline'],
      ['2026-02-15T16:00:00+08:00', '2026-02-15T15:30:00.000+08:00', -1, 'half an hour after a 24-hour deadline'],
    ];
    for (const [now, dueAt, expected, what] of cases) {
      it(`is ${expected} ${what}`, () => {
        expect(remainingWorkingDays(now, dueAt, calendar)).to.equal(expected);
      });
    }


    it('accepts a Date for now', () => {
      expect(remainingWorkingDays(new Date('2026-02-13T02:00:00Z'), due, calendar)).to.equal(5);
    });
  });
});
