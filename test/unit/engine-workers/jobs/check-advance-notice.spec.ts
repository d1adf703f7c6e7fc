import { expect } from 'chai';
import { decide, parseVariables, type CheckAdvanceNoticeInput } from '../../../../engine-workers/jobs/check-advance-notice.js';

const now = new Date('2026-03-20T02:00:00Z'); // Friday 20 March 2026, 10:00 in China

function input(variables: Record<string, unknown>): CheckAdvanceNoticeInput {
  const parsed = parseVariables(variables);
  if (!parsed.ok) throw new Error(parsed.outcome.message);
  return parsed.input;
}

describe('engine-workers: check-advance-notice (事先告知, 处罚法 Arts 44, 45, 62, 64)', () => {
  // served on Monday 9 March; 5 working days run to Monday 16 March
  const served = { servedAt: '2026-03-09T10:00:00.000+08:00', windowEndsAt: '2026-03-16T23:59:59.999+08:00', noticeIssuedAt: '2026-03-06' };
  const running = { ...served, windowEndsAt: '2026-03-23T23:59:59.999+08:00' };
  const waiver = { waived: true, waivedAt: '2026-03-10T15:00:00+08:00', document: { id: '77' } };
  const hearingRight = { hearingRight: true, hearingWindowEndsAt: '2026-03-16T23:59:59.999+08:00' };
  const requested = { requested: true, requestedAt: '2026-03-11T09:00:00+08:00' };
  const cases: Array<{ name: string; variables: Record<string, unknown>; refused?: string }> = [
    { name: 'the notice served and the statement window passed', variables: served },
    { name: 'no notice served', variables: { windowEndsAt: served.windowEndsAt, servedAt: null }, refused: 'no service of an advance notice is recorded' },
    { name: 'a notice served only in the future', variables: { ...served, servedAt: '2026-03-21T10:00:00+08:00' }, refused: 'served only on 2026-03-21' },
    { name: 'the statement window still running', variables: running, refused: 'may state and defend until 2026-03-23T23:59:59.999+08:00 and the party has not waived them in writing' },
    { name: 'the statement window on its last day', variables: { ...served, windowEndsAt: '2026-03-20T23:59:59.999+08:00' }, refused: 'until 2026-03-20' },
    { name: 'no statement window computed', variables: { servedAt: served.servedAt }, refused: 'never computed' },
    { name: 'a statement window of an earlier notice', variables: { ...served, servedAt: '2026-03-18T10:00:00+08:00', noticeIssuedAt: '2026-03-17' }, refused: 'belongs to an earlier notice' },
    { name: 'the statement and hearing request windows passed', variables: { ...served, ...hearingRight } },
    { name: 'the hearing request window still running', variables: { ...served, hearingRight: true, hearingWindowEndsAt: '2026-03-24T23:59:59.999+08:00' }, refused: 'may request a hearing until 2026-03-24' },
    { name: 'a hearing right without its request window', variables: { ...served, hearingRight: true }, refused: 'hearing request window was never computed' },
    { name: 'a written waiver while the window runs', variables: { ...running, waiver } },
    { name: 'a written waiver while both windows run', variables: { ...running, hearingRight: true, hearingWindowEndsAt: '2026-03-24T23:59:59.999+08:00', waiver } },
    { name: 'a waiver without the written statement', variables: { ...running, waiver: { ...waiver, document: null } }, refused: 'not in writing' },
    { name: 'a waiver without a date', variables: { ...running, waiver: { ...waiver, waivedAt: null } }, refused: 'the waiver has no date' },
    { name: 'a waiver of an earlier notice', variables: { ...running, noticeIssuedAt: '2026-03-12', servedAt: '2026-03-12T10:00:00+08:00', waiver }, refused: 'older than this notice (issued on 2026-03-12)' },
    { name: 'a waiver dated in the future', variables: { ...running, waiver: { ...waiver, waivedAt: '2026-03-21T09:00:00+08:00' } }, refused: 'has not come yet' },
    { name: 'a requested hearing that was held', variables: { ...served, ...hearingRight, hearingRequest: requested, hearingRecord: { held: true, deemedWaived: false, endedAt: '2026-03-19T11:00:00+08:00' } } },
    { name: 'a requested hearing the party did not attend', variables: { ...served, ...hearingRight, hearingRequest: requested, hearingRecord: { held: false, deemedWaived: true, endedAt: '2026-03-19T09:30:00+08:00' } } },
    { name: 'a requested hearing not yet held', variables: { ...served, ...hearingRight, hearingRequest: requested }, refused: 'requested a hearing on 2026-03-11T09:00:00+08:00 and it has not been held' },
    { name: 'a requested hearing whose record is older than the request', variables: { ...served, ...hearingRight, hearingRequest: requested, hearingRecord: { held: true, endedAt: '2026-02-01T11:00:00+08:00' } }, refused: 'has not been held' },
    { name: 'a written waiver while a requested hearing is pending', variables: { ...running, waiver, hearingRequest: requested }, refused: 'has not been held' },
    { name: 'a late hearing request that was refused', variables: { ...served, ...hearingRight, hearingRequest: { requested: false, lateRequestAt: '2026-03-18T09:00:00+08:00' } } },
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
      expect(outcome).to.deep.include({ kind: 'bpmn-error', code: 'ADVANCE_NOTICE_MISSING' });
      expect((outcome as { message: string }).message).to.include(c.refused).and.include('《中华人民共和国行政处罚法》');
    });
  }


  it('raises an incident that names a date without an offset', () => {
    const parsed = parseVariables({ ...served, windowEndsAt: '2026-03-16T23:59:59' });
    expect(!parsed.ok && parsed.outcome.message).to.include("variable 'windowEndsAt' must be a date");
  });
});
