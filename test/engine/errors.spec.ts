import { expect } from 'chai';
import { activateOnce, elementRecords, EMPTY_STATE, incidentsOf, leftoverState, useEngine } from './support/engine-harness.js';
import { expectGrpcError } from './support/expect-grpc.js';

describe('BPMN errors (ThrowError, error boundary events, error end events)', () => {
  const h = useEngine('errors');
  before(async () => h.deploy('errors.bpmn', 'error-on-subprocess.bpmn', 'uncaught-error-end.bpmn', 'one-task.bpmn'));

  async function throwFrom(type: string, errorCode: string, variables: Record<string, unknown> = {}) {
    const [job] = await activateOnce(h.client, type);
    await h.client.throwError({ jobKey: job!.key, errorCode, errorMessage: `raised ${errorCode}`, variables } as never);
    return job!;
  }

  it('an exact error code is caught by its boundary event before the catch-all, with the error variables', async () => {
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'errors', variables: {} });
    await throwFrom('risky', 'KNOWN', { reason: 'expected' });
    const [handler] = await activateOnce(h.client, 'handle-known');
    expect(handler!.variables).to.deep.include({ reason: 'expected' });
    await h.client.completeJob({ jobKey: handler!.key, variables: {} });
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });

  it('any other code is caught by the catch-all boundary event', async () => {
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'errors', variables: {} });
    await throwFrom('risky', 'SOMETHING_ELSE');
    const [handler] = await activateOnce(h.client, 'handle-any');
    await h.client.completeJob({ jobKey: handler!.key, variables: {} });
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });

  it('an error is caught by a boundary event of the enclosing sub-process, terminating everything inside', async () => {
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'error-on-subprocess', variables: {} });
    await throwFrom('inner-work', 'BUSINESS_ERROR');
    const [recover] = await activateOnce(h.client, 'recover');
    await h.client.completeJob({ jobKey: recover!.key, variables: {} });
    const records = await elementRecords(h, pi.processInstanceKey);
    expect(records).to.deep.include.members([{ intent: 'ELEMENT_TERMINATED', elementId: 'inner' }, { intent: 'ELEMENT_TERMINATED', elementId: 'sub' }]);
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });

  it('an error end event is caught by the boundary event on its sub-process', async () => {
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'error-on-subprocess', variables: {} });
    const [inner] = await activateOnce(h.client, 'inner-work');
    await h.client.completeJob({ jobKey: inner!.key, variables: { rejected: true } });
    const [path] = await activateOnce(h.client, 'rejected-path');
    await h.client.completeJob({ jobKey: path!.key, variables: {} });
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });

  it('an uncaught ThrowError raises UNHANDLED_ERROR_EVENT; resolving it makes the job activatable again', async () => {
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'one-task', variables: {} });
    const job = await throwFrom('do-work', 'NOT_MODELLED');
    const [incident] = await incidentsOf(h, pi.processInstanceKey);
    expect(incident).to.deep.include({ errorType: 'UNHANDLED_ERROR_EVENT', jobKey: job.key });
    expect(incident!.errorMessage).to.contain("Expected to throw an error event with the code 'NOT_MODELLED'");
    await expectGrpcError(h.client.completeJob({ jobKey: job.key, variables: {} }), '9 FAILED_PRECONDITION:', "'ERROR_THROWN'");
    await h.client.resolveIncident({ incidentKey: incident!.key });
    const [again] = await activateOnce(h.client, 'do-work');
    expect(again!.key).to.equal(job.key);
    await h.client.completeJob({ jobKey: again!.key, variables: {} });
  });

  it('an uncaught error end event raises an incident that resolving cannot clear', async () => {
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'uncaught-error-end', variables: {} });
    const [incident] = await incidentsOf(h, pi.processInstanceKey);
    expect(incident).to.deep.include({ errorType: 'UNHANDLED_ERROR_EVENT', elementId: 'raise' });
    await h.client.resolveIncident({ incidentKey: incident!.key });
    const after = await incidentsOf(h, pi.processInstanceKey);
    expect(after).to.have.length(1);
    expect(after[0]!.key).to.not.equal(incident!.key);
    await h.client.cancelProcessInstance(pi.processInstanceKey);
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });

  it('ThrowError on an unknown job gives 5, on a job that is not activated 9, with an empty code 3', async () => {
    await expectGrpcError(h.client.throwError({ jobKey: '2251799813999995', errorCode: 'X', errorMessage: '' }), '5 NOT_FOUND:', '2251799813999995');
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'one-task', variables: {} });
    const jobKey = (await h.database.db.raw('select key::text from engine.jobs where process_instance_key = ?', [pi.processInstanceKey])).rows[0].key as string;
    await expectGrpcError(h.client.throwError({ jobKey, errorCode: 'X', errorMessage: '' }), '9 FAILED_PRECONDITION:', "'ACTIVATABLE'");
    await expectGrpcError(h.client.throwError({ jobKey, errorCode: '', errorMessage: '' }), '3 INVALID_ARGUMENT:');
    await h.client.cancelProcessInstance(pi.processInstanceKey);
  });
});
