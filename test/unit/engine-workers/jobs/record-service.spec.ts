import { expect } from 'chai';
import { officialCalendarDays } from '../../../../db/official-calendar.js';
import { createHolidayCalendar } from '../../../../legal/calendar.js';
import { decide, deemedServedAt, parseVariables, type RecordServiceInput, type RecordServicePlan } from '../../../../engine-workers/jobs/record-service.js';

const calendar = createHolidayCalendar(officialCalendarDays(2025, 2027));
const now = new Date('2026-06-01T00:00:00+08:00');

function plan(input: RecordServiceInput): RecordServicePlan {
  const decision = decide(input, now);
  if (decision.kind !== 'proceed') throw new Error(`Expected to proceed, but got ${JSON.stringify(decision)}`);
  return decision.plan;
}

describe('engine-workers: record-service (送达)', () => {
  const base = { documentId: '1', recipient: '三明市某某餐饮有限公司' };


  it('takes effect at once when served directly and signed for', () => {
    const result = deemedServedAt(plan({ ...base, method: 'direct', servedAt: '2026-03-02T10:15:00+08:00', proof: { signedBy: '王某某' } }), calendar);
    expect(result).to.deep.equal({ at: '2026-03-02T10:15:00.000+08:00', date: '2026-03-02' });
  });


  it('deems a public notice served 30 days after publication (民诉法 Art 95)', () => {
    // given: published on Monday 2 March 2026
    const notice = plan({ ...base, method: 'public_notice', servedAt: '2026-03-02T09:00:00+08:00', proof: { reason: '受送达人下落不明', medium: '三明日报' } });

    // then: the publication day is not counted; the 30th day is Wednesday 1 April
    expect(deemedServedAt(notice, calendar)).to.deep.equal({ at: '2026-04-01T23:59:59.999+08:00', date: '2026-04-01' });
  });


  it('moves the end of a public notice that falls in Spring Festival to the next working day', () => {
    // given: published on 20 January 2026; the 30th day, 19 February, is in 春节 (15–23 February)
    const notice = plan({ ...base, method: 'public_notice', servedAt: '2026-01-20T09:00:00+08:00', proof: { reason: '受送达人下落不明', medium: '三明日报' } });

    // then
    expect(deemedServedAt(notice, calendar).date).to.equal('2026-02-24');
  });


  it('refuses electronic service without the party\'s consent with a BPMN error', () => {
    const outcome = decide({ ...base, method: 'electronic', servedAt: '2026-03-02T10:00:00+08:00', proof: {} }, now);
    expect(outcome).to.deep.include({ kind: 'bpmn-error', code: 'ELECTRONIC_SERVICE_NOT_CONSENTED' });
  });


  it('refuses electronic service when the consent came after it', () => {
    const outcome = decide({ ...base, method: 'electronic', servedAt: '2026-03-02T10:00:00+08:00', proof: { consent: { confirmedAt: '2026-03-03T10:00:00+08:00', reference: '电子送达确认书-001' } } }, now);
    expect(outcome).to.deep.include({ kind: 'bpmn-error', code: 'ELECTRONIC_SERVICE_NOT_CONSENTED' });
  });


  it('serves electronically with a prior consent, effective on arrival', () => {
    const result = deemedServedAt(plan({ ...base, method: 'electronic', servedAt: '2026-03-02T10:00:00+08:00', proof: { consent: { confirmedAt: '2026-02-27T16:00:00+08:00', reference: '电子送达确认书-001' } } }), calendar);
    expect(result.date).to.equal('2026-03-02');
  });


  const missing: Array<[string, Record<string, unknown>, string]> = [
    ['direct service without the signature', { method: 'direct', proof: {} }, "variable 'proof.signedBy' is missing"],
    ['lodged service without witness or recording', { method: 'lodged', proof: {} }, "variable 'proof.witness' is missing"],
    ['postal service without the tracking number', { method: 'postal', proof: {} }, "variable 'proof.trackingNumber' is missing"],
    ['a public notice without its reason', { method: 'public_notice', proof: { medium: '三明日报' } }, "variable 'proof.reason' is missing"],
    ['a time without an offset', { method: 'direct', proof: { signedBy: '王某某' }, servedAt: '2026-03-02T10:00:00' }, "variable 'servedAt' must be a date-time with an offset"],
  ];
  for (const [what, variables, named] of missing) {
    it(`raises an incident naming the variable for ${what}`, () => {
      const parsed = parseVariables({ ...base, servedAt: '2026-03-02T10:00:00+08:00', ...variables });
      expect(parsed.ok).to.equal(false);
      expect(!parsed.ok && parsed.outcome.message).to.include(named);
    });
  }


  it('raises an incident for a service in the future', () => {
    const outcome = decide({ ...base, method: 'direct', servedAt: '2026-06-02T10:00:00+08:00', proof: { signedBy: '王某某' } }, now);
    expect(outcome).to.deep.include({ kind: 'incident' });
    expect((outcome as { message: string }).message).to.include("variable 'servedAt'");
  });
});
