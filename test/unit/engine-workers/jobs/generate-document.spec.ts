import { expect } from 'chai';
import { officialCalendarDays } from '../../../../db/official-calendar.js';
import { createHolidayCalendar } from '../../../../legal/calendar.js';
import { decide, earliestHearingDate, parseVariables, type GenerateDocumentInput } from '../../../../engine-workers/jobs/generate-document.js';
import { SAMPLE_DOCUMENTS } from '../../../workers/support/sample-documents.js';

const calendar = createHolidayCalendar(officialCalendarDays(2025, 2027));

function input(kind: string, fields: Record<string, unknown> = {}, extra: Partial<GenerateDocumentInput> = {}): GenerateDocumentInput {
  const parsed = parseVariables({ kind, bodyId: 1, fields: { ...SAMPLE_DOCUMENTS[kind]!.fields, ...fields }, ...extra });
  if (!parsed.ok) throw new Error(parsed.outcome.message);
  return parsed.input;
}

describe('engine-workers: generate-document', () => {
  it('raises an incident naming the missing field of the kind', () => {
    // given: a decision without the party's address (处罚法 Art 59(1))
    const { partyAddress: _omitted, ...fields } = SAMPLE_DOCUMENTS['penalty-decision']!.fields;

    // when
    const parsed = parseVariables({ kind: 'penalty-decision', bodyId: 1, fields });

    // then
    expect(parsed.ok).to.equal(false);
    expect(!parsed.ok && parsed.outcome.message).to.include("variable 'fields.partyAddress' is missing");
  });


  it('takes a field mapped from a path the case does not have (null, as FEEL gives it) as absent', () => {
    // given: a party without an ID number (party.idNumber → null) and no statement (statementReview.opinion → null)
    const parsed = parseVariables({ kind: 'penalty-decision', bodyId: 1, fields: { ...SAMPLE_DOCUMENTS['penalty-decision']!.fields, partyIdNumber: null, statementSummary: null } });

    // then: optional fields are left out; a required one that is null is reported missing, not as a wrong type
    expect(parsed.ok).to.equal(true);
    expect(parsed.ok && parsed.input.fields).to.not.have.any.keys('partyIdNumber', 'statementSummary');
    const missing = parseVariables({ kind: 'penalty-decision', bodyId: 1, fields: { ...SAMPLE_DOCUMENTS['penalty-decision']!.fields, partyAddress: null } });
    expect(!missing.ok && missing.outcome.message).to.include("variable 'fields.partyAddress' is missing");
  });


  it('raises an incident naming an unknown kind', () => {
    const parsed = parseVariables({ kind: 'love-letter', bodyId: 1, fields: {} });
    expect(!parsed.ok && parsed.outcome.message).to.include("variable 'kind' must be one of");
  });


  it('requires the hearing deadline only when the party has a hearing right', () => {
    const parsed = parseVariables({ kind: 'enforcement-demand', bodyId: 1, fields: { ...SAMPLE_DOCUMENTS['enforcement-demand']!.fields, amount: undefined } });
    expect(!parsed.ok && parsed.outcome.message).to.include("variable 'fields.amount' is missing");
    const notMonetary = parseVariables({ kind: 'enforcement-demand', bodyId: 1, fields: { ...SAMPLE_DOCUMENTS['enforcement-demand']!.fields, monetary: false, amount: undefined, paymentMethod: undefined } });
    expect(notMonetary.ok).to.equal(true);
  });


  it('numbers a numbered kind in the year of its issue date, in China time', () => {
    // given: 00:30 on 1 January 2027 in China, still 2026 in UTC
    const decision = decide(input('penalty-decision'), new Date('2026-12-31T16:30:00Z'));

    // then
    expect(decision).to.deep.include({ kind: 'proceed' });
    expect((decision as { plan: { issueDate: string; year: number; assignNumber: boolean } }).plan).to.include({ issueDate: '2027-01-01', year: 2027, assignNumber: true });
  });


  it('keeps a 文号 given by assign-number', () => {
    const decision = decide(input('penalty-decision', {}, { number: '明城管罚决〔2026〕3号' }), new Date('2026-03-02T10:00:00+08:00'));
    expect((decision as { plan: { number: string; assignNumber: boolean } }).plan).to.include({ number: '明城管罚决〔2026〕3号', assignNumber: false });
  });


  it('counts the days of a seizure and refuses more than 30 (强制法 Art 25)', () => {
    const ok = decide(input('seizure-decision'), new Date('2026-03-02T10:00:00+08:00'));
    expect((ok as { plan: { fields: Record<string, unknown> } }).plan.fields.periodDays).to.equal(30);
    const tooLong = decide(input('seizure-decision', { periodEnd: '2026-04-01' }), new Date('2026-03-02T10:00:00+08:00'));
    expect(tooLong).to.deep.include({ kind: 'incident' });
    expect((tooLong as { message: string }).message).to.include('at most 30 days').and.include('31 days');
  });


  it('puts the earliest hearing 7 working days after the notice, across National Day 2026', () => {
    // given: notice on Monday 28 September 2026; 1–7 October are holidays, Saturday 10 October is a make-up working day
    // then: 29, 30 Sep, 8, 9, 10, 12, 13 Oct are the seven working days; the hearing may be held from 14 October
    expect(earliestHearingDate('2026-09-28', calendar)).to.equal('2026-10-14');
    expect(earliestHearingDate('2026-03-02', calendar)).to.equal('2026-03-12');
  });


  it('ends with a BPMN error when the hearing is not after the notice', () => {
    const decision = decide(input('hearing-notice', { hearingTime: '2026-03-02T15:00:00+08:00' }, { issueDate: '2026-03-02' }), new Date());
    expect(decision).to.deep.include({ kind: 'bpmn-error', code: 'HEARING_NOTICE_TOO_LATE' });
  });
});
