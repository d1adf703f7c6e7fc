import { expect } from 'chai';
import { activateOnce, EMPTY_STATE, fixture, leftoverState, rawGrpc, useEngine } from './support/engine-harness.js';
import { expectGrpcError } from './support/expect-grpc.js';

describe('process instances (CreateProcessInstance, …WithResult, CancelProcessInstance, Topology)', () => {
  const h = useEngine('instances');
  before(async () => h.deploy('one-task.bpmn', 'start-instructions.bpmn', 'script-task.bpmn', 'two-versions.bpmn'));

  it('reports one synthetic broker leading partition 1 (Topology)', async () => {
    const topology = await h.client.topology();
    expect(topology.brokers).to.have.length(1);
    expect(topology.brokers[0]!.partitions[0]).to.deep.include({ partitionId: 1, role: 'LEADER', health: 'HEALTHY' });
    expect(topology).to.deep.include({ clusterSize: 1, partitionsCount: 1, replicationFactor: 1 });
  });

  it('creates an instance of the latest version with root variables and Zeebe-shaped string keys', async () => {
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'one-task', variables: { caseId: 'C-1' } });
    expect(pi.processInstanceKey).to.match(/^\d{16}$/);
    expect(BigInt(pi.processInstanceKey) >> 51n).to.equal(1n);
    expect(pi).to.include({ bpmnProcessId: 'one-task', version: 1 });
    const [job] = await activateOnce(h.client, 'do-work');
    expect(job!.variables).to.deep.equal({ caseId: 'C-1' });
    await h.client.completeJob({ jobKey: job!.key, variables: {} });
  });

  it('creates an instance of a given version and by definition key', async () => {
    const xml = (await fixture('two-versions.bpmn')).toString('utf8').replace('<bpmn:endEvent id="end" />', '<bpmn:endEvent id="end" name="v2" />');
    const v2 = await h.client.deployResource({ name: 'v2.bpmn', process: Buffer.from(xml) });
    const byVersion = await h.client.createProcessInstance({ bpmnProcessId: 'versioned', version: 1, variables: {} });
    expect(byVersion.version).to.equal(1);
    const latest = await h.client.createProcessInstance({ bpmnProcessId: 'versioned', variables: {} });
    expect(latest.version).to.equal(2);
    const grpc = (h.client as unknown as { grpc: { createProcessInstanceSync(r: unknown): Promise<{ version: number; processDefinitionKey: string }> } }).grpc;
    const byKey = await grpc.createProcessInstanceSync({ processDefinitionKey: v2.deployments[0]!.process.processDefinitionKey, variables: '{}' });
    expect(byKey.version).to.equal(2);
    for (const pi of [byVersion, latest]) await h.client.cancelProcessInstance(pi.processInstanceKey);
  });

  it('starts at the elements of startInstructions instead of the none start event', async () => {
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'start-instructions', variables: {}, startInstructions: [{ elementId: 'second_service_task' }] } as never);
    const first = await activateOnce(h.client, 'si-first', { requestTimeout: -1 });
    const second = await activateOnce(h.client, 'si-second');
    expect(first).to.have.length(0);
    expect(second).to.have.length(1);
    await h.client.completeJob({ jobKey: second[0]!.key, variables: {} });
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });

  it('rejects unknown process ids, versions and keys with 5 NOT_FOUND', async () => {
    await expectGrpcError(h.client.createProcessInstance({ bpmnProcessId: 'no-such-process', variables: {} }), '5 NOT_FOUND:', "Expected to find process definition with process ID 'no-such-process'");
    await expectGrpcError(h.client.createProcessInstance({ bpmnProcessId: 'one-task', version: 99, variables: {} }), '5 NOT_FOUND:', "version '99'");
  });

  it('rejects variables that are not a JSON object with 3 INVALID_ARGUMENT', async () => {
    const grpc = (h.client as unknown as { grpc: { createProcessInstanceSync(r: unknown): Promise<unknown> } }).grpc;
    await expectGrpcError(grpc.createProcessInstanceSync({ bpmnProcessId: 'one-task', version: -1, variables: '[1,2]' }), '3 INVALID_ARGUMENT:', 'JSON object');
    await expectGrpcError(grpc.createProcessInstanceSync({ bpmnProcessId: 'one-task', version: -1, variables: '{oops' }), '3 INVALID_ARGUMENT:', 'JSON');
  });

  it('rejects a start instruction for an unknown element with 3', async () => {
    await expectGrpcError(h.client.createProcessInstance({ bpmnProcessId: 'one-task', variables: {}, startInstructions: [{ elementId: 'nope' }] } as never), '3 INVALID_ARGUMENT:', "'nope'");
  });

  it('answers CreateProcessInstanceWithResult when the instance completes, with fetchVariables', async () => {
    // given a worker for the job after the script task
    const worker = h.client.createWorker({ taskType: 'script-after', taskHandler: (job: { complete(v: object): Promise<unknown> }) => job.complete({ done: true }), loglevel: 'NONE' } as never);
    try {
      // when
      const result = await h.client.createProcessInstanceWithResult({ bpmnProcessId: 'script-task', variables: { a: 2, b: 3 }, requestTimeout: 10_000, fetchVariables: ['sum', 'done'] } as never);
      // then
      expect(result.variables).to.deep.equal({ sum: 5, done: true });
    } finally {
      await worker.close();
    }
  });

  it('answers CreateProcessInstanceWithResult with 4 DEADLINE_EXCEEDED naming the instance when it takes too long', async () => {
    const message = await expectGrpcError(h.client.createProcessInstanceWithResult({ bpmnProcessId: 'one-task', variables: {}, requestTimeout: 300 } as never), '4 DEADLINE_EXCEEDED:', 'within 300 ms');
    const key = /'(\d+)'/.exec(message)![1]!;
    await h.client.cancelProcessInstance(key);
  });

  it('cancels an instance: its job is gone (5 on completion) and a second cancel gives 5 NOT_FOUND', async () => {
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'one-task', variables: {} });
    const [job] = await activateOnce(h.client, 'do-work');
    await h.client.cancelProcessInstance(pi.processInstanceKey);
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
    await expectGrpcError(h.client.completeJob({ jobKey: job!.key, variables: {} }), '5 NOT_FOUND:', job!.key);
    await expectGrpcError(h.client.cancelProcessInstance(pi.processInstanceKey), '5 NOT_FOUND:', pi.processInstanceKey);
  });
});

describe('back-pressure', () => {
  const h = useEngine('backpressure', { maxInFlightCommands: 1 });

  it('answers 8 RESOURCE_EXHAUSTED (which zeebe-node retries) when too many commands are in flight', async () => {
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => h.client.createProcessInstance({ bpmnProcessId: 'not-deployed', variables: {} })));
    const rejected = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => (r.reason as Error).message)
      .filter((m) => !m.startsWith('5 NOT_FOUND:'));
    expect(rejected.length).to.be.greaterThan(0);
    expect(rejected[0]!.startsWith('8 RESOURCE_EXHAUSTED:'), rejected[0]).to.equal(true);
    expect(rejected[0]).to.contain('in flight');
  });
});

describe('RPCs of later engine parts', () => {
  const h = useEngine('unimplemented');

  it('answers 12 UNIMPLEMENTED with a readable message', async () => {
    // StreamActivatedJobs (a server stream, unused by zeebe-node 8.3) is the one RPC left
    const stream = (await rawGrpc(h.client).streamActivatedJobsStream!({ type: 'later', worker: 'w', timeout: 1000 })) as NodeJS.EventEmitter;
    const error = await new Promise<Error>((resolve) => stream.on('error', resolve));
    expect(error.message.startsWith('12 UNIMPLEMENTED:'), error.message).to.equal(true);
    expect(error.message).to.contain('StreamActivatedJobs');
  });
});
