import { expect } from 'chai';
import { definitions, deployXml, flow, flows, message, process, serviceTask, signal, timerDefinition } from './support/bpmn-xml.js';
import { activateOnce, elementRecords, EMPTY_STATE, incidentsOf, leftoverState, useEngine, waitUntil } from './support/engine-harness.js';
import { expectGrpcError } from './support/expect-grpc.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const escalation = (id: string, code: string) => `<bpmn:escalation id="${id}" escalationCode="${code}" />`;
const error = (id: string, code: string) => `<bpmn:error id="${id}" errorCode="${code}" />`;
const eventSubProcess = (id: string, start: string, body: string) => `<bpmn:subProcess id="${id}" triggeredByEvent="true">${start}${body}</bpmn:subProcess>`;

describe('events: event-based gateway, event sub-processes, escalation, link', function () {
  this.timeout(30_000);
  const h = useEngine('events');

  async function subscriptionsOf(processInstanceKey: string): Promise<Array<{ kind: string; elementId: string }>> {
    const r = await h.database.db.raw('select kind, element_id from engine.event_subscriptions where process_instance_key = ? order by key', [processInstanceKey]);
    return (r.rows as Array<{ kind: string; element_id: string }>).map((row) => ({ kind: row.kind, elementId: row.element_id }));
  }

  async function recordsOf(processInstanceKey: string, valueType: string): Promise<Array<{ intent: string; payload: Record<string, unknown> }>> {
    const r = await h.database.db.raw('select intent, payload from engine.records where process_instance_key = ? and value_type = ? order by position', [processInstanceKey, valueType]);
    return r.rows as Array<{ intent: string; payload: Record<string, unknown> }>;
  }

  async function outboxEmpty(): Promise<void> {
    await waitUntil(async () => Number((await h.database.db.raw('select count(*) as n from engine.outbox')).rows[0].n) === 0, 5000, 'an empty outbox');
  }

  async function move(ms: number): Promise<void> {
    h.clock.add(ms);
    await h.engine.sweep();
  }

  async function finished(processInstanceKey: string): Promise<void> {
    await waitUntil(async () => (await leftoverState(h, processInstanceKey)).instances === 0, 5000, `instance ${processInstanceKey} to finish`);
    expect(await leftoverState(h, processInstanceKey)).to.deep.equal(EMPTY_STATE);
  }

  /** Waits for one job of `type` in the instance and returns it. */
  async function jobOf(type: string, processInstanceKey: string) {
    return waitUntil(async () => (await activateOnce(h.client, type, { requestTimeout: 300 })).find((j) => j.processInstanceKey === processInstanceKey), 5000, `a '${type}' job`);
  }

  async function noJob(type: string): Promise<void> {
    await outboxEmpty();
    expect(await activateOnce(h.client, type, { requestTimeout: -1 })).to.have.length(0);
  }

  async function complete(job: { key: string }, variables: Record<string, unknown> = {}): Promise<void> {
    await h.client.completeJob({ jobKey: job.key, variables });
  }

  describe('event-based gateway', () => {
    before(async () => {
      await deployXml(h, 'await-reply.bpmn', definitions(process('await-reply', `
        <bpmn:startEvent id="start" />
        <bpmn:eventBasedGateway id="gateway" />
        <bpmn:intermediateCatchEvent id="replied"><bpmn:signalEventDefinition signalRef="sigReply" /></bpmn:intermediateCatchEvent>
        <bpmn:intermediateCatchEvent id="paid"><bpmn:messageEventDefinition messageRef="msgPaid" /></bpmn:intermediateCatchEvent>
        <bpmn:intermediateCatchEvent id="timedOut">${timerDefinition('timeDuration', 'P7D')}</bpmn:intermediateCatchEvent>
        ${serviceTask('handleReply', 'handle-reply')}
        ${serviceTask('handlePayment', 'handle-payment')}
        ${serviceTask('handleTimeout', 'handle-timeout')}
        <bpmn:endEvent id="endReply" /><bpmn:endEvent id="endPayment" /><bpmn:endEvent id="endTimeout" />
        ${flows('start', 'gateway')}
        ${flows('gateway', 'replied', 'handleReply', 'endReply')}
        ${flows('gateway', 'paid', 'handlePayment', 'endPayment')}
        ${flows('gateway', 'timedOut', 'handleTimeout', 'endTimeout')}`), signal('sigReply', 'reply'), message('msgPaid', 'payment-received', '=caseId')));
    });

    async function waitingAtGateway(caseId: string): Promise<string> {
      const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'await-reply', variables: { caseId } });
      expect((await subscriptionsOf(processInstanceKey)).map((s) => s.elementId).sort()).to.deep.equal(['paid', 'replied', 'timedOut']);
      return processInstanceKey;
    }

    it('a signal arriving first wins: the gateway takes its path and the timer and message subscriptions are closed', async () => {
      const key = await waitingAtGateway('c1');
      await h.client.broadcastSignal({ signalName: 'reply', variables: { answer: 'yes' } });
      const job = await jobOf('handle-reply', key);
      expect(job.variables).to.include({ answer: 'yes' });
      expect(await subscriptionsOf(key)).to.deep.equal([]);
      expect((await recordsOf(key, 'TIMER')).map((r) => r.intent)).to.deep.equal(['CREATED', 'CANCELED']);
      // the timer that lost never fires
      await move(8 * DAY);
      await noJob('handle-timeout');
      await complete(job);
      await finished(key);
    });

    it('a timer firing first wins: a later signal finds nothing to trigger', async () => {
      const key = await waitingAtGateway('c2');
      await move(7 * DAY + 1_000);
      const job = await jobOf('handle-timeout', key);
      expect(await subscriptionsOf(key)).to.deep.equal([]);
      await h.client.broadcastSignal({ signalName: 'reply', variables: {} });
      await noJob('handle-reply');
      await complete(job);
      await finished(key);
    });

    it('a message correlated first wins, with its variables', async () => {
      const key = await waitingAtGateway('c3');
      await h.client.publishMessage({ name: 'payment-received', correlationKey: 'c3', variables: { amount: 10 }, timeToLive: 0 });
      const job = await jobOf('handle-payment', key);
      expect(job.variables).to.include({ amount: 10 });
      expect(await subscriptionsOf(key)).to.deep.equal([]);
      await complete(job);
      await finished(key);
    });
  });

  describe('event sub-processes', () => {
    before(async () => {
      await deployXml(h, 'case-handling.bpmn', definitions(process('case-handling', `
        <bpmn:startEvent id="start" />
        ${serviceTask('work', 'do-work')}
        <bpmn:endEvent id="end" />
        ${flows('start', 'work', 'end')}
        ${eventSubProcess('onDeadline', `<bpmn:startEvent id="deadline">${timerDefinition('timeDuration', 'PT1H')}</bpmn:startEvent>`, `
          ${serviceTask('escalateDeadline', 'escalate-deadline')}<bpmn:endEvent id="deadlineHandled" />${flows('deadline', 'escalateDeadline', 'deadlineHandled')}`)}
        ${eventSubProcess('onUpdate', '<bpmn:startEvent id="update" isInterrupting="false"><bpmn:signalEventDefinition signalRef="sigUpdate" /></bpmn:startEvent>', `
          ${serviceTask('applyUpdate', 'apply-update')}<bpmn:endEvent id="updateApplied" />${flows('update', 'applyUpdate', 'updateApplied')}`)}
        ${eventSubProcess('onCancel', '<bpmn:startEvent id="cancelRequested"><bpmn:messageEventDefinition messageRef="msgCancel" /></bpmn:startEvent>', `
          ${serviceTask('closeCase', 'close-case')}<bpmn:endEvent id="closed" />${flows('cancelRequested', 'closeCase', 'closed')}`)}`),
        signal('sigUpdate', 'case-update'), message('msgCancel', 'cancel-case', '=caseId')));
      // an event sub-process of an embedded sub-process: its scope is the sub-process, which completes normally after it
      await deployXml(h, 'review-round.bpmn', definitions(process('review-round', `
        <bpmn:startEvent id="start" />
        <bpmn:subProcess id="round">
          <bpmn:startEvent id="roundStart" />
          ${serviceTask('reviewDraft', 'review-draft')}
          <bpmn:endEvent id="roundEnd" />
          ${flows('roundStart', 'reviewDraft', 'roundEnd')}
          ${eventSubProcess('onWithdraw', '<bpmn:startEvent id="withdrawn"><bpmn:signalEventDefinition signalRef="sigWithdraw" /></bpmn:startEvent>', `
            ${serviceTask('archiveDraft', 'archive-draft')}<bpmn:endEvent id="archived" />${flows('withdrawn', 'archiveDraft', 'archived')}`)}
        </bpmn:subProcess>
        ${serviceTask('afterRound', 'after-round')}
        <bpmn:endEvent id="end" />
        ${flows('start', 'round', 'afterRound', 'end')}`), signal('sigWithdraw', 'withdraw-draft')));
    });

    it('a non-interrupting signal start runs beside the process, once per broadcast; the process completes when both are done', async () => {
      const { processInstanceKey: key } = await h.client.createProcessInstance({ bpmnProcessId: 'case-handling', variables: { caseId: 'e1' } });
      const work = await jobOf('do-work', key);
      await h.client.broadcastSignal({ signalName: 'case-update', variables: { revision: 1 } });
      const firstUpdate = await jobOf('apply-update', key);
      await h.client.broadcastSignal({ signalName: 'case-update', variables: { revision: 2 } });
      const secondUpdate = await jobOf('apply-update', key);
      expect([firstUpdate.variables.revision, secondUpdate.variables.revision].sort()).to.deep.equal([1, 2]);
      // the process still waits for its event sub-process triggers
      expect((await subscriptionsOf(key)).map((s) => s.elementId).sort()).to.deep.equal(['cancelRequested', 'deadline', 'update']);
      await complete(work);
      await complete(firstUpdate);
      expect((await leftoverState(h, key)).instances).to.equal(1);
      await complete(secondUpdate);
      await finished(key);
    });

    it('an interrupting timer start terminates the process\'s other paths and closes the other event sub-processes', async () => {
      const { processInstanceKey: key } = await h.client.createProcessInstance({ bpmnProcessId: 'case-handling', variables: { caseId: 'e2' } });
      const work = await jobOf('do-work', key);
      await move(HOUR + 1_000);
      const deadline = await jobOf('escalate-deadline', key);
      expect(await subscriptionsOf(key)).to.deep.equal([]);
      const late = await h.client.completeJob({ jobKey: work.key, variables: {} }).then(() => 'completed', (e: Error) => e.message);
      expect(late).to.match(/^5 NOT_FOUND/);
      await complete(deadline);
      await finished(key);
    });

    it('an interrupting message start is correlated by the instance\'s key and carries the message variables', async () => {
      const { processInstanceKey: key } = await h.client.createProcessInstance({ bpmnProcessId: 'case-handling', variables: { caseId: 'e3' } });
      await jobOf('do-work', key);
      await h.client.publishMessage({ name: 'cancel-case', correlationKey: 'e3', variables: { reason: 'withdrawn by applicant' }, timeToLive: 0 });
      const close = await jobOf('close-case', key);
      expect(close.variables).to.include({ reason: 'withdrawn by applicant' });
      await noJob('do-work');
      await complete(close);
      await finished(key);
    });

    it('an interrupting start in a sub-process terminates only that sub-process, which then completes and the process goes on', async () => {
      const { processInstanceKey: key } = await h.client.createProcessInstance({ bpmnProcessId: 'review-round', variables: {} });
      const review = await jobOf('review-draft', key);
      await h.client.broadcastSignal({ signalName: 'withdraw-draft', variables: {} });
      const archive = await jobOf('archive-draft', key);
      const late = await h.client.completeJob({ jobKey: review.key, variables: {} }).then(() => 'completed', (e: Error) => e.message);
      expect(late).to.match(/^5 NOT_FOUND/);
      await complete(archive);
      const after = await jobOf('after-round', key);
      await complete(after);
      await finished(key);
      const ended = (await elementRecords(h, key)).filter((r) => r.elementId === 'round').map((r) => r.intent);
      expect(ended.at(-1)).to.equal('ELEMENT_COMPLETED');
    });

    it('an interrupting start consumes the token waiting at a parallel join: the sub-process completes after it (Zeebe: camunda/camunda #3680)', async () => {
      // given a sub-process whose two paths join, one of them already at the join, the other waiting for a timer
      await deployXml(h, 'windows.bpmn', definitions(process('windows', `
        <bpmn:startEvent id="start" />
        <bpmn:subProcess id="statementWindows">
          <bpmn:startEvent id="windowsStart" />
          <bpmn:parallelGateway id="split" />
          ${serviceTask('statement', 'take-statement')}
          <bpmn:intermediateCatchEvent id="windowCloses">${timerDefinition('timeDuration', 'P5D')}</bpmn:intermediateCatchEvent>
          <bpmn:parallelGateway id="join" />
          <bpmn:endEvent id="windowsEnd" />
          ${flows('windowsStart', 'split')}${flow('split', 'statement')}${flow('split', 'windowCloses')}${flow('statement', 'join')}${flow('windowCloses', 'join')}${flows('join', 'windowsEnd')}
          ${eventSubProcess('onWaiver', '<bpmn:startEvent id="waived"><bpmn:messageEventDefinition messageRef="msgWaiver" /></bpmn:startEvent>', '<bpmn:endEvent id="waiverRecorded" />' + flow('waived', 'waiverRecorded'))}
        </bpmn:subProcess>
        ${serviceTask('decide', 'decide-case')}
        <bpmn:endEvent id="end" />
        ${flows('start', 'statementWindows', 'decide', 'end')}`), message('msgWaiver', 'rights-waived', '=caseId')));
      const { processInstanceKey: key } = await h.client.createProcessInstance({ bpmnProcessId: 'windows', variables: { caseId: 'e-join' } });
      await complete(await jobOf('take-statement', key));
      await waitUntil(async () => (await elementRecords(h, key)).some((r) => r.intent === 'SEQUENCE_FLOW_TAKEN' && r.elementId === 'flow_statement_join'), 5000, 'the token at the join');
      // when the interrupting event sub-process is triggered
      await h.client.publishMessage({ name: 'rights-waived', correlationKey: 'e-join', variables: {}, timeToLive: 0 });
      // then the sub-process completes once the event sub-process did, and the process goes on
      await complete(await jobOf('decide-case', key));
      await finished(key);
      const windows = (await elementRecords(h, key)).filter((r) => r.elementId === 'statementWindows' || r.elementId === 'join').map((r) => `${r.elementId} ${r.intent}`);
      expect(windows.filter((r) => r.startsWith('join')), 'the join is never activated').to.deep.equal([]);
      expect(windows.at(-1)).to.equal('statementWindows ELEMENT_COMPLETED');
    });

    describe('error starts', () => {
      before(async () => {
        // a claim assessment: the sub-process's boundary catches NEEDS_REVIEW; the process's event sub-processes catch
        // FRAUD (exact) and everything else (catch-all); the sub-process also throws FRAUD from an error end event
        await deployXml(h, 'claims.bpmn', definitions(process('claims', `
          <bpmn:startEvent id="start" />
          <bpmn:subProcess id="assess">
            <bpmn:startEvent id="assessStart" />
            ${serviceTask('assessClaim', 'assess-claim')}
            <bpmn:exclusiveGateway id="verdict" default="flow_verdict_assessed" />
            <bpmn:endEvent id="assessed" />
            <bpmn:endEvent id="fraudFound"><bpmn:errorEventDefinition errorRef="errFraud" /></bpmn:endEvent>
            ${flows('assessStart', 'assessClaim', 'verdict')}
            ${flow('verdict', 'assessed')}
            ${flow('verdict', 'fraudFound', 'flow_verdict_fraud', '=verdict = "fraud"')}
          </bpmn:subProcess>
          <bpmn:boundaryEvent id="needsReview" attachedToRef="assess"><bpmn:errorEventDefinition errorRef="errReview" /></bpmn:boundaryEvent>
          ${serviceTask('review', 'review-claim')}
          <bpmn:endEvent id="end" /><bpmn:endEvent id="reviewed" />
          ${flows('start', 'assess', 'end')}
          ${flows('needsReview', 'review', 'reviewed')}
          ${eventSubProcess('onFraud', '<bpmn:startEvent id="fraud"><bpmn:errorEventDefinition errorRef="errFraud" /></bpmn:startEvent>', `
            ${serviceTask('investigate', 'investigate-fraud')}<bpmn:endEvent id="investigated" />${flows('fraud', 'investigate', 'investigated')}`)}
          ${eventSubProcess('onAnyError', '<bpmn:startEvent id="anyError"><bpmn:errorEventDefinition /></bpmn:startEvent>', `
            ${serviceTask('handleError', 'handle-error')}<bpmn:endEvent id="errorHandled" />${flows('anyError', 'handleError', 'errorHandled')}`)}`),
          error('errFraud', 'FRAUD'), error('errReview', 'NEEDS_REVIEW')));
      });

      async function throwFromAssessment(errorCode: string, variables: Record<string, string> = {}): Promise<string> {
        const { processInstanceKey: key } = await h.client.createProcessInstance({ bpmnProcessId: 'claims', variables: {} });
        const job = await jobOf('assess-claim', key);
        await h.client.throwError({ jobKey: job.key, errorCode, errorMessage: `thrown ${errorCode}`, variables });
        return key;
      }

      it('an error the nearer boundary event catches does not reach the event sub-processes', async () => {
        const key = await throwFromAssessment('NEEDS_REVIEW');
        await complete(await jobOf('review-claim', key));
        await finished(key);
        expect((await elementRecords(h, key)).some((r) => r.elementId === 'onAnyError')).to.equal(false);
      });

      it('an error no boundary catches goes up to the event sub-process with its exact code, before the catch-all, with the error variables', async () => {
        const key = await throwFromAssessment('FRAUD', { evidence: 'duplicate invoice' });
        const investigate = await jobOf('investigate-fraud', key);
        expect(investigate.variables).to.include({ evidence: 'duplicate invoice' });
        await noJob('handle-error');
        await complete(investigate);
        await finished(key);
      });

      it('any other error goes to the catch-all event sub-process', async () => {
        const key = await throwFromAssessment('SOMETHING_ELSE');
        await complete(await jobOf('handle-error', key));
        await noJob('investigate-fraud');
        await finished(key);
      });

      it('an error end event inside the sub-process is caught by the enclosing scope\'s event sub-process', async () => {
        const { processInstanceKey: key } = await h.client.createProcessInstance({ bpmnProcessId: 'claims', variables: {} });
        await complete(await jobOf('assess-claim', key), { verdict: 'fraud' });
        await complete(await jobOf('investigate-fraud', key));
        await finished(key);
        expect(await incidentsOf(h, key)).to.deep.equal([]);
      });
    });
  });

  describe('escalation', () => {
    before(async () => {
      // the throw event goes on after a non-interrupting boundary event caught its escalation
      await deployXml(h, 'purchase.bpmn', definitions(process('purchase', `
        <bpmn:startEvent id="start" />
        <bpmn:subProcess id="buy">
          <bpmn:startEvent id="buyStart" />
          <bpmn:intermediateThrowEvent id="overBudget"><bpmn:escalationEventDefinition escalationRef="escBudget" /></bpmn:intermediateThrowEvent>
          ${serviceTask('placeOrder', 'place-order')}
          <bpmn:endEvent id="ordered" />
          ${flows('buyStart', 'overBudget', 'placeOrder', 'ordered')}
        </bpmn:subProcess>
        <bpmn:boundaryEvent id="budgetNoticed" attachedToRef="buy" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="escBudget" /></bpmn:boundaryEvent>
        ${serviceTask('notifyController', 'notify-controller')}
        <bpmn:endEvent id="end" /><bpmn:endEvent id="notified" />
        ${flows('start', 'buy', 'end')}
        ${flows('budgetNoticed', 'notifyController', 'notified')}`), escalation('escBudget', 'BUDGET')));
      // an escalation end event (FEEL code) beside a running task: the exact-code boundary interrupts, the catch-all does not
      await deployXml(h, 'delivery.bpmn', definitions(process('delivery', `
        <bpmn:startEvent id="start" />
        <bpmn:subProcess id="deliver">
          <bpmn:startEvent id="deliverStart" />
          <bpmn:parallelGateway id="fork" />
          ${serviceTask('ship', 'ship-goods')}
          <bpmn:endEvent id="shipped" />
          <bpmn:endEvent id="late"><bpmn:escalationEventDefinition escalationRef="escLateCode" /></bpmn:endEvent>
          ${flows('deliverStart', 'fork', 'ship', 'shipped')}
          ${flows('fork', 'late')}
        </bpmn:subProcess>
        <bpmn:boundaryEvent id="lateCaught" attachedToRef="deliver"><bpmn:escalationEventDefinition escalationRef="escLate" /></bpmn:boundaryEvent>
        <bpmn:boundaryEvent id="anyEscalation" attachedToRef="deliver" cancelActivity="false"><bpmn:escalationEventDefinition /></bpmn:boundaryEvent>
        ${serviceTask('handleLate', 'handle-late')}
        ${serviceTask('handleOther', 'handle-other-escalation')}
        <bpmn:endEvent id="end" /><bpmn:endEvent id="lateHandled" /><bpmn:endEvent id="otherHandled" />
        ${flows('start', 'deliver', 'end')}
        ${flows('lateCaught', 'handleLate', 'lateHandled')}
        ${flows('anyEscalation', 'handleOther', 'otherHandled')}`), escalation('escLate', 'LATE'), escalation('escLateCode', '=lateCode')));
      // escalations thrown in a sub-process without boundary events reach the process's event sub-processes
      await deployXml(h, 'permit.bpmn', definitions(process('permit', `
        <bpmn:startEvent id="start" />
        <bpmn:subProcess id="check">
          <bpmn:startEvent id="checkStart" />
          <bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition escalationRef="escCode" /></bpmn:intermediateThrowEvent>
          ${serviceTask('checkPermit', 'check-permit')}
          <bpmn:endEvent id="checked" />
          ${flows('checkStart', 'raise', 'checkPermit', 'checked')}
        </bpmn:subProcess>
        <bpmn:endEvent id="end" />
        ${flows('start', 'check', 'end')}
        ${eventSubProcess('onStop', '<bpmn:startEvent id="stop"><bpmn:escalationEventDefinition escalationRef="escStop" /></bpmn:startEvent>', `
          ${serviceTask('stopped', 'permit-stopped')}<bpmn:endEvent id="stopHandled" />${flows('stop', 'stopped', 'stopHandled')}`)}
        ${eventSubProcess('onAnyEscalation', '<bpmn:startEvent id="anyEscalation" isInterrupting="false"><bpmn:escalationEventDefinition /></bpmn:startEvent>', `
          ${serviceTask('logEscalation', 'log-escalation')}<bpmn:endEvent id="logged" />${flows('anyEscalation', 'logEscalation', 'logged')}`)}`),
        escalation('escCode', '=code'), escalation('escStop', 'STOP')));
      await deployXml(h, 'unheard.bpmn', definitions(process('unheard', `
        <bpmn:startEvent id="start" />
        <bpmn:intermediateThrowEvent id="shout"><bpmn:escalationEventDefinition escalationRef="escNobody" /></bpmn:intermediateThrowEvent>
        ${serviceTask('carryOn', 'carry-on')}
        <bpmn:endEvent id="end" />
        ${flows('start', 'shout', 'carryOn', 'end')}`), escalation('escNobody', 'NOBODY_LISTENS')));
    });

    it('a non-interrupting boundary event catches an intermediate throw; both the throw and the boundary path go on', async () => {
      const { processInstanceKey: key } = await h.client.createProcessInstance({ bpmnProcessId: 'purchase', variables: {} });
      const notify = await jobOf('notify-controller', key);
      const order = await jobOf('place-order', key);
      expect(await recordsOf(key, 'ESCALATION')).to.deep.equal([
        { intent: 'ESCALATED', payload: { throwElementId: 'overBudget', escalationCode: 'BUDGET', catchElementId: 'budgetNoticed', processInstanceKey: key } },
      ]);
      await complete(notify);
      await complete(order);
      await finished(key);
    });

    it('an escalation end event with the exact code is caught by the interrupting boundary event, before the catch-all', async () => {
      const { processInstanceKey: key } = await h.client.createProcessInstance({ bpmnProcessId: 'delivery', variables: { lateCode: 'LATE' } });
      const late = await jobOf('handle-late', key);
      await noJob('ship-goods');
      await noJob('handle-other-escalation');
      await complete(late);
      await finished(key);
    });

    it('any other code is caught by the non-interrupting catch-all; the sub-process goes on', async () => {
      const { processInstanceKey: key } = await h.client.createProcessInstance({ bpmnProcessId: 'delivery', variables: { lateCode: 'SLIGHTLY_LATE' } });
      const other = await jobOf('handle-other-escalation', key);
      const ship = await jobOf('ship-goods', key);
      await complete(other);
      await complete(ship);
      await finished(key);
      const [record] = await recordsOf(key, 'ESCALATION');
      expect(record!.payload).to.include({ escalationCode: 'SLIGHTLY_LATE', catchElementId: 'anyEscalation' });
    });

    it('an escalation from inside a sub-process reaches the process\'s non-interrupting catch-all event sub-process', async () => {
      const { processInstanceKey: key } = await h.client.createProcessInstance({ bpmnProcessId: 'permit', variables: { code: 'WARN' } });
      const log = await jobOf('log-escalation', key);
      const check = await jobOf('check-permit', key);
      await complete(log);
      await complete(check);
      await finished(key);
    });

    it('an interrupting escalation event sub-process with the exact code terminates the sub-process the throw is in', async () => {
      const { processInstanceKey: key } = await h.client.createProcessInstance({ bpmnProcessId: 'permit', variables: { code: 'STOP' } });
      const stopped = await jobOf('permit-stopped', key);
      await noJob('check-permit');
      await noJob('log-escalation');
      await complete(stopped);
      await finished(key);
      expect((await elementRecords(h, key)).filter((r) => r.elementId === 'raise').map((r) => r.intent)).to.deep.equal(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    });

    it('an escalation nobody catches is recorded as NOT_ESCALATED, raises no incident, and the flow goes on', async () => {
      const { processInstanceKey: key } = await h.client.createProcessInstance({ bpmnProcessId: 'unheard', variables: {} });
      const carryOn = await jobOf('carry-on', key);
      expect((await recordsOf(key, 'ESCALATION')).map((r) => r.intent)).to.deep.equal(['NOT_ESCALATED']);
      expect(await incidentsOf(h, key)).to.deep.equal([]);
      await complete(carryOn);
      await finished(key);
    });
  });

  describe('link events', () => {
    it('a throw link event continues at the catch link event of the same name, without a sequence flow', async () => {
      await deployXml(h, 'linked.bpmn', definitions(process('linked', `
        <bpmn:startEvent id="start" />
        ${serviceTask('first', 'first-step')}
        <bpmn:intermediateThrowEvent id="goTo"><bpmn:linkEventDefinition name="secondPage" /></bpmn:intermediateThrowEvent>
        <bpmn:intermediateCatchEvent id="landHere"><bpmn:linkEventDefinition name="secondPage" /></bpmn:intermediateCatchEvent>
        ${serviceTask('second', 'second-step')}
        <bpmn:endEvent id="end" />
        ${flows('start', 'first', 'goTo')}
        ${flows('landHere', 'second', 'end')}`)));
      const { processInstanceKey: key } = await h.client.createProcessInstance({ bpmnProcessId: 'linked', variables: {} });
      await complete(await jobOf('first-step', key));
      await complete(await jobOf('second-step', key));
      await finished(key);
      const records = await elementRecords(h, key);
      const from = records.findIndex((r) => r.elementId === 'goTo' && r.intent === 'ELEMENT_COMPLETED');
      expect(records.slice(from, from + 5)).to.deep.equal([
        { intent: 'ELEMENT_COMPLETED', elementId: 'goTo' },
        { intent: 'ELEMENT_ACTIVATING', elementId: 'landHere' },
        { intent: 'ELEMENT_ACTIVATED', elementId: 'landHere' },
        { intent: 'ELEMENT_COMPLETING', elementId: 'landHere' },
        { intent: 'ELEMENT_COMPLETED', elementId: 'landHere' },
      ]);
    });
  });

  describe('deployment validation', () => {
    const invalid: Array<[string, string, string[]]> = [
      [
        'a throw link event without a catch link event of its name in its scope',
        process('bad-link', `
          <bpmn:startEvent id="start" />
          <bpmn:intermediateThrowEvent id="jump"><bpmn:linkEventDefinition name="nowhere" /></bpmn:intermediateThrowEvent>
          <bpmn:subProcess id="inner"><bpmn:startEvent id="innerStart" /><bpmn:intermediateCatchEvent id="land"><bpmn:linkEventDefinition name="nowhere" /></bpmn:intermediateCatchEvent><bpmn:endEvent id="innerEnd" />${flows('innerStart', 'innerEnd')}${flow('land', 'innerEnd')}</bpmn:subProcess>
          <bpmn:endEvent id="end" />
          ${flows('start', 'jump')}${flows('inner', 'end')}`),
        ["Element 'jump'", "catch link event named 'nowhere'", "scope 'bad-link'"],
      ],
      [
        'two catch link events of one name in a scope',
        process('twin-links', `
          <bpmn:startEvent id="start" />
          <bpmn:intermediateThrowEvent id="jump"><bpmn:linkEventDefinition name="here" /></bpmn:intermediateThrowEvent>
          <bpmn:intermediateCatchEvent id="landA"><bpmn:linkEventDefinition name="here" /></bpmn:intermediateCatchEvent>
          <bpmn:intermediateCatchEvent id="landB"><bpmn:linkEventDefinition name="here" /></bpmn:intermediateCatchEvent>
          <bpmn:endEvent id="end" />
          ${flows('start', 'jump')}${flows('landA', 'end')}${flow('landB', 'end')}`),
        ["Element 'landB'", "one intermediate catch link event named 'here'"],
      ],
      [
        'an escalation boundary event on a task',
        process('task-escalation', `
          <bpmn:startEvent id="start" />${serviceTask('work', 'work')}<bpmn:endEvent id="end" />
          <bpmn:boundaryEvent id="esc" attachedToRef="work"><bpmn:escalationEventDefinition /></bpmn:boundaryEvent>
          ${flows('start', 'work', 'end')}${flow('esc', 'end')}`),
        ["Element 'esc'", 'sub-process or call activity'],
      ],
      [
        'a non-interrupting error start event',
        process('soft-error', `
          <bpmn:startEvent id="start" /><bpmn:endEvent id="end" />${flows('start', 'end')}
          ${eventSubProcess('esp', '<bpmn:startEvent id="err" isInterrupting="false"><bpmn:errorEventDefinition /></bpmn:startEvent>', `<bpmn:endEvent id="espEnd" />${flows('err', 'espEnd')}`)}`),
        ["Element 'soft-error'", "error start event 'err'", 'interrupting'],
      ],
      [
        'two event sub-processes catching one escalation code',
        `${process('twin-escalations', `
          <bpmn:startEvent id="start" /><bpmn:endEvent id="end" />${flows('start', 'end')}
          ${eventSubProcess('espA', '<bpmn:startEvent id="a" isInterrupting="false"><bpmn:escalationEventDefinition escalationRef="escX" /></bpmn:startEvent>', `<bpmn:endEvent id="aEnd" />${flows('a', 'aEnd')}`)}
          ${eventSubProcess('espB', '<bpmn:startEvent id="b"><bpmn:escalationEventDefinition escalationRef="escX" /></bpmn:startEvent>', `<bpmn:endEvent id="bEnd" />${flows('b', 'bEnd')}`)}`)}
          ${escalation('escX', 'X')}`,
        ["'a' and 'b' both catch 'X'"],
      ],
      [
        'an escalation throw event without a code',
        process('codeless', `
          <bpmn:startEvent id="start" /><bpmn:intermediateThrowEvent id="raise"><bpmn:escalationEventDefinition /></bpmn:intermediateThrowEvent><bpmn:endEvent id="end" />
          ${flows('start', 'raise', 'end')}`),
        ["Element 'raise'", 'escalationCode'],
      ],
    ];
    for (const [what, xml, fragments] of invalid) {
      it(`rejects ${what} with 3 INVALID_ARGUMENT naming the problem`, async () => {
        await expectGrpcError(deployXml(h, 'invalid.bpmn', definitions(xml)), '3 INVALID_ARGUMENT:', ...fragments);
      });
    }
  });
});
