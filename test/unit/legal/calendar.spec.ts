import { expect } from 'chai';
import { officialCalendarDays } from '../../../db/official-calendar.js';
import {
  computeDeadline, createHolidayCalendar, InvalidDateError, InvalidPeriodError,
  type DeadlineSpec, type SkippedDay,
} from '../../../legal/calendar.js';

// the State Council's real arrangements, as the migration seeds them into app.calendar_days
const calendar = createHolidayCalendar(officialCalendarDays(2025, 2026));

const deadline = (spec: DeadlineSpec) => computeDeadline(spec, calendar);
const holiday = (date: string, name: string): SkippedDay => ({ date, reason: 'holiday', name });
const weekend = (date: string): SkippedDay => ({ date, reason: 'weekend' });
const paused = (date: string, ...pauseReasons: string[]): SkippedDay => ({ date, reason: 'paused', pauseReasons });

/** Every day from `from` to `to` inclusive. */
function daysFrom(from: string, to: string): string[] {
  const days: string[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += 86_400_000) days.push(new Date(ms).toISOString().slice(0, 10));
  return days;
}


describe('legal calendar: computeDeadline', () => {

  describe('working days (WD)', () => {

    it('counts 5 working days across Spring Festival 2026, with the make-up Saturday 14 February as a working day', () => {
      // given: a notice served on Friday 13 February 2026; 春节 runs 15–23 February, 14 February is a 调休 working Saturday
      const spec: DeadlineSpec = { start: '2026-02-13T10:00:00+08:00', length: 5, unit: 'WD', basis: '《行政处罚法》第六十四条、第八十五条' };

      // when
      const result = deadline(spec);

      // then: 14 Feb (1), 24 (2), 25 (3), 26 (4), 27 (5)
      expect(result.dueDate).to.equal('2026-02-27');
      expect(result.due).to.equal('2026-02-27T23:59:59.999+08:00');
      expect(result.explanation.skipped).to.deep.equal(daysFrom('2026-02-15', '2026-02-23').map((d) => holiday(d, '春节')));
      expect(result.explanation.makeUpWorkdaysCounted).to.deep.equal([{ date: '2026-02-14', name: '春节' }]);
      expect(result.explanation.rolledForward).to.equal(undefined);
    });


    it('ends on the make-up Saturday 28 February 2026 when the count reaches it', () => {
      // given: the trigger is on the last day of the holiday (Monday 23 February), itself not counted
      const spec: DeadlineSpec = { start: '2026-02-23', length: 5, unit: 'WD' };

      // when
      const result = deadline(spec);

      // then: 24, 25, 26, 27 and the 调休 Saturday 28 February
      expect(result.dueDate).to.equal('2026-02-28');
      expect(result.explanation.skipped).to.deep.equal([]);
      expect(result.explanation.makeUpWorkdaysCounted).to.deep.equal([{ date: '2026-02-28', name: '春节' }]);
    });


    it('counts 5 working days across National Day 2025, with the make-up Sunday 28 September and the Mid-Autumn day inside', () => {
      // given: Friday 26 September 2025; 国庆节+中秋 run 1–8 October, 28 September (Sunday) is a 调休 working day
      const spec: DeadlineSpec = { start: '2025-09-26T16:00:00+08:00', length: 5, unit: 'WD' };

      // when
      const result = deadline(spec);

      // then: 28 Sep (1), 29 (2), 30 (3), 9 Oct (4), 10 Oct (5)
      expect(result.dueDate).to.equal('2025-10-10');
      expect(result.explanation.skipped).to.deep.equal([
        weekend('2025-09-27'),
        holiday('2025-10-01', '国庆节'), holiday('2025-10-02', '国庆节'), holiday('2025-10-03', '国庆节'), holiday('2025-10-04', '国庆节'),
        holiday('2025-10-05', '国庆节'), holiday('2025-10-06', '中秋'), holiday('2025-10-07', '国庆节'), holiday('2025-10-08', '国庆节'),
      ]);
      expect(result.explanation.makeUpWorkdaysCounted).to.deep.equal([{ date: '2025-09-28', name: '国庆节' }]);
    });


    it('starting the day before National Day 2025, skips the whole holiday and counts the make-up Saturday 11 October', () => {
      // given: Tuesday 30 September 2025
      const spec: DeadlineSpec = { start: '2025-09-30', length: 5, unit: 'WD' };

      // when
      const result = deadline(spec);

      // then: 9 Oct (1), 10 (2), Saturday 11 (3, 调休), 13 (4), 14 (5)
      expect(result.dueDate).to.equal('2025-10-14');
      expect(result.explanation.skipped.map((d) => `${d.date} ${d.reason}`)).to.deep.equal([
        ...daysFrom('2025-10-01', '2025-10-08').map((d) => `${d} holiday`),
        '2025-10-12 weekend',
      ]);
      expect(result.explanation.makeUpWorkdaysCounted).to.deep.equal([{ date: '2025-10-11', name: '国庆节' }]);
    });


    it('starting on a Friday, skips the weekend', () => {
      // given: Friday 6 March 2026, an ordinary week
      const spec: DeadlineSpec = { start: '2026-03-06T09:00:00+08:00', length: 3, unit: 'WD' };

      // when
      const result = deadline(spec);

      // then
      expect(result.dueDate).to.equal('2026-03-11');
      expect(result.explanation.skipped).to.deep.equal([weekend('2026-03-07'), weekend('2026-03-08')]);
      expect(result.explanation.makeUpWorkdaysCounted).to.deep.equal([]);
    });


    it('crosses New Year 2026 and counts the make-up Sunday 4 January', () => {
      // given: Wednesday 31 December 2025; 元旦 1–3 January 2026, 4 January (Sunday) a 调休 working day
      const spec: DeadlineSpec = { start: '2025-12-31', length: 3, unit: 'WD' };

      // when
      const result = deadline(spec);

      // then: 4 Jan (1), 5 (2), 6 (3)
      expect(result.dueDate).to.equal('2026-01-06');
      expect(result.explanation.skipped).to.deep.equal([holiday('2026-01-01', '元旦'), holiday('2026-01-02', '元旦'), holiday('2026-01-03', '元旦')]);
      expect(result.explanation.makeUpWorkdaysCounted).to.deep.equal([{ date: '2026-01-04', name: '元旦' }]);
    });


    it('takes the start day in China time, whatever the offset of the input', () => {
      // given: 20:00 UTC on 12 February is 04:00 on 13 February in China
      const spec: DeadlineSpec = { start: '2026-02-12T20:00:00Z', length: 5, unit: 'WD' };

      // when
      const result = deadline(spec);

      // then: the same as a start on 13 February
      expect(result.explanation.startDate).to.equal('2026-02-13');
      expect(result.dueDate).to.equal('2026-02-27');
    });
  });


  describe('calendar days (CD) and the roll-forward of 民诉法 Art 85', () => {

    it('rolls a period whose last day is National Day 2026 forward to the first working day after it', () => {
      // given: a decision received on Wednesday 16 September 2026 (15 days to pay, 处罚法 Art 67)
      const spec: DeadlineSpec = { start: '2026-09-16', length: 15, unit: 'CD' };

      // when
      const result = deadline(spec);

      // then: the 15th day is 1 October; 1–7 October are 国庆节, so the period ends on Thursday 8 October
      expect(result.dueDate).to.equal('2026-10-08');
      expect(result.explanation.steps[0]?.lastCountedDay).to.equal('2026-10-01');
      expect(result.explanation.rolledForward).to.deep.equal({
        from: '2026-10-01',
        to: '2026-10-08',
        because: daysFrom('2026-10-01', '2026-10-07').map((d) => holiday(d, '国庆节')),
      });
      expect(result.explanation.skipped).to.deep.equal([]);
    });


    it('treats an ordinary weekend as 休假日: a period ending on a Saturday ends on the Monday', () => {
      // given: Sunday 1 March 2026 + 6 days = Saturday 7 March
      const spec: DeadlineSpec = { start: '2026-03-01', length: 6, unit: 'CD' };

      // when
      const result = deadline(spec);

      // then
      expect(result.dueDate).to.equal('2026-03-09');
      expect(result.explanation.rolledForward).to.deep.equal({ from: '2026-03-07', to: '2026-03-09', because: [weekend('2026-03-07'), weekend('2026-03-08')] });
    });


    it('does not roll a period that ends on a make-up Saturday, which is a working day', () => {
      // given: Wednesday 4 February 2026 + 10 days = Saturday 14 February, a 调休 working day
      const spec: DeadlineSpec = { start: '2026-02-04', length: 10, unit: 'CD' };

      // when
      const result = deadline(spec);

      // then
      expect(result.dueDate).to.equal('2026-02-14');
      expect(result.explanation.rolledForward).to.equal(undefined);
      expect(result.explanation.makeUpWorkdaysCounted).to.deep.equal([{ date: '2026-02-14', name: '春节' }]);
    });


    it('counts holidays inside the period as calendar days', () => {
      // given: 15 days from Tuesday 10 February 2026, across the whole of Spring Festival
      const spec: DeadlineSpec = { start: '2026-02-10', length: 15, unit: 'CD' };

      // when
      const result = deadline(spec);

      // then
      expect(result.dueDate).to.equal('2026-02-25');
      expect(result.explanation.skipped).to.deep.equal([]);
    });


    it('ends the 90-day limit from 立案 on 3 July 2025 after National Day and Mid-Autumn, on 9 October', () => {
      // given: 处罚法 Art 60, 90 days from 立案
      const spec: DeadlineSpec = { start: '2025-07-03T15:00:00+08:00', length: 90, unit: 'CD', basis: '《行政处罚法》第六十条' };

      // when
      const result = deadline(spec);

      // then: the 90th day is 1 October 2025, a holiday until 8 October
      expect(result.dueDate).to.equal('2025-10-09');
      expect(result.explanation.rolledForward?.because).to.deep.equal([
        holiday('2025-10-01', '国庆节'), holiday('2025-10-02', '国庆节'), holiday('2025-10-03', '国庆节'), holiday('2025-10-04', '国庆节'),
        holiday('2025-10-05', '国庆节'), holiday('2025-10-06', '中秋'), holiday('2025-10-07', '国庆节'), holiday('2025-10-08', '国庆节'),
      ]);
      expect(result.explanation.basis).to.equal('《行政处罚法》第六十条');
    });


    it('counts National Day 2026 as calendar days inside the 90-day limit from 立案 on 10 August 2026', () => {
      // given
      const spec: DeadlineSpec = { start: '2026-08-10', length: 90, unit: 'CD' };

      // when
      const result = deadline(spec);

      // then: the 90th day is Sunday 8 November, so the period ends on Monday 9 November
      expect(result.explanation.steps[0]?.lastCountedDay).to.equal('2026-11-08');
      expect(result.dueDate).to.equal('2026-11-09');
      expect(result.explanation.skipped).to.deep.equal([]);
    });
  });


  describe('calendar months (M)', () => {

    it('ends one month from 31 January 2026 on 28 February, the end of the shorter month (a make-up Saturday)', () => {
      // given
      const spec: DeadlineSpec = { start: '2026-01-31', length: 1, unit: 'M' };

      // when
      const result = deadline(spec);

      // then
      expect(result.explanation.steps[0]?.monthEnd).to.deep.equal({ date: '2026-02-28', clamped: true, calendarDays: 28 });
      expect(result.dueDate).to.equal('2026-02-28');
      expect(result.explanation.rolledForward).to.equal(undefined);
    });


    it('ends one month from 31 August 2026 on 30 September', () => {
      const result = deadline({ start: '2026-08-31', length: 1, unit: 'M' });
      expect(result.dueDate).to.equal('2026-09-30');
      expect(result.explanation.steps[0]?.monthEnd?.clamped).to.equal(true);
    });


    it('ends three months from 15 March 2026 on the corresponding day, 15 June', () => {
      const result = deadline({ start: '2026-03-15T11:00:00+08:00', length: 3, unit: 'M' });
      expect(result.dueDate).to.equal('2026-06-15');
      expect(result.explanation.steps[0]?.monthEnd).to.deep.equal({ date: '2026-06-15', clamped: false, calendarDays: 92 });
    });


    it('rolls six months from 1 August 2025 off Sunday 1 February 2026 to Monday 2 February', () => {
      // given: e.g. 诉讼法 Art 46, six months to sue
      const spec: DeadlineSpec = { start: '2025-08-01', length: 6, unit: 'M' };

      // when
      const result = deadline(spec);

      // then
      expect(result.dueDate).to.equal('2026-02-02');
      expect(result.explanation.rolledForward).to.deep.equal({ from: '2026-02-01', to: '2026-02-02', because: [weekend('2026-02-01')] });
    });


    it('ends two months from 31 December 2027 on 29 February 2028 and warns that 2028 is not in the holiday table', () => {
      // given: the table holds 2025 and 2026 only
      const spec: DeadlineSpec = { start: '2027-12-31', length: 2, unit: 'M' };

      // when
      const result = deadline(spec);

      // then
      expect(result.dueDate).to.equal('2028-02-29');
      expect(result.explanation.warnings.map((w) => [w.code, w.year])).to.deep.equal([['year-not-in-calendar', 2028]]);
    });
  });


  describe('clock hours (H)', () => {

    it('ends 24 hours after an on-the-spot measure at the same time the next day, holiday or not (强制法 Art 19)', () => {
      // given: Saturday 14 February 2026 15:30; the next day is 春节
      const spec: DeadlineSpec = { start: '2026-02-14T15:30:00+08:00', length: 24, unit: 'H', basis: '《行政强制法》第十九条' };

      // when
      const result = deadline(spec);

      // then
      expect(result.due).to.equal('2026-02-15T15:30:00.000+08:00');
      expect(result.dueDate).to.equal('2026-02-15');
      expect(result.explanation.skipped).to.deep.equal([]);
      expect(result.explanation.rolledForward).to.equal(undefined);
    });


    it('gives the due instant in China time for a UTC trigger', () => {
      const result = deadline({ start: '2026-02-14T07:30:00Z', length: 24, unit: 'H' });
      expect(result.due).to.equal('2026-02-15T15:30:00.000+08:00');
    });


    it('adds the exact paused time to an hour period', () => {
      // given: 24 hours from 09:00, paused 12:00–14:00 the same day
      const spec: DeadlineSpec = {
        start: '2026-03-02T09:00:00+08:00', length: 24, unit: 'H',
        paused: [{ from: '2026-03-02T12:00:00+08:00', to: '2026-03-02T14:00:00+08:00', reason: 'suspension' }],
      };

      // when
      const result = deadline(spec);

      // then
      expect(result.due).to.equal('2026-03-03T11:00:00.000+08:00');
      expect(result.explanation.pausedHours).to.equal(2);
    });
  });


  describe('paused intervals', () => {
    // 90 days from 立案 on Tuesday 3 March 2026 end on Monday 1 June 2026 without pauses
    const ninetyDays = (paused: DeadlineSpec['paused']) => deadline({ start: '2026-03-03', length: 90, unit: 'CD', paused });

    it('ends 90 days from 立案 on 1 June 2026 when nothing is paused', () => {
      expect(ninetyDays([]).dueDate).to.equal('2026-06-01');
    });


    it('moves the due date by one day for a two-hour hearing: the day it touches does not count', () => {
      // given
      const hearing = { from: '2026-04-10T09:00:00+08:00', to: '2026-04-10T11:30:00+08:00', reason: 'hearing' };

      // when
      const result = ninetyDays([hearing]);

      // then
      expect(result.dueDate).to.equal('2026-06-02');
      expect(result.explanation.skipped).to.deep.equal([paused('2026-04-10', 'hearing')]);
      expect(result.explanation.pausedDays).to.equal(1);
    });


    it('resumes the count on the day a pause ends at 00:00, and not before the day after a pause ending later', () => {
      // given: pauses as [from, to): one ends at midnight, the other one second after it
      const toMidnight = { from: '2026-04-10T09:00:00+08:00', to: '2026-04-11T00:00:00+08:00', reason: 'hearing' };
      const pastMidnight = { from: '2026-04-10T09:00:00+08:00', to: '2026-04-11T00:00:01+08:00', reason: 'hearing' };

      // when
      const first = ninetyDays([toMidnight]);
      const second = ninetyDays([pastMidnight]);

      // then
      expect(first.explanation.pausedDays).to.equal(1);
      expect(first.dueDate).to.equal('2026-06-02');
      expect(second.explanation.pausedDays).to.equal(2);
      expect(second.dueDate).to.equal('2026-06-03');
    });


    it('counts two overlapping pauses once', () => {
      // given: testing 1–10 April and a public notice 5–14 April (whole days)
      const testing = { from: '2026-04-01', to: '2026-04-10', reason: 'testing-appraisal' };
      const notice = { from: '2026-04-05', to: '2026-04-14', reason: 'public-notice' };

      // when
      const result = ninetyDays([testing, notice]);

      // then: 14 days, not 20
      expect(result.explanation.pausedDays).to.equal(14);
      expect(result.dueDate).to.equal('2026-06-15');
      expect(result.explanation.skipped).to.deep.equal([
        ...daysFrom('2026-04-01', '2026-04-04').map((d) => paused(d, 'testing-appraisal')),
        ...daysFrom('2026-04-05', '2026-04-10').map((d) => paused(d, 'testing-appraisal', 'public-notice')),
        ...daysFrom('2026-04-11', '2026-04-14').map((d) => paused(d, 'public-notice')),
      ]);
    });


    it('does not count the days after the start that a pause already covering the start day covers', () => {
      // given: a suspension from 1 to 5 March; the start day 3 March is not counted anyway
      const result = ninetyDays([{ from: '2026-03-01', to: '2026-03-05', reason: 'suspension' }]);

      // then: 4 and 5 March are paused
      expect(result.explanation.pausedDays).to.equal(2);
      expect(result.dueDate).to.equal('2026-06-03');
    });


    it('ignores a pause that starts after the period has ended', () => {
      const result = ninetyDays([{ from: '2026-07-01', to: '2026-07-10', reason: 'suspension' }]);
      expect(result.dueDate).to.equal('2026-06-01');
      expect(result.explanation.pausedDays).to.equal(0);
    });


    it('costs a working-day period only the working days inside the pause', () => {
      // given: 15 working days from Monday 2 March 2026 (立案 decision, 市监 Art 18), testing from Friday 6 to Tuesday 10 March
      const spec: DeadlineSpec = { start: '2026-03-02', length: 15, unit: 'WD', paused: [{ from: '2026-03-06', to: '2026-03-10', reason: 'testing-appraisal' }] };

      // when
      const result = deadline(spec);

      // then: 23 March without the pause; 6, 9 and 10 March are paused, the weekend between is a weekend anyway
      expect(result.dueDate).to.equal('2026-03-26');
      expect(result.explanation.pausedDays).to.equal(3);
      expect(result.explanation.skipped).to.deep.equal([
        paused('2026-03-06', 'testing-appraisal'), weekend('2026-03-07'), weekend('2026-03-08'), paused('2026-03-09', 'testing-appraisal'), paused('2026-03-10', 'testing-appraisal'),
        weekend('2026-03-14'), weekend('2026-03-15'), weekend('2026-03-21'), weekend('2026-03-22'),
      ]);
    });


    it('does not end a rolled-forward period on a paused working day', () => {
      // given: 15 days from 16 September 2026 roll forward to 8 October, and a hearing is held on 8 October
      const spec: DeadlineSpec = { start: '2026-09-16', length: 15, unit: 'CD', paused: [{ from: '2026-10-08', to: '2026-10-08', reason: 'hearing' }] };

      // when
      const result = deadline(spec);

      // then
      expect(result.dueDate).to.equal('2026-10-09');
      expect(result.explanation.rolledForward?.because.at(-1)).to.deep.equal(paused('2026-10-08', 'hearing'));
    });
  });


  describe('approved extensions', () => {

    it('adds an approved 30 days after the 30 days of a seizure (强制法 Art 25) and rolls past Labour Day', () => {
      // given: seizure on Monday 2 March 2026 (30 days end 1 April); extension approved on 25 March
      const spec: DeadlineSpec = {
        start: '2026-03-02T10:00:00+08:00', length: 30, unit: 'CD', basis: '《行政强制法》第二十五条',
        extensions: [{ length: 30, unit: 'CD', approvedAt: '2026-03-25T10:00:00+08:00', reason: '情况复杂，经负责人批准' }],
      };

      // when
      const result = deadline(spec);

      // then: 1 April + 30 days = Friday 1 May, 劳动节 until 5 May, so Wednesday 6 May
      expect(result.explanation.steps.map((s) => [s.kind, s.dueDate])).to.deep.equal([['period', '2026-04-01'], ['extension', '2026-05-06']]);
      expect(result.dueDate).to.equal('2026-05-06');
      expect(result.explanation.extensions).to.deep.equal([
        { length: 30, unit: 'CD', reason: '情况复杂，经负责人批准', approvedAt: '2026-03-25T10:00:00.000+08:00', due: '2026-05-06T23:59:59.999+08:00' },
      ]);
      expect(result.explanation.rolledForward?.from).to.equal('2026-05-01');
      expect(result.explanation.warnings).to.deep.equal([]);
    });


    it('counts an extension from the rolled-forward end of the period', () => {
      // given: 30 days from 5 March 2026 end on Saturday 4 April (清明) and roll forward to Tuesday 7 April
      const spec: DeadlineSpec = {
        start: '2026-03-05', length: 30, unit: 'CD',
        extensions: [{ length: 30, unit: 'CD', approvedAt: '2026-04-01T09:00:00+08:00', reason: '情况复杂' }],
      };

      // when
      const result = deadline(spec);

      // then: 7 April + 30 days = Thursday 7 May (not 60 days from 5 March, which would roll to 6 May)
      expect(result.explanation.steps[0]?.rolledForward?.to).to.equal('2026-04-07');
      expect(result.dueDate).to.equal('2026-05-07');
    });


    it('adds 15 working days after 15 working days across Spring Festival 2026 (立案 decision, 市监 Art 18)', () => {
      // given: a clue received on Monday 2 February 2026
      const spec: DeadlineSpec = {
        start: '2026-02-02', length: 15, unit: 'WD',
        extensions: [{ length: 15, unit: 'WD', approvedAt: '2026-02-26T16:00:00+08:00', reason: '案情复杂' }],
      };

      // when
      const result = deadline(spec);

      // then: both make-up Saturdays count; the period ends on the second one
      expect(result.explanation.steps[0]?.dueDate).to.equal('2026-02-28');
      expect(result.dueDate).to.equal('2026-03-20');
      expect(result.explanation.makeUpWorkdaysCounted.map((d) => d.date)).to.deep.equal(['2026-02-14', '2026-02-28']);
    });


    it('applies extensions in the order they were approved', () => {
      // given: the later approval listed first
      const spec: DeadlineSpec = {
        start: '2026-03-02', length: 30, unit: 'CD',
        extensions: [
          { length: 10, unit: 'CD', approvedAt: '2026-04-25T09:00:00+08:00', reason: '集体讨论决定' },
          { length: 30, unit: 'CD', approvedAt: '2026-03-25T09:00:00+08:00', reason: '负责人批准' },
        ],
      };

      // when
      const result = deadline(spec);

      // then: 1 April, + 30 → 6 May (rolled past 劳动节), + 10 → Saturday 16 May → Monday 18 May
      expect(result.explanation.steps.map((s) => [s.reason ?? s.kind, s.dueDate])).to.deep.equal([
        ['period', '2026-04-01'], ['负责人批准', '2026-05-06'], ['集体讨论决定', '2026-05-18'],
      ]);
    });


    it('warns when an extension was approved after the period had already ended', () => {
      // given: 30 days end on 1 April 2026; the approval is dated 3 April
      const spec: DeadlineSpec = {
        start: '2026-03-02', length: 30, unit: 'CD',
        extensions: [{ length: 30, unit: 'CD', approvedAt: '2026-04-03T09:00:00+08:00', reason: '补批' }],
      };

      // when
      const result = deadline(spec);

      // then: still computed, but flagged for supervision
      expect(result.dueDate).to.equal('2026-05-06');
      expect(result.explanation.warnings.map((w) => w.code)).to.deep.equal(['extension-approved-after-expiry']);
    });
  });


  describe('the explanation', () => {

    it('says in both languages what was counted, what was skipped and when the period ends', () => {
      // given
      const spec: DeadlineSpec = { start: '2026-02-13T10:00:00+08:00', length: 5, unit: 'WD', basis: '《行政处罚法》第八十五条' };

      // when
      const { text } = deadline(spec);

      // then
      expect(text['zh-CN']).to.equal(
        '自2026-02-13（星期五）起算，起算日不计入。期间5个工作日（《行政处罚法》第八十五条）。'
        + '未计入：2026-02-15至2026-02-23（法定节假日春节，9日）。调休工作日按工作日计：2026-02-14（星期六，春节调休）。'
        + '届满日期：2026-02-27（星期五）24时（北京时间）。',
      );
      expect(text.en).to.equal(
        'Counted from 2026-02-13 (Friday); the start day is not counted. Period: 5 working days (《行政处罚法》第八十五条). '
        + 'Not counted: 2026-02-15 to 2026-02-23 (statutory holiday 春节 Spring Festival, 9 days). '
        + 'Make-up working days count as working days: 2026-02-14 (Saturday, make-up day for 春节 Spring Festival). '
        + 'Due: end of 2026-02-27 (Friday) (24:00 China Standard Time).',
      );
    });


    it('explains a roll-forward, the pauses and the extensions', () => {
      // given
      const spec: DeadlineSpec = {
        start: '2026-03-02', length: 30, unit: 'CD',
        paused: [{ from: '2026-03-10', to: '2026-03-10', reason: 'hearing' }],
        extensions: [{ length: 30, unit: 'CD', approvedAt: '2026-03-25T10:00:00+08:00', reason: '情况复杂' }],
      };

      // when
      const { text, dueDate } = deadline(spec);

      // then: 2 April (paused one day), + 30 → Saturday 2 May, 劳动节 until 5 May
      expect(dueDate).to.equal('2026-05-06');
      expect(text['zh-CN']).to.contain('经批准延长30日（情况复杂，2026-03-25 10:00 UTC+8批准）');
      expect(text['zh-CN']).to.contain('最后一日2026-05-02（星期六）为法定节假日劳动节，顺延至2026-05-06（星期三）');
      expect(text['zh-CN']).to.contain('2026-03-10（中止计算：听证，1日）');
      expect(text.en).to.contain('its last day 2026-05-02 (Saturday) is a statutory holiday 劳动节 Labour Day, so it ends on the next working day, 2026-05-06 (Wednesday)');
      expect(text.en).to.contain('2026-03-10 (paused: hearing, 1 day)');
    });


    it('warns that a year whose arrangements are not yet published was counted without make-up days', () => {
      // given: the table as seeded, with 2027 holding only the statutory days of 《全国年节及纪念日放假办法》
      const seeded = createHolidayCalendar(officialCalendarDays(2025, 2027));

      // when: 5 working days from Thursday 4 February 2027, across 春节 (5–8 February)
      const result = computeDeadline({ start: '2027-02-04', length: 5, unit: 'WD' }, seeded);

      // then
      expect(result.dueDate).to.equal('2027-02-15');
      expect(result.explanation.warnings.map((w) => [w.code, w.year])).to.deep.equal([['provisional-year', 2027]]);
      expect(result.text['zh-CN']).to.contain('2027年的节假日安排尚未公布');
    });
  });


  describe('invalid input', () => {
    const base: DeadlineSpec = { start: '2026-03-02', length: 10, unit: 'WD' };
    const invalid: Array<[string, unknown, typeof InvalidPeriodError | typeof InvalidDateError, RegExp]> = [
      ['no period at all', null, InvalidPeriodError, /^Expected a period \{ start, length, unit \}, but got null$/],
      ['a negative length', { ...base, length: -5 }, InvalidPeriodError, /^Expected the period length to be a positive whole number, but got -5$/],
      ['a zero length', { ...base, length: 0 }, InvalidPeriodError, /positive whole number, but got 0/],
      ['a fractional length', { ...base, length: 1.5 }, InvalidPeriodError, /positive whole number, but got 1.5/],
      ['an unknown unit', { ...base, unit: 'D' }, InvalidPeriodError, /^Expected the period unit to be one of WD, CD, H, M, but got 'D'$/],
      ['a pause ending before it starts', { ...base, paused: [{ from: '2026-03-10', to: '2026-03-09', reason: 'hearing' }] }, InvalidPeriodError, /^Expected pause 1 \(hearing\) to end after it starts, but it runs from 2026-03-10 to 2026-03-09$/],
      ['a pause of no time', { ...base, paused: [{ from: '2026-03-10T09:00:00+08:00', to: '2026-03-10T09:00:00+08:00', reason: 'hearing' }] }, InvalidPeriodError, /pause 1 \(hearing\) to end after it starts/],
      ['a pause without a reason', { ...base, paused: [{ from: '2026-03-10', to: '2026-03-11', reason: ' ' }] }, InvalidPeriodError, /^Expected pause 1 to give a reason/],
      ['an extension with a negative length', { ...base, extensions: [{ length: -30, unit: 'CD', approvedAt: '2026-03-05', reason: 'x' }] }, InvalidPeriodError, /^Expected the length of extension 1 to be a positive whole number, but got -30$/],
      ['an extension in an unknown unit', { ...base, extensions: [{ length: 30, unit: 'days', approvedAt: '2026-03-05', reason: 'x' }] }, InvalidPeriodError, /unit of extension 1 to be one of WD, CD, H, M, but got 'days'/],
      ['a start date that does not exist', { ...base, start: '2026-02-30' }, InvalidDateError, /^Expected the start to be a date \(YYYY-MM-DD\), but got '2026-02-30'$/],
      ['a start time without an offset', { ...base, start: '2026-03-02T10:00:00' }, InvalidDateError, /with an offset/],
      ['a start that is not a date', { ...base, start: 'yesterday' }, InvalidDateError, /but got 'yesterday'/],
    ];

    for (const [what, spec, errorClass, message] of invalid) {
      it(`rejects ${what} with a clear error`, () => {
        expect(() => deadline(spec as DeadlineSpec)).to.throw(errorClass, message);
      });
    }
  });
});
