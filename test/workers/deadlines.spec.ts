import { expect } from 'chai';
import { SAMPLE_DOCUMENTS } from './support/sample-documents.js';
import { completed, newJob, useWorkerHarness } from './support/worker-harness.js';

describe('workers: deadlines, service, disclosure, supervision and surcharges', function () {
  const h = useWorkerHarness('deadlines');
  const now = new Date('2026-11-20T10:00:00+08:00');


  describe('queue-disclosure', () => {
    it('puts a penalty decision on the queue due 7 working days later, counted across National Day', async () => {
      // given: a decision of Tuesday 29 September 2026; 1–7 October are holidays, Saturday 10 October a make-up working day
      const job = newJob('queue-disclosure');
      const variables = { kind: 'penalty-decision', decidedAt: '2026-09-29T16:00:00+08:00', caseRef: 'CASE-2026-007', subject: { documentNumber: '明城管罚决〔2026〕7号', partyName: '三明市某某餐饮有限公司', authority: '三明市城市管理局', penalty: '罚款人民币5000元' } };

      // when
      const disclosure = completed(await h.run(job, variables, now)).disclosure as { id: string; dueBy: string; dueDate: string };

      // then: 30 Sep (1), 8 Oct (2), 9 (3), 10 (4, make-up Saturday), 12 (5), 13 (6), 14 (7); without the holidays it would be 8 October
      expect(disclosure).to.include({ dueDate: '2026-10-14', dueBy: '2026-10-14T23:59:59.999+08:00' });
      const [row] = await h.db('app.disclosure_queue').where({ job_key: job.key });
      expect(row).to.include({ kind: 'penalty-decision', status: 'pending', due_date: '2026-10-14', case_ref: 'CASE-2026-007' });
      expect(row.subject).to.include({ documentNumber: '明城管罚决〔2026〕7号' });
      expect(row.explanation.skipped.filter((d: { reason: string }) => d.reason === 'holiday')).to.have.length(7);
    });


    it('gives a withdrawal 3 working days', async () => {
      const disclosure = completed(await h.run(newJob('queue-disclosure'), { kind: 'withdrawal', decidedAt: '2026-03-06', subject: { documentNumber: 'x', partyName: 'y', authority: 'z' } }, now)).disclosure as { dueDate: string };
      // Friday 6 March: 9, 10, 11 March
      expect(disclosure.dueDate).to.equal('2026-03-11');
    });
  });


  describe('record-service', () => {
    let documentId = '';
    before(async function () {
      this.timeout(60_000);
      const generated = completed(await h.run(newJob('generate-document'), { kind: 'penalty-decision', bodyId: h.bodies.city, caseRef: 'CASE-2026-008', fields: SAMPLE_DOCUMENTS['penalty-decision']!.fields }, new Date('2026-01-10T10:00:00+08:00')));
      documentId = (generated.document as { pdf: { id: string } }).pdf.id;
    });


    it('deems a public notice served 30 days after publication, moved past Spring Festival', async () => {
      // given: published on 20 January 2026; the 30th day, 19 February, falls in 春节 (15–23 February)
      const job = newJob('record-service');
      const variables = { documentId, method: 'public_notice', recipient: '三明市某某餐饮有限公司', servedAt: '2026-01-20T09:00:00+08:00', proof: { reason: '受送达人下落不明，其他方式无法送达', medium: '三明日报及本机关门户网站' } };

      // when
      const service = completed(await h.run(job, variables, now)).service as Record<string, string>;

      // then
      expect(service).to.include({ method: 'public_notice', servedAt: '2026-01-20T09:00:00.000+08:00', deemedServedAt: '2026-02-24T23:59:59.999+08:00', deemedServedDate: '2026-02-24' });
      const [row] = await h.db('app.service_records').where({ job_key: job.key });
      expect(row).to.include({ method: 'public_notice', recipient: '三明市某某餐饮有限公司', case_ref: 'CASE-2026-008' });
      expect(new Date(row.deemed_served_at).toISOString()).to.equal('2026-02-24T15:59:59.999Z');
      expect(row.proof).to.include({ medium: '三明日报及本机关门户网站' });
    });


    it('records direct service as effective when signed', async () => {
      const service = completed(await h.run(newJob('record-service'), { documentId, method: 'direct', recipient: '王某某', servedAt: '2026-01-12T10:30:00+08:00', proof: { signedBy: '王某某' } }, now)).service as Record<string, string>;
      expect(service).to.include({ deemedServedAt: '2026-01-12T10:30:00.000+08:00', deemedServedDate: '2026-01-12' });
    });


    it('ends electronic service without consent with a BPMN error and records nothing', async () => {
      const job = newJob('record-service');
      const outcome = await h.run(job, { documentId, method: 'electronic', recipient: '王某某', servedAt: '2026-01-12T10:30:00+08:00', proof: {} }, now);
      expect(outcome).to.deep.include({ kind: 'bpmn-error', code: 'ELECTRONIC_SERVICE_NOT_CONSENTED' });
      expect(await h.db('app.service_records').where({ job_key: job.key })).to.have.length(0);
      expect(await h.db('app.job_results').where({ job_key: job.key })).to.have.length(1);
    });


    it('raises an incident naming the variable for a document that does not exist', async () => {
      const outcome = await h.run(newJob('record-service'), { documentId: '987654', method: 'direct', recipient: '王某某', servedAt: '2026-01-12T10:30:00+08:00', proof: { signedBy: '王某某' } }, now);
      expect(outcome).to.deep.include({ kind: 'incident' });
      expect((outcome as { message: string }).message).to.include("variable 'documentId'");
    });
  });


  describe('compute-deadline and raise-supervision-alert', () => {
    const processInstanceKey = '2251799813699001';
    const hearingRequest = { name: 'hearingRequest', start: '2026-02-13T10:00:00+08:00', length: 5, unit: 'WD', basis: '《中华人民共和国行政处罚法》第六十四条、第八十五条' };


    it('stores the deadline and hands the due date to the process for a timer, keeping the other deadlines', async () => {
      // given: the advance notice served on Friday 13 February 2026, before Spring Festival
      const job = newJob('compute-deadline', processInstanceKey);

      // when
      const out = completed(await h.run(job, { deadline: hearingRequest, caseRef: 'CASE-2026-009', deadlines: { decision: '2026-05-14T23:59:59.999+08:00' } }, now));

      // then: 14 Feb (make-up Saturday), 24, 25, 26, 27 Feb
      expect(out.deadlines).to.deep.equal({ decision: '2026-05-14T23:59:59.999+08:00', hearingRequest: '2026-02-27T23:59:59.999+08:00' });
      const [row] = await h.db('app.deadlines').where({ process_instance_key: processInstanceKey, kind: 'hearingRequest' }).select('*', h.db.raw('id::text as id'));
      expect(out.deadlineIds).to.deep.equal({ hearingRequest: row.id });
      expect(row).to.include({ status: 'running', due_date: '2026-02-27', unit: 'WD', length: 5, legal_basis: '《中华人民共和国行政处罚法》第六十四条、第八十五条', case_ref: 'CASE-2026-009' });
      expect((out.deadline as { text: string }).text).to.include('2026');
    });


    it('recomputes the same deadline when a pause is added, in place', async () => {
      // given: the party's hearing request window paused for two working days
      const paused = [{ from: '2026-02-24', to: '2026-02-25', reason: 'suspension' }];

      // when
      const out = completed(await h.run(newJob('compute-deadline', processInstanceKey), { deadline: { ...hearingRequest, paused } }, now));

      // then: 14 Feb (1), 26 (2), 27 (3), Saturday 28 Feb, a make-up working day (4), Monday 2 March (5)
      expect((out.deadlines as Record<string, string>).hearingRequest).to.equal('2026-03-02T23:59:59.999+08:00');
      const rows = await h.db('app.deadlines').where({ process_instance_key: processInstanceKey, kind: 'hearingRequest' });
      expect(rows).to.have.length(1);
      expect(rows[0].paused).to.deep.equal(paused);
    });


    it('raises one near-due and one overdue alert however often the timers fire, and marks the deadline overdue', async () => {
      // when: the warning timer fires twice (two jobs), then the overdue timer
      const first = completed(await h.run(newJob('raise-supervision-alert', processInstanceKey), { deadline: 'hearingRequest', level: 'near-due' }, now)).supervisionAlert as { id: string; created: boolean };
      const again = completed(await h.run(newJob('raise-supervision-alert', processInstanceKey), { deadline: 'hearingRequest', level: 'near-due' }, now)).supervisionAlert as { id: string; created: boolean };
      const overdue = completed(await h.run(newJob('raise-supervision-alert', processInstanceKey), { deadline: 'hearingRequest', level: 'overdue' }, now)).supervisionAlert as { id: string; level: string };

      // then
      expect(first.created).to.equal(true);
      expect(again).to.include({ id: first.id, created: false });
      expect(overdue.level).to.equal('overdue');
      const alerts = await h.db('app.supervision_alerts').where({ process_instance_key: processInstanceKey }).orderBy('id');
      expect(alerts.map((a) => a.level)).to.deep.equal(['near-due', 'overdue']);
      const [deadline] = await h.db('app.deadlines').where({ process_instance_key: processInstanceKey, kind: 'hearingRequest' });
      expect(deadline.status).to.equal('overdue');
    });


    it('raises an incident naming the deadline that was never computed', async () => {
      const outcome = await h.run(newJob('raise-supervision-alert', processInstanceKey), { deadline: 'decision', level: 'overdue' }, now);
      expect(outcome).to.deep.include({ kind: 'incident' });
      expect((outcome as { message: string }).message).to.include("variable 'deadline' ('decision')");
    });
  });


  describe('compute-surcharge', () => {
    it('records the computed surcharge like any job result', async () => {
      const job = newJob('compute-surcharge');
      const out = completed(await h.run(job, { fineAmount: 5000, paymentDeadline: '2026-03-17', asOf: '2026-05-01' }, now));
      expect(out.surcharge).to.include({ days: 45, amount: 5000, capped: true, totalDue: 10000, capReachedOn: '2026-04-20' });
      expect(await h.db('app.job_results').where({ job_key: job.key })).to.have.length(1);
    });
  });
});
