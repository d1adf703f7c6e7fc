/**
 * The statutory checks on the real job store (PostgreSQL, app.job_results, the pg adapters), run as the runner runs a
 * delivery: concurrency of the inspection counter, idempotence of a redelivered check, the outbox of electronic service.
 */
import { expect } from 'chai';
import { completed, newJob, useWorkerHarness } from './support/worker-harness.js';
import { seedOfficers } from './support/seed-officers.js';

describe('workers: the statutory checks on the job store', function () {
  this.timeout(30_000);
  const h = useWorkerHarness('statutory-checks-store');
  const now = new Date('2026-03-02T10:00:00+08:00');

  describe('check-inspection-frequency', () => {
    const inspection = (creditCode: string, plannedAt = '2026-03-05T09:00:00+08:00') => ({
      party: { name: '三明市某某建材有限公司', creditCode },
      inspectionType: 'routine',
      plannedAt,
      field: 'urban-management',
      bodyId: h.bodies.city,
    });

    it('lets no more than the cap through when checks of one enterprise run at once', async () => {
      // given: five inspections of one enterprise planned at the same moment, cap 2
      const jobs = Array.from({ length: 5 }, (_, i) => newJob('check-inspection-frequency', String(2251799813691000 + i)));

      // when
      const outcomes = await Promise.all(jobs.map((job) => h.run(job, inspection('91350400MA0000000A'), now)));

      // then
      expect(outcomes.filter((o) => o.kind === 'complete')).to.have.length(2);
      expect(outcomes.filter((o) => o.kind === 'bpmn-error' && o.code === 'INSPECTION_CAP_EXCEEDED')).to.have.length(3);
      expect(await h.db('app.enterprise_inspections').where({ party_key: '91350400MA0000000A' })).to.have.length(2);
    });


    it('counts a re-planned inspection once', async () => {
      // given: the officers check refused and the inspection was planned again in the same process instance
      const pi = '2251799813692001';

      // when
      const first = completed(await h.run(newJob('check-inspection-frequency', pi), inspection('91350400MA0000000B', '2026-03-05T09:00:00+08:00'), now));
      const again = completed(await h.run(newJob('check-inspection-frequency', pi), inspection('91350400MA0000000B', '2026-03-12T09:00:00+08:00'), now));

      // then
      expect(first.inspectionFrequency).to.deep.equal({ year: 2026, count: 1, cap: 2 });
      expect(again.inspectionFrequency).to.deep.equal({ year: 2026, count: 1, cap: 2 });
      const rows = await h.db('app.enterprise_inspections').where({ party_key: '91350400MA0000000B' });
      expect(rows).to.have.length(1);
      expect(new Date(rows[0].planned_at).toISOString()).to.equal('2026-03-12T01:00:00.000Z');
    });
  });

  describe('check-officers', () => {
    it('answers a redelivered check with its recorded refusal, even after the certificate was renewed', async () => {
      // given: an officer whose certificate expired before the act
      const ids = await seedOfficers(h.db, [
        { username: 'store-zhang', displayName: '张执法', bodyId: h.bodies.city, certificates: [{ number: 'S-1', field: 'urban_management', validFrom: '2024-01-01', validTo: '2029-12-31' }] },
        { username: 'store-li', displayName: '李执法', bodyId: h.bodies.city, certificates: [{ number: 'S-2', field: 'urban_management', validFrom: '2021-01-01', validTo: '2025-12-31' }] },
      ]);
      const job = newJob('check-officers');
      const variables = { officers: [ids['store-zhang'], ids['store-li']], actDate: '2026-03-02T09:00:00+08:00', field: 'urban-management' };
      const first = await h.run(job, variables, now);

      // when: the certificate is renewed and the engine delivers the same job again
      await h.db('app.certificates').where({ number: 'S-2' }).update({ valid_to: '2030-12-31' });
      const again = await h.run(job, variables, now);

      // then: the act was refused, and stays refused for this job; a new check would pass
      expect(first).to.deep.include({ kind: 'bpmn-error', code: 'OFFICERS_NOT_QUALIFIED' });
      expect(again).to.deep.equal(first);
      expect(await h.run(newJob('check-officers'), variables, now)).to.deep.equal({ kind: 'complete', variables: {} });
    });
  });

  describe('send-electronic-document', () => {
    it('puts a redelivered sending in the outbox once', async () => {
      // given
      const [doc] = await h.db('app.documents')
        .insert({ process_instance_key: 1, case_ref: 'C-3', body_id: h.bodies.city, kind: 'penalty-decision', title: '行政处罚决定书', format: 'pdf', sha256: 'b'.repeat(64), storage_path: 'documents/y.pdf', byte_size: 1, job_key: 2251799813693001 })
        .returning(h.db.raw('id::text as id') as never);
      const variables = {
        address: 'mzt://91350400MA0000000C',
        document: { pdf: { id: (doc as { id: string }).id } },
        electronicService: { consented: true, confirmationSigned: true, consent: { confirmedAt: '2026-02-27T16:00:00+08:00', reference: '电子送达确认书-003' } },
        correlationKey: 'C-3:penalty-decision',
      };
      const job = newJob('send-electronic-document');

      // when
      const first = completed(await h.run(job, variables, now));
      const again = completed(await h.run(job, variables, new Date('2026-03-03T10:00:00+08:00')));

      // then
      expect(again).to.deep.equal(first);
      expect(await h.db('app.electronic_deliveries').where({ job_key: job.key })).to.have.length(1);
    });
  });

  describe('publish-message', () => {
    it('fails, so that the runner retries, and records nothing when the store has no gateway to publish to', async () => {
      // when
      const job = newJob('publish-message');
      let error: unknown;
      await h.run(job, { messageName: 'case-limit-changed', correlationKey: 'C-1', messageVariables: {} }, now).catch((e: unknown) => (error = e));

      // then: runJob turns the exception into a retry with back-off
      expect((error as Error).message).to.include("Expected a gateway to publish message 'case-limit-changed'");
      expect(await h.db('app.job_results').where({ job_key: job.key })).to.have.length(0);
    });
  });
});
