import { expect } from 'chai';
import { activateOnce, elementRecords, EMPTY_STATE, incidentsOf, leftoverState, useEngine, waitUntil } from './support/engine-harness.js';

describe('BPMN elements', () => {
  const h = useEngine('elements');
  before(async () => h.deploy('exclusive-gateway.bpmn', 'exclusive-no-default.bpmn', 'parallel-gateway.bpmn', 'inclusive-gateway.bpmn', 'terminate-end.bpmn', 'script-task.bpmn', 'user-task.bpmn', 'task-kinds.bpmn', 'io-mapping.bpmn'));

  async function completeNext(type: string, variables: Record<string, unknown> = {}) {
    const [job] = await activateOnce(h.client, type);
    if (!job) throw new Error(`Expected a job of type '${type}', but none came`);
    await h.client.completeJob({ jobKey: job.key, variables });
    return job;
  }

  describe('exclusive gateway', () => {
    for (const [amount, type] of [[500, 'xor-high'], [50, 'xor-low'], [5, 'xor-default']] as const) {
      it(`takes the first true condition in model order, else the default flow (amount ${amount} → ${type})`, async () => {
        const pi = await h.client.createProcessInstance({ bpmnProcessId: 'exclusive-gateway', variables: { amount } });
        await completeNext(type);
        expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
      });
    }

    it('raises an incident when no condition is true and there is no default; resolving after SetVariables continues', async () => {
      const pi = await h.client.createProcessInstance({ bpmnProcessId: 'exclusive-no-default', variables: { approved: 'maybe' } });
      const [incident] = await incidentsOf(h, pi.processInstanceKey);
      expect(incident).to.deep.include({ errorType: 'CONDITION_ERROR', elementId: 'decide' });
      expect(incident!.errorMessage).to.contain("sequence flow 'to-yes'");
      await h.client.setVariables({ elementInstanceKey: pi.processInstanceKey, variables: { approved: true }, local: false });
      await h.client.resolveIncident({ incidentKey: incident!.key });
      await completeNext('xor-yes');
      expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
    });
  });

  it('parallel gateway forks to all flows and joins when every branch arrived', async () => {
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'parallel-gateway', variables: {} });
    await completeNext('par-a', { a: 1 });
    expect(await activateOnce(h.client, 'par-after', { requestTimeout: -1 })).to.have.length(0);
    await completeNext('par-b', { b: 2 });
    const after = await completeNext('par-after');
    expect(after.variables).to.deep.equal({ a: 1, b: 2 });
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });

  it('inclusive gateway forks to every true condition and joins the taken branches only', async () => {
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'inclusive-gateway', variables: { wantA: true, wantB: true } });
    await completeNext('inc-a');
    expect(await activateOnce(h.client, 'inc-after', { requestTimeout: -1 })).to.have.length(0);
    await completeNext('inc-b');
    await completeNext('inc-after');
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
    const one = await h.client.createProcessInstance({ bpmnProcessId: 'inclusive-gateway', variables: { wantA: false, wantB: true } });
    await completeNext('inc-b');
    await completeNext('inc-after');
    expect(await leftoverState(h, one.processInstanceKey)).to.deep.equal(EMPTY_STATE);
    const none = await h.client.createProcessInstance({ bpmnProcessId: 'inclusive-gateway', variables: { wantA: false, wantB: false } });
    await completeNext('inc-none');
    await completeNext('inc-after');
    expect(await leftoverState(h, none.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });

  it('terminate end event ends the whole instance and cancels the other branch’s job', async () => {
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'terminate-end', variables: {} });
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
    const records = await elementRecords(h, pi.processInstanceKey);
    expect(records).to.deep.include({ intent: 'ELEMENT_TERMINATED', elementId: 'waits' });
    expect(records.at(-1)).to.deep.equal({ intent: 'ELEMENT_COMPLETED', elementId: 'terminate-end' });
  });

  it('script task evaluates zeebe:script into resultVariable; a failing expression raises an incident', async () => {
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'script-task', variables: { a: 2, b: 40 } });
    const job = await completeNext('script-after');
    expect(job.variables).to.deep.include({ sum: 42 });
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
    const bad = await h.client.createProcessInstance({ bpmnProcessId: 'script-task', variables: { a: 'text', b: 1 } });
    const [incident] = await incidentsOf(h, bad.processInstanceKey);
    expect(incident).to.deep.include({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'compute' });
    await h.client.setVariables({ elementInstanceKey: bad.processInstanceKey, variables: { a: 1 }, local: false });
    await h.client.resolveIncident({ incidentKey: incident!.key });
    expect((await completeNext('script-after')).variables).to.deep.include({ sum: 2 });
  });

  it('user task is a job of type io.camunda.zeebe:userTask with the assignment, schedule and form headers', async () => {
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'user-task', variables: { officer: 'zhang', reviewers: ['li', 'wang'], due: '2026-12-24T10:00:00Z' } });
    const [job] = await activateOnce(h.client, 'io.camunda.zeebe:userTask');
    expect(job!.customHeaders).to.deep.equal({
      step: 'approval',
      'io.camunda.zeebe:formKey': 'camunda-forms:bpmn:approve-form',
      'io.camunda.zeebe:assignee': 'zhang',
      'io.camunda.zeebe:candidateGroups': '["legal","supervisors"]',
      'io.camunda.zeebe:candidateUsers': '["li","wang"]',
      'io.camunda.zeebe:dueDate': '2026-12-24T10:00:00Z',
      'io.camunda.zeebe:followUpDate': '2026-12-01T09:00:00Z',
    });
    await h.client.completeJob({ jobKey: job!.key, variables: { decision: 'approve' } });
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });

  it('send, business-rule (FEEL job type) and job-based script tasks are jobs; manual task, none throw event and task pass through', async () => {
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'task-kinds', variables: { ruleType: 'kinds-rules' } });
    const send = await completeNext('kinds-send');
    expect(send.retries).to.equal(5);
    await completeNext('kinds-rules');
    await completeNext('kinds-script');
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
    const ids = (await elementRecords(h, pi.processInstanceKey)).filter((r) => r.intent === 'ELEMENT_COMPLETED').map((r) => r.elementId);
    expect(ids).to.include.members(['by-hand', 'milestone', 'plain']);
  });

  it('a job type expression that fails raises an incident at activation', async () => {
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'task-kinds', variables: {} });
    await completeNext('kinds-send');
    const [incident] = await waitUntil(async () => {
      const found = await incidentsOf(h, pi.processInstanceKey);
      return found.length > 0 ? found : null;
    });
    expect(incident).to.deep.include({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'rules' });
    expect(incident!.errorMessage).to.contain("to be 'STRING', but was 'NULL'");
    await h.client.cancelProcessInstance(pi.processInstanceKey);
  });

  it('embedded sub-process and io mappings: inputs in order with dot targets, outputs merged out, locals dropped with the scope', async () => {
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'io-mapping', variables: { customer: { name: 'Li' } } });
    const [job] = await activateOnce(h.client, 'io-mapped');
    expect(job!.variables).to.deep.include({ localName: 'Li', sender: { name: 'Li' }, greeting: 'Li!', nothing: null });
    await h.client.completeJob({ jobKey: job!.key, variables: { result: 21 } });
    const check = await completeNext('io-check');
    expect(check.variables).to.deep.equal({ customer: { name: 'Li' }, doubled: 42, outer: { name: 'Li' } });
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });
});
