/**
 * check-legal-review: 法制审核 before the decision (《行政处罚法》第五十八条). Where the decision table
 * legal-review-required says a review is required (major public interest; major rights affected after a hearing; a
 * complex case; a case on the local catalogue), no decision may be made without a completed review that passed.
 *
 * The review counts when `result.passed` is true and its conclusion (when given) is `pass`, and it was completed
 * (`reviewedAt`) no later than now. A review that asked for revision (`revise`) or refused (`fail`) does not count.
 * `required` must be given: a case whose need for review was never determined is an incident, not a pass.
 *
 * In:  required (the decision table's result), result (the legal-review form: { passed, conclusion, opinion,
 *      reviewedAt }, absent when no review was done).
 * Out: {} · error LEGAL_REVIEW_MISSING.
 */
import { toEpochMs } from '../../legal/china-time.js';
import type { Decision, JobInfo } from '../job-definition.js';
import { bpmnError, complete, type Outcome } from '../outcome.js';
import type { JobPorts } from '../ports/job-ports.js';
import { variableParser } from '../variables.js';

export interface LegalReviewResult {
  passed?: boolean;
  conclusion?: 'pass' | 'revise' | 'fail';
  opinion?: string;
  reviewedAt?: string;
}

export interface CheckLegalReviewInput {
  required: boolean;
  result?: LegalReviewResult;
}

export const LEGAL_REVIEW_MISSING = 'LEGAL_REVIEW_MISSING';
const ART_58 = '《中华人民共和国行政处罚法》第五十八条';
const CONCLUSIONS: Readonly<Record<string, string>> = { pass: '通过', revise: '需修改', fail: '不通过' };
/** A clock a few minutes apart between the reviewer's browser and the server is no reason to stop a case. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export const parseVariables = variableParser<CheckLegalReviewInput>('check-legal-review', {
  type: 'object',
  required: ['required'],
  properties: {
    required: { type: 'boolean' },
    result: {
      type: 'object',
      properties: {
        passed: { type: ['boolean', 'null'] },
        conclusion: { type: ['string', 'null'], enum: ['pass', 'revise', 'fail', null] },
        opinion: { type: ['string', 'null'] },
        reviewedAt: { type: ['string', 'null'], format: 'instant' },
      },
    },
  },
});

export function decide(input: CheckLegalReviewInput, now: Date): Decision<never> {
  if (!input.required) return complete({});
  const result = input.result;
  if (!result) return bpmnError(LEGAL_REVIEW_MISSING, `Expected a legal review (法制审核) that passed before the decision, as ${ART_58} requires for this case, but none is recorded`);
  const conclusion = result.conclusion ?? null;
  if (result.passed !== true || (conclusion !== null && conclusion !== 'pass')) {
    const said = conclusion !== null ? `'${conclusion}' (${CONCLUSIONS[conclusion]})` : 'without passing';
    return bpmnError(
      LEGAL_REVIEW_MISSING,
      `Expected a legal review (法制审核) that passed before the decision (${ART_58}), but the review${result.reviewedAt ? ` of ${result.reviewedAt}` : ''} concluded ${said}${result.opinion ? `: ${result.opinion}` : ''}`,
    );
  }
  if (!result.reviewedAt) return bpmnError(LEGAL_REVIEW_MISSING, `Expected the legal review (法制审核) to be completed before the decision (${ART_58}), but it has no completion time ('result.reviewedAt')`);
  if (toEpochMs(result.reviewedAt, 'result.reviewedAt') > now.getTime() + FUTURE_TOLERANCE_MS) {
    return bpmnError(LEGAL_REVIEW_MISSING, `Expected the legal review (法制审核) to be completed before the decision (${ART_58}), but it is dated ${result.reviewedAt}, which has not come yet`);
  }
  return complete({});
}

export async function perform(_input: CheckLegalReviewInput, _plan: never, _ports: JobPorts, _job: JobInfo): Promise<Outcome> {
  // decide() answers every case; a plan never reaches here
  throw new Error('Expected check-legal-review to be decided without I/O, but perform was called');
}
