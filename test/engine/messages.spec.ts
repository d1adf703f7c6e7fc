import { expect } from 'chai';
import { definitions, deployXml, flow, flows, message, process, serviceTask, timerDefinition } from './support/bpmn-xml.js';
import { activateOnce, EMPTY_STATE, leftoverState, useEngine, waitUntil } from './support/engine-harness.js';
import { expectGrpcError } from './support/expect-grpc.js';

const MINUTE = 60_000;

/** A message catch event (intermediate or boundary) body. */
const onMessage = (messageRef: string) => `<bpmn:messageEventDefinition messageRef="${messageRef}" />`;
const outputs = (...mappings: Array<[string, string]>) =>
  `<bpmn:extensionElements><zeebe:ioMapping>${mappings.map(([source, target]) => `<zeebe:output source="${source}" target="${target}" />`).join('')}</zeebe:ioMapping></bpmn:extensionElements>`;

/** Started by a message; with a correlation key, one instance per key at a time. */
const complaintIntake = definitions(
  message('msgFiled', 'complaint-filed'),
  process('complaint-intake', `
    <bpmn:startEvent id="filed">${onMessage('msgFiled')}</bpmn:startEvent>
    ${serviceTask('register', 'register-complaint')}
    <bpmn:endEvent id="end" />
    ${flows('filed', 'register', 'end')}`),
);

describe('messages', function () {
  this.timeout(30_000);
  const h = useEngine('messages');

  before(async () => {
    await deployXml(h, 'payment-wait.bpmn', definitions(
      message('msgPayment', 'payment-received', '=orderId'),
      process('payment-wait', `
        <bpmn:startEvent id="start" />
        <bpmn:intermediateCatchEvent id="awaitPayment">${onMessage('msgPayment')}</bpmn:intermediateCatchEvent>
        ${serviceTask('afterPayment', 'after-payment')}
        <bpmn:endEvent id="end" />
        ${flows('start', 'awaitPayment', 'afterPayment', 'end')}`),
    ));
    await deployXml(h, 'payment-audit.bpmn', definitions(
      message('msgPayment', 'payment-received', '=orderId'),
      process('payment-audit', `
        <bpmn:startEvent id="start" />
        <bpmn:intermediateCatchEvent id="awaitPayment">${onMessage('msgPayment')}</bpmn:intermediateCatchEvent>
        ${serviceTask('audit', 'audit-payment')}
        <bpmn:endEvent id="end" />
        ${flows('start', 'awaitPayment', 'audit', 'end')}`),
    ));
  });

  async function count(sql: string, bindings: unknown[] = []): Promise<number> {
    const r = await h.database.db.raw(sql, bindings as never);
    return Number((r.rows[0] as { n: unknown }).n);
  }

  const recordCount = (processInstanceKey: string, valueType: string, intent: string) =>
    count('select count(*) as n from engine.records where process_instance_key = ? and value_type = ? and intent = ?', [processInstanceKey, valueType, intent]);

  const messageRows = (name: string, correlationKey: string) => count('select count(*) as n from engine.messages where name = ? and correlation_key = ?', [name, correlationKey]);

  const openMessageSubscriptions = (processInstanceKey: string) => count("select count(*) as n from engine.event_subscriptions where kind = 'message' and process_instance_key = ?", [processInstanceKey]);

  async function instancesOf(bpmnProcessId: string): Promise<string[]> {
    const r = await h.database.db.raw(
      "select distinct process_instance_key as key from engine.records where value_type = 'PROCESS_INSTANCE' and intent = 'ELEMENT_ACTIVATED' and payload->>'bpmnElementType' = 'PROCESS' and payload->>'bpmnProcessId' = ? order by 1",
      [bpmnProcessId],
    );
    return (r.rows as Array<{ key: unknown }>).map((row) => String(row.key));
  }

  async function completeNext(type: string, variables: Record<string, unknown> = {}) {
    const [job] = await activateOnce(h.client, type, { requestTimeout: 3_000 });
    if (!job) throw new Error(`Expected a job of type '${type}', but none came`);
    await h.client.completeJob({ jobKey: job.key, variables });
    return job;
  }

  /** Waits for the instance (a key, as a job carries it) to end; then none of its state is left. */
  async function expectEnded(processInstanceKey: unknown): Promise<void> {
    const key = String(processInstanceKey);
    await waitUntil(async () => (await leftoverState(h, key)).instances === 0, 5_000, `instance ${key} to end`);
    expect(await leftoverState(h, key)).to.deep.equal(EMPTY_STATE);
  }

  /** Outbox deliveries of publications done (so "nothing else correlated" can be asserted). */
  const outboxDrained = () => waitUntil(async () => (await count("select count(*) as n from engine.outbox where kind like 'message-%'")) === 0, 5_000, 'the message outbox to drain');

  const publish = (name: string, correlationKey: string, variables: Record<string, unknown> = {}, timeToLive = 0, messageId?: string) =>
    h.client.publishMessage({ name, correlationKey, variables, timeToLive, ...(messageId ? { messageId } : {}) });

  describe('intermediate message catch event', () => {
    it('correlates a message to the waiting instance with its variables and answers with the message key', async () => {
      const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'payment-wait', variables: { orderId: 'order-1' } });
      const published = await publish('payment-received', 'order-1', { amount: 42 });
      expect(String(published.key)).to.match(/^\d+$/);
      const job = await completeNext('after-payment');
      expect(job.variables).to.deep.equal({ orderId: 'order-1', amount: 42 });
      expect(job.processInstanceKey).to.equal(processInstanceKey);
      expect(await recordCount(processInstanceKey, 'PROCESS_MESSAGE_SUBSCRIPTION', 'CORRELATED')).to.equal(1);
      await expectEnded(processInstanceKey);
    });

    it('matches the correlation key exactly: another key does not correlate', async () => {
      const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'payment-wait', variables: { orderId: 'order-10' } });
      await publish('payment-received', 'order-1');
      await publish('payment-received', 'order-100');
      await outboxDrained();
      expect(await openMessageSubscriptions(processInstanceKey)).to.equal(1);
      await publish('payment-received', 'order-10');
      await completeNext('after-payment');
      await expectEnded(processInstanceKey);
    });
  });

  describe('buffering', () => {
    it('a message published before the subscription opens is correlated when it opens, within its time to live', async () => {
      await publish('payment-received', 'order-2', { amount: 7 }, MINUTE);
      expect(await messageRows('payment-received', 'order-2')).to.equal(1);
      const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'payment-wait', variables: { orderId: 'order-2' } });
      const job = await completeNext('after-payment');
      expect(job.variables).to.deep.include({ amount: 7 });
      await expectEnded(processInstanceKey);
    });

    it('an expired message is deleted by the sweep (MESSAGE EXPIRED) and no longer correlates', async () => {
      const { key } = await publish('payment-received', 'order-3', { amount: 9 }, 10_000);
      h.clock.add(11_000);
      await h.engine.sweep();
      expect(await messageRows('payment-received', 'order-3')).to.equal(0);
      expect(await count("select count(*) as n from engine.records where value_type = 'MESSAGE' and intent = 'EXPIRED' and key = ?", [String(key)])).to.equal(1);
      const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'payment-wait', variables: { orderId: 'order-3' } });
      expect(await activateOnce(h.client, 'after-payment', { requestTimeout: 500 })).to.have.length(0);
      expect(await openMessageSubscriptions(processInstanceKey)).to.equal(1);
      await h.client.cancelProcessInstance(processInstanceKey);
      await expectEnded(processInstanceKey);
    });

    it('a message with time to live 0 that nothing waits for is dropped at once', async () => {
      const { key } = await publish('payment-received', 'order-4', { amount: 1 });
      expect(await messageRows('payment-received', 'order-4')).to.equal(0);
      expect(await count("select count(*) as n from engine.records where value_type = 'MESSAGE' and key = ? and intent in ('PUBLISHED', 'EXPIRED')", [String(key)])).to.equal(2);
      const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'payment-wait', variables: { orderId: 'order-4' } });
      expect(await activateOnce(h.client, 'after-payment', { requestTimeout: 500 })).to.have.length(0);
      await h.client.cancelProcessInstance(processInstanceKey);
      await expectEnded(processInstanceKey);
    });

    it('a second message with the same id (name and correlation key) is refused with 6 ALREADY_EXISTS while the first is buffered', async () => {
      await publish('duplicate-check', 'key-1', {}, MINUTE, 'msg-1');
      await expectGrpcError(publish('duplicate-check', 'key-1', {}, MINUTE, 'msg-1'), '6 ALREADY_EXISTS:', "Expected to publish a new message with id 'msg-1', but a message with that id was already published");
      // the id is unique per name and correlation key
      await publish('duplicate-check', 'key-2', {}, MINUTE, 'msg-1');
      await publish('duplicate-check-other', 'key-1', {}, MINUTE, 'msg-1');
      // once the first has expired, the id is free again
      h.clock.add(MINUTE + 1_000);
      await h.engine.sweep();
      await publish('duplicate-check', 'key-1', {}, MINUTE, 'msg-1');
      expect(await messageRows('duplicate-check', 'key-1')).to.equal(1);
    });

    it('buffered messages correlate first in, first out: two successive catch events get them in publication order', async () => {
      await deployXml(h, 'two-installments.bpmn', definitions(
        message('msgInstallment', 'installment-paid', '=orderId'),
        process('two-installments', `
          <bpmn:startEvent id="start" />
          <bpmn:intermediateCatchEvent id="first">${outputs(['=amount', 'firstAmount'])}${onMessage('msgInstallment')}</bpmn:intermediateCatchEvent>
          <bpmn:intermediateCatchEvent id="second">${outputs(['=amount', 'secondAmount'])}${onMessage('msgInstallment')}</bpmn:intermediateCatchEvent>
          ${serviceTask('check', 'check-installments')}
          <bpmn:endEvent id="end" />
          ${flows('start', 'first', 'second', 'check', 'end')}`),
      ));
      await publish('installment-paid', 'order-5', { amount: 100 }, MINUTE);
      await publish('installment-paid', 'order-5', { amount: 200 }, MINUTE);
      const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'two-installments', variables: { orderId: 'order-5' } });
      const job = await completeNext('check-installments');
      expect(job.variables).to.deep.equal({ orderId: 'order-5', firstAmount: 100, secondAmount: 200 });
      await expectEnded(processInstanceKey);
    });
  });

  it('a message correlates once per bpmnProcessId: one of two waiting instances of a process gets it, an instance of another process gets it too', async () => {
    const a = await h.client.createProcessInstance({ bpmnProcessId: 'payment-wait', variables: { orderId: 'order-6' } });
    const b = await h.client.createProcessInstance({ bpmnProcessId: 'payment-wait', variables: { orderId: 'order-6' } });
    const audit = await h.client.createProcessInstance({ bpmnProcessId: 'payment-audit', variables: { orderId: 'order-6' } });
    await publish('payment-received', 'order-6', { amount: 5 }, MINUTE);
    await outboxDrained();
    const correlated = (await recordCount(a.processInstanceKey, 'PROCESS_MESSAGE_SUBSCRIPTION', 'CORRELATED')) + (await recordCount(b.processInstanceKey, 'PROCESS_MESSAGE_SUBSCRIPTION', 'CORRELATED'));
    expect(correlated).to.equal(1);
    const first = await completeNext('after-payment');
    await completeNext('audit-payment');
    await expectEnded(audit.processInstanceKey);
    const waiting = first.processInstanceKey === a.processInstanceKey ? b : a;
    expect(await openMessageSubscriptions(waiting.processInstanceKey)).to.equal(1);
    // the buffered message is not handed to the other instance of the same process, even by the sweep
    h.clock.add(10_000);
    await h.engine.sweep();
    expect(await openMessageSubscriptions(waiting.processInstanceKey)).to.equal(1);
    await publish('payment-received', 'order-6', { amount: 6 });
    const second = await completeNext('after-payment');
    expect(second.processInstanceKey).to.equal(waiting.processInstanceKey);
    expect(second.variables).to.deep.include({ amount: 6 });
    await expectEnded(a.processInstanceKey);
    await expectEnded(b.processInstanceKey);
  });

  describe('message start events', () => {
    before(async () => deployXml(h, 'complaint-intake.bpmn', complaintIntake));

    it('a message without correlation key starts a new instance each time, with the message variables', async () => {
      const before = (await instancesOf('complaint-intake')).length;
      await publish('complaint-filed', '', { complainant: 'A' });
      await publish('complaint-filed', '', { complainant: 'B' });
      const first = await completeNext('register-complaint');
      const second = await completeNext('register-complaint');
      expect([first.variables.complainant, second.variables.complainant].sort()).to.deep.equal(['A', 'B']);
      const started = (await instancesOf('complaint-intake')).slice(before);
      expect(started).to.have.length(2);
      for (const key of started) {
        expect(await recordCount(key, 'MESSAGE_START_EVENT_SUBSCRIPTION', 'CORRELATED')).to.equal(1);
        await expectEnded(key);
      }
    });

    it('with a correlation key, one instance runs at a time: a second message waits in the buffer and starts the next instance when the first ends', async () => {
      const before = (await instancesOf('complaint-intake')).length;
      await publish('complaint-filed', 'case-9', { filing: 1 }, MINUTE);
      const [first] = await activateOnce(h.client, 'register-complaint', { requestTimeout: 3_000 });
      expect(first!.variables).to.deep.equal({ filing: 1 });
      await publish('complaint-filed', 'case-9', { filing: 2 }, MINUTE);
      await outboxDrained();
      expect(await activateOnce(h.client, 'register-complaint', { requestTimeout: 300 })).to.have.length(0);
      expect((await instancesOf('complaint-intake')).slice(before)).to.have.length(1);
      // the first instance ends; the buffered message starts the second
      await h.client.completeJob({ jobKey: first!.key, variables: {} });
      await expectEnded(first!.processInstanceKey);
      const second = await completeNext('register-complaint');
      expect(second.variables).to.deep.equal({ filing: 2 });
      expect(second.processInstanceKey).to.not.equal(first!.processInstanceKey);
      await expectEnded(second.processInstanceKey);
      await waitUntil(async () => (await count("select count(*) as n from engine.message_start_locks where bpmn_process_id = 'complaint-intake'")) === 0, 5_000, 'the start lock to be removed');
    });

    it('a message id already buffered starts no second instance (6 ALREADY_EXISTS)', async () => {
      const before = (await instancesOf('complaint-intake')).length;
      await publish('complaint-filed', 'case-10', { filing: 'x' }, MINUTE, 'filing-10');
      await expectGrpcError(publish('complaint-filed', 'case-10', { filing: 'x' }, MINUTE, 'filing-10'), '6 ALREADY_EXISTS:');
      const job = await completeNext('register-complaint');
      await expectEnded(job.processInstanceKey);
      expect((await instancesOf('complaint-intake')).slice(before)).to.have.length(1);
    });

    it('a message buffered before the process was deployed does not start it; a later one does', async () => {
      await publish('appeal-lodged', '', { appeal: 'early' }, MINUTE);
      await deployXml(h, 'appeal-intake.bpmn', definitions(
        message('msgLodged', 'appeal-lodged'),
        process('appeal-intake', `
          <bpmn:startEvent id="lodged">${onMessage('msgLodged')}</bpmn:startEvent>
          ${serviceTask('registerAppeal', 'register-appeal')}
          <bpmn:endEvent id="end" />
          ${flows('lodged', 'registerAppeal', 'end')}`),
      ));
      h.clock.add(10_000);
      await h.engine.sweep();
      expect(await instancesOf('appeal-intake')).to.have.length(0);
      await publish('appeal-lodged', '', { appeal: 'late' });
      const job = await completeNext('register-appeal');
      expect(job.variables).to.deep.equal({ appeal: 'late' });
      await expectEnded(job.processInstanceKey);
    });

    it('a message for both a waiting instance and the message start event of the same process goes to the instance only', async () => {
      await deployXml(h, 'supplement.bpmn', definitions(
        message('msgStart', 'supplement-requested'),
        message('msgMore', 'supplement-requested', '=caseId'),
        process('supplement', `
          <bpmn:startEvent id="requested">${onMessage('msgStart')}</bpmn:startEvent>
          <bpmn:intermediateCatchEvent id="more">${onMessage('msgMore')}</bpmn:intermediateCatchEvent>
          <bpmn:endEvent id="end" />
          ${flows('requested', 'more', 'end')}`),
      ));
      await publish('supplement-requested', 'case-11', { caseId: 'case-11' });
      const [started] = await waitUntil(async () => {
        const keys = await instancesOf('supplement');
        return keys.length > 0 ? keys : null;
      });
      await waitUntil(async () => (await openMessageSubscriptions(started!)) === 1, 5_000, 'the instance to wait for more');
      await publish('supplement-requested', 'case-11', {});
      await expectEnded(started!);
      await outboxDrained();
      expect(await instancesOf('supplement')).to.have.length(1);
    });
  });

  describe('receive task and message boundary events', () => {
    before(async () => {
      await deployXml(h, 'await-reply.bpmn', definitions(
        message('msgReply', 'reply-received', '=caseId'),
        message('msgWithdrawn', 'request-withdrawn', '=caseId'),
        process('await-reply', `
          <bpmn:startEvent id="start" />
          <bpmn:receiveTask id="awaitReply" messageRef="msgReply" />
          <bpmn:boundaryEvent id="withdrawn" attachedToRef="awaitReply">${onMessage('msgWithdrawn')}</bpmn:boundaryEvent>
          ${serviceTask('handleReply', 'handle-reply')}
          ${serviceTask('closeRequest', 'close-request')}
          <bpmn:endEvent id="replied" />
          <bpmn:endEvent id="closed" />
          ${flows('start', 'awaitReply', 'handleReply', 'replied')}
          ${flows('withdrawn', 'closeRequest', 'closed')}`),
      ));
      await deployXml(h, 'inspection.bpmn', definitions(
        message('msgCancelled', 'inspection-cancelled', '=caseId'),
        message('msgEvidence', 'evidence-submitted', '=caseId'),
        process('inspection', `
          <bpmn:startEvent id="start" />
          ${serviceTask('inspect', 'inspect')}
          <bpmn:boundaryEvent id="cancelled" attachedToRef="inspect">${onMessage('msgCancelled')}</bpmn:boundaryEvent>
          <bpmn:boundaryEvent id="evidence" attachedToRef="inspect" cancelActivity="false">${onMessage('msgEvidence')}</bpmn:boundaryEvent>
          ${serviceTask('reviewEvidence', 'review-evidence')}
          <bpmn:endEvent id="inspected" />
          <bpmn:endEvent id="cancelledEnd" />
          <bpmn:endEvent id="reviewed" />
          ${flows('start', 'inspect', 'inspected')}
          ${flows('cancelled', 'cancelledEnd')}
          ${flows('evidence', 'reviewEvidence', 'reviewed')}`),
      ));
    });

    it('a receive task completes with the message variables', async () => {
      const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'await-reply', variables: { caseId: 'case-20' } });
      await publish('reply-received', 'case-20', { answer: 'yes' });
      const job = await completeNext('handle-reply');
      expect(job.variables).to.deep.equal({ caseId: 'case-20', answer: 'yes' });
      await expectEnded(processInstanceKey);
    });

    it('an interrupting message boundary event on a receive task terminates it and closes its subscription', async () => {
      const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'await-reply', variables: { caseId: 'case-21' } });
      expect(await openMessageSubscriptions(processInstanceKey)).to.equal(2);
      await publish('request-withdrawn', 'case-21', { reason: 'settled' });
      const job = await completeNext('close-request');
      expect(job.variables).to.deep.equal({ caseId: 'case-21', reason: 'settled' });
      await expectEnded(processInstanceKey);
      // the reply subscription went with the receive task
      await publish('reply-received', 'case-21', {});
      expect(await activateOnce(h.client, 'handle-reply', { requestTimeout: 300 })).to.have.length(0);
    });

    it('a non-interrupting message boundary event fires for each message while the task goes on', async () => {
      const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'inspection', variables: { caseId: 'case-22' } });
      const [task] = await activateOnce(h.client, 'inspect');
      await publish('evidence-submitted', 'case-22', { exhibit: 1 });
      await publish('evidence-submitted', 'case-22', { exhibit: 2 }, MINUTE);
      const reviews = await waitUntil(async () => {
        const jobs = await activateOnce(h.client, 'review-evidence', { requestTimeout: 200 });
        return jobs.length > 0 ? jobs : null;
      });
      const more = reviews.length < 2 ? await activateOnce(h.client, 'review-evidence', { requestTimeout: 3_000 }) : [];
      const all = [...reviews, ...more];
      expect(all.map((j) => j.variables.exhibit).sort()).to.deep.equal([1, 2]);
      for (const j of all) await h.client.completeJob({ jobKey: j.key, variables: {} });
      expect(await recordCount(processInstanceKey, 'PROCESS_MESSAGE_SUBSCRIPTION', 'CORRELATED')).to.equal(2);
      await h.client.completeJob({ jobKey: task!.key, variables: {} });
      await expectEnded(processInstanceKey);
    });

    it('buffered messages all reach a non-interrupting boundary event when its task starts, oldest first', async () => {
      const a = await publish('evidence-submitted', 'case-24', { exhibit: 'a' }, MINUTE);
      const b = await publish('evidence-submitted', 'case-24', { exhibit: 'b' }, MINUTE);
      const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'inspection', variables: { caseId: 'case-24' } });
      await waitUntil(async () => (await recordCount(processInstanceKey, 'PROCESS_MESSAGE_SUBSCRIPTION', 'CORRELATED')) === 2, 5_000, 'both messages to correlate');
      const r = await h.database.db.raw(
        "select payload->>'messageKey' as message_key from engine.records where process_instance_key = ? and value_type = 'PROCESS_MESSAGE_SUBSCRIPTION' and intent = 'CORRELATED' order by position",
        [processInstanceKey],
      );
      expect((r.rows as Array<{ message_key: string }>).map((row) => row.message_key)).to.deep.equal([String(a.key), String(b.key)]);
      const reviews = await activateOnce(h.client, 'review-evidence', { maxJobs: 5, requestTimeout: 2_000 });
      const rest = reviews.length < 2 ? await activateOnce(h.client, 'review-evidence', { requestTimeout: 2_000 }) : [];
      expect([...reviews, ...rest]).to.have.length(2);
      for (const j of [...reviews, ...rest]) await h.client.completeJob({ jobKey: j.key, variables: {} });
      await completeNext('inspect');
      await expectEnded(processInstanceKey);
    });

    it('an interrupting message boundary event cancels the task and its job', async () => {
      const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'inspection', variables: { caseId: 'case-23' } });
      const [task] = await activateOnce(h.client, 'inspect');
      await publish('inspection-cancelled', 'case-23', { by: 'applicant' });
      await expectEnded(processInstanceKey);
      await expectGrpcError(h.client.completeJob({ jobKey: task!.key, variables: {} }), '5 NOT_FOUND:');
      expect(await recordCount(processInstanceKey, 'PROCESS_MESSAGE_SUBSCRIPTION', 'CORRELATED')).to.equal(1);
    });
  });

  it('after an event-based gateway, a buffered message takes its path and the timer is cancelled', async () => {
    await deployXml(h, 'await-decision.bpmn', definitions(
      message('msgDecision', 'decision-made', '=caseId'),
      process('await-decision', `
        <bpmn:startEvent id="start" />
        <bpmn:eventBasedGateway id="gateway" />
        <bpmn:intermediateCatchEvent id="decided">${onMessage('msgDecision')}</bpmn:intermediateCatchEvent>
        <bpmn:intermediateCatchEvent id="overdue">${timerDefinition('timeDuration', 'PT1H')}</bpmn:intermediateCatchEvent>
        ${serviceTask('applyDecision', 'apply-decision')}
        ${serviceTask('chase', 'chase-decision')}
        <bpmn:endEvent id="applied" />
        <bpmn:endEvent id="chased" />
        ${flows('start', 'gateway', 'decided', 'applyDecision', 'applied')}
        ${flows('gateway', 'overdue', 'chase', 'chased')}`),
    ));
    await publish('decision-made', 'case-50', { outcome: 'granted' }, MINUTE);
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'await-decision', variables: { caseId: 'case-50' } });
    const job = await completeNext('apply-decision');
    expect(job.variables).to.deep.equal({ caseId: 'case-50', outcome: 'granted' });
    expect(await recordCount(processInstanceKey, 'TIMER', 'CANCELED')).to.equal(1);
    await expectEnded(processInstanceKey);
  });

  describe('event sub-processes with a message start', () => {
    before(async () => {
      await deployXml(h, 'case-file.bpmn', definitions(
        message('msgClose', 'case-closed', '=caseId'),
        message('msgNote', 'note-added', '=caseId'),
        process('case-file', `
          <bpmn:startEvent id="start" />
          ${serviceTask('work', 'work-case')}
          <bpmn:endEvent id="end" />
          ${flows('start', 'work', 'end')}
          <bpmn:subProcess id="closeCase" triggeredByEvent="true">
            <bpmn:startEvent id="closeRequested">${onMessage('msgClose')}</bpmn:startEvent>
            ${serviceTask('archive', 'archive-case')}
            <bpmn:endEvent id="closed" />
            ${flows('closeRequested', 'archive', 'closed')}
          </bpmn:subProcess>
          <bpmn:subProcess id="addNote" triggeredByEvent="true">
            <bpmn:startEvent id="noteAdded" isInterrupting="false">${onMessage('msgNote')}</bpmn:startEvent>
            ${serviceTask('fileNote', 'file-note')}
            <bpmn:endEvent id="noteFiled" />
            ${flows('noteAdded', 'fileNote', 'noteFiled')}
          </bpmn:subProcess>`),
      ));
    });

    it('a non-interrupting message start runs the event sub-process beside the main path', async () => {
      const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'case-file', variables: { caseId: 'case-30' } });
      const [work] = await activateOnce(h.client, 'work-case');
      await publish('note-added', 'case-30', { note: 'phone call' });
      const note = await completeNext('file-note');
      expect(note.variables).to.deep.include({ note: 'phone call' });
      await h.client.completeJob({ jobKey: work!.key, variables: {} });
      await expectEnded(processInstanceKey);
    });

    it('an interrupting message start terminates the main path and runs the event sub-process', async () => {
      const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'case-file', variables: { caseId: 'case-31' } });
      const [work] = await activateOnce(h.client, 'work-case');
      await publish('case-closed', 'case-31', { reason: 'withdrawn' });
      const archive = await completeNext('archive-case');
      expect(archive.variables).to.deep.include({ reason: 'withdrawn' });
      await expectGrpcError(h.client.completeJob({ jobKey: work!.key, variables: {} }), '5 NOT_FOUND:');
      await expectEnded(processInstanceKey);
    });

    it('a process started by a message opens its event sub-process subscriptions with the message variables (Zeebe: camunda/camunda #4099, #9047)', async () => {
      // given a case started by a message that carries its caseId, with an event sub-process keyed on =caseId
      await deployXml(h, 'case-opened.bpmn', definitions(
        message('msgOpened', 'case-opened'),
        message('msgWithdrawn', 'case-withdrawn', '=caseId'),
        process('case-opened', `
          <bpmn:startEvent id="opened">${onMessage('msgOpened')}</bpmn:startEvent>
          ${serviceTask('handle', 'handle-case')}
          <bpmn:endEvent id="end" />
          ${flows('opened', 'handle', 'end')}
          <bpmn:subProcess id="withdraw" triggeredByEvent="true">
            <bpmn:startEvent id="withdrawn">${onMessage('msgWithdrawn')}</bpmn:startEvent>
            ${serviceTask('archiveWithdrawn', 'archive-withdrawn')}
            <bpmn:endEvent id="archived" />
            ${flows('withdrawn', 'archiveWithdrawn', 'archived')}
          </bpmn:subProcess>`),
      ));
      // when the message starts it
      await publish('case-opened', 'case-40', { caseId: 'case-40' });
      const [started] = await waitUntil(async () => {
        const keys = await instancesOf('case-opened');
        return keys.length > 0 ? keys : null;
      });
      // then there is no incident, the subscription is keyed on the message's caseId and a message finds it
      await waitUntil(async () => (await openMessageSubscriptions(started!)) === 1, 5_000, 'the event sub-process subscription');
      expect(await count('select count(*) as n from engine.incidents where process_instance_key = ?', [started])).to.equal(0);
      const [handle] = await activateOnce(h.client, 'handle-case');
      expect(handle!.variables).to.deep.equal({ caseId: 'case-40' });
      await publish('case-withdrawn', 'case-40', {});
      await completeNext('archive-withdrawn');
      await expectEnded(started!);
    });
  });

  describe('message throw and end events', () => {
    it('are jobs: the throw event goes on and the end event ends its path once their jobs complete', async () => {
      await deployXml(h, 'notify-parties.bpmn', definitions(process('notify-parties', `
        <bpmn:startEvent id="start" />
        <bpmn:intermediateThrowEvent id="sendNotice"><bpmn:extensionElements><zeebe:taskDefinition type="send-notice" retries="5" /></bpmn:extensionElements><bpmn:messageEventDefinition /></bpmn:intermediateThrowEvent>
        <bpmn:endEvent id="sendFinalNotice"><bpmn:extensionElements><zeebe:taskDefinition type="send-final-notice" /></bpmn:extensionElements><bpmn:messageEventDefinition /></bpmn:endEvent>
        ${flows('start', 'sendNotice', 'sendFinalNotice')}`)));
      const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'notify-parties', variables: { party: 'P' } });
      const notice = await completeNext('send-notice', { noticeId: 'N-1' });
      expect(notice.retries).to.equal(5);
      expect(notice.elementId).to.equal('sendNotice');
      const final = await completeNext('send-final-notice');
      expect(final.elementId).to.equal('sendFinalNotice');
      expect(final.variables).to.deep.equal({ party: 'P', noticeId: 'N-1' });
      await expectEnded(processInstanceKey);
    });

    it('a message end event without a job type is refused at deployment', async () => {
      await expectGrpcError(
        deployXml(h, 'no-job.bpmn', definitions(process('no-job', `
          <bpmn:startEvent id="start" />
          <bpmn:endEvent id="notify"><bpmn:messageEventDefinition /></bpmn:endEvent>
          ${flows('start', 'notify')}`))),
        '3 INVALID_ARGUMENT:',
        "Element 'notify'",
        'zeebe:taskDefinition',
      );
    });
  });

  it('refuses models Zeebe refuses: two message start events with one name, two message boundary events with one name on an activity, an event sub-process message start without correlation key', async () => {
    await expectGrpcError(
      deployXml(h, 'two-starts.bpmn', definitions(message('msgA', 'same-name'), message('msgB', 'same-name'), process('two-starts', `
        <bpmn:startEvent id="startA">${onMessage('msgA')}</bpmn:startEvent>
        <bpmn:startEvent id="startB">${onMessage('msgB')}</bpmn:startEvent>
        <bpmn:endEvent id="end" />
        ${flows('startA', 'end')}
        ${flow('startB', 'end')}`))),
      '3 INVALID_ARGUMENT:',
      'distinct message names',
    );
    await expectGrpcError(
      deployXml(h, 'two-boundaries.bpmn', definitions(message('msgA', 'same-name', '=k'), process('two-boundaries', `
        <bpmn:startEvent id="start" />
        ${serviceTask('task', 'some-task')}
        <bpmn:boundaryEvent id="first" attachedToRef="task">${onMessage('msgA')}</bpmn:boundaryEvent>
        <bpmn:boundaryEvent id="second" attachedToRef="task" cancelActivity="false">${onMessage('msgA')}</bpmn:boundaryEvent>
        <bpmn:endEvent id="end" />
        ${flows('start', 'task', 'end')}
        ${flow('first', 'end')}
        ${flow('second', 'end')}`))),
      '3 INVALID_ARGUMENT:',
      "Element 'second'",
      'distinct message names',
    );
    await expectGrpcError(
      deployXml(h, 'esp-no-key.bpmn', definitions(message('msgA', 'no-key'), process('esp-no-key', `
        <bpmn:startEvent id="start" />
        ${serviceTask('task', 'some-task')}
        <bpmn:endEvent id="end" />
        ${flows('start', 'task', 'end')}
        <bpmn:subProcess id="esp" triggeredByEvent="true">
          <bpmn:startEvent id="espStart">${onMessage('msgA')}</bpmn:startEvent>
          <bpmn:endEvent id="espEnd" />
          ${flows('espStart', 'espEnd')}
        </bpmn:subProcess>`))),
      '3 INVALID_ARGUMENT:',
      "Element 'espStart'",
      'correlation key',
    );
  });

  describe('crash safety', () => {
    // deploying the same XML again creates no new version
    before(async () => deployXml(h, 'complaint-intake.bpmn', complaintIntake));

    it('the sweep correlates a buffered message whose poll after the subscription opened never ran', async () => {
      const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'payment-wait', variables: { orderId: 'order-40' } });
      // the subscription opens (and polls the buffer) once the instance reaches its receive task: wait for that, so the
      // message below really arrives after the poll, as when a node dies between the commit and the correlation
      await waitUntil(async () => (await openMessageSubscriptions(String(processInstanceKey))) === 1, 5_000, 'the subscription to open');
      // given a buffered message committed without its correlation (as if the node died after the commit)
      const now = h.clock.now();
      await h.database.db.raw(
        `insert into engine.messages (key, name, correlation_key, message_id, variables, time_to_live, published_at, expires_at)
         values ((select nextval('engine.key_blocks')), 'payment-received', 'order-40', '', '{"amount": 40}', ?, ?, ?)`,
        [10 * MINUTE, now, now + 10 * MINUTE],
      );
      expect(await activateOnce(h.client, 'after-payment', { requestTimeout: 300 })).to.have.length(0);
      // when the sweep runs after its grace period
      h.clock.add(6_000);
      await h.engine.sweep();
      // then the instance got the message
      const job = await completeNext('after-payment');
      expect(job.variables).to.deep.include({ amount: 40 });
      await expectEnded(processInstanceKey);
    });

    it('the sweep hands a start lock left by an ended instance to the next buffered message', async () => {
      const before = (await instancesOf('complaint-intake')).length;
      const now = h.clock.now();
      // given a buffered message for a key whose lock names an instance that no longer exists
      await h.database.db.raw(
        `with m as (insert into engine.messages (key, name, correlation_key, message_id, variables, time_to_live, published_at, expires_at)
                    values ((select nextval('engine.key_blocks')), 'complaint-filed', 'case-41', '', '{"filing": 41}', ?, ?, ?) returning key)
         insert into engine.message_start_locks (bpmn_process_id, correlation_key, process_instance_key, message_key, created_at)
         select 'complaint-intake', 'case-41', 1, key, ? from m`,
        [10 * MINUTE, now, now + 10 * MINUTE, now],
      );
      // when the sweep repeats interrupted hand-overs (at most once per grace period)
      h.clock.add(6_000);
      await h.engine.sweep();
      const job = await completeNext('register-complaint');
      expect(job.variables).to.deep.equal({ filing: 41 });
      expect((await instancesOf('complaint-intake')).slice(before)).to.deep.equal([job.processInstanceKey]);
      await expectEnded(job.processInstanceKey);
      await waitUntil(async () => (await count("select count(*) as n from engine.message_start_locks where correlation_key = 'case-41'")) === 0, 5_000, 'the start lock to be removed');
    });
  });
});
