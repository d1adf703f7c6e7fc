import { expect } from 'chai';
import { pino } from 'pino';
import type { ZeebeJob } from 'zeebe-node';
import { outcomeOf, retryBackoff, runJob } from '../../../../engine-workers/adapters/job-runner.js';
import { proceed, type JobDefinition, type JobInfo } from '../../../../engine-workers/job-definition.js';
import { bpmnError, complete, incident, isFinal, type FinalOutcome, type Outcome } from '../../../../engine-workers/outcome.js';
import type { JobPorts } from '../../../../engine-workers/ports/job-ports.js';
import type { JobStore } from '../../../../engine-workers/ports/job-store.js';

/** A store in memory: records final outcomes like app.job_results does. */
function memoryStore(): JobStore & { results: Map<string, FinalOutcome>; runs: number } {
  const results = new Map<string, FinalOutcome>();
  const store = {
    results,
    runs: 0,
    async findResult(key: string) {
      return results.get(key);
    },
    async run(job: JobInfo, work: (ports: JobPorts) => Promise<Outcome>) {
      const earlier = results.get(job.key);
      if (earlier) return earlier;
      store.runs += 1;
      const outcome = await work({} as JobPorts);
      if (isFinal(outcome)) results.set(job.key, outcome);
      return outcome;
    },
  };
  return store;
}

function definition(perform: () => Promise<Outcome>, overrides: Partial<JobDefinition> = {}): JobDefinition {
  return {
    type: 'test-job',
    parseVariables: (variables) => (typeof variables.n === 'number' ? { ok: true, input: variables } : { ok: false, outcome: incident("Expected variable 'n' to be a number") }),
    decide: () => proceed(null),
    perform,
    ...overrides,
  };
}

const job: JobInfo = { key: '2251799813685260', type: 'test-job', processInstanceKey: '2251799813685250', bpmnProcessId: 'p', elementId: 'task', retries: 3 };
const clock = { now: () => new Date('2026-03-02T10:00:00+08:00') };
const silent = pino({ level: 'silent' });

/** A zeebe-node job that records which action the runner took. */
function fakeJob(variables: Record<string, unknown>, retries = 3) {
  const calls: Array<[string, unknown]> = [];
  const ack = async (name: string, arg: unknown) => {
    calls.push([name, arg]);
    return 'JOB_ACTION_ACKNOWLEDGEMENT' as const;
  };
  const zeebeJob = { ...job, retries, variables, customHeaders: {}, worker: 'w', deadline: '0', processDefinitionVersion: 1, processKey: '1', elementInstanceKey: '2', complete: (v: unknown) => ack('complete', v), fail: (v: unknown) => ack('fail', v), error: (v: unknown) => ack('error', v), forward: () => 'JOB_ACTION_ACKNOWLEDGEMENT', cancelWorkflow: () => ack('cancel', null) };
  return { zeebeJob: zeebeJob as unknown as ZeebeJob, calls };
}

describe('engine-workers: job runner', () => {
  it('runs the work once and answers a redelivered job with the recorded outcome', async () => {
    // given
    const store = memoryStore();
    let performed = 0;
    const def = definition(async () => complete({ number: ++performed }));

    // when: delivered twice, the second time with variables that would not even parse
    const first = await outcomeOf(def, job, { n: 1 }, { store, clock });
    const second = await outcomeOf(def, job, { n: 'changed' }, { store, clock });

    // then
    expect(first).to.deep.equal(complete({ number: 1 }));
    expect(second).to.deep.equal(first);
    expect(performed).to.equal(1);
  });


  it('raises an incident for invalid variables without opening a transaction', async () => {
    const store = memoryStore();
    const outcome = await outcomeOf(definition(async () => complete()), job, { n: 'x' }, { store, clock });
    expect(outcome).to.deep.include({ kind: 'incident' });
    expect(store.runs).to.equal(0);
  });


  it('records a BPMN error that decide() returns', async () => {
    const store = memoryStore();
    const def = definition(async () => complete(), { decide: () => bpmnError('NOT_ALLOWED', 'no') });
    await outcomeOf(def, job, { n: 1 }, { store, clock });
    expect(store.results.get(job.key)).to.deep.include({ kind: 'bpmn-error', code: 'NOT_ALLOWED' });
  });


  it('does not record an incident, so the job runs again once the incident is resolved', async () => {
    const store = memoryStore();
    let calls = 0;
    const def = definition(async () => (++calls === 1 ? incident('body missing') : complete({ ok: true })));
    expect(await outcomeOf(def, job, { n: 1 }, { store, clock })).to.deep.include({ kind: 'incident' });
    expect(await outcomeOf(def, job, { n: 1 }, { store, clock })).to.deep.equal(complete({ ok: true }));
  });


  it('completes, throws the BPMN error or fails the zeebe-node job according to the outcome', async () => {
    const cases: Array<[Outcome, string, Record<string, unknown>]> = [
      [complete({ a: 1 }), 'complete', { a: 1 }],
      [bpmnError('CODE', 'message', { b: 2 }), 'error', { errorCode: 'CODE', errorMessage: 'message', variables: { b: 2 } }],
      [incident('look at me'), 'fail', { errorMessage: 'look at me', retries: 0 }],
    ];
    for (const [outcome, action, argument] of cases) {
      // given
      const { zeebeJob, calls } = fakeJob({ n: 1 });

      // when
      await runJob(zeebeJob, definition(async () => outcome), { store: memoryStore(), clock, log: silent, retryBackoffMs: 1000 });

      // then
      expect(calls).to.deep.equal([[action, argument]]);
    }
  });


  it('turns an unexpected exception into a retry with exponential back-off', async () => {
    // given: the second attempt (2 retries left) fails with a database outage
    const { zeebeJob, calls } = fakeJob({ n: 1 }, 2);
    const def = definition(async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    });

    // when
    await runJob(zeebeJob, def, { store: memoryStore(), clock, log: silent, retryBackoffMs: 1000 });

    // then
    expect(calls).to.have.length(1);
    const [action, argument] = calls[0]!;
    expect(action).to.equal('fail');
    expect(argument).to.deep.include({ retries: 1, retryBackOff: 2000 });
    expect((argument as { errorMessage: string }).errorMessage).to.include('ECONNREFUSED');
  });


  it('doubles the back-off with each retry used, up to ten minutes', () => {
    expect([3, 2, 1, 0].map((left) => retryBackoff(left, { retryBackoffMs: 5000 }))).to.deep.equal([5000, 10_000, 20_000, 40_000]);
    expect(retryBackoff(0, { retryBackoffMs: 500_000 })).to.equal(600_000);
  });
});
