import { expect } from 'chai';
import { activateOnce, elementRecords, EMPTY_STATE, leftoverState, rawGrpc, useEngine, waitUntil, type EngineHarness } from './support/engine-harness.js';
import { expectGrpcError } from './support/expect-grpc.js';

/** Keys of the element instances of `elementId` in the instance, oldest first. */
async function elementKeys(h: EngineHarness, processInstanceKey: string, elementId: string): Promise<string[]> {
  const r = await h.database.db.raw('select key::text from engine.element_instances where process_instance_key = ? and element_id = ? order by key', [processInstanceKey, elementId]);
  return (r.rows as Array<{ key: string }>).map((row) => row.key);
}

/** Everything a rejected modification must leave untouched: the instance's rows and its record count. */
async function snapshot(h: EngineHarness, processInstanceKey: string): Promise<Record<string, unknown>> {
  const r = await h.database.db.raw(
    `select (select count(*) from engine.records where process_instance_key = :pi) as records,
            (select json_agg(e order by e.key) from engine.element_instances e where e.process_instance_key = :pi) as elements,
            (select json_agg(v order by v.scope_key, v.name) from engine.variables v where v.process_instance_key = :pi) as variables,
            (select json_agg(j.key order by j.key) from engine.jobs j where j.process_instance_key = :pi) as jobs`,
    { pi: processInstanceKey },
  );
  return r.rows[0] as Record<string, unknown>;
}

describe('ModifyProcessInstance', () => {
  const h = useEngine('modify');
  before(async () => h.deploy('modify-subprocess.bpmn', 'modify-multi-instance.bpmn', 'one-task.bpmn', 'modify-calling.bpmn'));

  async function startAtTaskA(variables: Record<string, string> = {}): Promise<string> {
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'modify-subprocess', variables });
    return pi.processInstanceKey;
  }

  it('moves the token: terminates task A and activates task C, with global and local variables', async () => {
    // given an instance waiting at task A
    const pi = await startAtTaskA();
    const [taskA] = await elementKeys(h, pi, 'task-a');
    const [jobA] = await activateOnce(h.client, 'mod-a');
    // when
    await h.client.modifyProcessInstance({
      processInstanceKey: pi,
      activateInstructions: [{ elementId: 'task-c', ancestorElementInstanceKey: '-1', variableInstructions: [{ scopeId: '', variables: { global: 1 } }, { scopeId: 'task-c', variables: { local: 2 } }] }],
      terminateInstructions: [{ elementInstanceKey: taskA! }],
    });
    // then task A is gone with its job, task C waits with the variables, global at the root and local on task C
    await expectGrpcError(h.client.completeJob({ jobKey: jobA!.key, variables: {} }), '5 NOT_FOUND:', jobA!.key);
    const [jobC] = await activateOnce(h.client, 'mod-c');
    expect(jobC!.variables).to.deep.equal({ global: 1, local: 2 });
    const [taskC] = await elementKeys(h, pi, 'task-c');
    const scopes = await h.database.db.raw('select scope_key::text, name from engine.variables where process_instance_key = ? order by name', [pi]);
    expect(scopes.rows).to.deep.equal([
      { scope_key: pi, name: 'global' },
      { scope_key: taskC, name: 'local' },
    ]);
    // and the history shows the modification, followed by what it did
    const history = await h.database.db.raw(
      "select value_type || ' ' || intent || coalesce(' ' || (payload->>'elementId'), '') as entry from engine.records where process_instance_key = ? and value_type like 'PROCESS_INSTANCE%' order by position",
      [pi],
    );
    const entries = (history.rows as Array<{ entry: string }>).map((r) => r.entry);
    const modifiedAt = entries.indexOf('PROCESS_INSTANCE_MODIFICATION MODIFIED');
    expect(modifiedAt).to.be.greaterThan(0);
    expect(entries.slice(modifiedAt + 1, modifiedAt + 5)).to.deep.equal([
      'PROCESS_INSTANCE ELEMENT_TERMINATING task-a',
      'PROCESS_INSTANCE ELEMENT_TERMINATED task-a',
      'PROCESS_INSTANCE ELEMENT_ACTIVATING task-c',
      'PROCESS_INSTANCE ELEMENT_ACTIVATED task-c',
    ]);
    await h.client.completeJob({ jobKey: jobC!.key, variables: {} });
    expect((await elementRecords(h, pi)).at(-1)).to.deep.equal({ intent: 'ELEMENT_COMPLETED', elementId: 'modify-subprocess' });
    expect(await leftoverState(h, pi)).to.deep.equal(EMPTY_STATE);
  });

  it('activates an element inside a sub-process by creating the sub-process, without running its start event', async () => {
    // given
    const pi = await startAtTaskA();
    const [taskA] = await elementKeys(h, pi, 'task-a');
    // when
    await h.client.modifyProcessInstance({
      processInstanceKey: pi,
      activateInstructions: [{ elementId: 'task-b', ancestorElementInstanceKey: '-1', variableInstructions: [{ scopeId: 'sub', variables: { inSub: true } }] }],
      terminateInstructions: [{ elementInstanceKey: taskA! }],
    });
    // then
    const [sub] = await elementKeys(h, pi, 'sub');
    const [jobB] = await activateOnce(h.client, 'mod-b');
    expect(jobB!.variables).to.deep.equal({ inSub: true });
    expect(jobB!.elementInstanceKey).to.equal((await elementKeys(h, pi, 'task-b'))[0]);
    const local = await h.database.db.raw('select scope_key::text from engine.variables where process_instance_key = ? and name = ?', [pi, 'inSub']);
    expect(local.rows).to.deep.equal([{ scope_key: sub }]);
    const records = await elementRecords(h, pi);
    expect(records.some((r) => r.elementId === 'sub-start')).to.equal(false);
    // and the instance goes on from there: the sub-process completes, then task C
    await h.client.completeJob({ jobKey: jobB!.key, variables: {} });
    const [jobC] = await activateOnce(h.client, 'mod-c');
    expect(jobC!.variables).to.deep.equal({});
    await h.client.completeJob({ jobKey: jobC!.key, variables: {} });
    expect(await leftoverState(h, pi)).to.deep.equal(EMPTY_STATE);
  });

  it('terminates a flow scope left empty by a termination, up to the process instance', async () => {
    // given an instance inside the sub-process
    const pi = await startAtTaskA();
    const [taskA] = await elementKeys(h, pi, 'task-a');
    await h.client.modifyProcessInstance({ processInstanceKey: pi, activateInstructions: [{ elementId: 'task-b', ancestorElementInstanceKey: '-1', variableInstructions: [] }], terminateInstructions: [{ elementInstanceKey: taskA! }] });
    const [taskB] = await elementKeys(h, pi, 'task-b');
    // when its only element is terminated
    await h.client.modifyProcessInstance({ processInstanceKey: pi, terminateInstructions: [{ elementInstanceKey: taskB! }] });
    // then the sub-process and then the process instance are terminated (not completed: task C never runs)
    const records = await elementRecords(h, pi);
    expect(records.slice(-4)).to.deep.equal([
      { intent: 'ELEMENT_TERMINATING', elementId: 'sub' },
      { intent: 'ELEMENT_TERMINATED', elementId: 'sub' },
      { intent: 'ELEMENT_TERMINATING', elementId: 'modify-subprocess' },
      { intent: 'ELEMENT_TERMINATED', elementId: 'modify-subprocess' },
    ]);
    expect(records.some((r) => r.elementId === 'task-c')).to.equal(false);
    expect(await leftoverState(h, pi)).to.deep.equal(EMPTY_STATE);
    await expectGrpcError(h.client.modifyProcessInstance({ processInstanceKey: pi, terminateInstructions: [] }), '5 NOT_FOUND:', pi);
  });

  it('keeps a flow scope that still has another element active', async () => {
    // given two tokens in the process: task A and task C
    const pi = await startAtTaskA();
    await h.client.modifyProcessInstance({ processInstanceKey: pi, activateInstructions: [{ elementId: 'task-c', ancestorElementInstanceKey: '-1', variableInstructions: [] }] });
    const [taskA] = await elementKeys(h, pi, 'task-a');
    // when task A is terminated
    await h.client.modifyProcessInstance({ processInstanceKey: pi, terminateInstructions: [{ elementInstanceKey: taskA! }] });
    // then the process instance goes on with task C
    expect(await elementKeys(h, pi, 'modify-subprocess')).to.deep.equal([pi]);
    const [jobC] = await activateOnce(h.client, 'mod-c');
    await h.client.completeJob({ jobKey: jobC!.key, variables: {} });
    expect(await leftoverState(h, pi)).to.deep.equal(EMPTY_STATE);
  });

  it('creates a new instance of the sub-process under an ancestor, and chooses among several by ancestor', async () => {
    // given an instance inside the sub-process
    const pi = await startAtTaskA();
    const [taskA] = await elementKeys(h, pi, 'task-a');
    await h.client.modifyProcessInstance({ processInstanceKey: pi, activateInstructions: [{ elementId: 'task-b', ancestorElementInstanceKey: '-1', variableInstructions: [] }], terminateInstructions: [{ elementInstanceKey: taskA! }] });
    const [firstSub] = await elementKeys(h, pi, 'sub');
    // when task B is activated with the process instance as ancestor: a second sub-process instance
    await h.client.modifyProcessInstance({ processInstanceKey: pi, activateInstructions: [{ elementId: 'task-b', ancestorElementInstanceKey: pi, variableInstructions: [{ scopeId: 'sub', variables: { n: 2 } }] }] });
    const subs = await elementKeys(h, pi, 'sub');
    expect(subs).to.have.length(2);
    // then without an ancestor the flow scope is ambiguous, and with one of the sub-processes as ancestor it is not
    await expectGrpcError(
      h.client.modifyProcessInstance({ processInstanceKey: pi, activateInstructions: [{ elementId: 'task-b', ancestorElementInstanceKey: '-1', variableInstructions: [] }] }),
      '3 INVALID_ARGUMENT:',
      "flow scope 'sub'",
      subs[0]!,
      subs[1]!,
    );
    await h.client.modifyProcessInstance({ processInstanceKey: pi, activateInstructions: [{ elementId: 'task-b', ancestorElementInstanceKey: firstSub!, variableInstructions: [] }] });
    const taskBs = await h.database.db.raw("select flow_scope_key::text from engine.element_instances where process_instance_key = ? and element_id = 'task-b' order by key", [pi]);
    expect(taskBs.rows.map((r: { flow_scope_key: string }) => r.flow_scope_key)).to.deep.equal([firstSub, subs[1], firstSub]);
    const second = await h.database.db.raw("select value from engine.variables where scope_key = ? and name = 'n'", [subs[1]!]);
    expect(second.rows).to.deep.equal([{ value: 2 }]);
    await h.client.cancelProcessInstance(pi);
    expect(await leftoverState(h, pi)).to.deep.equal(EMPTY_STATE);
  });

  it('activates a multi-instance activity itself: its body iterates as usual', async () => {
    // given
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'modify-multi-instance', variables: {} });
    const [prepare] = await elementKeys(h, pi.processInstanceKey, 'prepare');
    // when
    await h.client.modifyProcessInstance({
      processInstanceKey: pi.processInstanceKey,
      activateInstructions: [{ elementId: 'per-item', ancestorElementInstanceKey: '-1', variableInstructions: [{ scopeId: '', variables: { items: ['x', 'y'] } }] }],
      terminateInstructions: [{ elementInstanceKey: prepare! }],
    });
    // then
    const jobs = await activateOnce(h.client, 'mod-mi-item');
    expect(jobs.map((j) => j.variables.item).sort()).to.deep.equal(['x', 'y']);
    for (const job of jobs) await h.client.completeJob({ jobKey: job.key, variables: {} });
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });

  it('refuses to end an instance a call activity started (3): the parent is to be modified instead', async () => {
    // given a parent whose call activity waits for a child at its task
    const parent = await h.client.createProcessInstance({ bpmnProcessId: 'modify-calling', variables: {} });
    const child = await waitUntil(async () => {
      const r = await h.database.db.raw("select key::text from engine.process_instances where bpmn_process_id = 'one-task'");
      return (r.rows as Array<{ key: string }>)[0]?.key;
    }, 5000, 'the child instance');
    const [task] = await elementKeys(h, child, 'do-work');
    const before = await snapshot(h, child);
    // when its only element, or the child itself, would be terminated, then the modification is refused
    for (const elementInstanceKey of [task!, child]) {
      await expectGrpcError(h.client.modifyProcessInstance({ processInstanceKey: child, terminateInstructions: [{ elementInstanceKey }] }), '3 INVALID_ARGUMENT:', `process instance '${parent.processInstanceKey}'`, 'modify that parent instance instead');
    }
    expect(await snapshot(h, child)).to.deep.equal(before);
    // and cancelling the parent takes the child along
    await h.client.cancelProcessInstance(parent.processInstanceKey);
    await waitUntil(async () => (await leftoverState(h, child)).instances === 0, 5000, 'the child to be cancelled');
    for (const pi of [parent.processInstanceKey, child]) expect(await leftoverState(h, pi)).to.deep.equal(EMPTY_STATE);
  });

  describe('rejections (each changes nothing)', () => {
    let pi = '';
    let taskA = '';
    let before: Record<string, unknown> = {};

    beforeEach(async () => {
      pi = await startAtTaskA({ keep: 'me' });
      [taskA] = (await elementKeys(h, pi, 'task-a')) as [string];
      before = await snapshot(h, pi);
    });

    afterEach(async () => {
      expect(await snapshot(h, pi)).to.deep.equal(before);
      await h.client.cancelProcessInstance(pi);
      expect(await leftoverState(h, pi)).to.deep.equal(EMPTY_STATE);
    });

    const activate = (elementId: string, extra: { ancestorElementInstanceKey?: string; variableInstructions?: Array<{ scopeId: string; variables: Record<string, number> }> } = {}) => ({
      elementId,
      ancestorElementInstanceKey: extra.ancestorElementInstanceKey ?? '-1',
      variableInstructions: extra.variableInstructions ?? [],
    });

    it('answers 5 NOT_FOUND for an unknown process instance', async () => {
      await expectGrpcError(h.client.modifyProcessInstance({ processInstanceKey: '2251799813999999', terminateInstructions: [] }), '5 NOT_FOUND:', "Expected to modify a process instance with key '2251799813999999'");
    });

    it('answers 3 for an element id the process does not have', async () => {
      await expectGrpcError(h.client.modifyProcessInstance({ processInstanceKey: pi, activateInstructions: [activate('task-c'), activate('nope')] }), '3 INVALID_ARGUMENT:', 'could not be found', "'nope'");
    });

    for (const [elementId, type] of [
      ['start', 'START_EVENT'],
      ['sub-start', 'START_EVENT'],
      ['a-failed', 'BOUNDARY_EVENT'],
      ['f1', 'SEQUENCE_FLOW'],
      ['modify-subprocess', 'PROCESS'],
    ]) {
      it(`answers 3 for an element that cannot be activated: ${type} '${elementId}'`, async () => {
        await expectGrpcError(h.client.modifyProcessInstance({ processInstanceKey: pi, activateInstructions: [activate(elementId!)] }), '3 INVALID_ARGUMENT:', 'cannot be activated', `'${elementId}'`, type!);
      });
    }

    it('answers 3 for an element inside a multi-instance activity', async () => {
      // the check is on the model, so an instance of another process shows it as well as one of this process
      const mi = await h.client.createProcessInstance({ bpmnProcessId: 'modify-multi-instance', variables: {} });
      try {
        await expectGrpcError(h.client.modifyProcessInstance({ processInstanceKey: mi.processInstanceKey, activateInstructions: [activate('handle-item')] }), '3 INVALID_ARGUMENT:', "'handle-item'", "multi-instance activity 'per-item'");
      } finally {
        await h.client.cancelProcessInstance(mi.processInstanceKey);
      }
    });

    it('answers 3 for a terminate key that is no element instance of this process instance (and applies no activation)', async () => {
      const other = await startAtTaskA();
      try {
        const [otherTaskA] = await elementKeys(h, other, 'task-a');
        await expectGrpcError(
          h.client.modifyProcessInstance({ processInstanceKey: pi, activateInstructions: [activate('task-c')], terminateInstructions: [{ elementInstanceKey: taskA }, { elementInstanceKey: otherTaskA! }] }),
          '3 INVALID_ARGUMENT:',
          'terminate instructions',
          `'${otherTaskA}'`,
        );
      } finally {
        await h.client.cancelProcessInstance(other);
      }
    });

    it('answers 3 for a variable scope the process does not have', async () => {
      await expectGrpcError(
        h.client.modifyProcessInstance({ processInstanceKey: pi, activateInstructions: [activate('task-c', { variableInstructions: [{ scopeId: 'no-scope', variables: { a: 1 } }] })] }),
        '3 INVALID_ARGUMENT:',
        'scope element id',
        "'no-scope'",
      );
    });

    it('answers 3 for a variable scope that is neither the element nor one of its flow scopes', async () => {
      await expectGrpcError(
        h.client.modifyProcessInstance({ processInstanceKey: pi, activateInstructions: [activate('task-c', { variableInstructions: [{ scopeId: 'sub', variables: { a: 1 } }] })] }),
        '3 INVALID_ARGUMENT:',
        "element 'task-c'",
        "'sub'",
      );
    });

    it('answers 3 for variables that are not a JSON object', async () => {
      await expectGrpcError(
        rawGrpc(h.client).modifyProcessInstanceSync!({ processInstanceKey: pi, activateInstructions: [{ elementId: 'task-c', ancestorElementInstanceKey: '-1', variableInstructions: [{ scopeId: '', variables: '[1]' }] }], terminateInstructions: [] }),
        '3 INVALID_ARGUMENT:',
        'JSON object',
      );
    });

    it('answers 3 for an ancestor key that does not exist in the instance', async () => {
      await expectGrpcError(
        h.client.modifyProcessInstance({ processInstanceKey: pi, activateInstructions: [activate('task-c', { ancestorElementInstanceKey: '2251799813999998' })] }),
        '3 INVALID_ARGUMENT:',
        'ancestor',
        "'2251799813999998'",
      );
    });

    it('answers 3 for an ancestor that is not a flow scope of the element', async () => {
      await expectGrpcError(
        h.client.modifyProcessInstance({ processInstanceKey: pi, activateInstructions: [activate('task-b', { ancestorElementInstanceKey: taskA })] }),
        '3 INVALID_ARGUMENT:',
        `instance '${taskA}' of element 'task-a' is not an ancestor of element 'task-b'`,
      );
    });

    it('answers 3 when a terminate instruction would end the scope an activation is placed in', async () => {
      await expectGrpcError(
        h.client.modifyProcessInstance({ processInstanceKey: pi, activateInstructions: [activate('task-c')], terminateInstructions: [{ elementInstanceKey: pi }] }),
        '3 INVALID_ARGUMENT:',
        `'${pi}'`,
      );
    });
  });
});
