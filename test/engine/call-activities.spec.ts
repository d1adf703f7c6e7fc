import { expect } from 'chai';
import { definitions, deployXml, escape, flows, process, serviceTask, timerDefinition } from './support/bpmn-xml.js';
import { activateOnce, EMPTY_STATE, incidentsOf, leftoverState, useEngine, waitUntil } from './support/engine-harness.js';
import { expectGrpcError } from './support/expect-grpc.js';

const HOUR = 3_600_000;

interface ActivatedJob {
  key: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  variables: Record<string, unknown>;
}

/** A call activity of `processId` (static or FEEL), with extra zeebe:calledElement attributes and extension elements. */
function callActivity(id: string, processId: string, options: { attributes?: string; extensions?: string; body?: string } = {}): string {
  return `<bpmn:callActivity id="${id}"><bpmn:extensionElements><zeebe:calledElement processId="${escape(processId)}" ${options.attributes ?? ''} />${options.extensions ?? ''}</bpmn:extensionElements>${options.body ?? ''}</bpmn:callActivity>`;
}

function ioMapping(inputs: Array<[string, string]>, outputs: Array<[string, string]> = []): string {
  const input = inputs.map(([source, target]) => `<zeebe:input source="${escape(source)}" target="${target}" />`).join('');
  const output = outputs.map(([source, target]) => `<zeebe:output source="${escape(source)}" target="${target}" />`).join('');
  return `<zeebe:ioMapping>${input}${output}</zeebe:ioMapping>`;
}

/** start → job task of `jobType` → end: the usual called process. */
function childProcess(id: string, jobType: string): string {
  return definitions(process(id, `
    <bpmn:startEvent id="start" />
    ${serviceTask('work', jobType)}
    <bpmn:endEvent id="end" />
    ${flows('start', 'work', 'end')}`));
}

/** start → call activity → job task `after` of `afterType` → end, with more elements (boundary events) in `extra`. */
function parentProcess(id: string, call: string, afterType: string, extra = '', rootElements = ''): string {
  return definitions(
    rootElements,
    process(id, `
    <bpmn:startEvent id="start" />
    ${call}
    ${serviceTask('after', afterType)}
    <bpmn:endEvent id="end" />
    ${flows('start', 'call', 'after', 'end')}
    ${extra}`),
  );
}

const errorBoundary = (id: string, attachedTo: string, errorRef?: string) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}"><bpmn:errorEventDefinition ${errorRef ? `errorRef="${errorRef}"` : ''} /></bpmn:boundaryEvent>`;

describe('call activities', function () {
  this.timeout(30_000);
  const h = useEngine('call-activities');

  /** The running instances a call activity of `parentKey` started. */
  async function childrenOf(parentKey: string): Promise<Array<{ key: string; bpmn_process_id: string; version: number; parent_element_instance_key: string }>> {
    const r = await h.database.db.raw(
      'select key::text, bpmn_process_id, version, parent_element_instance_key::text from engine.process_instances where parent_process_instance_key = ? order by key',
      [parentKey],
    );
    return r.rows as Array<{ key: string; bpmn_process_id: string; version: number; parent_element_instance_key: string }>;
  }

  async function elementState(processInstanceKey: string, elementId: string): Promise<string | undefined> {
    const r = await h.database.db.raw('select state from engine.element_instances where process_instance_key = ? and element_id = ?', [processInstanceKey, elementId]);
    return (r.rows as Array<{ state: string }>)[0]?.state;
  }

  async function activate(type: string, requestTimeout: number): Promise<ActivatedJob[]> {
    return (await activateOnce(h.client, type, { requestTimeout })) as unknown as ActivatedJob[];
  }

  /** Exactly one job of `type`, waiting for it (a child is created just after its parent's command commits). */
  async function onlyJob(type: string): Promise<ActivatedJob> {
    const jobs = await activate(type, 3_000);
    expect(jobs, `jobs of type '${type}'`).to.have.length(1);
    return jobs[0]!;
  }

  /** The incidents on `elementId`, or null while there are none (for waitUntil). */
  async function incidentsIn(processInstanceKey: string, elementId: string) {
    const found = (await incidentsOf(h, processInstanceKey)).filter((i) => i.elementId === elementId);
    return found.length > 0 ? found : null;
  }

  async function expectGone(...processInstanceKeys: string[]): Promise<void> {
    for (const key of processInstanceKeys) {
      await waitUntil(async () => (await leftoverState(h, key)).instances === 0, 5_000, `instance ${key} to end`);
      expect(await leftoverState(h, key), `state of ${key}`).to.deep.equal(EMPTY_STATE);
    }
  }

  describe('starting the called process', () => {
    before(async () => {
      await deployXml(h, 'ca-child.bpmn', childProcess('ca-child', 'ca-child-work'));
      await deployXml(h, 'ca-parent.bpmn', parentProcess('ca-parent', callActivity('call', 'ca-child'), 'ca-parent-after'));
      await deployXml(h, 'ca-feel-target.bpmn', childProcess('ca-feel-target', 'ca-feel-work'));
      await deployXml(h, 'ca-parent-feel.bpmn', parentProcess('ca-parent-feel', callActivity('call', '="ca-" + kind + "-target"'), 'ca-feel-after'));
    });

    it('starts the called process; the parent waits for the child’s job and continues when the child completes', async () => {
      // given
      const parent = await h.client.createProcessInstance({ bpmnProcessId: 'ca-parent', variables: { applicant: 'li' } });
      // when
      const job = await onlyJob('ca-child-work');
      // then the job belongs to the child, which records its caller
      expect(job.processInstanceKey).to.not.equal(parent.processInstanceKey);
      expect(job.bpmnProcessId).to.equal('ca-child');
      const [child] = await childrenOf(parent.processInstanceKey);
      expect(child!.key).to.equal(job.processInstanceKey);
      const callKey = (await h.database.db.raw("select key::text from engine.element_instances where process_instance_key = ? and element_id = 'call'", [parent.processInstanceKey])).rows[0].key as string;
      expect(child!.parent_element_instance_key).to.equal(callKey);
      const rootRecord = await h.database.db.raw(
        "select payload from engine.records where process_instance_key = ? and value_type = 'PROCESS_INSTANCE' and intent = 'ELEMENT_ACTIVATING' and payload->>'bpmnElementType' = 'PROCESS'",
        [child!.key],
      );
      expect(rootRecord.rows[0].payload).to.include({ parentProcessInstanceKey: parent.processInstanceKey, parentElementInstanceKey: callKey });
      expect(await elementState(parent.processInstanceKey, 'call')).to.equal('ACTIVATED');
      expect(await activate('ca-parent-after', -1)).to.have.length(0);
      // when the child's job completes
      await h.client.completeJob({ jobKey: job.key, variables: {} });
      // then
      const after = await onlyJob('ca-parent-after');
      expect(after.processInstanceKey).to.equal(parent.processInstanceKey);
      await h.client.completeJob({ jobKey: after.key, variables: {} });
      await expectGone(parent.processInstanceKey, child!.key);
    });

    it('starts the latest version of the called process', async () => {
      // given two versions of the called process
      await deployXml(h, 'ca-versioned.bpmn', childProcess('ca-versioned', 'ca-versioned-v1'));
      await deployXml(h, 'ca-versioned.bpmn', childProcess('ca-versioned', 'ca-versioned-v2'));
      await deployXml(h, 'ca-parent-versioned.bpmn', parentProcess('ca-parent-versioned', callActivity('call', 'ca-versioned'), 'ca-versioned-after'));
      // when
      const parent = await h.client.createProcessInstance({ bpmnProcessId: 'ca-parent-versioned', variables: {} });
      // then
      const job = await onlyJob('ca-versioned-v2');
      expect(job.processDefinitionVersion).to.equal(2);
      await h.client.completeJob({ jobKey: job.key, variables: {} });
      await h.client.completeJob({ jobKey: (await onlyJob('ca-versioned-after')).key, variables: {} });
      await expectGone(parent.processInstanceKey, job.processInstanceKey);
    });

    it('evaluates a FEEL process id in the call activity’s scope when it is activated', async () => {
      const parent = await h.client.createProcessInstance({ bpmnProcessId: 'ca-parent-feel', variables: { kind: 'feel' } });
      const job = await onlyJob('ca-feel-work');
      expect(job.bpmnProcessId).to.equal('ca-feel-target');
      await h.client.completeJob({ jobKey: job.key, variables: {} });
      await h.client.completeJob({ jobKey: (await onlyJob('ca-feel-after')).key, variables: {} });
      await expectGone(parent.processInstanceKey, job.processInstanceKey);
    });
  });

  describe('variables', () => {
    before(async () => {
      await deployXml(h, 'ca-io-child.bpmn', childProcess('ca-io-child', 'ca-io-work'));
      const inputs = ioMapping([['=a + 10', 'x']]);
      await deployXml(h, 'ca-io-all.bpmn', parentProcess('ca-io-all', callActivity('call', 'ca-io-child', { extensions: inputs }), 'ca-io-all-after'));
      await deployXml(h, 'ca-io-local.bpmn', parentProcess('ca-io-local', callActivity('call', 'ca-io-child', { attributes: 'propagateAllParentVariables="false"', extensions: inputs }), 'ca-io-local-after'));
      await deployXml(
        h,
        'ca-io-mapped.bpmn',
        parentProcess('ca-io-mapped', callActivity('call', 'ca-io-child', { attributes: 'propagateAllChildVariables="false"', extensions: ioMapping([], [['=result', 'outcome']]) }), 'ca-io-mapped-after'),
      );
      await deployXml(h, 'ca-io-none.bpmn', parentProcess('ca-io-none', callActivity('call', 'ca-io-child', { attributes: 'propagateAllChildVariables="false"' }), 'ca-io-none-after'));
    });

    /** Runs one parent: the child's job sees `childSees`, completes with `childReturns`; returns what the parent's next job sees. */
    async function roundTrip(bpmnProcessId: string, variables: Record<string, unknown>, childReturns: Record<string, unknown>) {
      const parent = await h.client.createProcessInstance({ bpmnProcessId, variables: variables as Record<string, never> });
      const job = await onlyJob('ca-io-work');
      await h.client.completeJob({ jobKey: job.key, variables: childReturns as Record<string, never> });
      const after = await onlyJob(`${bpmnProcessId}-after`);
      await h.client.completeJob({ jobKey: after.key, variables: {} });
      await expectGone(parent.processInstanceKey, job.processInstanceKey);
      return { childSaw: job.variables, parentSees: after.variables };
    }

    it('by default the child gets every visible variable (input mappings included) and the parent gets the child’s variables back', async () => {
      const { childSaw, parentSees } = await roundTrip('ca-io-all', { a: 1, b: 2 }, { result: 'r', a: 5 });
      expect(childSaw).to.deep.equal({ a: 1, b: 2, x: 11 });
      expect(parentSees).to.deep.include({ a: 5, b: 2, result: 'r' });
    });

    it('propagateAllParentVariables="false": the child gets only the call activity’s input mappings', async () => {
      const { childSaw } = await roundTrip('ca-io-local', { a: 1, b: 2 }, {});
      expect(childSaw).to.deep.equal({ x: 11 });
    });

    it('propagateAllChildVariables="false" with output mappings: only the mapped variables come back', async () => {
      const { parentSees } = await roundTrip('ca-io-mapped', { a: 1 }, { result: 'r', secret: 's' });
      expect(parentSees).to.deep.equal({ a: 1, outcome: 'r' });
    });

    it('propagateAllChildVariables="false" without output mappings: nothing comes back', async () => {
      const { parentSees } = await roundTrip('ca-io-none', { a: 1 }, { result: 'r', a: 7 });
      expect(parentSees).to.deep.equal({ a: 1 });
    });
  });

  describe('errors thrown in the child', () => {
    const errors = '<bpmn:error id="err-rejected" errorCode="REJECTED" /><bpmn:error id="err-child-failed" errorCode="CHILD_FAILED" />';
    before(async () => {
      await deployXml(h, 'ca-err-child.bpmn', childProcess('ca-err-child', 'ca-err-work'));
      await deployXml(
        h,
        'ca-err-parent.bpmn',
        parentProcess('ca-err-parent', callActivity('call', 'ca-err-child'), 'ca-err-after', `${errorBoundary('rejected', 'call', 'err-rejected')}${serviceTask('handle', 'ca-err-handle')}<bpmn:endEvent id="handled" />${flows('rejected', 'handle', 'handled')}`, errors),
      );
      await deployXml(
        h,
        'ca-err-end-child.bpmn',
        definitions(errors, process('ca-err-end-child', `<bpmn:startEvent id="start" /><bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="err-child-failed" /></bpmn:endEvent>${flows('start', 'fail')}`)),
      );
      await deployXml(
        h,
        'ca-err-end-parent.bpmn',
        parentProcess('ca-err-end-parent', callActivity('call', 'ca-err-end-child'), 'ca-err-end-after', `${errorBoundary('any', 'call')}${serviceTask('handle', 'ca-err-end-handle')}<bpmn:endEvent id="handled" />${flows('any', 'handle', 'handled')}`),
      );
    });

    it('an error thrown by the child’s job is caught by an error boundary event on the call activity; the child is cancelled', async () => {
      // given
      const parent = await h.client.createProcessInstance({ bpmnProcessId: 'ca-err-parent', variables: {} });
      const job = await onlyJob('ca-err-work');
      // when
      await h.client.throwError({ jobKey: job.key, errorCode: 'REJECTED', errorMessage: 'no permit', variables: { reason: 'no permit' } } as never);
      // then
      const handle = await onlyJob('ca-err-handle');
      expect(handle.processInstanceKey).to.equal(parent.processInstanceKey);
      expect(handle.variables).to.deep.include({ reason: 'no permit' });
      await expectGone(job.processInstanceKey);
      await expectGrpcError(h.client.completeJob({ jobKey: job.key, variables: {} }), '5 NOT_FOUND:');
      await h.client.completeJob({ jobKey: handle.key, variables: {} });
      await expectGone(parent.processInstanceKey);
    });

    it('an error end event in the child is caught by a catch-all error boundary event on the call activity', async () => {
      const parent = await h.client.createProcessInstance({ bpmnProcessId: 'ca-err-end-parent', variables: {} });
      const handle = await onlyJob('ca-err-end-handle');
      expect(handle.processInstanceKey).to.equal(parent.processInstanceKey);
      await h.client.completeJob({ jobKey: handle.key, variables: {} });
      const errorEnds = await h.database.db.raw("select distinct process_instance_key::text as key from engine.records where value_type = 'PROCESS_INSTANCE' and payload->>'elementId' = 'fail' and payload->>'parentProcessInstanceKey' = ?", [
        parent.processInstanceKey,
      ]);
      expect(errorEnds.rows).to.have.length(1);
      await expectGone(parent.processInstanceKey, errorEnds.rows[0].key as string);
    });

    it('an error nobody catches is an incident in the child, on the throwing task; the parent has none', async () => {
      // given
      const parent = await h.client.createProcessInstance({ bpmnProcessId: 'ca-err-parent', variables: {} });
      const job = await onlyJob('ca-err-work');
      // when
      await h.client.throwError({ jobKey: job.key, errorCode: 'UNKNOWN', errorMessage: 'unexpected' });
      // then
      const [incident] = await waitUntil(async () => incidentsIn(job.processInstanceKey, 'work'), 5_000, 'the incident in the child');
      expect(incident).to.deep.include({ errorType: 'UNHANDLED_ERROR_EVENT', jobKey: job.key });
      expect(incident!.errorMessage).to.equal("Expected to throw an error event with the code 'UNKNOWN' with message 'unexpected', but it was not caught. No error events are available in the scope.");
      expect(await incidentsOf(h, parent.processInstanceKey)).to.have.length(0);
      expect(await elementState(parent.processInstanceKey, 'call')).to.equal('ACTIVATED');
      // cleaning up: the parent's cancellation takes the child and its incident with it
      await h.client.cancelProcessInstance(parent.processInstanceKey);
      await expectGone(parent.processInstanceKey, job.processInstanceKey);
    });

    it('an error end event nobody catches is an incident in the child, on the end event', async () => {
      // given a parent without any error catch event
      await deployXml(h, 'ca-err-end-uncaught.bpmn', parentProcess('ca-err-end-uncaught', callActivity('call', 'ca-err-end-child'), 'ca-err-end-uncaught-after'));
      // when
      const parent = await h.client.createProcessInstance({ bpmnProcessId: 'ca-err-end-uncaught', variables: {} });
      // then
      const [child] = await waitUntil(async () => {
        const found = await childrenOf(parent.processInstanceKey);
        return found.length > 0 ? found : null;
      });
      const [incident] = await waitUntil(async () => incidentsIn(child!.key, 'fail'), 5_000, 'the incident on the error end event');
      expect(incident).to.deep.include({ errorType: 'UNHANDLED_ERROR_EVENT', jobKey: null });
      expect(incident!.errorMessage).to.contain("'CHILD_FAILED'").and.to.contain('was not caught');
      expect(await incidentsOf(h, parent.processInstanceKey)).to.have.length(0);
      await h.client.cancelProcessInstance(parent.processInstanceKey);
      await expectGone(parent.processInstanceKey, child!.key);
    });
  });

  describe('cancellation', () => {
    before(async () => {
      await deployXml(h, 'ca-cancel-child.bpmn', childProcess('ca-cancel-child', 'ca-cancel-work'));
      await deployXml(h, 'ca-cancel-parent.bpmn', parentProcess('ca-cancel-parent', callActivity('call', 'ca-cancel-child'), 'ca-cancel-after'));
      await deployXml(
        h,
        'ca-timer-parent.bpmn',
        parentProcess(
          'ca-timer-parent',
          callActivity('call', 'ca-cancel-child'),
          'ca-timer-after',
          `<bpmn:boundaryEvent id="too-long" attachedToRef="call">${timerDefinition('timeDuration', 'PT1H')}</bpmn:boundaryEvent>${serviceTask('chase', 'ca-timer-chase')}<bpmn:endEvent id="chased" />${flows('too-long', 'chase', 'chased')}`,
        ),
      );
    });

    it('cancelling the parent cancels the child and its jobs', async () => {
      // given
      const parent = await h.client.createProcessInstance({ bpmnProcessId: 'ca-cancel-parent', variables: {} });
      const job = await onlyJob('ca-cancel-work');
      // when
      await h.client.cancelProcessInstance(parent.processInstanceKey);
      // then
      await expectGone(parent.processInstanceKey, job.processInstanceKey);
      await expectGrpcError(h.client.completeJob({ jobKey: job.key, variables: {} }), '5 NOT_FOUND:');
    });

    it('cancelling the child directly is refused with 9 FAILED_PRECONDITION naming the root instance', async () => {
      const parent = await h.client.createProcessInstance({ bpmnProcessId: 'ca-cancel-parent', variables: {} });
      const job = await onlyJob('ca-cancel-work');
      await expectGrpcError(
        h.client.cancelProcessInstance(job.processInstanceKey),
        '9 FAILED_PRECONDITION:',
        `Expected to cancel a process instance with key '${job.processInstanceKey}', but it is created by a parent process instance. Cancel the root process instance '${parent.processInstanceKey}' instead.`,
      );
      expect((await leftoverState(h, job.processInstanceKey)).jobs).to.equal(1);
      await h.client.cancelProcessInstance(parent.processInstanceKey);
      await expectGone(parent.processInstanceKey, job.processInstanceKey);
    });

    it('an interrupting timer boundary event on the call activity terminates it and cancels the child', async () => {
      // given
      const parent = await h.client.createProcessInstance({ bpmnProcessId: 'ca-timer-parent', variables: {} });
      const job = await onlyJob('ca-cancel-work');
      // when
      h.clock.add(HOUR + 1_000);
      await h.engine.sweep();
      // then
      const chase = await onlyJob('ca-timer-chase');
      expect(chase.processInstanceKey).to.equal(parent.processInstanceKey);
      await expectGone(job.processInstanceKey);
      await expectGrpcError(h.client.completeJob({ jobKey: job.key, variables: {} }), '5 NOT_FOUND:');
      await h.client.completeJob({ jobKey: chase.key, variables: {} });
      await expectGone(parent.processInstanceKey);
    });
  });

  describe('a called process that is not deployed', () => {
    before(async () => {
      await deployXml(h, 'ca-early-parent.bpmn', parentProcess('ca-early-parent', callActivity('call', 'ca-late-child'), 'ca-late-after'));
    });

    it('raises CALLED_ELEMENT_ERROR on the call activity; deployed and resolved, the call activity starts it', async () => {
      // given
      const parent = await h.client.createProcessInstance({ bpmnProcessId: 'ca-early-parent', variables: {} });
      const [incident] = await waitUntil(async () => incidentsIn(parent.processInstanceKey, 'call'), 5_000, 'the incident on the call activity');
      expect(incident).to.deep.include({ errorType: 'CALLED_ELEMENT_ERROR', errorMessage: "Expected process with BPMN process id 'ca-late-child' to be deployed, but not found." });
      expect(await elementState(parent.processInstanceKey, 'call')).to.equal('ACTIVATING');
      // when
      await deployXml(h, 'ca-late-child.bpmn', childProcess('ca-late-child', 'ca-late-work'));
      await h.client.resolveIncident({ incidentKey: incident!.key });
      // then
      const job = await onlyJob('ca-late-work');
      await h.client.completeJob({ jobKey: job.key, variables: {} });
      await h.client.completeJob({ jobKey: (await onlyJob('ca-late-after')).key, variables: {} });
      await expectGone(parent.processInstanceKey, job.processInstanceKey);
    });
  });

  describe('nesting', () => {
    before(async () => {
      await deployXml(h, 'ca-grandchild.bpmn', childProcess('ca-grandchild', 'ca-grandchild-work'));
      await deployXml(
        h,
        'ca-middle.bpmn',
        definitions(process('ca-middle', `<bpmn:startEvent id="start" />${callActivity('call-grandchild', 'ca-grandchild')}<bpmn:endEvent id="end" />${flows('start', 'call-grandchild', 'end')}`)),
      );
      await deployXml(
        h,
        'ca-root.bpmn',
        parentProcess(
          'ca-root',
          callActivity('call', 'ca-middle'),
          'ca-root-after',
          `${errorBoundary('deep-error', 'call', 'err-deep')}${serviceTask('handle', 'ca-root-handle')}<bpmn:endEvent id="handled" />${flows('deep-error', 'handle', 'handled')}`,
          '<bpmn:error id="err-deep" errorCode="DEEP" />',
        ),
      );
    });

    async function startHierarchy() {
      const root = await h.client.createProcessInstance({ bpmnProcessId: 'ca-root', variables: { level: 'root' } });
      const job = await onlyJob('ca-grandchild-work');
      const [middle] = await childrenOf(root.processInstanceKey);
      const [grandchild] = await childrenOf(middle!.key);
      expect(grandchild!.key).to.equal(job.processInstanceKey);
      return { root: root.processInstanceKey, middle: middle!.key, grandchild: grandchild!.key, job };
    }

    it('a grandchild’s variables come back through both call activities', async () => {
      const { root, middle, grandchild, job } = await startHierarchy();
      expect(job.variables).to.deep.equal({ level: 'root' });
      await h.client.completeJob({ jobKey: job.key, variables: { found: 'deep' } });
      const after = await onlyJob('ca-root-after');
      expect(after.variables).to.deep.equal({ level: 'root', found: 'deep' });
      await h.client.completeJob({ jobKey: after.key, variables: {} });
      await expectGone(root, middle, grandchild);
    });

    it('an error thrown in the grandchild and caught nowhere below is caught at the root’s call activity', async () => {
      const { root, middle, grandchild, job } = await startHierarchy();
      await h.client.throwError({ jobKey: job.key, errorCode: 'DEEP', errorMessage: 'from below' });
      const handle = await onlyJob('ca-root-handle');
      expect(handle.processInstanceKey).to.equal(root);
      await expectGone(middle, grandchild);
      await h.client.completeJob({ jobKey: handle.key, variables: {} });
      await expectGone(root);
    });

    it('cancelling the root cancels the child and the grandchild; cancelling the grandchild names the root', async () => {
      const { root, middle, grandchild } = await startHierarchy();
      await expectGrpcError(h.client.cancelProcessInstance(grandchild), '9 FAILED_PRECONDITION:', `Cancel the root process instance '${root}' instead.`);
      await h.client.cancelProcessInstance(root);
      await expectGone(root, middle, grandchild);
    });
  });

  describe('multi-instance', () => {
    before(async () => {
      await deployXml(h, 'ca-mi-child.bpmn', childProcess('ca-mi-child', 'ca-mi-work'));
      const loop = `<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" inputElement="item" outputCollection="results" outputElement="=doubled" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>`;
      await deployXml(h, 'ca-mi-parent.bpmn', parentProcess('ca-mi-parent', callActivity('call', 'ca-mi-child', { body: loop }), 'ca-mi-after'));
    });

    it('a parallel multi-instance call activity starts one child per item and collects each child’s result at its index', async () => {
      // given
      const parent = await h.client.createProcessInstance({ bpmnProcessId: 'ca-mi-parent', variables: { items: [1, 2, 3] } });
      // the children are created one outbox delivery each: collect their jobs as they come
      const all: Awaited<ReturnType<typeof activate>> = [];
      await waitUntil(async () => {
        all.push(...(await activate('ca-mi-work', 300)));
        return all.length >= 3;
      }, 8_000, 'three child jobs');
      expect(all).to.have.length(3);
      expect(new Set(all.map((j) => j.processInstanceKey)).size).to.equal(3);
      // when the children complete in reverse order
      for (const job of [...all].sort((a, b) => Number(b.variables.item) - Number(a.variables.item))) {
        await h.client.completeJob({ jobKey: job.key, variables: { doubled: Number(job.variables.item) * 2 } });
      }
      // then
      const after = await onlyJob('ca-mi-after');
      expect(after.variables.results).to.deep.equal([2, 4, 6]);
      await h.client.completeJob({ jobKey: after.key, variables: {} });
      await expectGone(parent.processInstanceKey, ...all.map((j) => j.processInstanceKey));
    });
  });

  it('refuses to deploy a call activity without zeebe:calledElement processId', async () => {
    const xml = definitions(process('ca-broken', `<bpmn:startEvent id="start" /><bpmn:callActivity id="call" /><bpmn:endEvent id="end" />${flows('start', 'call', 'end')}`));
    await expectGrpcError(deployXml(h, 'ca-broken.bpmn', xml), '3 INVALID_ARGUMENT:', "Element 'call'", 'zeebe:calledElement');
  });
});

