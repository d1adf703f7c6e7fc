import { expect } from 'chai';
import { definitions, deployXml, flows, process, serviceTask, signal } from './support/bpmn-xml.js';
import { activateOnce, EMPTY_STATE, incidentsOf, leftoverState, rawGrpc, useEngine, waitUntil } from './support/engine-harness.js';

const signalCatch = (id: string, signalRef: string) => `<bpmn:intermediateCatchEvent id="${id}"><bpmn:signalEventDefinition signalRef="${signalRef}" /></bpmn:intermediateCatchEvent>`;

describe('signals', function () {
  this.timeout(30_000);
  const h = useEngine('signals');

  async function signalRecords(signalName: string): Promise<Array<{ key: string; variables: Record<string, unknown> }>> {
    const r = await h.database.db.raw("select key::text, payload from engine.records where value_type = 'SIGNAL' and intent = 'BROADCASTED' and payload->>'signalName' = ? order by position", [signalName]);
    return (r.rows as Array<{ key: string; payload: { variables: Record<string, unknown> } }>).map((row) => ({ key: row.key, variables: row.payload.variables }));
  }

  async function signalSubscriptions(processInstanceKey: string): Promise<string[]> {
    const r = await h.database.db.raw("select element_id from engine.event_subscriptions where kind = 'signal' and process_instance_key = ? order by key", [processInstanceKey]);
    return (r.rows as Array<{ element_id: string }>).map((row) => row.element_id);
  }

  async function outboxSize(): Promise<number> {
    const r = await h.database.db.raw('select count(*) as n from engine.outbox');
    return Number(r.rows[0].n);
  }

  async function finished(processInstanceKey: string): Promise<void> {
    await waitUntil(async () => (await leftoverState(h, processInstanceKey)).instances === 0, 5000, `instance ${processInstanceKey} to finish`);
    expect(await leftoverState(h, processInstanceKey)).to.deep.equal(EMPTY_STATE);
  }

  /** Activates and completes `count` jobs of `type`, returning them. */
  async function completeJobs(type: string, count: number, variables: Record<string, unknown> = {}) {
    const jobs: Awaited<ReturnType<typeof activateOnce>> = [];
    await waitUntil(async () => {
      jobs.push(...(await activateOnce(h.client, type, { maxJobs: count - jobs.length, requestTimeout: 500 })));
      return jobs.length >= count;
    }, 5000, `${count} '${type}' jobs`);
    for (const job of jobs) await h.client.completeJob({ jobKey: job.key, variables });
    return jobs;
  }

  before(async () => {
    await deployXml(h, 'await-approval.bpmn', definitions(process('await-approval', `
      <bpmn:startEvent id="start" />
      ${signalCatch('approved', 'sigApproved')}
      ${serviceTask('record', 'record-approval')}
      <bpmn:endEvent id="end" />
      ${flows('start', 'approved', 'record', 'end')}`), signal('sigApproved', 'approved')));
    // the same signal, named by FEEL from the instance's variables when the catch event is entered
    await deployXml(h, 'await-named.bpmn', definitions(process('await-named', `
      <bpmn:startEvent id="start" />
      ${serviceTask('prepare', 'prepare-approval')}
      ${signalCatch('named', 'sigNamed')}
      ${serviceTask('record', 'record-approval')}
      <bpmn:endEvent id="end" />
      ${flows('start', 'prepare', 'named', 'record', 'end')}`), signal('sigNamed', '=waitFor')));
  });

  describe('BroadcastSignal', () => {
    it('triggers the waiting catch events of every instance, across processes, with the signal variables, and answers with its key', async () => {
      // given two instances waiting at 'approved' and one (another process) waiting at a FEEL-named catch event
      const first = await h.client.createProcessInstance({ bpmnProcessId: 'await-approval', variables: {} });
      const second = await h.client.createProcessInstance({ bpmnProcessId: 'await-approval', variables: {} });
      const named = await h.client.createProcessInstance({ bpmnProcessId: 'await-named', variables: { waitFor: 'approved' } });
      await completeJobs('prepare-approval', 1);
      await waitUntil(async () => (await signalSubscriptions(named.processInstanceKey)).length === 1);
      // when
      const response = await h.client.broadcastSignal({ signalName: 'approved', variables: { approvedBy: 'lee' } });
      // then
      expect(response.key).to.match(/^\d+$/);
      const record = (await signalRecords('approved')).find((r) => r.key === response.key);
      expect(record?.variables).to.deep.equal({ approvedBy: 'lee' });
      const jobs = await completeJobs('record-approval', 3);
      expect(jobs.map((j) => j.processInstanceKey).sort()).to.deep.equal([first, second, named].map((i) => i.processInstanceKey).sort());
      for (const job of jobs) expect(job.variables).to.include({ approvedBy: 'lee' });
      for (const instance of [first, second, named]) await finished(instance.processInstanceKey);
    });

    it('is not buffered: a signal broadcast before the catch event is entered is not caught later', async () => {
      // given an instance that has not reached its catch event yet
      const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'await-named', variables: { waitFor: 'early-bird' } });
      // when the signal is broadcast now, and the instance then reaches the catch event
      await h.client.broadcastSignal({ signalName: 'early-bird', variables: { early: true } });
      await completeJobs('prepare-approval', 1);
      await waitUntil(async () => (await signalSubscriptions(processInstanceKey)).length === 1);
      // then it still waits (nothing is left to deliver) …
      await waitUntil(async () => (await outboxSize()) === 0);
      expect(await signalSubscriptions(processInstanceKey)).to.deep.equal(['named']);
      // … until the next broadcast
      await h.client.broadcastSignal({ signalName: 'early-bird', variables: { early: false } });
      const [job] = await completeJobs('record-approval', 1);
      expect(job!.variables).to.include({ early: false });
      await finished(processInstanceKey);
    });

    it('rejects an empty signal name and variables that are not a JSON object with 3 INVALID_ARGUMENT', async () => {
      const noName = await h.client.broadcastSignal({ signalName: '', variables: {} }).then(() => 'answered', (e: Error) => e.message);
      expect(noName).to.match(/^3 INVALID_ARGUMENT: Expected to broadcast a signal with a name/);
      const notObject = await rawGrpc(h.client).broadcastSignalSync!({ signalName: 'approved', variables: '[1, 2]' }).then(() => 'answered', (e: Error) => e.message);
      expect(notObject).to.match(/^3 INVALID_ARGUMENT: Expected variables to be a JSON object/);
    });
  });

  describe('signal start events', () => {
    const intake = (jobType: string) => definitions(process('new-case-intake', `
      <bpmn:startEvent id="newCase"><bpmn:signalEventDefinition signalRef="sigNewCase" /></bpmn:startEvent>
      ${serviceTask('intake', jobType)}
      <bpmn:endEvent id="end" />
      ${flows('newCase', 'intake', 'end')}`), signal('sigNewCase', 'new-case'));

    it('a broadcast starts an instance of the latest version only, with the signal variables', async () => {
      // given two versions with a signal start event
      await deployXml(h, 'new-case-intake.bpmn', intake('intake-v1'));
      await deployXml(h, 'new-case-intake.bpmn', intake('intake-v2'));
      const subscriptions = await h.database.db.raw("select count(*) as n from engine.event_subscriptions where process_instance_key is null and bpmn_process_id = 'new-case-intake'");
      expect(Number(subscriptions.rows[0].n)).to.equal(1);
      // when
      await h.client.broadcastSignal({ signalName: 'new-case', variables: { caseNo: 7 } });
      // then version 2 started, with the variables at the root
      const [job] = await completeJobs('intake-v2', 1);
      expect(job!.variables).to.deep.equal({ caseNo: 7 });
      expect(job!.processDefinitionVersion).to.equal(2);
      expect(await activateOnce(h.client, 'intake-v1', { requestTimeout: -1 })).to.have.length(0);
      await finished(job!.processInstanceKey as string);
    });
  });

  describe('signal boundary events', () => {
    before(async () => {
      await deployXml(h, 'inspection.bpmn', definitions(process('inspection', `
        <bpmn:startEvent id="start" />
        ${serviceTask('inspect', 'inspect')}
        <bpmn:boundaryEvent id="recalled" attachedToRef="inspect"><bpmn:signalEventDefinition signalRef="sigRecall" /></bpmn:boundaryEvent>
        <bpmn:boundaryEvent id="noted" attachedToRef="inspect" cancelActivity="false"><bpmn:signalEventDefinition signalRef="sigNote" /></bpmn:boundaryEvent>
        ${serviceTask('handleRecall', 'handle-recall')}
        ${serviceTask('takeNote', 'take-note')}
        <bpmn:endEvent id="done" />
        <bpmn:endEvent id="recallHandled" />
        <bpmn:endEvent id="noteTaken" />
        ${flows('start', 'inspect', 'done')}
        ${flows('recalled', 'handleRecall', 'recallHandled')}
        ${flows('noted', 'takeNote', 'noteTaken')}`), signal('sigRecall', 'recall'), signal('sigNote', 'note')));
    });

    it('a non-interrupting one fires at each broadcast while the task goes on; an interrupting one cancels the task and its job', async () => {
      // given
      const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'inspection', variables: {} });
      const [task] = await activateOnce(h.client, 'inspect');
      // when a note is broadcast twice
      await h.client.broadcastSignal({ signalName: 'note', variables: { remark: 'first' } });
      await h.client.broadcastSignal({ signalName: 'note', variables: { remark: 'second' } });
      // then two parallel paths run and the task is still there, with its subscriptions
      await completeJobs('take-note', 2);
      expect(await signalSubscriptions(processInstanceKey)).to.have.members(['recalled', 'noted']);
      // when a recall is broadcast
      await h.client.broadcastSignal({ signalName: 'recall', variables: { reason: 'defect' } });
      // then the task is terminated: its job is gone and the recall path runs with the signal variables
      const [recall] = await completeJobs('handle-recall', 1);
      expect(recall!.variables).to.include({ reason: 'defect' });
      expect(recall!.variables.remark).to.be.oneOf(['first', 'second']);
      const late = await h.client.completeJob({ jobKey: task!.key, variables: {} }).then(() => 'completed', (e: Error) => e.message);
      expect(late).to.match(/^5 NOT_FOUND/);
      await finished(processInstanceKey);
    });
  });

  describe('signal throw events', () => {
    before(async () => {
      // the dispatcher throws 'case-<id>' (FEEL) with its input mapping as the only variable, then ends with a signal end event
      await deployXml(h, 'dispatcher.bpmn', definitions(process('dispatcher', `
        <bpmn:startEvent id="start" />
        <bpmn:intermediateThrowEvent id="announce">
          <bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=caseId" target="announcedCase" /></zeebe:ioMapping></bpmn:extensionElements>
          <bpmn:signalEventDefinition signalRef="sigCase" />
        </bpmn:intermediateThrowEvent>
        <bpmn:endEvent id="dispatched"><bpmn:signalEventDefinition signalRef="sigDispatched" /></bpmn:endEvent>
        ${flows('start', 'announce', 'dispatched')}`), signal('sigCase', '="case-" + caseId'), signal('sigDispatched', 'dispatch-done')));
      await deployXml(h, 'case-listener.bpmn', definitions(process('case-listener', `
        <bpmn:startEvent id="start" />
        ${signalCatch('heard', 'sigCase42')}
        ${serviceTask('listen', 'listen-case')}
        <bpmn:endEvent id="end" />
        ${flows('start', 'heard', 'listen', 'end')}`), signal('sigCase42', 'case-42')));
      await deployXml(h, 'auditor.bpmn', definitions(process('auditor', `
        <bpmn:startEvent id="onDispatch"><bpmn:signalEventDefinition signalRef="sigAudit" /></bpmn:startEvent>
        ${serviceTask('audit', 'audit-dispatch')}
        <bpmn:endEvent id="end" />
        ${flows('onDispatch', 'audit', 'end')}`), signal('sigAudit', 'dispatch-done')));
    });

    it('an intermediate throw event broadcasts its FEEL-named signal with its local variables; a signal end event starts another process', async () => {
      // given a listener waiting for 'case-42'
      const listener = await h.client.createProcessInstance({ bpmnProcessId: 'case-listener', variables: {} });
      await waitUntil(async () => (await signalSubscriptions(listener.processInstanceKey)).length === 1);
      // when the dispatcher runs for case 42 (with a variable that must not travel)
      const dispatcher = await h.client.createProcessInstance({ bpmnProcessId: 'dispatcher', variables: { caseId: '42', secret: 'not broadcast' } });
      // then the dispatcher is done, and both broadcasts were recorded
      await finished(dispatcher.processInstanceKey);
      const [caseSignal] = await waitUntil(async () => {
        const records = await signalRecords('case-42');
        return records.length === 1 && records;
      });
      expect(caseSignal!.variables).to.deep.equal({ announcedCase: '42' });
      // the listener got only the throw event's local variable
      const [heard] = await completeJobs('listen-case', 1);
      expect(heard!.processInstanceKey).to.equal(listener.processInstanceKey);
      expect(heard!.variables).to.deep.equal({ announcedCase: '42' });
      await finished(listener.processInstanceKey);
      // the auditor was started by the end event's signal, without variables
      const [audit] = await completeJobs('audit-dispatch', 1);
      expect(audit!.variables).to.deep.equal({});
      await finished(audit!.processInstanceKey as string);
    });

    it('a signal name that is not a string raises an incident on the throw event; fixed and resolved, the signal is broadcast', async () => {
      const listener = await h.client.createProcessInstance({ bpmnProcessId: 'case-listener', variables: {} });
      const dispatcher = await h.client.createProcessInstance({ bpmnProcessId: 'dispatcher', variables: { caseId: { nested: true } } });
      const [incident] = await waitUntil(async () => (await incidentsOf(h, dispatcher.processInstanceKey)).filter((i) => i.elementId === 'announce'));
      expect(incident!.errorType).to.equal('EXTRACT_VALUE_ERROR');
      expect(incident!.errorMessage).to.contain("Expected the signal name of 'announce'");
      await h.client.setVariables({ elementInstanceKey: dispatcher.processInstanceKey, variables: { caseId: '42' }, local: false });
      await h.client.resolveIncident({ incidentKey: incident!.key });
      await finished(dispatcher.processInstanceKey);
      await completeJobs('listen-case', 1);
      await finished(listener.processInstanceKey);
      const [audit] = await completeJobs('audit-dispatch', 1);
      await finished(audit!.processInstanceKey as string);
    });
  });

  it('a broadcast a crash left in the outbox is run by the scheduler sweep', async () => {
    // given an instance waiting for 'approved', and a thrown broadcast that was committed but never delivered
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'await-approval', variables: {} });
    await waitUntil(async () => (await signalSubscriptions(processInstanceKey)).length === 1);
    await h.database.db.raw("insert into engine.outbox (key, kind, process_instance_key, payload, created_at) values (?, 'signal-broadcast', null, ?::jsonb, ?)", [
      '4503599627370000',
      JSON.stringify({ signalName: 'approved', variables: { recovered: true } }),
      h.clock.now() - 60_000,
    ]);
    // when the scheduler sweeps
    await h.engine.sweep();
    // then the broadcast ran once and the instance went on
    const [job] = await completeJobs('record-approval', 1);
    expect(job!.variables).to.include({ recovered: true });
    await finished(processInstanceKey);
    await waitUntil(async () => (await outboxSize()) === 0);
  });
});
