import { expect } from 'chai';
import { activateOnce, incidentsOf, rawGrpc, useEngine, waitUntil } from './support/engine-harness.js';
import { expectGrpcError } from './support/expect-grpc.js';

describe('jobs (ActivateJobs, CompleteJob, FailJob, UpdateJobRetries, ResolveIncident, SetVariables)', () => {
  const h = useEngine('jobs');
  before(async () => h.deploy('one-task.bpmn', 'io-mapping.bpmn'));

  const start = (variables: Record<string, unknown> = {}) => h.client.createProcessInstance({ bpmnProcessId: 'one-task', variables: variables as never });

  it('activates a job with its variables, headers, retries and deadline', async () => {
    const pi = await start({ x: 1, y: 'two' });
    const before = Date.now();
    const [job] = await activateOnce(h.client, 'do-work', { timeout: 60_000 });
    expect(job).to.deep.include({ type: 'do-work', bpmnProcessId: 'one-task', elementId: 'do-work', processInstanceKey: pi.processInstanceKey, retries: 3, worker: 'test-worker', tenantId: '<default>' });
    expect(job!.variables).to.deep.equal({ x: 1, y: 'two' });
    expect(job!.customHeaders).to.deep.equal({ kind: 'test' });
    expect(Number(job!.deadline)).to.be.within(before + 59_000, Date.now() + 61_000);
    await h.client.completeJob({ jobKey: job!.key, variables: {} });
  });

  it('sends only fetchVariable names when given', async () => {
    await start({ x: 1, y: 2, z: 3 });
    const [job] = await activateOnce(h.client, 'do-work', { fetchVariable: ['y'] });
    expect(job!.variables).to.deep.equal({ y: 2 });
    await h.client.completeJob({ jobKey: job!.key, variables: {} });
  });

  it('rejects blank type, blank worker, timeout < 1 and maxJobsToActivate < 1 with 3', async () => {
    const activate = async (req: Record<string, unknown>) => {
      const stream = await rawGrpc(h.client).activateJobsStream({ type: 't', worker: 'w', timeout: 1000, maxJobsToActivate: 1, requestTimeout: -1, ...req });
      await new Promise((resolve, reject) => {
        stream.on('error', reject);
        stream.on('end', resolve);
        stream.on('data', () => undefined);
      });
    };
    await expectGrpcError(activate({ type: '' }), '3 INVALID_ARGUMENT:', 'type');
    await expectGrpcError(activate({ worker: '' }), '3 INVALID_ARGUMENT:', 'worker');
    await expectGrpcError(activate({ timeout: 0 }), '3 INVALID_ARGUMENT:', 'timeout');
    await expectGrpcError(activate({ maxJobsToActivate: 0 }), '3 INVALID_ARGUMENT:', 'maxJobsToActivate');
  });

  it('long polling: wakes a waiting request within 100 ms of a job being created', async () => {
    // given a long poll with no job available
    const polling = activateOnce(h.client, 'do-work', { requestTimeout: 5000 });
    await new Promise((r) => setTimeout(r, 200));
    // when
    const created = Date.now();
    await start();
    const jobs = await polling;
    // then
    expect(jobs).to.have.length(1);
    expect(Date.now() - created).to.be.below(100 + 50);
    await h.client.completeJob({ jobKey: jobs[0]!.key, variables: {} });
  });

  it('long polling: completes OK with no jobs when requestTimeout passes', async () => {
    const began = Date.now();
    const jobs = await activateOnce(h.client, 'nobody-creates-this', { requestTimeout: 400 });
    expect(jobs).to.have.length(0);
    expect(Date.now() - began).to.be.within(380, 1000);
  });

  it('never hands a job to a cancelled call, and each job to one request only', async () => {
    // given a long poll that the client cancels
    const stream = (await rawGrpc(h.client).activateJobsStream({ type: 'do-work', worker: 'dead', timeout: 60_000, maxJobsToActivate: 5, requestTimeout: 10_000 })) as NodeJS.EventEmitter & { cancel(): void };
    stream.on('error', () => undefined);
    await new Promise((r) => setTimeout(r, 100));
    stream.cancel();
    await new Promise((r) => setTimeout(r, 100));
    // and three concurrent live polls
    const polls = [1, 2, 3].map(() => activateOnce(h.client, 'do-work', { requestTimeout: 2000, maxJobs: 5 }));
    await new Promise((r) => setTimeout(r, 100));
    // when four jobs are created
    for (let i = 0; i < 4; i++) await start({ i });
    const received = (await Promise.all(polls)).flat();
    const more = await activateOnce(h.client, 'do-work', { requestTimeout: 500 });
    // then every job went to exactly one live request
    const keys = [...received, ...more].map((j) => j.key);
    expect(keys).to.have.length(4);
    expect(new Set(keys).size).to.equal(4);
    expect([...received, ...more].every((j) => j.worker === 'test-worker')).to.equal(true);
    for (const key of keys) await h.client.completeJob({ jobKey: key, variables: {} });
  });

  it('makes a job whose deadline passed activatable again with its retries unchanged; the late completion wins if first', async () => {
    await start();
    const [first] = await activateOnce(h.client, 'do-work', { timeout: 200 });
    const [again] = await waitUntil(async () => {
      const jobs = await activateOnce(h.client, 'do-work', { requestTimeout: 300 });
      return jobs.length > 0 ? jobs : null;
    }, 3000, 'the timed-out job to be activatable');
    expect(again!.key).to.equal(first!.key);
    expect(again!.retries).to.equal(first!.retries);
    await h.client.completeJob({ jobKey: first!.key, variables: {} });
    await expectGrpcError(h.client.completeJob({ jobKey: again!.key, variables: {} }), '5 NOT_FOUND:', again!.key);
  });

  it('CompleteJob propagates variables to the root; 5 for an unknown job; 9 for a failed job', async () => {
    await expectGrpcError(h.client.completeJob({ jobKey: '2251799813999999', variables: {} }), '5 NOT_FOUND:', "Expected to complete job with key '2251799813999999'");
    const pi = await start();
    const [job] = await activateOnce(h.client, 'do-work');
    await h.client.failJob({ jobKey: job!.key, retries: 0, errorMessage: 'boom', retryBackOff: 0 });
    await expectGrpcError(h.client.completeJob({ jobKey: job!.key, variables: {} }), '9 FAILED_PRECONDITION:', "but it is in state 'FAILED'");
    await h.client.cancelProcessInstance(pi.processInstanceKey);
  });

  it('FailJob with retries left and a back-off redelivers the job after the back-off, with its local variables', async () => {
    await start();
    const [job] = await activateOnce(h.client, 'do-work');
    const failedAt = Date.now();
    await h.client.failJob({ jobKey: job!.key, retries: 2, errorMessage: 'try later', retryBackOff: 600, variables: JSON.stringify({ attempt: 1 }) } as never);
    const early = await activateOnce(h.client, 'do-work', { requestTimeout: -1 });
    expect(early).to.have.length(0);
    const [retried] = await activateOnce(h.client, 'do-work', { requestTimeout: 3000 });
    expect(Date.now() - failedAt).to.be.at.least(600);
    expect(retried!.key).to.equal(job!.key);
    expect(retried!.retries).to.equal(2);
    expect(retried!.variables).to.deep.include({ attempt: 1 });
    await h.client.completeJob({ jobKey: retried!.key, variables: {} });
  });

  it('FailJob at 0 retries raises an incident; ResolveIncident is refused (9) until retries are updated, then the job is redelivered', async () => {
    const pi = await start();
    const [job] = await activateOnce(h.client, 'do-work');
    await h.client.failJob({ jobKey: job!.key, retries: 0, errorMessage: 'out of retries', retryBackOff: 0 });
    const [incident] = await incidentsOf(h, pi.processInstanceKey);
    expect(incident).to.deep.include({ errorType: 'JOB_NO_RETRIES', errorMessage: 'out of retries', elementId: 'do-work', jobKey: job!.key });
    await expectGrpcError(h.client.resolveIncident({ incidentKey: incident!.key }), '9 FAILED_PRECONDITION:', incident!.key, 'no retries left');
    await expectGrpcError(h.client.updateJobRetries({ jobKey: job!.key, retries: 0 }), '3 INVALID_ARGUMENT:', job!.key);
    await expectGrpcError(h.client.updateJobRetries({ jobKey: '2251799813999998', retries: 2 }), '5 NOT_FOUND:', '2251799813999998');
    await h.client.updateJobRetries({ jobKey: job!.key, retries: 2 });
    expect(await activateOnce(h.client, 'do-work', { requestTimeout: -1 })).to.have.length(0);
    await h.client.resolveIncident({ incidentKey: incident!.key });
    const [again] = await activateOnce(h.client, 'do-work');
    expect(again).to.deep.include({ key: job!.key, retries: 2 });
    await h.client.completeJob({ jobKey: again!.key, variables: {} });
    await expectGrpcError(h.client.resolveIncident({ incidentKey: incident!.key }), '5 NOT_FOUND:', incident!.key);
  });

  it('FailJob on a job that is not activated gives 9; on an unknown job 5', async () => {
    const pi = await start();
    const jobKey = await waitUntil(async () => (await h.database.db.raw('select key::text from engine.jobs where process_instance_key = ?', [pi.processInstanceKey])).rows[0]?.key as string | undefined);
    await expectGrpcError(h.client.failJob({ jobKey, retries: 1, errorMessage: 'x', retryBackOff: 0 }), '9 FAILED_PRECONDITION:', "in state 'ACTIVATABLE'");
    await expectGrpcError(h.client.failJob({ jobKey: '2251799813999997', retries: 1, errorMessage: 'x', retryBackOff: 0 }), '5 NOT_FOUND:');
    await h.client.cancelProcessInstance(pi.processInstanceKey);
  });

  it('SetVariables: local stays in the scope, propagating updates the nearest scope that has the name; 5 and 3 on bad input', async () => {
    // given an instance waiting in a task inside a sub-process with a local variable
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'io-mapping', variables: { customer: { name: 'Li' }, result: 1 } });
    const [job] = await activateOnce(h.client, 'io-mapped');
    const scope = (await h.database.db.raw("select key::text from engine.element_instances where process_instance_key = ? and element_id = 'scope'", [pi.processInstanceKey])).rows[0].key as string;
    // when
    await h.client.setVariables({ elementInstanceKey: scope, variables: { localName: 'Wang', fresh: 1 }, local: false });
    await h.client.setVariables({ elementInstanceKey: job!.elementInstanceKey as string, variables: { onlyHere: true }, local: true });
    // then
    const rows = (await h.database.db.raw('select scope_key::text as scope, name from engine.variables where process_instance_key = ? order by name', [pi.processInstanceKey])).rows as Array<{ scope: string; name: string }>;
    const where = Object.fromEntries(rows.map((r) => [r.name, r.scope]));
    expect(where.localName).to.equal(scope);
    expect(where.fresh).to.equal(pi.processInstanceKey);
    expect(where.onlyHere).to.equal(job!.elementInstanceKey);
    await expectGrpcError(h.client.setVariables({ elementInstanceKey: '2251799813999996', variables: {}, local: true }), '5 NOT_FOUND:', '2251799813999996');
    await expectGrpcError(rawGrpc(h.client).setVariablesSync!({ elementInstanceKey: scope, variables: '"text"', local: true }), '3 INVALID_ARGUMENT:');
    await h.client.cancelProcessInstance(pi.processInstanceKey);
  });
});
