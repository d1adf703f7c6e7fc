import { expect } from 'chai';
import { decide, parseVariables, type CheckLimitationInput } from '../../../../engine-workers/jobs/check-limitation.js';

const now = new Date('2026-09-01T02:00:00Z');

function input(variables: Record<string, unknown>, headers: Record<string, string> = {}): CheckLimitationInput {
  const parsed = parseVariables(variables, headers);
  if (!parsed.ok) throw new Error(parsed.outcome.message);
  return parsed.input;
}

describe('engine-workers: check-limitation (追责时效, 处罚法 Art 36)', () => {
  const cases: Array<{ name: string; variables: Record<string, unknown>; lastDay: string; expired: boolean }> = [
    { name: 'discovered on the last day of two years', variables: { violationDate: '2024-03-10', actDate: '2026-03-10T17:30:00+08:00' }, lastDay: '2026-03-10', expired: false },
    { name: 'discovered the day after two years', variables: { violationDate: '2024-03-10', actDate: '2026-03-11T08:30:00+08:00' }, lastDay: '2026-03-10', expired: true },
    { name: 'discovered long after, life and health safety with harm: five years', variables: { violationDate: '2021-09-01', specialLimitation: true, actDate: '2026-09-01' }, lastDay: '2026-09-01', expired: false },
    { name: 'the same without the special ground: two years', variables: { violationDate: '2021-09-01', specialLimitation: false, actDate: '2026-09-01' }, lastDay: '2023-09-01', expired: true },
    { name: 'five years and a day, even with the special ground', variables: { violationDate: '2021-09-01', specialLimitation: true, actDate: '2026-09-02' }, lastDay: '2026-09-01', expired: true },
    { name: 'a continuing act counted from its end', variables: { violationDate: '2022-01-05', violationEndedAt: '2024-06-30', actDate: '2026-06-30' }, lastDay: '2026-06-30', expired: false },
    { name: 'a continuing act discovered two years and a day after its end', variables: { violationDate: '2022-01-05', violationEndedAt: '2024-06-30', actDate: '2026-07-01' }, lastDay: '2026-06-30', expired: true },
    { name: 'an act still going on when discovered', variables: { violationDate: '2020-01-01', violationEndedAt: '2026-08-31', actDate: '2026-08-31' }, lastDay: '2028-08-31', expired: false },
    { name: 'an act on 29 February: the period ends on 28 February', variables: { violationDate: '2024-02-29', actDate: '2026-03-01' }, lastDay: '2026-02-28', expired: true },
    { name: 'an act late in the evening in China, written in UTC', variables: { violationDate: '2024-03-10T20:00:00Z', actDate: '2026-03-11' }, lastDay: '2026-03-11', expired: false },
  ];
  for (const c of cases) {
    it(`${c.expired ? 'refuses' : 'allows'} a penalty for a violation ${c.name}`, () => {
      // when
      const outcome = decide(input(c.variables), now);

      // then
      if (!c.expired) {
        expect(outcome).to.deep.equal({ kind: 'complete', variables: {} });
        return;
      }
      expect(outcome).to.deep.include({ kind: 'bpmn-error', code: 'LIMITATION_EXPIRED' });
      const limitation = (outcome as unknown as { variables: { limitation: { lastDay: string } } }).variables.limitation;
      expect(limitation.lastDay).to.equal(c.lastDay);
      expect((outcome as { message: string }).message).to.include(`by ${c.lastDay}`).and.include('《中华人民共和国行政处罚法》第三十六条').and.include('no penalty may be given');
    });
  }


  it('takes another period where a law provides one', () => {
    // given: a period of six months set on the task, with its basis
    const headers = { limitationMonths: '6', limitationBasis: '《中华人民共和国治安管理处罚法》（六个月）' };

    // then
    expect(decide(input({ violationDate: '2026-01-15', actDate: '2026-07-15' }, headers), now).kind).to.equal('complete');
    const outcome = decide(input({ violationDate: '2026-01-15', actDate: '2026-07-16' }, headers), now);
    expect(outcome).to.deep.include({ kind: 'bpmn-error', code: 'LIMITATION_EXPIRED' });
    expect((outcome as { message: string }).message).to.include('within 6 months').and.include('治安管理处罚法');
  });


  it('raises an incident for a period of another law without its basis', () => {
    const parsed = parseVariables({ violationDate: '2026-01-15', actDate: '2026-07-15' }, { limitationMonths: '6' });
    expect(!parsed.ok && parsed.outcome.message).to.include("variable 'limitationBasis' is missing");
  });


  it('raises an incident for an end before the act, and for a discovery before the act', () => {
    expect(decide(input({ violationDate: '2025-05-01', violationEndedAt: '2025-04-01', actDate: '2026-01-01' }), now)).to.deep.include({ kind: 'incident' });
    expect(decide(input({ violationDate: '2025-05-01', actDate: '2025-04-30' }), now)).to.deep.include({ kind: 'incident' });
  });


  it('raises an incident that names a missing violation date', () => {
    const parsed = parseVariables({ violationDate: null, actDate: '2026-03-02' });
    expect(!parsed.ok && parsed.outcome.message).to.include("variable 'violationDate' is missing");
  });
});
