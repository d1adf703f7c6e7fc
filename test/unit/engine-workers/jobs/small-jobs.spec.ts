import { expect } from 'chai';
import * as assignNumber from '../../../../engine-workers/jobs/assign-number.js';
import * as computeDeadline from '../../../../engine-workers/jobs/compute-deadline.js';
import * as queueDisclosure from '../../../../engine-workers/jobs/queue-disclosure.js';
import * as raiseAlert from '../../../../engine-workers/jobs/raise-supervision-alert.js';

describe('engine-workers: assign-number, queue-disclosure, raise-supervision-alert, compute-deadline (decide)', () => {
  it('assign-number takes the year in China time', () => {
    const parsed = assignNumber.parseVariables({ bodyId: 3, kind: 'penalty-decision' });
    expect(parsed.ok).to.equal(true);
    const decision = assignNumber.decide(parsed.ok ? parsed.input : ({} as never), new Date('2026-12-31T16:30:00Z'));
    expect(decision).to.deep.equal({ kind: 'proceed', plan: { year: 2027, abbreviation: '罚决' } });
  });


  it('assign-number refuses a kind that has no 文号 (送达回证)', () => {
    const parsed = assignNumber.parseVariables({ bodyId: 3, kind: 'service-receipt' });
    expect(!parsed.ok && parsed.outcome.message).to.include("variable 'kind' must be one of");
  });


  it('queue-disclosure gives penalty decisions 7 working days, other decisions 20 and withdrawals 3', () => {
    for (const [kind, length] of [['penalty-decision', 7], ['other-decision', 20], ['withdrawal', 3]] as const) {
      const decision = queueDisclosure.decide({ kind, decidedAt: '2026-03-02', subject: { documentNumber: 'x', partyName: 'y', authority: 'z' } }, new Date());
      expect(decision).to.deep.include({ kind: 'proceed' });
      expect((decision as { plan: { length: number; unit: string } }).plan).to.include({ length, unit: 'WD' });
    }
  });


  it('raise-supervision-alert names what is missing when neither deadline nor deadlineId is given', () => {
    const parsed = raiseAlert.parseVariables({ level: 'overdue' });
    expect(!parsed.ok && parsed.outcome.message).to.include("variable 'deadline' is missing").and.include("variable 'deadlineId' is missing");
  });


  it('raise-supervision-alert stamps the alert with the time in China', () => {
    const decision = raiseAlert.decide({ level: 'near-due', deadline: 'decision' }, new Date('2026-03-02T02:00:00Z'));
    expect(decision).to.deep.equal({ kind: 'proceed', plan: { raisedAt: '2026-03-02T10:00:00.000+08:00' } });
  });


  it('compute-deadline names a bad unit inside the deadline', () => {
    const parsed = computeDeadline.parseVariables({ deadline: { name: 'hearingRequest', start: '2026-03-02', length: 5, unit: 'days', basis: '《行政处罚法》第六十四条' } });
    expect(!parsed.ok && parsed.outcome.message).to.include("variable 'deadline.unit' must be one of 'WD', 'CD', 'H', 'M'");
  });


  it('compute-deadline wants a FEEL name for the timer expression', () => {
    const parsed = computeDeadline.parseVariables({ deadline: { name: 'hearing-request', start: '2026-03-02', length: 5, unit: 'WD', basis: 'x' } });
    expect(!parsed.ok && parsed.outcome.message).to.include("variable 'deadline.name'");
  });
});
