import { expect } from 'chai';
import { decide, parseVariables, type CheckLegalReviewInput } from '../../../../engine-workers/jobs/check-legal-review.js';

const now = new Date('2026-05-06T02:00:00Z'); // 10:00 in China

function input(variables: Record<string, unknown>): CheckLegalReviewInput {
  const parsed = parseVariables(variables);
  if (!parsed.ok) throw new Error(parsed.outcome.message);
  return parsed.input;
}

describe('engine-workers: check-legal-review (法制审核, 处罚法 Art 58)', () => {
  // the legal-review form as the diagram maps it: { passed: conclusion = "pass", conclusion, opinion, reviewedAt }
  const review = (conclusion: string, reviewedAt = '2026-05-05T16:00+08:00') => ({ passed: conclusion === 'pass', conclusion, opinion: '意见', reviewedAt });
  const cases: Array<{ name: string; variables: Record<string, unknown>; refused?: string }> = [
    { name: 'a case that needs no review, without one', variables: { required: false, result: null } },
    { name: 'a case that needs no review, with one that failed', variables: { required: false, result: review('fail') } },
    { name: 'a required review that passed', variables: { required: true, result: review('pass') } },
    { name: 'a required review that passed on the day of the decision (a date without time)', variables: { required: true, result: { passed: true, reviewedAt: '2026-05-06' } } },
    { name: 'a required review that is missing', variables: { required: true, result: null }, refused: 'none is recorded' },
    { name: 'a required review that asked for revision', variables: { required: true, result: review('revise') }, refused: "concluded 'revise' (需修改): 意见" },
    { name: 'a required review that refused', variables: { required: true, result: review('fail') }, refused: "concluded 'fail' (不通过)" },
    { name: 'a required review marked passed with a failing conclusion', variables: { required: true, result: { passed: true, conclusion: 'fail', reviewedAt: '2026-05-05' } }, refused: "'fail'" },
    { name: 'a required review without its completion time', variables: { required: true, result: { passed: true, conclusion: 'pass', reviewedAt: null } }, refused: 'no completion time' },
    { name: 'a required review dated after the decision', variables: { required: true, result: review('pass', '2026-05-07T09:00+08:00') }, refused: 'has not come yet' },
  ];
  for (const c of cases) {
    it(`${c.refused ? 'refuses' : 'allows'} a decision after ${c.name}`, () => {
      // when
      const outcome = decide(input(c.variables), now);

      // then
      if (!c.refused) {
        expect(outcome).to.deep.equal({ kind: 'complete', variables: {} });
        return;
      }
      expect(outcome).to.deep.include({ kind: 'bpmn-error', code: 'LEGAL_REVIEW_MISSING' });
      expect((outcome as { message: string }).message).to.include(c.refused).and.include('《中华人民共和国行政处罚法》第五十八条');
    });
  }


  it('raises an incident when nobody determined whether a review is required', () => {
    const parsed = parseVariables({ required: null, result: review('pass') });
    expect(!parsed.ok && parsed.outcome.message).to.include("variable 'required' is missing");
  });


  it('raises an incident that names a conclusion the form does not know', () => {
    const parsed = parseVariables({ required: true, result: { passed: false, conclusion: 'maybe' } });
    expect(!parsed.ok && parsed.outcome.message).to.include("variable 'result.conclusion'");
  });
});
