import { expect } from 'chai';
import { officialCalendarDays } from '../../../../db/official-calendar.js';
import { createHolidayCalendar, computeDeadline } from '../../../../legal/calendar.js';
import * as assignNumber from '../../../../engine-workers/jobs/assign-number.js';
import * as computeDeadlineJob from '../../../../engine-workers/jobs/compute-deadline.js';
import * as computeSurcharge from '../../../../engine-workers/jobs/compute-surcharge.js';
import * as generateDocument from '../../../../engine-workers/jobs/generate-document.js';
import * as raiseAlert from '../../../../engine-workers/jobs/raise-supervision-alert.js';
import * as recordService from '../../../../engine-workers/jobs/record-service.js';
import { SAMPLE_DOCUMENTS } from '../../../workers/support/sample-documents.js';

const calendar = createHolidayCalendar(officialCalendarDays(2025, 2027));

function input<I>(parsed: { ok: true; input: I } | { ok: false; outcome: { message: string } }): I {
  if (!parsed.ok) throw new Error(parsed.outcome.message);
  return parsed.input;
}

/** The way the diagrams in processes/ call the workers: static parts as custom headers, dynamic ones as inputs. */
describe('engine-workers: jobs configured by custom headers, as the procedures call them', () => {
  it('compute-deadline takes kind, unit, basis, length and the warning from headers and start from a variable', () => {
    // given: penalty-ordinary's clue verification (市监程序规定 Art 18: 15 working days, warn 3 working days before)
    const headers = { deadlineKind: 'clueVerification', unit: 'WD', basis: '《市场监督管理行政处罚程序规定》第十八条', warningLength: '3', warningUnit: 'WD' };

    // when
    const parsed = input(computeDeadlineJob.parseVariables({ start: '2026-03-02T09:00:00+08:00', length: 15, paused: null, deadlines: { caseLimit: 'x' } }, headers));

    // then
    expect(parsed).to.deep.equal({
      deadline: { name: 'clueVerification', start: '2026-03-02T09:00:00+08:00', length: 15, unit: 'WD', basis: '《市场监督管理行政处罚程序规定》第十八条', warning: { length: 3, unit: 'WD' } },
      deadlines: { caseLimit: 'x' },
    });
  });


  it('compute-deadline names what is missing from both variables and headers', () => {
    const parsed = computeDeadlineJob.parseVariables({ start: '2026-03-02' }, { deadlineKind: 'caseLimit', unit: 'CD' });
    expect(!parsed.ok && parsed.outcome.message).to.include("variable 'length' is missing").and.include("variable 'basis' is missing");
  });


  it('puts the 临期 warning at the start of the day the given time before the due date', () => {
    // given: 15 working days from Monday 2 March 2026 end on Monday 23 March
    const due = computeDeadline({ start: '2026-03-02T09:00:00+08:00', length: 15, unit: 'WD' }, calendar);
    expect(due.dueDate).to.equal('2026-03-23');

    // then: 3 working days before is Wednesday 18 March; 10 calendar days before is 13 March; 24 hours before the instant
    expect(computeDeadlineJob.warningAt(due, { length: 3, unit: 'WD' }, calendar)).to.equal('2026-03-18T00:00:00.000+08:00');
    expect(computeDeadlineJob.warningAt(due, { length: 10, unit: 'CD' }, calendar)).to.equal('2026-03-13T00:00:00.000+08:00');
    expect(computeDeadlineJob.warningAt(due, { length: 24, unit: 'H' }, calendar)).to.equal('2026-03-22T23:59:59.999+08:00');
  });


  it('raise-supervision-alert takes severity and kind from headers and the deadline by its due instant', () => {
    const parsed = input(raiseAlert.parseVariables({ dueAt: '2026-03-23T23:59:59.999+08:00' }, { alertKind: 'case-limit-near-due', severity: 'warning', basis: '《行政处罚法》第六十条' }));
    expect(parsed).to.include({ level: 'near-due', alertKind: 'case-limit-near-due', dueAt: '2026-03-23T23:59:59.999+08:00' });
    expect(raiseAlert.decide(parsed, new Date('2026-03-20T02:00:00Z'))).to.deep.equal({ kind: 'proceed', plan: { raisedAt: '2026-03-20T10:00:00.000+08:00', dueAt: '2026-03-23T15:59:59.999Z' } });
  });


  it('assign-number takes numberKind from a header, and counts advance-notice as penalty-advance-notice', () => {
    expect(input(assignNumber.parseVariables({ bodyId: 1 }, { numberKind: 'case-number' }))).to.include({ kind: 'case-number' });
    expect(input(assignNumber.parseVariables({ bodyId: 1 }, { numberKind: 'advance-notice' }))).to.include({ kind: 'penalty-advance-notice' });
    const unknown = assignNumber.parseVariables({ bodyId: 1 }, { numberKind: 'love-letter' });
    expect(!unknown.ok && unknown.outcome.message).to.include("variable 'kind' must be one of");
  });


  it('generate-document takes documentKind from a header', () => {
    expect(input(generateDocument.parseVariables({ bodyId: 1, fields: SAMPLE_DOCUMENTS['enforcement-demand']!.fields }, { documentKind: 'demand-notice' }))).to.include({ kind: 'enforcement-demand' });
  });


  it('compute-surcharge takes fine and dueAt', () => {
    expect(input(computeSurcharge.parseVariables({ fine: 5000, dueAt: '2026-03-17T23:59:59.999+08:00' }))).to.include({ fineAmount: 5000, paymentDeadline: '2026-03-17T23:59:59.999+08:00' });
  });


  it('record-service takes the document generate-document gave and on-the-spot delivery as direct service', () => {
    const parsed = input(recordService.parseVariables({ document: { pdf: { id: '12' }, docx: { id: '13' } }, method: 'on-the-spot', recipient: '王某某', servedAt: '2026-03-02T10:00:00+08:00', proof: { signedBy: '王某某' } }));
    expect(parsed).to.include({ documentId: '12', method: 'direct' });
  });
});
