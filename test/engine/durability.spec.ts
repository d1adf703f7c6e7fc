import { expect } from 'chai';
import { Duration, ZBClient, type ZBWorker } from 'zeebe-node';
import { connect, type Db } from '../../db/connect.js';
import { createTestDatabase, freePort, type TestDatabase } from '../support/database.js';
import { testLogger } from '../support/logger.js';
import { createEngine, systemClock, type Engine } from '../../engine/index.js';
import { activateOnce, fixture, newZbClient, waitUntil } from './support/engine-harness.js';
import { killHard, startEngineProcess, type EngineProcess } from './support/engine-process.js';

const STEPS = ['step-1', 'step-2', 'step-3'];

type WorkerJob = { key: string; processInstanceKey: string; complete(variables?: object): Promise<unknown> };

function retryingClient(port: number): ZBClient {
  return new ZBClient(`127.0.0.1:${port}`, { useTLS: false, loglevel: 'NONE', retry: true, maxRetries: 200, maxRetryTimeout: Duration.seconds.of(2), longPoll: Duration.seconds.of(2) } as never);
}

async function completedInstances(db: Db, keys: readonly string[]): Promise<number> {
  const r = await db.raw("select count(*) as n from engine.records where value_type = 'PROCESS_INSTANCE' and intent = 'ELEMENT_COMPLETED' and payload->>'bpmnElementType' = 'PROCESS' and process_instance_key = any(?::bigint[])", [[...keys]]);
  return Number(r.rows[0].n);
}

describe('durability and scale-out', function () {
  this.timeout(90_000);
  let database: TestDatabase;
  let failed = false;
  before(async () => {
    database = await createTestDatabase('durability');
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });
  after(async () => database?.release(failed));

  it('kill -9 while workers run loses no acknowledged completion, repeats no completed step, and redelivers timed-out jobs after restart', async () => {
    // given an engine process and workers that record each acknowledged completion
    const port = await freePort();
    let engine: EngineProcess = await startEngineProcess(database.url, port);
    const client = retryingClient(port);
    const acknowledged: Array<{ jobKey: string; pi: string; step: string }> = [];
    const workers: ZBWorker<never, never, never>[] = [];
    try {
      await client.deployResource({ name: 'three-tasks.bpmn', process: await fixture('three-tasks.bpmn') });
      await client.deployResource({ name: 'one-task.bpmn', process: await fixture('one-task.bpmn') });
      // a job activated by a worker that dies with the engine (never completed)
      const orphanInstance = await client.createProcessInstance({ bpmnProcessId: 'one-task', variables: {} });
      const [orphan] = await activateOnce(client, 'do-work', { timeout: 1500 });
      expect(orphan!.processInstanceKey).to.equal(orphanInstance.processInstanceKey);
      for (const step of STEPS) {
        workers.push(
          client.createWorker({
            taskType: step,
            timeout: Duration.seconds.of(2),
            pollInterval: Duration.milliseconds.of(100),
            maxJobsToActivate: 8,
            loglevel: 'NONE',
            taskHandler: async (job: WorkerJob) => {
              await new Promise((r) => setTimeout(r, 5));
              const ack = await job.complete({ [step]: true });
              acknowledged.push({ jobKey: job.key, pi: job.processInstanceKey, step });
              return ack;
            },
          } as never) as never,
        );
      }
      const keys: string[] = [];
      for (let i = 0; i < 40; i++) keys.push((await client.createProcessInstance({ bpmnProcessId: 'three-tasks', variables: { i } })).processInstanceKey);
      await waitUntil(async () => acknowledged.length >= 30, 20_000, 'workers to make progress');
      // when the engine is killed hard and restarted on the same port
      await killHard(engine);
      const ackedBeforeCrash = [...acknowledged];
      await new Promise((r) => setTimeout(r, 300));
      engine = await startEngineProcess(database.url, port);
      // then the orphaned job is redelivered once its deadline passed, with its retries unchanged
      const [redelivered] = await waitUntil(
        async () => {
          // the client reconnects with back-off; a stream call made before that fails with 14 and is simply repeated
          const jobs = await activateOnce(client, 'do-work', { requestTimeout: 1000 }).catch(() => []);
          return jobs.length > 0 ? jobs : null;
        },
        20_000,
        'the orphaned job to be redelivered',
      );
      expect(redelivered).to.deep.include({ key: orphan!.key, retries: orphan!.retries });
      await client.completeJob({ jobKey: redelivered!.key, variables: {} });
      // and everything completes
      await waitUntil(async () => (await completedInstances(database.db, keys)) === keys.length, 40_000, 'all instances to complete after the restart');
      const completedJobs = (await database.db.raw("select key::text as key from engine.records where value_type = 'JOB' and intent = 'COMPLETED'")).rows.map((r: { key: string }) => r.key);
      for (const ack of ackedBeforeCrash) expect(completedJobs, `acknowledged job ${ack.jobKey}`).to.include(ack.jobKey);
      const repeats = await database.db.raw(
        "select process_instance_key, payload->>'elementId' as element, count(*) as n from engine.records where value_type = 'PROCESS_INSTANCE' and intent = 'ELEMENT_COMPLETED' group by 1, 2 having count(*) > 1",
      );
      expect(repeats.rows).to.deep.equal([]);
      expect(await completedInstances(database.db, keys)).to.equal(keys.length);
      const left = await database.db.raw('select count(*) as n from engine.jobs');
      expect(Number(left.rows[0].n)).to.equal(0);
    } finally {
      await Promise.all(workers.map((w) => (w as unknown as { close(): Promise<void> }).close().catch(() => undefined)));
      await client.close(1000).catch(() => undefined);
      await killHard(engine);
    }
  });

  describe('two engine nodes on one database', () => {
    let dbA: Db;
    let dbB: Db;
    let a: Engine;
    let b: Engine;
    let clientA: ZBClient;
    let clientB: ZBClient;
    before(async () => {
      dbA = connect(database.url, { max: 8 });
      dbB = connect(database.url, { max: 8 });
      a = createEngine({ db: dbA, clock: systemClock, log: testLogger(), config: { grpcPort: 0, grpcHost: '127.0.0.1' } });
      b = createEngine({ db: dbB, clock: systemClock, log: testLogger(), config: { grpcPort: 0, grpcHost: '127.0.0.1' } });
      clientA = newZbClient((await a.start()).grpcPort);
      clientB = newZbClient((await b.start()).grpcPort);
      await clientA.deployResource({ name: 'one-task.bpmn', process: await fixture('one-task.bpmn') });
      await clientA.deployResource({ name: 'three-tasks.bpmn', process: await fixture('three-tasks.bpmn') });
    });
    after(async () => {
      await clientA?.close(1000).catch(() => undefined);
      await clientB?.close(1000).catch(() => undefined);
      await a?.stop();
      await b?.stop();
      await dbA?.destroy();
      await dbB?.destroy();
    });

    it('a long poll on one node is woken by a job created on the other', async () => {
      const polling = activateOnce(clientA, 'do-work', { requestTimeout: 5000 });
      await new Promise((r) => setTimeout(r, 200));
      const created = Date.now();
      await clientB.createProcessInstance({ bpmnProcessId: 'one-task', variables: {} });
      const jobs = await polling;
      expect(jobs).to.have.length(1);
      expect(Date.now() - created).to.be.below(500);
      await clientB.completeJob({ jobKey: jobs[0]!.key, variables: {} });
    });

    it('workers on both nodes share the jobs: none delivered twice while activated, no completion lost', async () => {
      const workers = [clientA, clientB].flatMap((c) =>
        STEPS.map((step) => c.createWorker({ taskType: step, pollInterval: Duration.milliseconds.of(50), loglevel: 'NONE', taskHandler: (job: WorkerJob) => job.complete({}) } as never)),
      );
      try {
        const keys: string[] = [];
        for (let i = 0; i < 60; i++) keys.push((await (i % 2 ? clientA : clientB).createProcessInstance({ bpmnProcessId: 'three-tasks', variables: {} })).processInstanceKey);
        await waitUntil(async () => (await completedInstances(database.db, keys)) === keys.length, 30_000, 'all instances to complete on two nodes');
        const doubles = await database.db.raw(
          "select key, count(*) from engine.records where value_type = 'JOB' and intent = 'ACTIVATED' and process_instance_key = any(?::bigint[]) group by key having count(*) > 1",
          [keys],
        );
        expect(doubles.rows).to.deep.equal([]);
        const completions = await database.db.raw("select count(*) as n from engine.records where value_type = 'JOB' and intent = 'COMPLETED' and process_instance_key = any(?::bigint[])", [keys]);
        expect(Number(completions.rows[0].n)).to.equal(keys.length * 3);
      } finally {
        await Promise.all(workers.map((w) => w.close().catch(() => undefined)));
      }
    });
  });
});
