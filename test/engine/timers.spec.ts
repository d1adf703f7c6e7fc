import { expect } from 'chai';
import { createEngine, type Engine } from '../../engine/index.js';
import { createTestDatabase, freePort, type TestDatabase } from '../support/database.js';
import { testLogger } from '../support/logger.js';
import { killHard, startEngineProcess, type EngineProcess } from './support/engine-process.js';
import { definitions, deployXml, flows, process, serviceTask, timerDefinition } from './support/bpmn-xml.js';
import { activateOnce, EMPTY_STATE, incidentsOf, leftoverState, newZbClient, useEngine, waitUntil } from './support/engine-harness.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('timers', function () {
  this.timeout(30_000);
  const h = useEngine('timers');

  async function timersOf(processInstanceKey: string) {
    const r = await h.database.db.raw("select key, element_id, due_date, repetitions from engine.event_subscriptions where kind = 'timer' and process_instance_key = ? order by due_date", [processInstanceKey]);
    return (r.rows as Array<{ key: string; element_id: string; due_date: string; repetitions: number | null }>).map((t) => ({ ...t, due_date: Number(t.due_date) }));
  }

  async function countRecords(processInstanceKey: string, valueType: string, intent: string, elementId?: string): Promise<number> {
    const r = await h.database.db.raw(
      `select count(*) as n from engine.records where process_instance_key = ? and value_type = ? and intent = ? ${elementId ? "and payload->>'elementId' = ?" : ''}`,
      [processInstanceKey, valueType, intent, ...(elementId ? [elementId] : [])],
    );
    return Number(r.rows[0].n);
  }

  async function move(ms: number): Promise<void> {
    h.clock.add(ms);
    await h.engine.sweep();
  }

  describe('intermediate timer catch event', () => {
    before(async () => {
      await deployXml(h, 'decision-deadline.bpmn', definitions(process('decision-deadline', `
        <bpmn:startEvent id="start" />
        <bpmn:intermediateCatchEvent id="wait90"><bpmn:timerEventDefinition><bpmn:timeDuration>P90D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        ${serviceTask('overdue', 'alert-overdue')}
        <bpmn:endEvent id="end" />
        ${flows('start', 'wait90', 'overdue', 'end')}`)));
      await deployXml(h, 'hearing-window.bpmn', definitions(process('hearing-window', `
        <bpmn:startEvent id="start" />
        <bpmn:intermediateCatchEvent id="untilDeadline">${timerDefinition('timeDate', '=deadlines.hearingRequest')}</bpmn:intermediateCatchEvent>
        ${serviceTask('close', 'close-window')}
        <bpmn:endEvent id="end" />
        ${flows('start', 'untilDeadline', 'close', 'end')}`)));
    });

    it('a 90-day timer fires when the clock reaches day 90, not a second earlier', async () => {
      const created = h.clock.now();
      const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'decision-deadline', variables: {} });
      const [timer] = await timersOf(processInstanceKey);
      expect(timer!.element_id).to.equal('wait90');
      expect(timer!.due_date - created).to.be.within(90 * DAY, 90 * DAY + 5_000);
      await move(timer!.due_date - h.clock.now() - 1_000);
      expect(await activateOnce(h.client, 'alert-overdue', { requestTimeout: -1 })).to.have.length(0);
      expect(await timersOf(processInstanceKey)).to.have.length(1);
      await move(1_000);
      const [job] = await activateOnce(h.client, 'alert-overdue', { requestTimeout: 2_000 });
      expect(job!.processInstanceKey).to.equal(processInstanceKey);
      expect(await countRecords(processInstanceKey, 'TIMER', 'TRIGGERED')).to.equal(1);
      await h.client.completeJob({ jobKey: job!.key, variables: {} });
      await waitUntil(async () => (await leftoverState(h, processInstanceKey)).instances === 0);
      expect(await leftoverState(h, processInstanceKey)).to.deep.equal(EMPTY_STATE);
    });

    it('a timeDate from a variable (FEEL) fires at that date-time', async () => {
      const deadline = new Date(h.clock.now() + 5 * DAY).toISOString();
      const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'hearing-window', variables: { deadlines: { hearingRequest: deadline } } });
      const [timer] = await timersOf(processInstanceKey);
      expect(timer!.due_date).to.equal(Date.parse(deadline));
      await move(5 * DAY + 1_000);
      const [job] = await activateOnce(h.client, 'close-window', { requestTimeout: 2_000 });
      await h.client.completeJob({ jobKey: job!.key, variables: {} });
      await waitUntil(async () => (await leftoverState(h, processInstanceKey)).instances === 0);
      expect(await leftoverState(h, processInstanceKey)).to.deep.equal(EMPTY_STATE);
    });

    it('a timeDate that is not a date-time raises an incident; fixed and resolved, the timer is scheduled', async () => {
      const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'hearing-window', variables: { deadlines: { hearingRequest: 42 } } });
      const [incident] = await waitUntil(async () => (await incidentsOf(h, processInstanceKey)).filter((i) => i.elementId === 'untilDeadline'));
      expect(incident!.errorType).to.equal('EXTRACT_VALUE_ERROR');
      expect(incident!.errorMessage).to.contain('untilDeadline').and.to.contain('date-time');
      expect(await timersOf(processInstanceKey)).to.have.length(0);
      await h.client.setVariables({ elementInstanceKey: processInstanceKey, variables: { deadlines: { hearingRequest: new Date(h.clock.now() + HOUR).toISOString() } }, local: false });
      await h.client.resolveIncident({ incidentKey: incident!.key });
      expect(await timersOf(processInstanceKey)).to.have.length(1);
      await move(HOUR + 1_000);
      const [job] = await activateOnce(h.client, 'close-window', { requestTimeout: 2_000 });
      await h.client.completeJob({ jobKey: job!.key, variables: {} });
      await waitUntil(async () => (await leftoverState(h, processInstanceKey)).instances === 0);
      expect(await leftoverState(h, processInstanceKey)).to.deep.equal(EMPTY_STATE);
    });
  });

  describe('timer boundary events', () => {
    before(async () => {
      await deployXml(h, 'boundary-timers.bpmn', definitions(process('boundary-timers', `
        <bpmn:startEvent id="start" />
        ${serviceTask('investigate', 'investigate')}
        <bpmn:boundaryEvent id="remind" attachedToRef="investigate" cancelActivity="false">${timerDefinition('timeCycle', 'R3/PT1H')}</bpmn:boundaryEvent>
        <bpmn:boundaryEvent id="expire" attachedToRef="investigate">${timerDefinition('timeDuration', 'P1D')}</bpmn:boundaryEvent>
        ${serviceTask('sendReminder', 'send-reminder')}
        <bpmn:endEvent id="reminded" />
        <bpmn:endEvent id="done" />
        ${serviceTask('escalate', 'escalate')}
        <bpmn:endEvent id="expired" />
        ${flows('start', 'investigate', 'done')}
        ${flows('remind', 'sendReminder', 'reminded')}
        ${flows('expire', 'escalate', 'expired')}`)));
    });

    it('a non-interrupting R3/PT1H cycle fires three times while the task goes on, then the task completes normally', async () => {
      const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'boundary-timers', variables: {} });
      const [task] = await activateOnce(h.client, 'investigate', { timeout: 10 * DAY });
      for (let i = 1; i <= 4; i++) await move(HOUR + 1_000);
      expect(await countRecords(processInstanceKey, 'PROCESS_INSTANCE', 'ELEMENT_ACTIVATED', 'remind')).to.equal(3);
      const reminders = await activateOnce(h.client, 'send-reminder', { maxJobs: 10, requestTimeout: 2_000 });
      expect(reminders).to.have.length(3);
      for (const r of reminders) await h.client.completeJob({ jobKey: r.key, variables: {} });
      // the cycle is used up; the interrupting P1D timer is still waiting
      expect((await timersOf(processInstanceKey)).map((t) => t.element_id)).to.deep.equal(['expire']);
      await h.client.completeJob({ jobKey: task!.key, variables: {} });
      await waitUntil(async () => (await leftoverState(h, processInstanceKey)).instances === 0);
      expect(await leftoverState(h, processInstanceKey)).to.deep.equal(EMPTY_STATE);
    });

    it('an interrupting timer cancels the task and its job and takes the boundary path', async () => {
      const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'boundary-timers', variables: {} });
      const [task] = await activateOnce(h.client, 'investigate', { timeout: 10 * DAY });
      await move(DAY + 1_000);
      const [escalation] = await activateOnce(h.client, 'escalate', { requestTimeout: 2_000 });
      expect(escalation!.processInstanceKey).to.equal(processInstanceKey);
      const late = await h.client.completeJob({ jobKey: task!.key, variables: {} }).then(() => 'completed', (e: Error) => e.message);
      expect(late).to.contain('NOT_FOUND');
      // reminders that fell due on the way fired before the interruption; none are left
      const reminders = await activateOnce(h.client, 'send-reminder', { maxJobs: 10, requestTimeout: 500 });
      for (const r of reminders) await h.client.completeJob({ jobKey: r.key, variables: {} });
      await h.client.completeJob({ jobKey: escalation!.key, variables: {} });
      await waitUntil(async () => (await leftoverState(h, processInstanceKey)).instances === 0);
      expect(await leftoverState(h, processInstanceKey)).to.deep.equal(EMPTY_STATE);
    });
  });

  describe('timer start events', () => {
    async function instancesOf(bpmnProcessId: string): Promise<Array<{ key: string; version: number }>> {
      const r = await h.database.db.raw("select distinct process_instance_key as key, (payload->>'version')::int as version from engine.records where value_type = 'PROCESS_INSTANCE' and intent = 'ELEMENT_ACTIVATED' and payload->>'bpmnElementType' = 'PROCESS' and payload->>'bpmnProcessId' = ? order by 1", [bpmnProcessId]);
      return (r.rows as Array<{ key: string; version: number }>).map((x) => ({ key: String(x.key), version: Number(x.version) }));
    }
    const cycleProcess = (task: string) => definitions(process('daily-sweep', `
      <bpmn:startEvent id="everyDay">${timerDefinition('timeCycle', 'R/P1D')}</bpmn:startEvent>
      ${serviceTask('sweep', task)}
      <bpmn:endEvent id="end" />
      ${flows('everyDay', 'sweep', 'end')}`));

    it('a cycle starts an instance at each due date, and a new version replaces the schedule of the old one', async () => {
      await deployXml(h, 'daily-sweep.bpmn', cycleProcess('sweep-v1'));
      expect(await instancesOf('daily-sweep')).to.have.length(0);
      await move(DAY + 1_000);
      await move(DAY + 1_000);
      const started = await instancesOf('daily-sweep');
      expect(started.map((s) => s.version)).to.deep.equal([1, 1]);
      await deployXml(h, 'daily-sweep.bpmn', cycleProcess('sweep-v2'));
      const subs = await h.database.db.raw("select count(*) as n from engine.event_subscriptions where process_instance_key is null and bpmn_process_id = 'daily-sweep'");
      expect(Number(subs.rows[0].n)).to.equal(1);
      await move(DAY + 1_000);
      expect((await instancesOf('daily-sweep')).map((s) => s.version)).to.deep.equal([1, 1, 2]);
      for (const type of ['sweep-v1', 'sweep-v1', 'sweep-v2']) {
        const [job] = await activateOnce(h.client, type, { maxJobs: 1, requestTimeout: 2_000 });
        await h.client.completeJob({ jobKey: job!.key, variables: {} });
      }
      for (const s of await instancesOf('daily-sweep')) await waitUntil(async () => (await leftoverState(h, s.key)).instances === 0);
    });

    it('a timeDate start in the past fires at once after deployment, once', async () => {
      await deployXml(h, 'once.bpmn', definitions(process('once-at-date', `
        <bpmn:startEvent id="at">${timerDefinition('timeDate', '2020-01-01T00:00:00+08:00')}</bpmn:startEvent>
        <bpmn:endEvent id="end" />
        ${flows('at', 'end')}`)));
      await h.engine.sweep();
      await move(DAY);
      expect(await instancesOf('once-at-date')).to.have.length(1);
    });
  });

  describe('two engine nodes', () => {
   it('each due timer fires once when two engine nodes sweep the same database', async () => {
    // given a second engine on the same database with the same clock
    const second: Engine = createEngine({ db: h.database.db, clock: h.clock, log: testLogger(), config: { grpcPort: 0, grpcHost: '127.0.0.1', schedulerPollMs: 50, managementPort: -1 } });
    await second.start();
    try {
      const keys: string[] = [];
      for (let i = 0; i < 30; i++) keys.push((await h.client.createProcessInstance({ bpmnProcessId: 'decision-deadline', variables: {} })).processInstanceKey);
      // when both sweep after the timers fell due
      h.clock.add(91 * DAY);
      await Promise.all([h.engine.sweep(), second.sweep(), h.engine.sweep(), second.sweep()]);
      // then each instance got exactly one trigger and one job
      for (const key of keys) expect(await countRecords(key, 'TIMER', 'TRIGGERED')).to.equal(1);
      const jobs = await activateOnce(h.client, 'alert-overdue', { maxJobs: 100, requestTimeout: 2_000 });
      expect(jobs.map((j) => j.processInstanceKey).sort()).to.deep.equal([...keys].sort());
      for (const j of jobs) await h.client.completeJob({ jobKey: j.key, variables: {} });
    } finally {
      await second.stop();
    }
  });
  });
});

describe('timers across a crash', function () {
  this.timeout(90_000);
  let database: TestDatabase;
  let failed = false;
  before(async () => {
    database = await createTestDatabase('timers-crash');
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') failed = true;
  });
  after(async () => database?.release(failed));

  it('a timer that fell due while the engine was down (kill -9) fires at start-up', async () => {
    const port = await freePort();
    let engine: EngineProcess = await startEngineProcess(database.url, port);
    const client = newZbClient(port);
    try {
      await client.deployResource({ name: 'short-wait.bpmn', process: Buffer.from(definitions(process('short-wait', `
        <bpmn:startEvent id="start" />
        <bpmn:intermediateCatchEvent id="wait">${timerDefinition('timeDuration', 'PT3S')}</bpmn:intermediateCatchEvent>
        ${serviceTask('after', 'after-wait')}
        <bpmn:endEvent id="end" />
        ${flows('start', 'wait', 'after', 'end')}`))) });
      const { processInstanceKey } = await client.createProcessInstance({ bpmnProcessId: 'short-wait', variables: {} });
      // the engine dies before the timer is due and stays down past it
      await killHard(engine);
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      const due = await database.db.raw("select due_date from engine.event_subscriptions where process_instance_key = ?", [processInstanceKey]);
      expect(Number(due.rows[0].due_date)).to.be.below(Date.now());
      const restartedAt = Date.now();
      engine = await startEngineProcess(database.url, port);
      const [job] = await waitUntil(async () => {
        const jobs = await activateOnce(client, 'after-wait', { requestTimeout: 1_000 }).catch(() => []);
        return jobs.length > 0 ? jobs : null;
      }, 20_000, 'the job after the timer');
      expect(job!.processInstanceKey).to.equal(processInstanceKey);
      expect(Date.now() - restartedAt).to.be.below(15_000);
      await client.completeJob({ jobKey: job!.key, variables: {} });
    } finally {
      await client.close();
      await killHard(engine);
    }
  });
});
