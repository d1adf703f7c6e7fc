/**
 * The workers as `npm start` runs them: zeebe-node workers polling the real embedded engine over gRPC, with the job
 * files of engine-workers/jobs/, against a real PostgreSQL.
 */
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { outcomeOf } from '../../engine-workers/adapters/job-runner.js';
import { createDocumentRenderer } from '../../engine-workers/adapters/document-renderer.js';
import { fileDocumentFiles } from '../../engine-workers/adapters/file-document-files.js';
import { createPgJobStore } from '../../engine-workers/adapters/pg-job-store.js';
import type { ZeebeWorkers } from '../../engine-workers/adapters/zeebe-workers.js';
import { loadWorkersConfig } from '../../engine-workers/config.js';
import { loadJobRegistry } from '../../engine-workers/registry.js';
import { startWorkers } from '../../engine-workers/start-workers.js';
import { testLogger } from '../support/logger.js';
import { definitions, deployXml, escape, flows, process, serviceTask, timerDefinition } from '../engine/support/bpmn-xml.js';
import { activateOnce, incidentsOf, leftoverState, useEngine, waitUntil } from '../engine/support/engine-harness.js';
import { SAMPLE_DOCUMENTS } from './support/sample-documents.js';
import { seedBodies, type Bodies } from './support/worker-harness.js';

function ioMapping(inputs: Array<[source: string, target: string]>, outputs: Array<[source: string, target: string]> = []): string {
  const input = inputs.map(([source, target]) => `<zeebe:input source="${escape(source)}" target="${target}" />`).join('');
  const output = outputs.map(([source, target]) => `<zeebe:output source="${escape(source)}" target="${target}" />`).join('');
  return `<zeebe:ioMapping>${input}${output}</zeebe:ioMapping>`;
}

function headers(entries: Record<string, string>): string {
  return `<zeebe:taskHeaders>${Object.entries(entries).map(([key, value]) => `<zeebe:header key="${key}" value="${escape(value)}" />`).join('')}</zeebe:taskHeaders>`;
}

/** start → one service task of `type` → end */
function oneTask(id: string, type: string, extra = ''): string {
  return definitions(process(id, `<bpmn:startEvent id="start" />${serviceTask('task', type, extra)}<bpmn:endEvent id="end" />${flows('start', 'task', 'end')}`));
}

describe('workers: through the embedded engine', function () {
  this.timeout(60_000);
  const h = useEngine('workers-engine');
  let bodies: Bodies;
  let dataDir = '';
  before(async () => {
    bodies = await seedBodies(h.database.db);
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'workers-engine-'));
    await deployXml(h, 'number-decision.bpmn', oneTask('number-decision', 'assign-number'));
    await deployXml(h, 'make-decision.bpmn', oneTask('make-decision', 'generate-document'));
    await deployXml(
      h,
      'reply-window.bpmn',
      definitions(
        process(
          'reply-window',
          `<bpmn:startEvent id="start" />
           ${serviceTask('compute', 'compute-deadline', ioMapping([['={name: "reply", start: served, length: 5, unit: "WD", basis: "《中华人民共和国行政处罚法》第六十四条"}', 'deadline']]))}
           <bpmn:intermediateCatchEvent id="untilReply">${timerDefinition('timeDate', '=deadlines.reply')}</bpmn:intermediateCatchEvent>
           <bpmn:endEvent id="end" />
           ${flows('start', 'compute', 'untilReply', 'end')}`,
        ),
      ),
    );
    // as processes/*.bpmn call the workers: static parts as custom headers, dynamic ones as input mappings
    await deployXml(
      h,
      'case-limit.bpmn',
      definitions(
        process(
          'case-limit',
          `<bpmn:startEvent id="start" />
           ${serviceTask('compute', 'compute-deadline', `${headers({ deadlineKind: 'caseLimit', unit: 'CD', basis: '《中华人民共和国行政处罚法》第六十条', length: '90', warningLength: '10', warningUnit: 'CD' })}${ioMapping([['=filedAt', 'start']], [['=deadlines.caseLimit', 'deadlines.caseLimit'], ['=deadlines.caseLimitWarning', 'deadlines.caseLimitWarning']])}`)}
           <bpmn:intermediateCatchEvent id="untilWarning">${timerDefinition('timeDate', '=deadlines.caseLimitWarning')}</bpmn:intermediateCatchEvent>
           ${serviceTask('alert', 'raise-supervision-alert', `${headers({ alertKind: 'case-limit-near-due', severity: 'warning' })}${ioMapping([['=deadlines.caseLimit', 'dueAt']])}`)}
           <bpmn:endEvent id="end" />
           ${flows('start', 'compute', 'untilWarning', 'alert', 'end')}`,
        ),
      ),
    );
  });
  after(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const config = () => loadWorkersConfig({ DATA_DIR: dataDir, WORKERS_JOB_TIMEOUT_MS: '10000', WORKERS_LONG_POLL_MS: '2000', WORKERS_RETRY_BACKOFF_MS: '100' });
  async function withWorkers<T>(work: () => Promise<T>): Promise<T> {
    const workers: ZeebeWorkers = await startWorkers({ db: h.database.db, config: config(), log: testLogger(), zeebeAddress: `127.0.0.1:${h.port}` });
    try {
      return await work();
    } finally {
      await workers.stop(2000);
    }
  }


  it('numbers 50 decisions started at once 1 to 50', async () => {
    // when
    const results = await withWorkers(() =>
      Promise.all(
        Array.from({ length: 50 }, () =>
          h.client.createProcessInstanceWithResult({ bpmnProcessId: 'number-decision', variables: { bodyId: bodies.city, kind: 'penalty-decision' }, requestTimeout: 30_000 } as never) as Promise<{ variables: { documentNumber: { sequence: number; number: string } } }>,
        ),
      ),
    );

    // then
    const sequences = results.map((r) => r.variables.documentNumber.sequence).sort((a, b) => a - b);
    expect(sequences).to.deep.equal(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(results.map((r) => r.variables.documentNumber.number)).size).to.equal(50);
    expect(await h.database.db('app.job_results').where({ job_type: 'assign-number' })).to.have.length(50);
  });


  it('raises an incident that names the missing variable', async () => {
    // when
    const { processInstanceKey } = await withWorkers(async () => {
      const instance = await h.client.createProcessInstance({ bpmnProcessId: 'number-decision', variables: { kind: 'penalty-decision' } });
      await waitUntil(async () => (await incidentsOf(h, instance.processInstanceKey)).length > 0, 10_000, 'an incident');
      return instance;
    });

    // then
    const [incident] = await incidentsOf(h, processInstanceKey);
    expect(incident!.errorType).to.equal('JOB_NO_RETRIES');
    expect(incident!.errorMessage).to.include("variable 'bodyId' is missing");
  });


  it('computes a deadline that a timeDate timer then waits for', async () => {
    // given: the advance notice served on Friday 13 February 2026; five working days run to 27 February (春节 between)
    h.clock.pin(Date.parse('2026-02-13T12:00:00+08:00'));
    const { processInstanceKey } = await withWorkers(async () => {
      const instance = await h.client.createProcessInstance({ bpmnProcessId: 'reply-window', variables: { served: '2026-02-13T10:00:00+08:00' } });
      await waitUntil(async () => (await timerDue(instance.processInstanceKey)) !== null, 10_000, 'the timer');
      return instance;
    });

    // then: the engine's timer is due at the computed instant, and the deadline is on record
    expect(await timerDue(processInstanceKey)).to.equal(Date.parse('2026-02-27T23:59:59.999+08:00'));
    const [deadline] = await h.database.db('app.deadlines').where({ process_instance_key: processInstanceKey });
    expect(deadline).to.include({ kind: 'reply', due_date: '2026-02-27', status: 'running' });

    // when the clock passes the due date, the timer fires and the instance ends
    h.clock.pin(Date.parse('2026-02-28T00:00:01+08:00'));
    await h.engine.sweep();
    await waitUntil(async () => (await leftoverState(h, processInstanceKey)).instances === 0, 10_000, 'the instance to end');
  });


  it('runs a deadline configured by task headers, warns at the 临期 instant and raises the near-due alert by the due instant', async () => {
    // given: a case filed on Monday 2 March 2026: 90 calendar days end on Sunday 31 May, moved to Monday 1 June
    h.clock.pin(Date.parse('2026-03-02T12:00:00+08:00'));
    const { processInstanceKey } = await withWorkers(async () => {
      const instance = await h.client.createProcessInstance({ bpmnProcessId: 'case-limit', variables: { filedAt: '2026-03-02T09:00:00+08:00' } });
      await waitUntil(async () => (await timerDue(instance.processInstanceKey)) !== null, 10_000, 'the warning timer');
      return instance;
    });
    expect(await timerDue(processInstanceKey)).to.equal(Date.parse('2026-05-22T00:00:00+08:00'));

    // when the warning is due
    h.clock.pin(Date.parse('2026-05-22T00:00:01+08:00'));
    await withWorkers(async () => {
      await h.engine.sweep();
      await waitUntil(async () => (await leftoverState(h, processInstanceKey)).instances === 0, 10_000, 'the instance to end');
    });

    // then
    const [deadline] = await h.database.db('app.deadlines').where({ process_instance_key: processInstanceKey }).select('*', h.database.db.raw('id::text as id'));
    expect(deadline).to.include({ kind: 'caseLimit', due_date: '2026-06-01', status: 'running' });
    const alerts = await h.database.db('app.supervision_alerts').where({ process_instance_key: processInstanceKey }).select('level', 'kind', h.database.db.raw('deadline_id::text as deadline_id'));
    expect(alerts).to.deep.equal([{ level: 'near-due', kind: 'case-limit-near-due', deadline_id: deadline.id }]);
  });


  it('completes a job redelivered after its time-out with the recorded result, without a second document', async () => {
    // given: a worker ran the job and recorded its result, but its completion never reached the engine
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'make-decision', variables: { kind: 'penalty-decision', bodyId: bodies.city, fields: SAMPLE_DOCUMENTS['penalty-decision']!.fields as never } });
    const [job] = await activateOnce(h.client, 'generate-document', { timeout: 1000 });
    if (!job) throw new Error('Expected a generate-document job, but none was activated');
    const store = createPgJobStore(h.database.db, { files: fileDocumentFiles(dataDir), renderer: createDocumentRenderer() });
    const definition = (await loadJobRegistry()).get('generate-document')!;
    const info = { key: job.key, type: 'generate-document', processInstanceKey, bpmnProcessId: 'make-decision', elementId: 'task', retries: 3 };
    const first = await outcomeOf(definition, info, job.variables as Record<string, unknown>, { store, clock: { now: () => new Date() } });
    if (first.kind !== 'complete') throw new Error(`Expected the first delivery to complete, but got ${JSON.stringify(first)}`);

    // when: the job times out and the engine offers it again to the running workers
    h.clock.add(2_000);
    await h.engine.sweep();
    await withWorkers(() => waitUntil(async () => (await leftoverState(h, processInstanceKey)).instances === 0, 15_000, 'the instance to end'));

    // then
    expect(await h.database.db('app.documents').where({ process_instance_key: processInstanceKey })).to.have.length(2);
    expect(await h.database.db('app.job_results').where({ job_key: job.key })).to.have.length(1);
    const completion = await h.database.db('engine.records').where({ process_instance_key: processInstanceKey, value_type: 'JOB', intent: 'COMPLETED' }).first('payload');
    expect(completion.payload.variables.document).to.deep.equal(first.variables.document);
  });


  async function timerDue(processInstanceKey: string): Promise<number | null> {
    const row = await h.database.db('engine.event_subscriptions').where({ process_instance_key: processInstanceKey, kind: 'timer' }).first('due_date');
    return row ? Number(row.due_date) : null;
  }
});
