import { expect } from 'chai';
import { decide, durationMs, parseVariables, perform, type PublishMessageInput, type PublishMessagePlan } from '../../../../engine-workers/jobs/publish-message.js';
import type { JobPorts } from '../../../../engine-workers/ports/job-ports.js';
import type { MessageToPublish } from '../../../../engine-workers/ports/message-publisher.js';

const now = new Date('2026-03-02T02:00:00Z');
const job = { key: '2251799813700123', type: 'publish-message', processInstanceKey: '7', bpmnProcessId: 'inspection', elementId: 'open-penalty-case', retries: 3 };

function input(variables: Record<string, unknown>, headers: Record<string, string> = {}): PublishMessageInput {
  const parsed = parseVariables(variables, headers);
  if (!parsed.ok) throw new Error(parsed.outcome.message);
  return parsed.input;
}

function plan(i: PublishMessageInput): PublishMessagePlan {
  const decision = decide(i, now);
  if (decision.kind !== 'proceed') throw new Error(`Expected to proceed, but got ${JSON.stringify(decision)}`);
  return decision.plan;
}

describe('engine-workers: publish-message (message throw events)', () => {
  it('takes the message name from the task header and buffers the message for an hour', () => {
    // given: inspection's open-penalty-case
    const i = input({ correlationKey: 'INSP-1/penalty', messageVariables: { caseId: 'INSP-1/penalty' } }, { messageName: 'penalty-case-opened' });

    // then
    expect(plan(i)).to.deep.equal({ name: 'penalty-case-opened', correlationKey: 'INSP-1/penalty', variables: { caseId: 'INSP-1/penalty' }, timeToLiveMs: 3_600_000 });
  });


  it('lets a variable override the header, sends no variables when none are given and a numeric key as text', () => {
    expect(plan(input({ messageName: 'other', correlationKey: 42 }, { messageName: 'case-limit-changed' }))).to.deep.include({ name: 'other', correlationKey: '42', variables: {} });
  });


  it('raises an incident that names a missing correlation key or message name', () => {
    const parsed = parseVariables({ messageVariables: {} });
    expect(!parsed.ok && parsed.outcome.message).to.include("variable 'messageName' is missing").and.include("variable 'correlationKey' is missing");
  });


  const durations: Array<[string | number, number | null]> = [['PT1H', 3_600_000], ['P1D', 86_400_000], ['PT30M', 1_800_000], ['PT1.5S', 1500], ['P1DT2H', 93_600_000], ['60000', 60_000], [0, 0], ['P', null], ['PT', null], ['1 hour', null], [-5, null]];
  for (const [text, ms] of durations) {
    it(`reads the time to live ${JSON.stringify(text)} as ${ms === null ? 'invalid' : `${ms} ms`}`, () => {
      expect(durationMs(text)).to.equal(ms);
    });
  }


  it('raises an incident for a time to live it cannot read', () => {
    expect(decide(input({ messageName: 'x', correlationKey: 'k', timeToLive: 'an hour' }), now)).to.deep.include({ kind: 'incident' });
  });


  it('publishes with the job key as the message id, so a job run twice sends one message', async () => {
    // given
    const published: MessageToPublish[] = [];
    const ports = { messages: { publish: async (m: MessageToPublish) => (published.push(m), { key: '1', duplicate: false }) } } as unknown as JobPorts;
    const i = input({ correlationKey: 'C-1', messageVariables: { pause: { id: 'hearing' } } }, { messageName: 'case-limit-changed' });

    // when
    const outcome = await perform(i, plan(i), ports, job);

    // then
    expect(outcome).to.deep.equal({ kind: 'complete', variables: {} });
    expect(published).to.deep.equal([{ name: 'case-limit-changed', correlationKey: 'C-1', variables: { pause: { id: 'hearing' } }, messageId: '2251799813700123', timeToLiveMs: 3_600_000 }]);
  });
});
