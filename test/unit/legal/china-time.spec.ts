import { expect } from 'chai';
import { addMonths, chinaDate, formatChinaInstant, toEpochMs } from '../../../legal/china-time.js';
import { InvalidDateError } from '../../../legal/errors.js';


describe('legal calendar: China Standard Time', () => {

  it('reads instants with any offset and writes them at +08:00', () => {
    // given: the same instant three ways
    const forms = ['2026-02-13T10:00:00+08:00', '2026-02-13T02:00:00Z', '2026-02-12T21:00:00-05:00'];

    // when
    const written = forms.map((form) => formatChinaInstant(toEpochMs(form, 'x')));

    // then
    expect(written).to.deep.equal(Array(3).fill('2026-02-13T10:00:00.000+08:00'));
  });


  it('takes a bare date as 00:00 in China and keeps milliseconds', () => {
    expect(formatChinaInstant(toEpochMs('2026-02-13', 'x'))).to.equal('2026-02-13T00:00:00.000+08:00');
    expect(formatChinaInstant(toEpochMs('2026-02-13T10:00:00.1234+08:00', 'x'))).to.equal('2026-02-13T10:00:00.123+08:00');
  });


  it('gives the China day of an instant, not the UTC day', () => {
    expect(chinaDate('2026-02-12T16:00:00Z')).to.equal('2026-02-13');
    expect(chinaDate('2026-02-12T15:59:59.999Z')).to.equal('2026-02-12');
    expect(chinaDate(new Date('2026-12-31T16:00:00Z'))).to.equal('2027-01-01');
  });


  it('rejects a date-time without an offset, which would depend on the machine', () => {
    expect(() => toEpochMs('2026-02-13T10:00:00', 'the start')).to.throw(InvalidDateError, /^Expected the start to be an ISO 8601 date-time with an offset/);
    expect(() => toEpochMs('2026-02-13T24:00:00+08:00', 'the start')).to.throw(InvalidDateError, /a real date-time/);
    expect(() => toEpochMs(new Date(Number.NaN), 'the start')).to.throw(InvalidDateError, /invalid Date/);
  });


  describe('addMonths', () => {
    const cases: Array<[string, number, string, boolean]> = [
      ['2026-01-31', 1, '2026-02-28', true],
      ['2027-12-31', 2, '2028-02-29', true],
      ['2026-03-31', 1, '2026-04-30', true],
      ['2026-01-15', 3, '2026-04-15', false],
      ['2025-08-31', 6, '2026-02-28', true],
      ['2026-11-30', 3, '2027-02-28', true],
      ['2026-02-28', 12, '2027-02-28', false],
    ];
    for (const [from, months, to, clamped] of cases) {
      it(`moves ${from} by ${months} month(s) to ${to}${clamped ? ', the end of the shorter month' : ''}`, () => {
        expect(addMonths(from, months)).to.deep.equal({ date: to, clamped });
      });
    }
  });
});
