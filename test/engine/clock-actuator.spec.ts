import { expect } from 'chai';
import { definitions, deployXml, flows, process, serviceTask, timerDefinition } from './support/bpmn-xml.js';
import { activateOnce, useEngine } from './support/engine-harness.js';

describe('management port and clock actuator (ENGINE_CLOCK_CONTROLLED)', () => {
  const h = useEngine('clock', { managementPort: 0, clockControlled: true });
  before(async () => h.deploy('one-task.bpmn'));

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`http://127.0.0.1:${h.managementPort}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('reports health', async () => {
    const res = await fetch(`http://127.0.0.1:${h.managementPort}/ready`);
    expect(res.status).to.equal(200);
  });

  it('times out an activated job when the clock is moved past its deadline, instead of waiting', async () => {
    // given a job activated for 60 s
    await h.client.createProcessInstance({ bpmnProcessId: 'one-task', variables: {} });
    const [job] = await activateOnce(h.client, 'do-work', { timeout: 60_000 });
    expect(await activateOnce(h.client, 'do-work', { requestTimeout: -1 })).to.have.length(0);
    // when the clock moves 61 s forward
    const moved = await post('/actuator/clock/add', { offsetMilli: 61_000 });
    expect(moved.status).to.equal(200);
    // then the job is activatable again with its retries unchanged
    const [again] = await activateOnce(h.client, 'do-work', { requestTimeout: 2000 });
    expect(again).to.deep.include({ key: job!.key, retries: job!.retries });
    await h.client.completeJob({ jobKey: again!.key, variables: {} });
  });

  it('fires a timer at once when the clock is moved past its due date (a 90-day limit reached in a test)', async () => {
    await deployXml(h, 'ninety-days.bpmn', definitions(process('ninety-days', `
      <bpmn:startEvent id="start" />
      <bpmn:intermediateCatchEvent id="limit">${timerDefinition('timeDuration', 'P90D')}</bpmn:intermediateCatchEvent>
      ${serviceTask('overdue', 'ninety-days-overdue')}
      <bpmn:endEvent id="end" />
      ${flows('start', 'limit', 'overdue', 'end')}`)));
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'ninety-days', variables: {} });
    expect((await post('/actuator/clock/add', { offsetMilli: 89 * 86_400_000 })).status).to.equal(200);
    expect(await activateOnce(h.client, 'ninety-days-overdue', { requestTimeout: 300 })).to.have.length(0);
    const pinnedAt = Date.now() + 90 * 86_400_000 + 60_000;
    expect((await post('/actuator/clock/pin', { epochMilli: pinnedAt })).status).to.equal(200);
    const [job] = await activateOnce(h.client, 'ninety-days-overdue', { requestTimeout: 2_000 });
    expect(job!.processInstanceKey).to.equal(processInstanceKey);
    await h.client.completeJob({ jobKey: job!.key, variables: {} });
  });

  it('rejects a malformed clock request with 400', async () => {
    expect((await post('/actuator/clock/pin', { epochMilli: 'soon' })).status).to.equal(400);
  });
});
