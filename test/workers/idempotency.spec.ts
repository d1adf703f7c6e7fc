import { expect } from 'chai';
import { SAMPLE_DOCUMENTS } from './support/sample-documents.js';
import { completed, newJob, useWorkerHarness } from './support/worker-harness.js';

describe('workers: a redelivered job is not done twice', function () {
  const h = useWorkerHarness('idempotency');
  const now = new Date('2026-03-02T10:00:00+08:00');
  const decision = () => ({ kind: 'penalty-decision', bodyId: h.bodies.city, fields: SAMPLE_DOCUMENTS['penalty-decision']!.fields });


  it('answers the second delivery of generate-document with the first one\'s result: one document, one number', async function () {
    this.timeout(60_000);
    // given
    const job = newJob('generate-document');

    // when: the engine delivers the job twice (the first completion was lost)
    const first = await h.run(job, decision(), now);
    const second = await h.run(job, decision(), new Date('2026-03-03T10:00:00+08:00'));

    // then
    expect(second).to.deep.equal(first);
    expect(await h.db('app.documents').where({ job_key: job.key })).to.have.length(2);
    const [sequence] = await h.db('app.document_number_sequences').where({ body_id: h.bodies.city, kind: 'penalty-decision' });
    expect(sequence.last_value).to.equal(1);
    const [result] = await h.db('app.job_results').where({ job_key: job.key });
    expect(result).to.include({ job_type: 'generate-document' });
    expect(result.outcome).to.deep.equal(first);
  });


  it('lets two deliveries running at the same time do the work once', async function () {
    this.timeout(60_000);
    // given
    const job = newJob('generate-document');

    // when
    const [a, b] = await Promise.all([h.run(job, decision(), now), h.run(job, decision(), now)]);

    // then
    expect(a).to.deep.equal(b);
    expect(await h.db('app.documents').where({ job_key: job.key })).to.have.length(2);
    expect((completed(a).document as { number: string }).number).to.equal('明城管罚决〔2026〕2号');
    const [sequence] = await h.db('app.document_number_sequences').where({ body_id: h.bodies.city, kind: 'penalty-decision' });
    expect(sequence.last_value).to.equal(2);
  });


  it('takes one number for assign-number delivered three times', async () => {
    const job = newJob('assign-number');
    const outcomes = [];
    for (let i = 0; i < 3; i += 1) outcomes.push(await h.run(job, { bodyId: h.bodies.city, kind: 'enforcement-demand' }, now));
    expect(outcomes[1]).to.deep.equal(outcomes[0]);
    expect(outcomes[2]).to.deep.equal(outcomes[0]);
    expect((completed(outcomes[0]!).documentNumber as { sequence: number }).sequence).to.equal(1);
  });
});
