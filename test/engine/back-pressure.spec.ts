import { expect } from 'chai';
import { ZBClient } from 'zeebe-node';
import { activateOnce, EMPTY_STATE, leftoverState, useEngine, waitUntil, type EngineHarness } from './support/engine-harness.js';

const LIMIT = 20;

/**
 * A client that retries 8 RESOURCE_EXHAUSTED as zeebe-node does by default, with its back-off capped at 1 s (its
 * minimum). zeebe-node logs each refusal it retries as an error; those lines are collected in `refusals`.
 */
function retryingClient(h: EngineHarness, refusals: string[] = []): ZBClient {
  const stdout = { info: () => undefined, error: (line: string) => void (line.includes('RESOURCE_EXHAUSTED') && refusals.push(line)) };
  return new ZBClient(`127.0.0.1:${h.port}`, { useTLS: false, loglevel: 'ERROR', stdout, retry: true, maxRetries: 100, maxRetryTimeout: 1000, longPoll: 5000 } as never);
}

/** Splits settled calls into values and rejection messages; anything but 8 RESOURCE_EXHAUSTED fails the test. */
function outcomes<T>(results: ReadonlyArray<PromiseSettledResult<T>>): { values: T[]; exhausted: string[] } {
  const values = results.filter((r): r is PromiseFulfilledResult<T> => r.status === 'fulfilled').map((r) => r.value);
  const exhausted = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as Error).message);
  const refusal = new RegExp(`^8 RESOURCE_EXHAUSTED: Expected to process \\w+, but the engine has \\d+ commands in flight \\(limit ${LIMIT}\\); retry later$`);
  for (const message of exhausted) expect(message).to.match(refusal);
  return { values, exhausted };
}

/** The instance key of each record with `intent` on the process element of one of `keys` (so a key twice means twice). */
async function processRecords(h: EngineHarness, keys: readonly string[], intent: string): Promise<string[]> {
  const r = await h.database.db.raw(
    "select process_instance_key::text as key from engine.records where value_type = 'PROCESS_INSTANCE' and intent = ? and payload->>'elementId' = 'one-task' and process_instance_key = any(?)",
    [intent, [...keys]],
  );
  return (r.rows as Array<{ key: string }>).map((row) => row.key);
}

/** Sends `call` until it is not refused with 8, after a growing, jittered back-off each time (as a client's retry does). */
async function untilAccepted<T>(call: () => Promise<T>, refusals: { count: number }): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      outcomes([{ status: 'rejected', reason: error }]);
      refusals.count++;
      await new Promise((resolve) => setTimeout(resolve, Math.min(400, 10 * 2 ** attempt) * (0.5 + Math.random())));
    }
  }
}

/** Engine rows left of the instances (Zeebe's clean-state check for many instances at once). */
async function leftoverStates(h: EngineHarness, keys: readonly string[]): Promise<Record<string, number>> {
  const r = await h.database.db.raw(
    `select (select count(*)::int from engine.process_instances where key = any(:keys)) as instances,
            (select count(*)::int from engine.element_instances where process_instance_key = any(:keys)) as elements,
            (select count(*)::int from engine.variables where process_instance_key = any(:keys)) as variables,
            (select count(*)::int from engine.jobs where process_instance_key = any(:keys)) as jobs,
            (select count(*)::int from engine.incidents where process_instance_key = any(:keys)) as incidents`,
    { keys: [...keys] },
  );
  return r.rows[0] as Record<string, number>;
}

const NOTHING_LEFT = { instances: 0, elements: 0, variables: 0, jobs: 0, incidents: 0 };

async function instancesOfProcess(h: EngineHarness): Promise<number> {
  const r = await h.database.db.raw("select count(*)::int as n from engine.process_instances where bpmn_process_id = 'one-task'");
  return (r.rows[0] as { n: number }).n;
}

describe('back-pressure (ENGINE_MAX_IN_FLIGHT_COMMANDS)', () => {
  const h = useEngine('back-pressure', { maxInFlightCommands: LIMIT });
  before(async () => h.deploy('one-task.bpmn'));

  it('refuses a burst beyond the limit with 8, and every acknowledged instance exists once and completes', async function () {
    this.timeout(60_000);
    // when 500 instances are created at once by a client that does not retry by itself
    const first = outcomes(await Promise.allSettled(Array.from({ length: 500 }, (_, i) => h.client.createProcessInstance({ bpmnProcessId: 'one-task', variables: { i } }))));
    // then some were refused, and exactly the acknowledged ones exist, once each
    expect(first.exhausted.length, 'refused creates').to.be.greaterThan(0);
    expect(first.values.length, 'acknowledged creates').to.be.greaterThan(0);
    let keys = first.values.map((pi) => pi.processInstanceKey);
    expect(new Set(keys).size).to.equal(keys.length);
    expect(await instancesOfProcess(h)).to.equal(keys.length);
    expect((await processRecords(h, keys, 'ELEMENT_ACTIVATING')).sort()).to.deep.equal([...keys].sort());

    // when each refused create is sent again after a short random back-off until it is acknowledged
    const refusals = { count: 0 };
    const again = await Promise.all(Array.from({ length: first.exhausted.length }, () => untilAccepted(() => h.client.createProcessInstance({ bpmnProcessId: 'one-task', variables: {} }), refusals)));
    keys = [...keys, ...again.map((pi) => pi.processInstanceKey)];
    // then there are exactly 500 instances, none lost and none twice
    expect(new Set(keys).size).to.equal(500);
    expect(await instancesOfProcess(h)).to.equal(500);
    expect((await processRecords(h, keys, 'ELEMENT_ACTIVATING')).sort()).to.deep.equal([...keys].sort());

    // when all their jobs are completed at once, each refused completion sent again the same way
    const jobs = [];
    while (jobs.length < keys.length) jobs.push(...(await activateOnce(h.client, 'do-work', { maxJobs: 1000 })));
    expect(jobs.map((j) => j.processInstanceKey).sort()).to.deep.equal([...keys].sort());
    const completionRefusals = { count: 0 };
    await Promise.all(jobs.map((job) => untilAccepted(() => h.client.completeJob({ jobKey: job.key, variables: { done: true } }), completionRefusals)));
    // then completions were refused too, and every instance completed exactly once, leaving nothing behind
    expect(completionRefusals.count, 'refused completions').to.be.greaterThan(0);
    expect((await processRecords(h, keys, 'ELEMENT_COMPLETED')).sort()).to.deep.equal([...keys].sort());
    expect(await instancesOfProcess(h)).to.equal(0);
    expect(await leftoverStates(h, keys)).to.deep.equal(NOTHING_LEFT);
  });

  it('loses nothing when zeebe-node retries: a burst of creates and a worker completing every job', async function () {
    this.timeout(60_000);
    const refusals: string[] = [];
    const client = retryingClient(h, refusals);
    try {
      // when 100 instances are created at once through a client that retries 8, as zeebe-node does by default
      const created = await Promise.all(Array.from({ length: 100 }, (_, i) => client.createProcessInstance({ bpmnProcessId: 'one-task', variables: { i } })));
      const keys = created.map((pi) => pi.processInstanceKey);
      // then the client was refused on the way, yet every one of them exists once
      expect(refusals.length, 'refusals the client retried').to.be.greaterThan(0);
      expect(new Set(keys).size).to.equal(100);
      expect((await processRecords(h, keys, 'ELEMENT_ACTIVATING')).sort()).to.deep.equal([...keys].sort());
      // and a worker (whose completions are retried too) completes them all
      const worker = client.createWorker({ taskType: 'do-work', maxJobsToActivate: 100, taskHandler: (job: { complete(v: object): Promise<unknown> }) => job.complete({}), loglevel: 'NONE' } as never);
      try {
        await waitUntil(async () => (await instancesOfProcess(h)) === 0, 30_000, 'all instances to complete');
      } finally {
        await worker.close();
      }
      expect((await processRecords(h, keys, 'ELEMENT_COMPLETED')).sort()).to.deep.equal([...keys].sort());
      expect(await leftoverStates(h, keys)).to.deep.equal(NOTHING_LEFT);
    } finally {
      await client.close(2000);
    }
  });

  it('does not count a CreateProcessInstanceWithResult that waits for its instance', async function () {
    this.timeout(30_000);
    const client = retryingClient(h);
    try {
      // given more waiting with-result calls than the limit
      const waiting = Array.from({ length: LIMIT + 5 }, () => client.createProcessInstanceWithResult({ bpmnProcessId: 'one-task', variables: {}, requestTimeout: 20_000 } as never));
      await waitUntil(async () => (await instancesOfProcess(h)) === LIMIT + 5, 10_000, 'the with-result instances to exist');
      // when a command arrives from a client that does not retry, then it is accepted
      const other = await h.client.createProcessInstance({ bpmnProcessId: 'one-task', variables: {} });
      // and once the jobs are done every caller gets its result
      const jobs = await activateOnce(h.client, 'do-work', { maxJobs: 100 });
      expect(jobs).to.have.length(LIMIT + 6);
      for (const job of jobs) await client.completeJob({ jobKey: job.key, variables: { done: true } });
      const results = await Promise.all(waiting);
      expect(results.map((r) => (r as unknown as { variables: { done: boolean } }).variables.done)).to.deep.equal(Array(LIMIT + 5).fill(true));
      expect(await leftoverState(h, other.processInstanceKey)).to.deep.equal(EMPTY_STATE);
    } finally {
      await client.close(2000);
    }
  });
});
