import { expect } from 'chai';
import { comparePenalties, decide, parseVariables, PENALTY_SEVERITY, type CheckNoHeavierPenaltyInput, type PenaltyKind } from '../../../../engine-workers/jobs/check-no-heavier-penalty.js';

const now = new Date('2026-05-06T02:00:00Z');

function input(variables: Record<string, unknown>): CheckNoHeavierPenaltyInput {
  const parsed = parseVariables(variables);
  if (!parsed.ok) throw new Error(parsed.outcome.message);
  return parsed.input;
}

const statementReview = { adopted: false, opinion: '申辩理由不成立', revisedPenalty: null, reviewedAt: '2026-04-20T10:00:00+08:00' };
const fine = (amount: number, ...more: PenaltyKind[]) => ({ kinds: ['fine', ...more], fine: amount });

describe('engine-workers: check-no-heavier-penalty (不得因陈述申辩加重处罚, 处罚法 Art 45(2))', () => {
  const cases: Array<{ name: string; proposed: Record<string, unknown>; decided: Record<string, unknown>; heavier?: string }> = [
    { name: 'the penalty as proposed', proposed: fine(5000), decided: fine(5000) },
    { name: 'a lower fine', proposed: fine(5000), decided: fine(3000) },
    { name: 'a fine instead of a fine and a warning', proposed: { kinds: ['warning', 'fine'], fine: 5000 }, decided: fine(5000) },
    { name: 'a warning instead of a fine', proposed: fine(5000), decided: { kinds: ['warning'] } },
    { name: 'a fine instead of a licence suspension (a lighter kind in its place)', proposed: { kinds: ['licence-suspension'] }, decided: fine(20000) },
    { name: 'a confiscation of less than proposed', proposed: { kinds: ['fine', 'confiscation-income'], fine: 1000, confiscationValue: 8000 }, decided: { kinds: ['fine', 'confiscation-income'], fine: 1000, confiscationValue: 6000 } },
    { name: 'a higher fine', proposed: fine(5000), decided: fine(8000), heavier: 'the fine of 8000 yuan is higher than the 5000 yuan proposed' },
    { name: 'a warning added to the same fine', proposed: fine(5000), decided: fine(5000, 'warning'), heavier: 'it adds a kind that was not proposed: 警告 (warning)' },
    { name: 'a confiscation added to the fine', proposed: fine(5000), decided: { ...fine(5000, 'confiscation-income'), confiscationValue: 2000 }, heavier: 'heavier kind than proposed: 没收违法所得 (confiscation-income)' },
    { name: 'a licence revocation instead of a suspension', proposed: { kinds: ['licence-suspension'] }, decided: { kinds: ['licence-revocation'] }, heavier: '吊销许可证件 (licence-revocation)' },
    { name: 'a fine instead of a warning', proposed: { kinds: ['warning'] }, decided: fine(200), heavier: '罚款 (fine)' },
    { name: 'confiscation of property instead of illegal income (same rank, not notified)', proposed: { kinds: ['confiscation-income'] }, decided: { kinds: ['confiscation-property'] }, heavier: 'adds a kind that was not proposed: 没收非法财物' },
    { name: 'another heavy penalty added', proposed: { kinds: ['licence-revocation'] }, decided: { kinds: ['licence-revocation', 'other-heavy'] }, heavier: '其他较重的行政处罚 (other-heavy)' },
    { name: 'closure instead of a production suspension (same rank)', proposed: { kinds: ['production-suspension'] }, decided: { kinds: ['closure'] }, heavier: '责令关闭 (closure)' },
    { name: 'a higher confiscation', proposed: { kinds: ['confiscation-income'], confiscationValue: 8000 }, decided: { kinds: ['confiscation-income'], confiscationValue: 9000 }, heavier: 'the confiscation of 9000 yuan is more than the 8000 yuan proposed' },
  ];
  for (const c of cases) {
    it(`${c.heavier ? 'refuses' : 'allows'} after a statement and defence ${c.name}`, () => {
      // when
      const outcome = decide(input({ proposed: c.proposed, decided: c.decided, statementReview }), now);

      // then
      if (!c.heavier) {
        expect(outcome).to.deep.equal({ kind: 'complete', variables: {} });
        return;
      }
      expect(outcome).to.deep.include({ kind: 'bpmn-error', code: 'HEAVIER_PENALTY_AFTER_DEFENCE' });
      const message = (outcome as { message: string }).message;
      expect(message).to.include(c.heavier).and.include('《行政处罚法》第四十五条第二款');
      // the lawful route: notify again
      expect(message).to.include('needs a new advance notice');
    });
  }


  describe('when the party defended', () => {
    const heavier = { proposed: fine(5000), decided: fine(8000) };
    const cases: Array<{ name: string; variables: Record<string, unknown>; checked: boolean }> = [
      { name: 'in a reviewed statement', variables: { statementReview }, checked: true },
      { name: 'in a hearing', variables: { hearingRecord: { held: true, partyAppeared: true, deemedWaived: false } }, checked: true },
      { name: 'nowhere: no statement, no hearing', variables: {}, checked: false },
      { name: 'nowhere: the hearing was deemed waived (no-show)', variables: { hearingRecord: { held: false, deemedWaived: true } }, checked: false },
    ];
    for (const c of cases) {
      it(`${c.checked ? 'compares' : 'does not compare'} the penalties when the party defended ${c.name}`, () => {
        const outcome = decide(input({ ...heavier, ...c.variables, statementReview: c.variables.statementReview ?? null, hearingRecord: c.variables.hearingRecord ?? null }), now);
        expect(outcome.kind).to.equal(c.checked ? 'bpmn-error' : 'complete');
      });
    }
  });


  it('orders the kinds 警告 < 通报批评 < 罚款 < 没收 < 暂扣/降级 < 限制/停产停业/关闭/限制从业 < 吊销 < 行政拘留', () => {
    const order: PenaltyKind[][] = [
      ['warning'], ['notice-of-criticism'], ['fine'], ['confiscation-income', 'confiscation-property'], ['licence-suspension', 'qualification-downgrade'],
      ['business-restriction', 'production-suspension', 'closure', 'employment-restriction'], ['licence-revocation'], ['detention'],
    ];
    order.forEach((kinds, i) => kinds.forEach((k) => expect(PENALTY_SEVERITY[k], k).to.equal(i + 1)));
    expect(PENALTY_SEVERITY['other-heavy']).to.equal(null);
  });


  it('reports what is heavier for the case file', () => {
    expect(comparePenalties({ kinds: ['fine'], fine: 5000 }, { kinds: ['fine', 'warning', 'licence-suspension'], fine: 6000 })).to.deep.equal({
      heavierKinds: ['licence-suspension'],
      addedKinds: ['warning'],
      fine: { proposed: 5000, decided: 6000 },
      confiscationValue: null,
    });
  });


  it('raises an incident for a fine without its amount, and for a kind the form does not know', () => {
    const noAmount = parseVariables({ proposed: fine(5000), decided: { kinds: ['fine'], fine: null } });
    expect(!noAmount.ok && noAmount.outcome.message).to.include("variable 'decided.fine' must be of type number");
    const unknown = parseVariables({ proposed: fine(5000), decided: { kinds: ['caning'] } });
    expect(!unknown.ok && unknown.outcome.message).to.include("variable 'decided.kinds[0]' must be one of");
  });


  it('raises an incident when the proposal is missing', () => {
    const parsed = parseVariables({ proposed: null, decided: fine(1) });
    expect(!parsed.ok && parsed.outcome.message).to.include("variable 'proposed' is missing");
  });
});
