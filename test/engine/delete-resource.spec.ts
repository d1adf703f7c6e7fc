import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { activateOnce, EMPTY_STATE, fixture, leftoverState, newZbClient, rawGrpc, useEngine, type EngineHarness } from './support/engine-harness.js';
import { expectGrpcError } from './support/expect-grpc.js';

const DMN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'dmn');

/** A one-task process; `label` makes versions differ, `jobType` tells their jobs apart. */
function taskProcess(processId: string, jobType: string, label: string): Buffer {
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="http://bpmn.io/schema/bpmn">
<bpmn:process id="${processId}" isExecutable="true">
<bpmn:startEvent id="start" /> <bpmn:serviceTask id="work" name="${label}"><bpmn:extensionElements><zeebe:taskDefinition type="${jobType}" /></bpmn:extensionElements></bpmn:serviceTask> <bpmn:endEvent id="end" />
<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="work" /> <bpmn:sequenceFlow id="f1" sourceRef="work" targetRef="end" />
</bpmn:process></bpmn:definitions>`);
}

/** A process started only by a daily timer; `jobType` tells versions apart. */
function dailyProcess(processId: string, jobType: string): Buffer {
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="http://bpmn.io/schema/bpmn">
<bpmn:process id="${processId}" isExecutable="true">
<bpmn:startEvent id="daily"><bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">R/P1D</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
<bpmn:serviceTask id="work"><bpmn:extensionElements><zeebe:taskDefinition type="${jobType}" /></bpmn:extensionElements></bpmn:serviceTask> <bpmn:endEvent id="end" />
<bpmn:sequenceFlow id="f0" sourceRef="daily" targetRef="work" /> <bpmn:sequenceFlow id="f1" sourceRef="work" targetRef="end" />
</bpmn:process></bpmn:definitions>`);
}

interface Deployed {
  deployments: Array<{
    process?: { bpmnProcessId: string; version: number; processDefinitionKey: string };
    decision?: { decisionKey: string; dmnDecisionId: string; version: number };
    decisionRequirements?: { decisionRequirementsKey: string; version: number };
    form?: { formKey: string; version: number };
  }>;
}

async function deploy(h: EngineHarness, name: string, content: Buffer): Promise<Deployed['deployments'][number]> {
  const res = (await h.deployMany([{ name, content }])) as unknown as Deployed;
  return res.deployments[0]!;
}

function deleteResource(h: EngineHarness, resourceKey: string): Promise<unknown> {
  return rawGrpc(h.client).deleteResourceSync!({ resourceKey });
}

async function runningInstancesOf(h: EngineHarness, processDefinitionKey: string): Promise<number> {
  const r = await h.database.db.raw('select count(*)::int as n from engine.process_instances where process_definition_key = ?', [processDefinitionKey]);
  return (r.rows[0] as { n: number }).n;
}

async function deletedRecords(h: EngineHarness, key: string): Promise<string[]> {
  const r = await h.database.db.raw("select value_type from engine.records where key = ? and intent = 'DELETED' order by position", [key]);
  return (r.rows as Array<{ value_type: string }>).map((row) => row.value_type);
}

describe('DeleteResource', () => {
  const h = useEngine('delete-resource');

  it('deletes a process definition version: cancels its instances and jobs; new instances use the latest remaining version', async () => {
    // given two versions, with instances of both, and an activated job on version 2
    const v1 = (await deploy(h, 'deletable.bpmn', taskProcess('deletable', 'del-v1', 'v1'))).process!;
    const v2 = (await deploy(h, 'deletable.bpmn', taskProcess('deletable', 'del-v2', 'v2'))).process!;
    expect([v1.version, v2.version]).to.deep.equal([1, 2]);
    const ofV2 = await Promise.all([1, 2, 3].map(() => h.client.createProcessInstance({ bpmnProcessId: 'deletable', variables: { on: 'v2' } })));
    const ofV1 = await h.client.createProcessInstance({ bpmnProcessId: 'deletable', version: 1, variables: {} });
    const [job] = await activateOnce(h.client, 'del-v2', { maxJobs: 1 });
    // when version 2 is deleted
    await deleteResource(h, v2.processDefinitionKey);
    // then its instances are cancelled with their jobs, and version 1's instance runs on
    for (const pi of ofV2) expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
    await expectGrpcError(h.client.completeJob({ jobKey: job!.key, variables: {} }), '5 NOT_FOUND:', job!.key);
    expect(await runningInstancesOf(h, v1.processDefinitionKey)).to.equal(1);
    expect(await deletedRecords(h, v2.processDefinitionKey)).to.deep.equal(['PROCESS']);
    const terminated = await h.database.db.raw("select count(*)::int as n from engine.records where process_instance_key = any(?) and intent = 'ELEMENT_TERMINATED' and payload->>'elementId' = 'deletable'", [
      ofV2.map((pi) => pi.processInstanceKey),
    ]);
    expect(terminated.rows[0].n).to.equal(3);
    // and new instances: by key 5, by id the latest remaining version, by the deleted version 5
    const grpc = rawGrpc(h.client);
    await expectGrpcError(grpc.createProcessInstanceSync!({ processDefinitionKey: v2.processDefinitionKey, variables: '{}' }), '5 NOT_FOUND:', v2.processDefinitionKey);
    const latest = await h.client.createProcessInstance({ bpmnProcessId: 'deletable', variables: {} });
    expect(latest).to.include({ version: 1, processDefinitionKey: v1.processDefinitionKey });
    await expectGrpcError(h.client.createProcessInstance({ bpmnProcessId: 'deletable', version: 2, variables: {} }), '5 NOT_FOUND:', "version '2'");
    // the running instance of version 1 goes on
    const v1Jobs = await activateOnce(h.client, 'del-v1');
    for (const j of v1Jobs) await h.client.completeJob({ jobKey: j.key, variables: {} });
    for (const pi of [ofV1, latest]) expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });

  it('keeps deploying after the latest version is deleted: versions are never reused', async () => {
    // given
    const v1 = (await deploy(h, 'renumbered.bpmn', taskProcess('renumbered', 'ren', 'v1'))).process!;
    const v2 = (await deploy(h, 'renumbered.bpmn', taskProcess('renumbered', 'ren', 'v2'))).process!;
    // when the latest version is deleted
    await deleteResource(h, v2.processDefinitionKey);
    // then re-deploying version 1's content is an identical re-deploy of the latest remaining version
    expect((await deploy(h, 'renumbered.bpmn', taskProcess('renumbered', 'ren', 'v1'))).process).to.deep.include({ version: 1, processDefinitionKey: v1.processDefinitionKey });
    // and new content, even version 2's, gets the next number after the highest ever deployed
    const v3 = (await deploy(h, 'renumbered.bpmn', taskProcess('renumbered', 'ren', 'v2'))).process!;
    expect(v3.version).to.equal(3);
    expect((await h.client.createProcessInstance({ bpmnProcessId: 'renumbered', variables: {} })).version).to.equal(3);
    // when every version is deleted, there is nothing to start by id
    await deleteResource(h, v1.processDefinitionKey);
    await deleteResource(h, v3.processDefinitionKey);
    await expectGrpcError(h.client.createProcessInstance({ bpmnProcessId: 'renumbered', variables: {} }), '5 NOT_FOUND:', "'renumbered'");
    expect((await deploy(h, 'renumbered.bpmn', taskProcess('renumbered', 'ren', 'v4'))).process!.version).to.equal(4);
  });

  it('leaves an instance started by a call activity to finish: its caller (another process) goes on when it completes', async () => {
    // given a case process calling a shared service procedure, waiting in the called instance
    const called = await deploy(h, 'shared-service.bpmn', taskProcess('shared-service', 'serve-document', 'serve'));
    await deploy(h, 'calling-case.bpmn', Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="http://bpmn.io/schema/bpmn">
<bpmn:process id="calling-case" isExecutable="true">
<bpmn:startEvent id="start" /><bpmn:callActivity id="serve"><bpmn:extensionElements><zeebe:calledElement processId="shared-service" /></bpmn:extensionElements></bpmn:callActivity>
<bpmn:serviceTask id="close"><bpmn:extensionElements><zeebe:taskDefinition type="close-case" /></bpmn:extensionElements></bpmn:serviceTask><bpmn:endEvent id="end" />
<bpmn:sequenceFlow id="f0" sourceRef="start" targetRef="serve" /><bpmn:sequenceFlow id="f1" sourceRef="serve" targetRef="close" /><bpmn:sequenceFlow id="f2" sourceRef="close" targetRef="end" />
</bpmn:process></bpmn:definitions>`));
    const parent = await h.client.createProcessInstance({ bpmnProcessId: 'calling-case', variables: {} });
    const [serve] = await activateOnce(h.client, 'serve-document', { requestTimeout: 3_000 });
    // when the shared procedure's version is deleted
    await deleteResource(h, called.process!.processDefinitionKey);
    // then the called instance still runs to its end, and its caller goes on
    await h.client.completeJob({ jobKey: serve!.key, variables: { servedAt: '2026-11-26' } });
    const [close] = await activateOnce(h.client, 'close-case', { requestTimeout: 3_000 });
    expect(close!.processInstanceKey).to.equal(parent.processInstanceKey);
    expect(close!.variables).to.include({ servedAt: '2026-11-26' });
    await h.client.completeJob({ jobKey: close!.key, variables: {} });
    for (const key of [String(parent.processInstanceKey), String(serve!.processInstanceKey)]) {
      for (let i = 0; i < 50 && ((await leftoverState(h, key)).instances ?? 0) > 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await leftoverState(h, key)).to.deep.equal(EMPTY_STATE);
    }
  });

  it('moves start-event subscriptions back to the previous version when the latest is deleted', async () => {
    // given two versions started by a timer: only the latest is subscribed
    const startSubscriptions = async () => {
      const r = await h.database.db.raw("select process_definition_key::text as key from engine.event_subscriptions where process_instance_key is null and bpmn_process_id = 'daily-report'");
      return (r.rows as Array<{ key: string }>).map((row) => row.key);
    };
    const v1 = (await deploy(h, 'daily-report.bpmn', dailyProcess('daily-report', 'report-v1'))).process!;
    const v2 = (await deploy(h, 'daily-report.bpmn', dailyProcess('daily-report', 'report-v2'))).process!;
    expect(await startSubscriptions()).to.deep.equal([v2.processDefinitionKey]);
    // when the latest is deleted, the previous version subscribes again
    await deleteResource(h, v2.processDefinitionKey);
    expect(await startSubscriptions()).to.deep.equal([v1.processDefinitionKey]);
    // and deleting a version that is not the latest leaves the latest's subscriptions alone
    const v3 = (await deploy(h, 'daily-report.bpmn', dailyProcess('daily-report', 'report-v3'))).process!;
    await deleteResource(h, v1.processDefinitionKey);
    expect(await startSubscriptions()).to.deep.equal([v3.processDefinitionKey]);
    // and with the last version gone, nothing starts the process any more
    await deleteResource(h, v3.processDefinitionKey);
    expect(await startSubscriptions()).to.deep.equal([]);
  });

  it('answers 5 NOT_FOUND for an unknown key, a deleted one, and a decision key (decisions go with their graph)', async () => {
    await expectGrpcError(deleteResource(h, '2251799813999999'), '5 NOT_FOUND:', "Expected to delete resource with key '2251799813999999'");
    const gone = (await deploy(h, 'gone.bpmn', taskProcess('gone', 'gone', 'v1'))).process!;
    await deleteResource(h, gone.processDefinitionKey);
    await expectGrpcError(deleteResource(h, gone.processDefinitionKey), '5 NOT_FOUND:', gone.processDefinitionKey);
    const res = (await h.deployMany([{ name: 'late-level.dmn', content: await readFile(path.join(DMN, 'late-level.dmn')) }])) as unknown as Deployed;
    const decision = res.deployments.find((d) => d.decision)!.decision!;
    await expectGrpcError(deleteResource(h, decision.decisionKey), '5 NOT_FOUND:', decision.decisionKey);
  });

  it('deletes a decision requirements graph with its decisions; a re-deploy gets the next version', async () => {
    // given
    const content = await readFile(path.join(DMN, 'overlapping-rules.dmn'));
    const res = (await h.deployMany([{ name: 'overlapping-rules.dmn', content }])) as unknown as Deployed;
    const graph = res.deployments.find((d) => d.decisionRequirements)!.decisionRequirements!;
    const decision = res.deployments.find((d) => d.decision)!.decision!;
    // when
    await deleteResource(h, graph.decisionRequirementsKey);
    // then
    await expectGrpcError(h.client.evaluateDecision({ decisionId: 'overlapping-rules', variables: { amount: 500 } } as never), '5 NOT_FOUND:', "'overlapping-rules'");
    await expectGrpcError(h.client.evaluateDecision({ decisionKey: decision.decisionKey, variables: { amount: 500 } } as never), '5 NOT_FOUND:', decision.decisionKey);
    expect(await deletedRecords(h, graph.decisionRequirementsKey)).to.deep.equal(['DECISION_REQUIREMENTS']);
    expect(await deletedRecords(h, decision.decisionKey)).to.deep.equal(['DECISION']);
    await expectGrpcError(deleteResource(h, graph.decisionRequirementsKey), '5 NOT_FOUND:', graph.decisionRequirementsKey);
    const again = (await h.deployMany([{ name: 'overlapping-rules.dmn', content }])) as unknown as Deployed;
    expect(again.deployments.find((d) => d.decisionRequirements)!.decisionRequirements!.version).to.equal(2);
    expect(again.deployments.find((d) => d.decision)!.decision!.version).to.equal(2);
    const evaluated = (await h.client.evaluateDecision({ decisionId: 'overlapping-rules', variables: { amount: 500 } } as never)) as unknown as { decisionVersion: number };
    expect(evaluated.decisionVersion).to.equal(2);
  });

  it('deletes a form; a re-deploy gets the next version', async () => {
    const form = (await deploy(h, 'approve.form', await fixture('approve.form'))).form!;
    await deleteResource(h, form.formKey);
    expect(await deletedRecords(h, form.formKey)).to.deep.equal(['FORM']);
    await expectGrpcError(deleteResource(h, form.formKey), '5 NOT_FOUND:', form.formKey);
    expect((await deploy(h, 'approve.form', await fixture('approve.form'))).form!.version).to.equal(form.version + 1);
  });

  it('cancels a version with many instances in bounded batches, leaving nothing behind', async function () {
    this.timeout(60_000);
    // given more instances than one scan reads (1 000)
    const definition = (await deploy(h, 'mass.bpmn', taskProcess('mass', 'mass-work', 'v1'))).process!;
    const created: string[] = [];
    for (let i = 0; i < 1_200; i += 200) {
      const batch = await Promise.all(Array.from({ length: 200 }, () => h.client.createProcessInstance({ bpmnProcessId: 'mass', variables: { i } })));
      created.push(...batch.map((pi) => pi.processInstanceKey));
    }
    expect(await runningInstancesOf(h, definition.processDefinitionKey)).to.equal(1_200);
    // when
    await deleteResource(h, definition.processDefinitionKey);
    // then
    expect(await runningInstancesOf(h, definition.processDefinitionKey)).to.equal(0);
    const left = await h.database.db.raw(
      `select (select count(*)::int from engine.element_instances where process_instance_key = any(:keys)) as elements,
              (select count(*)::int from engine.jobs where process_instance_key = any(:keys)) as jobs,
              (select count(*)::int from engine.variables where process_instance_key = any(:keys)) as variables,
              (select count(*)::int from engine.incidents where process_instance_key = any(:keys)) as incidents`,
      { keys: created },
    );
    expect(left.rows[0]).to.deep.equal({ elements: 0, jobs: 0, variables: 0, incidents: 0 });
    expect(await activateOnce(h.client, 'mass-work', { requestTimeout: -1 })).to.have.length(0);
  });

  it('never leaves an instance of a deleted version running, even when it is created during the deletion', async function () {
    this.timeout(30_000);
    // given a client that does not retry, firing creates by key while the definition is deleted
    const definition = (await deploy(h, 'racing.bpmn', taskProcess('racing', 'racing-work', 'v1'))).process!;
    const client = newZbClient(h.port);
    try {
      const grpc = rawGrpc(client);
      await client.topology();
      // the deletion starts once some creates have succeeded, while the others are still arriving
      let succeeded = 0;
      let deletion: Promise<unknown> | null = null;
      const creates = Array.from({ length: 300 }, (_, i) =>
        new Promise((resolve) => setTimeout(resolve, i % 100))
          .then(() => grpc.createProcessInstanceSync!({ processDefinitionKey: definition.processDefinitionKey, variables: '{}' }) as Promise<{ processInstanceKey: string }>)
          .then((created) => {
            if (++succeeded === 30) deletion = deleteResource(h, definition.processDefinitionKey);
            return created;
          }),
      );
      const results = await Promise.allSettled(creates);
      await (deletion ?? deleteResource(h, definition.processDefinitionKey));
      // then each create either made an instance (which was cancelled) or was answered 5 NOT_FOUND
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as Error).message);
      for (const message of rejected) expect(message).to.match(/^5 NOT_FOUND:/);
      const made = results.filter((r): r is PromiseFulfilledResult<{ processInstanceKey: string }> => r.status === 'fulfilled').map((r) => r.value.processInstanceKey);
      expect(made.length + rejected.length).to.equal(300);
      expect(await runningInstancesOf(h, definition.processDefinitionKey)).to.equal(0);
      for (const pi of made) expect(await leftoverState(h, pi)).to.deep.equal(EMPTY_STATE);
    } finally {
      await client.close(2000);
    }
  });
});
