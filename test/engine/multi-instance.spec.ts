import { expect } from 'chai';
import { activateOnce, EMPTY_STATE, fixture, incidentsOf, leftoverState, useEngine, waitUntil, type EngineHarness } from './support/engine-harness.js';
import { expectGrpcError } from './support/expect-grpc.js';

/** The ELEMENT_ACTIVATED records of an element: its body and its inner instances, with their flow scopes. */
async function activatedInstances(h: EngineHarness, processInstanceKey: string, elementId: string) {
  const r = await h.database.db.raw(
    `select key::text, payload->>'bpmnElementType' as type, payload->>'flowScopeKey' as flow_scope_key from engine.records
      where process_instance_key = ? and value_type = 'PROCESS_INSTANCE' and intent = 'ELEMENT_ACTIVATED' and payload->>'elementId' = ? order by position`,
    [processInstanceKey, elementId],
  );
  return r.rows as Array<{ key: string; type: string; flow_scope_key: string }>;
}

async function intentsOf(h: EngineHarness, processInstanceKey: string, elementId: string, type: string): Promise<string[]> {
  const r = await h.database.db.raw(
    `select intent from engine.records where process_instance_key = ? and value_type = 'PROCESS_INSTANCE' and payload->>'elementId' = ? and payload->>'bpmnElementType' = ? order by position`,
    [processInstanceKey, elementId, type],
  );
  return (r.rows as Array<{ intent: string }>).map((row) => row.intent);
}

describe('multi-instance activities', () => {
  const h = useEngine('multi-instance');
  before(async () =>
    h.deploy(
      'multi-instance-parallel.bpmn',
      'multi-instance-sequential.bpmn',
      'multi-instance-subprocess.bpmn',
      'multi-instance-completion.bpmn',
      'multi-instance-error.bpmn',
      'multi-instance-pass-through.bpmn',
    ),
  );

  async function completeOnly(type: string, variables: Record<string, unknown> = {}) {
    const jobs = await activateOnce(h.client, type);
    expect(jobs, `jobs of type '${type}'`).to.have.length(1);
    await h.client.completeJob({ jobKey: jobs[0]!.key, variables });
    return jobs[0]!;
  }

  it('parallel: one job per item at once, each result lands at its item’s index whatever the completion order', async () => {
    // given
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'multi-instance-parallel', variables: { reviewers: ['li', 'wang', 'zhang'] } });
    // when
    const jobs = await activateOnce(h.client, 'mi-review');
    expect(jobs).to.have.length(3);
    const byReviewer = new Map(jobs.map((j) => [j.variables.reviewer as string, j]));
    expect(byReviewer.get('wang')!.variables).to.deep.include({ reviewer: 'wang', loopCounter: 2, greeting: 'Dear wang', result: null, results: [null, null, null] });
    for (const reviewer of ['zhang', 'wang', 'li']) {
      await h.client.completeJob({ jobKey: byReviewer.get(reviewer)!.key, variables: { result: `ok by ${reviewer}` } });
    }
    // then
    const after = await completeOnly('mi-review-after');
    expect(after.variables).to.deep.equal({ reviewers: ['li', 'wang', 'zhang'], results: ['ok by li', 'ok by wang', 'ok by zhang'] });
    const activated = await activatedInstances(h, pi.processInstanceKey, 'review');
    expect(activated.map((a) => a.type)).to.deep.equal(['MULTI_INSTANCE_BODY', 'SERVICE_TASK', 'SERVICE_TASK', 'SERVICE_TASK']);
    expect(activated[0]!.flow_scope_key).to.equal(pi.processInstanceKey);
    expect(activated.slice(1).every((a) => a.flow_scope_key === activated[0]!.key)).to.equal(true);
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });

  it('sequential: the jobs come one at a time, in collection order, with loopCounter 1..n', async () => {
    // given
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'multi-instance-sequential', variables: { parties: ['owner', 'tenant', 'agent'], stopEarly: false } });
    // when / then
    for (const [i, party] of ['owner', 'tenant', 'agent'].entries()) {
      const jobs = await activateOnce(h.client, 'mi-notify');
      expect(jobs.map((j) => [j.variables.party, j.variables.loopCounter])).to.deep.equal([[party, i + 1]]);
      expect(await activateOnce(h.client, 'mi-notify', { requestTimeout: -1 })).to.have.length(0);
      await h.client.completeJob({ jobKey: jobs[0]!.key, variables: { receipt: `r${i + 1}` } });
    }
    const after = await completeOnly('mi-notify-after');
    expect(after.variables.receipts).to.deep.equal(['r1', 'r2', 'r3']);
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });

  it('embedded sub-process: each inner sub-process has its item, its input mappings and its own scope', async () => {
    // given
    const orders = [{ id: 'A', qty: 2 }, { id: 'B', qty: 5 }];
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'multi-instance-subprocess', variables: { orders } });
    // when
    const jobs = await activateOnce(h.client, 'mi-price');
    expect(jobs.map((j) => [j.variables.orderId, j.variables.loopCounter]).sort()).to.deep.equal([['A', 1], ['B', 2]]);
    const byOrder = new Map(jobs.map((j) => [j.variables.orderId as string, j]));
    await h.client.completeJob({ jobKey: byOrder.get('B')!.key, variables: { unitPrice: 10 } });
    await h.client.completeJob({ jobKey: byOrder.get('A')!.key, variables: { unitPrice: 3 } });
    // then
    const after = await completeOnly('mi-orders-after');
    expect(after.variables.totals).to.deep.equal([6, 50]);
    expect(after.variables).to.not.have.any.keys('order', 'orderId', 'loopCounter', 'total');
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });

  it('completion condition: numberOfCompletedInstances >= 2 terminates the remaining user tasks and their jobs', async () => {
    // given
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'multi-instance-completion', variables: { approvers: ['a', 'b', 'c', 'd'] } });
    const jobs = await activateOnce(h.client, 'io.camunda.zeebe:userTask');
    expect(jobs.map((j) => j.customHeaders['io.camunda.zeebe:assignee']).sort()).to.deep.equal(['a', 'b', 'c', 'd']);
    const byApprover = new Map(jobs.map((j) => [j.variables.approver as string, j]));
    // when
    await h.client.completeJob({ jobKey: byApprover.get('c')!.key, variables: { decision: 'yes' } });
    await h.client.completeJob({ jobKey: byApprover.get('a')!.key, variables: { decision: 'no' } });
    // then
    const open = await h.database.db.raw('select count(*)::int as n from engine.jobs where process_instance_key = ?', [pi.processInstanceKey]);
    expect(open.rows[0].n).to.equal(1); // only the job of the task after the body
    await expectGrpcError(h.client.completeJob({ jobKey: byApprover.get('b')!.key, variables: {} }), '5 NOT_FOUND:');
    const tally = await completeOnly('mi-tally');
    expect(tally.variables).to.deep.equal({ approvers: ['a', 'b', 'c', 'd'], votes: ['no', null, 'yes', null] });
    expect((await intentsOf(h, pi.processInstanceKey, 'vote', 'USER_TASK')).filter((i) => i === 'ELEMENT_TERMINATED')).to.have.length(2);
    expect(await intentsOf(h, pi.processInstanceKey, 'vote', 'MULTI_INSTANCE_BODY')).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });

  it('an empty input collection completes the body at once with an empty output collection', async () => {
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'multi-instance-parallel', variables: { reviewers: [] } });
    const after = await completeOnly('mi-review-after');
    expect(after.variables.results).to.deep.equal([]);
    expect(await activateOnce(h.client, 'mi-review', { requestTimeout: -1 })).to.have.length(0);
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });

  it('an input collection that is not a list raises an incident; after SetVariables, ResolveIncident continues', async () => {
    // given
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'multi-instance-parallel', variables: { reviewers: 'li' } });
    const [incident] = await waitUntil(async () => {
      const found = await incidentsOf(h, pi.processInstanceKey);
      return found.length > 0 ? found : null;
    });
    expect(incident).to.deep.include({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'review' });
    expect(incident!.errorMessage).to.equal("Expected result of the expression '=reviewers' (input collection of 'review') to be 'ARRAY', but was 'STRING'");
    // when
    await h.client.setVariables({ elementInstanceKey: pi.processInstanceKey, variables: { reviewers: ['li'] }, local: false });
    await h.client.resolveIncident({ incidentKey: incident!.key });
    // then
    await completeOnly('mi-review', { result: 'fine' });
    expect((await completeOnly('mi-review-after')).variables.results).to.deep.equal(['fine']);
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });

  it('an error boundary event on the activity belongs to the body: the error terminates every inner instance', async () => {
    // given
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'multi-instance-error', variables: { documents: ['d1', 'd2', 'd3'] } });
    const jobs = await activateOnce(h.client, 'mi-check');
    expect(jobs).to.have.length(3);
    await h.client.completeJob({ jobKey: jobs[0]!.key, variables: {} });
    // when
    await h.client.throwError({ jobKey: jobs[1]!.key, errorCode: 'INVALID_DOCUMENT', errorMessage: 'unreadable', variables: { bad: jobs[1]!.variables.document } } as never);
    // then
    await expectGrpcError(h.client.completeJob({ jobKey: jobs[2]!.key, variables: {} }), '5 NOT_FOUND:');
    const fix = await completeOnly('mi-fix');
    expect(fix.variables).to.deep.include({ bad: jobs[1]!.variables.document });
    expect(await intentsOf(h, pi.processInstanceKey, 'check', 'MULTI_INSTANCE_BODY')).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect((await intentsOf(h, pi.processInstanceKey, 'check', 'SERVICE_TASK')).filter((i) => i === 'ELEMENT_TERMINATED')).to.have.length(2);
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });

  it('undefined and manual tasks complete at once; a sequential completion condition stops before the next item', async () => {
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'multi-instance-pass-through', variables: { items: [1, 2, 3] } });
    const after = await completeOnly('mi-pass-after');
    // the condition sees the inner instance's loopCounter, and numberOfInstances counts the instances created so far
    expect(after.variables).to.deep.equal({ items: [1, 2, 3], doubled: [2, 4, 6], positions: [1, 2, null] });
    expect(await intentsOf(h, pi.processInstanceKey, 'confirm', 'MANUAL_TASK')).to.not.include('ELEMENT_TERMINATED');
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });

  it('cancelling the instance terminates the body with its inner instances and their jobs', async () => {
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'multi-instance-subprocess', variables: { orders: [{ id: 'A', qty: 1 }, { id: 'B', qty: 1 }] } });
    await waitUntil(async () => (await h.database.db.raw('select count(*)::int as n from engine.jobs where process_instance_key = ?', [pi.processInstanceKey])).rows[0].n === 2);
    await h.client.cancelProcessInstance(pi.processInstanceKey);
    expect(await intentsOf(h, pi.processInstanceKey, 'per-order', 'MULTI_INSTANCE_BODY')).to.include('ELEMENT_TERMINATED');
    expect(await activateOnce(h.client, 'mi-price', { requestTimeout: -1 })).to.have.length(0);
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });

  it('a completion condition that is not a boolean raises an incident on the inner instance; fixed and resolved, the completion goes on', async () => {
    // given
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'multi-instance-sequential', variables: { parties: ['owner', 'tenant'] } });
    const [first] = await activateOnce(h.client, 'mi-notify');
    // when
    await h.client.completeJob({ jobKey: first!.key, variables: { receipt: 'r1' } });
    // then
    const [incident] = await incidentsOf(h, pi.processInstanceKey);
    expect(incident).to.deep.include({ errorType: 'EXTRACT_VALUE_ERROR', elementId: 'notify', jobKey: null });
    expect(incident!.errorMessage).to.equal("Expected result of the expression '=stopEarly' (completion condition of 'notify') to be 'BOOLEAN', but was 'NULL'");
    expect(await activateOnce(h.client, 'mi-notify', { requestTimeout: -1 })).to.have.length(0);
    await h.client.setVariables({ elementInstanceKey: pi.processInstanceKey, variables: { stopEarly: true }, local: true });
    await h.client.resolveIncident({ incidentKey: incident!.key });
    // the condition now holds: no instance for 'tenant'
    expect((await completeOnly('mi-notify-after')).variables.receipts).to.deep.equal(['r1', null]);
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });

  it('the body’s counts shadow variables of the same name in the completion condition, and are not variables', async () => {
    // given: 'decision' is never set, so each vote is null
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'multi-instance-completion', variables: { approvers: ['a'], numberOfCompletedInstances: 'ignored' } });
    const [job] = await activateOnce(h.client, 'io.camunda.zeebe:userTask');
    expect(job!.variables).to.deep.include({ numberOfCompletedInstances: 'ignored' });
    expect(job!.variables).to.not.have.any.keys('numberOfInstances', 'numberOfActiveInstances', 'numberOfTerminatedInstances');
    // when
    await h.client.completeJob({ jobKey: job!.key, variables: {} });
    // then: the condition compared the body's count (1 >= 2), not the string, which would have been an incident
    expect(await incidentsOf(h, pi.processInstanceKey)).to.have.length(0);
    expect((await completeOnly('mi-tally')).variables).to.deep.include({ votes: [null], numberOfCompletedInstances: 'ignored' });
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });

  it('start instructions cannot enter a multi-instance sub-process', async () => {
    await expectGrpcError(
      h.client.createProcessInstance({ bpmnProcessId: 'multi-instance-subprocess', variables: { orders: [] }, startInstructions: [{ elementId: 'price' }] } as never),
      '3 INVALID_ARGUMENT:',
      "'price' is inside the multi-instance sub-process 'per-order'",
    );
  });

  const invalid: Array<[string, string, string[]]> = [
    ['a standard loop', 'invalid/standard-loop.bpmn', ["Element 'repeat'", 'standard loops', 'not supported']],
    ['a multi-instance without an input collection', 'invalid/multi-instance-without-collection.bpmn', ["Element 'each'", 'inputCollection', 'missing']],
  ];
  for (const [what, file, fragments] of invalid) {
    it(`refuses ${what} at deployment, naming the element`, async () => {
      await expectGrpcError(h.client.deployResource({ name: file, process: await fixture(file) }), '3 INVALID_ARGUMENT:', ...fragments);
    });
  }
});
