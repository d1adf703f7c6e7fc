import { expect } from 'chai';
import { addDuration, firstDueDate, nextCycleDueDate, parseCycle, parseDateTime, parseDuration, TimerExpressionError } from '../../../../engine/model/timer-expressions.js';

const NOW = new Date('2026-01-31T02:00:00Z');

describe('timer expressions (ISO 8601)', () => {
  it('reads durations with every part', () => {
    expect(parseDuration('P1Y2M3W4DT5H6M7S')).to.deep.equal({ years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7 });
    expect(parseDuration('PT0.5S').seconds).to.equal(0.5);
  });


  it('refuses what is not a positive duration', () => {
    for (const bad of ['P', 'PT', '1D', 'P1H', '-PT1H', 'PT1H30', '']) expect(() => parseDuration(bad), bad).to.throw(TimerExpressionError);
  });


  it('adds calendar parts on the calendar and clock parts as elapsed time', () => {
    expect(addDuration(NOW, parseDuration('P1M')).toISOString()).to.equal('2026-03-03T02:00:00.000Z');
    expect(addDuration(NOW, parseDuration('P30D')).toISOString()).to.equal('2026-03-02T02:00:00.000Z');
    expect(addDuration(NOW, parseDuration('PT24H')).toISOString()).to.equal('2026-02-01T02:00:00.000Z');
    expect(addDuration(NOW, parseDuration('P1W')).toISOString()).to.equal('2026-02-07T02:00:00.000Z');
  });


  it('reads date-times with Z, an offset, or an offset and a zone id', () => {
    expect(parseDateTime('2026-10-01T09:00:00Z').toISOString()).to.equal('2026-10-01T09:00:00.000Z');
    expect(parseDateTime('2026-10-01T09:00:00+08:00').toISOString()).to.equal('2026-10-01T01:00:00.000Z');
    expect(parseDateTime('2026-10-01T09:00:00+08:00[Asia/Shanghai]').toISOString()).to.equal('2026-10-01T01:00:00.000Z');
    expect(() => parseDateTime('2026-10-01T09:00:00')).to.throw(TimerExpressionError, /with an offset/);
    expect(() => parseDateTime('tomorrow')).to.throw(TimerExpressionError);
  });


  it('reads cycles with and without a count and a start', () => {
    expect(parseCycle('R3/PT1H')).to.deep.include({ repetitions: 3, start: null });
    expect(parseCycle('R/P1D').repetitions).to.equal(null);
    expect(parseCycle('R2/2026-02-01T00:00:00Z/PT10M').start!.toISOString()).to.equal('2026-02-01T00:00:00.000Z');
    for (const bad of ['PT1H', 'R3', 'R3/', 'Rx/PT1H', 'R3/PT1H/PT1H/PT1H']) expect(() => parseCycle(bad), bad).to.throw(TimerExpressionError);
  });


  it('computes the first due date of each timer kind from now', () => {
    expect(firstDueDate('timeDate', '2026-02-10T00:00:00Z', NOW).toISOString()).to.equal('2026-02-10T00:00:00.000Z');
    expect(firstDueDate('timeDuration', 'PT15M', NOW).toISOString()).to.equal('2026-01-31T02:15:00.000Z');
    expect(firstDueDate('timeCycle', 'R3/PT1H', NOW).toISOString()).to.equal('2026-01-31T03:00:00.000Z');
    expect(firstDueDate('timeCycle', 'R3/2026-02-01T00:00:00Z/PT1H', NOW).toISOString()).to.equal('2026-02-01T00:00:00.000Z');
  });


  it('repeats a cycle until its repetitions are used up, or forever', () => {
    const cycle = parseCycle('R3/PT1H');
    const fired = new Date('2026-01-31T03:00:00Z');
    expect(nextCycleDueDate(cycle, fired, 3)!.toISOString()).to.equal('2026-01-31T04:00:00.000Z');
    expect(nextCycleDueDate(cycle, fired, 1)).to.equal(null);
    expect(nextCycleDueDate(parseCycle('R/P1D'), fired, null)!.toISOString()).to.equal('2026-02-01T03:00:00.000Z');
  });
});
