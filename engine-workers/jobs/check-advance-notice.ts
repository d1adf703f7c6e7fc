/**
 * check-advance-notice: 事先告知 before a penalty decision (《行政处罚法》第四十四条、第四十五条、第六十二条、第六十四条).
 * No penalty decision may be made unless the party was told the proposed penalty, its facts, grounds and basis and its
 * rights, and was heard — unless the party expressly waived the right to state and defend.
 *
 * Passes when all of these hold at `now`:
 * 1. the advance notice was served (`servedAt`, the legal date of service), not later than now;
 * 2. either the statement and defence window (`windowEndsAt`, deadlines.statementWindow) has passed — and, when the
 *    party had a hearing right (`hearingRight`), the hearing request window (`hearingWindowEndsAt`) too — or the party
 *    waived in writing: `waiver.waived` with the written statement (`waiver.document`) dated (`waiver.waivedAt`) no
 *    earlier than the notice was issued (`noticeIssuedAt`, else its service) and not later than now. A waiver of an
 *    earlier notice does not cover a new one. The waiver ends both windows, as the diagram's interrupting waiver event
 *    does;
 * 3. a hearing the party requested in time (`hearingRequest.requested`) has been held (`hearingRecord.held`) or was
 *    waived by not appearing (`hearingRecord.deemedWaived`, Art 64(6)), and ended after the request. A written waiver
 *    of statement and defence does not cancel a requested hearing (as in the diagram, which holds it anyway).
 * Otherwise the BPMN error ADVANCE_NOTICE_MISSING says what is missing; the diagram goes back to the notice.
 *
 * In:  servedAt, windowEndsAt, waiver { waived, waivedAt, document }, hearingRequest { requested, requestedAt },
 *      hearingRecord { held, deemedWaived, endedAt }, hearingRight, hearingWindowEndsAt, noticeIssuedAt (all optional).
 * Out: {} · error ADVANCE_NOTICE_MISSING.
 */
import { chinaDate, toEpochMs } from '../../legal/china-time.js';
import type { Decision, JobInfo } from '../job-definition.js';
import { bpmnError, complete, type Outcome } from '../outcome.js';
import type { JobPorts } from '../ports/job-ports.js';
import { variableParser } from '../variables.js';

export interface CheckAdvanceNoticeInput {
  servedAt?: string;
  windowEndsAt?: string;
  waiver?: { waived?: boolean | null; waivedAt?: string | null; document?: unknown };
  hearingRequest?: { requested?: boolean | null; requestedAt?: string | null };
  hearingRecord?: { held?: boolean | null; deemedWaived?: boolean | null; endedAt?: string | null };
  hearingRight?: boolean;
  hearingWindowEndsAt?: string;
  noticeIssuedAt?: string;
}

export const ADVANCE_NOTICE_MISSING = 'ADVANCE_NOTICE_MISSING';
const BASIS = '《中华人民共和国行政处罚法》第四十四条、第四十五条、第六十二条';
const HEARING_BASIS = '《中华人民共和国行政处罚法》第六十四条、第六十五条';
const FUTURE_TOLERANCE_MS = 5 * 60_000;

const instant = { type: ['string', 'null'], format: 'instant' };

export const parseVariables = variableParser<CheckAdvanceNoticeInput>('check-advance-notice', {
  type: 'object',
  properties: {
    servedAt: { type: 'string', format: 'instant' },
    windowEndsAt: { type: 'string', format: 'instant' },
    waiver: { type: 'object', properties: { waived: { type: ['boolean', 'null'] }, waivedAt: instant } },
    hearingRequest: { type: 'object', properties: { requested: { type: ['boolean', 'null'] }, requestedAt: instant } },
    hearingRecord: { type: 'object', properties: { held: { type: ['boolean', 'null'] }, deemedWaived: { type: ['boolean', 'null'] }, endedAt: instant } },
    hearingRight: { type: 'boolean' },
    hearingWindowEndsAt: { type: 'string', format: 'instant' },
    noticeIssuedAt: { type: 'string', format: 'instant' },
  },
});

export function decide(input: CheckAdvanceNoticeInput, now: Date): Decision<never> {
  const refuse = (finding: string, basis = BASIS) => bpmnError(ADVANCE_NOTICE_MISSING, `Expected the advance notice (行政处罚事先告知书) to be served and the party heard before the decision (${basis}), but ${finding}`);
  const nowMs = now.getTime();
  if (!input.servedAt) return refuse('no service of an advance notice is recorded');
  const servedMs = toEpochMs(input.servedAt, 'servedAt');
  if (servedMs > nowMs + FUTURE_TOLERANCE_MS) return refuse(`the notice is served only on ${input.servedAt}`);

  const waiver = writtenWaiver(input, servedMs, nowMs);
  if (!waiver.valid) {
    const unlessWaived = waiver.why ? ` (${waiver.why})` : ' and the party has not waived them in writing';
    if (!input.windowEndsAt) return refuse(`the statement and defence window was never computed${unlessWaived}`);
    const windowMs = toEpochMs(input.windowEndsAt, 'windowEndsAt');
    if (windowMs <= servedMs) return refuse(`the statement and defence window (until ${input.windowEndsAt}) ends before the notice was served on ${input.servedAt}: it belongs to an earlier notice`);
    if (nowMs <= windowMs) return refuse(`the party may state and defend until ${input.windowEndsAt}${unlessWaived}`);
    if (input.hearingRight === true) {
      if (!input.hearingWindowEndsAt) return refuse(`the party has a hearing right and the hearing request window was never computed${unlessWaived}`, HEARING_BASIS);
      if (nowMs <= toEpochMs(input.hearingWindowEndsAt, 'hearingWindowEndsAt')) return refuse(`the party may request a hearing until ${input.hearingWindowEndsAt}${unlessWaived}`, HEARING_BASIS);
    }
  }

  const request = input.hearingRequest;
  if (request?.requested === true) {
    const record = input.hearingRecord;
    const requestedMs = request.requestedAt ? toEpochMs(request.requestedAt, 'hearingRequest.requestedAt') : null;
    const endedMs = record?.endedAt ? toEpochMs(record.endedAt, 'hearingRecord.endedAt') : null;
    const recordIsLater = requestedMs === null || endedMs === null || endedMs >= requestedMs;
    const held = record?.held === true && recordIsLater;
    const deemedWaived = record?.deemedWaived === true && recordIsLater;
    if (!held && !deemedWaived) {
      return refuse(`the party requested a hearing${request.requestedAt ? ` on ${request.requestedAt}` : ''} and it has not been held`, HEARING_BASIS);
    }
  }
  return complete({});
}

/** A waiver counts when it is in writing and made for this notice: not before it was issued, not in the future. */
function writtenWaiver(input: CheckAdvanceNoticeInput, servedMs: number, nowMs: number): { valid: boolean; why: string | null } {
  const waiver = input.waiver;
  if (waiver?.waived !== true) return { valid: false, why: null };
  if (!waiver.waivedAt) return { valid: false, why: 'the waiver has no date' };
  if (waiver.document === undefined || waiver.document === null || waiver.document === '') return { valid: false, why: 'the waiver is not in writing: no written statement is recorded' };
  const waivedMs = toEpochMs(waiver.waivedAt, 'waiver.waivedAt');
  const noticeMs = input.noticeIssuedAt ? toEpochMs(chinaDate(input.noticeIssuedAt), 'noticeIssuedAt') : servedMs;
  if (waivedMs < noticeMs) {
    return { valid: false, why: `the written waiver of ${waiver.waivedAt} is older than this notice (${input.noticeIssuedAt ? `issued on ${chinaDate(input.noticeIssuedAt)}` : `served on ${input.servedAt}`})` };
  }
  if (waivedMs > nowMs + FUTURE_TOLERANCE_MS) return { valid: false, why: `the written waiver is dated ${waiver.waivedAt}, which has not come yet` };
  return { valid: true, why: null };
}

export async function perform(_input: CheckAdvanceNoticeInput, _plan: never, _ports: JobPorts, _job: JobInfo): Promise<Outcome> {
  // decide() answers every case; a plan never reaches here
  throw new Error('Expected check-advance-notice to be decided without I/O, but perform was called');
}
