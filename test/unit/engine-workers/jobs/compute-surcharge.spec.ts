import { expect } from 'chai';
import { computeSurcharge, decide, parseVariables, type SurchargeInput } from '../../../../engine-workers/jobs/compute-surcharge.js';

describe('engine-workers: compute-surcharge (加处罚款, 处罚法 Art 72)', () => {
  // a fine of 5,000 yuan whose payment deadline is Tuesday 17 March 2026: 150 yuan a day from the 18th
  const fine: SurchargeInput = { fineAmount: 5000, paymentDeadline: '2026-03-17' };
  const cases: Array<[what: string, input: SurchargeInput, days: number, amount: number, capped: boolean]> = [
    ['nothing on the deadline itself', { ...fine, asOf: '2026-03-17' }, 0, 0, false],
    ['nothing before the deadline', { ...fine, asOf: '2026-03-01' }, 0, 0, false],
    ['3% on the first day after it', { ...fine, asOf: '2026-03-18' }, 1, 150, false],
    ['3% a day for ten days', { ...fine, asOf: '2026-03-27' }, 10, 1500, false],
    ['99% after 33 days', { ...fine, asOf: '2026-04-19' }, 33, 4950, false],
    ['the fine itself after 34 days, not 102%', { ...fine, asOf: '2026-04-20' }, 34, 5000, true],
    ['no more than the fine after 100 days', { ...fine, asOf: '2026-06-25' }, 100, 5000, true],
    ['rounded to the fen', { fineAmount: 333.33, paymentDeadline: '2026-03-17', asOf: '2026-03-27' }, 10, 100, false],
    ['counted from a date-time deadline in China time', { ...fine, paymentDeadline: '2026-03-17T23:59:59.999+08:00', asOf: '2026-03-18T00:30:00+08:00' }, 1, 150, false],
    [
      'not while 复议 is pending (处罚法 Art 73)',
      { ...fine, asOf: '2026-03-31', paused: [{ from: '2026-03-20', to: '2026-03-29', reason: '行政复议' }] },
      4,
      600,
      false,
    ],
  ];
  for (const [what, input, days, amount, capped] of cases) {
    it(`charges ${what}`, () => {
      // when
      const surcharge = computeSurcharge(input, '2026-12-31');

      // then
      expect(surcharge).to.include({ days, amount, capped, totalDue: Math.round((input.fineAmount + amount) * 100) / 100 });
    });
  }


  it('says when the surcharge reaches the fine, counting paused days out', () => {
    expect(computeSurcharge({ ...fine, asOf: '2026-03-18' }, '2026-12-31')).to.include({ firstDay: '2026-03-18', capReachedOn: '2026-04-20', dailyAmount: 150 });
    expect(computeSurcharge({ ...fine, asOf: '2026-03-18', paused: [{ from: '2026-03-20', to: '2026-03-29', reason: '行政诉讼' }] }, '2026-12-31').capReachedOn).to.equal('2026-04-30');
  });


  it('counts to today in China when no asOf is given', () => {
    // given: 02:00 on 19 March in China is still 18 March in UTC
    const now = new Date('2026-03-18T18:00:00Z');

    // when
    const outcome = decide(fine, now);

    // then
    expect(outcome).to.deep.include({ kind: 'complete' });
    expect((outcome as unknown as { variables: { surcharge: { days: number; asOf: string } } }).variables.surcharge).to.include({ days: 2, asOf: '2026-03-19' });
  });


  it('raises an incident naming the variable for a paused interval that ends before it starts', () => {
    const outcome = decide({ ...fine, paused: [{ from: '2026-03-29', to: '2026-03-20', reason: '复议' }] }, new Date());
    expect(outcome).to.deep.include({ kind: 'incident' });
    expect((outcome as { message: string }).message).to.include("variable 'paused[0]'");
  });


  it('raises an incident naming the variable for a fine that is not a positive number', () => {
    const parsed = parseVariables({ fineAmount: 0, paymentDeadline: '2026-03-17' });
    expect(parsed.ok).to.equal(false);
    expect(!parsed.ok && parsed.outcome.message).to.include("variable 'fineAmount'");
  });
});
