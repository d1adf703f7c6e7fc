import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { activateOnce, EMPTY_STATE, fixture, incidentsOf, leftoverState, useEngine, waitUntil } from './support/engine-harness.js';
import { expectGrpcError } from './support/expect-grpc.js';

const DMN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'dmn');

function dmn(name: string): Promise<Buffer> {
  return readFile(path.join(DMN, name));
}

interface Deployed {
  key: string;
  deployments: Array<{
    process?: { bpmnProcessId: string; version: number; processDefinitionKey: string };
    decision?: { dmnDecisionId: string; dmnDecisionName: string; version: number; decisionKey: string; dmnDecisionRequirementsId: string; decisionRequirementsKey: string };
    decisionRequirements?: { dmnDecisionRequirementsId: string; dmnDecisionRequirementsName: string; version: number; decisionRequirementsKey: string; resourceName: string };
  }>;
}

describe('decisions (DMN deployment, EvaluateDecision, business-rule tasks with zeebe:calledDecision)', () => {
  const h = useEngine('decisions');
  let hearingRight: Deployed;

  before(async () => {
    hearingRight = (await h.deployMany([{ name: 'hearing-right.dmn', content: await dmn('hearing-right.dmn') }])) as unknown as Deployed;
  });

  it('deploys a DMN resource as decision requirements and decisions, version 1, with partition-1 keys', () => {
    const requirements = hearingRight.deployments.flatMap((d) => (d.decisionRequirements ? [d.decisionRequirements] : []));
    const decisions = hearingRight.deployments.flatMap((d) => (d.decision ? [d.decision] : []));
    expect(requirements).to.have.length(1);
    expect(requirements[0]).to.include({ dmnDecisionRequirementsId: 'hearing-right-drg', dmnDecisionRequirementsName: '听证权利', version: 1, resourceName: 'hearing-right.dmn' });
    expect(BigInt(requirements[0]!.decisionRequirementsKey) >> 51n).to.equal(1n);
    expect(decisions.map((d) => [d.dmnDecisionId, d.dmnDecisionName, d.version])).to.deep.equal([
      ['fine-class', '罚款数额等级', 1],
      ['hearing-right', '是否告知听证权利', 1],
    ]);
    for (const d of decisions) {
      expect(BigInt(d.decisionKey) >> 51n).to.equal(1n);
      expect(d).to.include({ dmnDecisionRequirementsId: 'hearing-right-drg', decisionRequirementsKey: requirements[0]!.decisionRequirementsKey });
    }
  });

  it('keeps the versions and keys for an identical re-deploy', async () => {
    const again = (await h.deployMany([{ name: 'hearing-right.dmn', content: await dmn('hearing-right.dmn') }])) as unknown as Deployed;
    expect(again.deployments).to.deep.equal(hearingRight.deployments);
  });

  it('evaluates the latest decision by id: required decisions first, values as JSON strings', async () => {
    const res = await h.client.evaluateDecision({ decisionId: 'hearing-right', variables: { partyType: 'natural-person', fine: 20000, penaltyKind: 'fine' } } as never);
    const decision = hearingRight.deployments.find((d) => d.decision?.dmnDecisionId === 'hearing-right')!.decision!;
    expect(res).to.include({ decisionKey: decision.decisionKey, decisionId: 'hearing-right', decisionName: '是否告知听证权利', decisionVersion: 1, decisionRequirementsId: 'hearing-right-drg', decisionOutput: 'true', failedDecisionId: '', failureMessage: '' });
    expect(res.decisionRequirementsKey).to.equal(decision.decisionRequirementsKey);
    expect(res.evaluatedDecisions.map((d) => [d.decisionId, d.decisionType, d.decisionOutput])).to.deep.equal([
      ['fine-class', 'DECISION_TABLE', '"larger"'],
      ['hearing-right', 'DECISION_TABLE', 'true'],
    ]);
    const [fineClass] = res.evaluatedDecisions;
    expect(fineClass!.evaluatedInputs).to.deep.equal([
      { inputId: 'input-party', inputName: '当事人类型', inputValue: '"natural-person"' },
      { inputId: 'input-fine', inputName: '罚款金额', inputValue: '20000' },
    ]);
    expect(fineClass!.matchedRules).to.deep.equal([{ ruleId: 'rule-person-large', ruleIndex: 1, evaluatedOutputs: [{ outputId: 'output-class', outputName: 'fineClass', outputValue: '"larger"' }] }]);
  });

  it('evaluates a decision by key', async () => {
    const decision = hearingRight.deployments.find((d) => d.decision?.dmnDecisionId === 'fine-class')!.decision!;
    const res = await h.client.evaluateDecision({ decisionKey: decision.decisionKey, variables: { partyType: 'organisation', fine: 500 } } as never);
    expect(res).to.include({ decisionKey: decision.decisionKey, decisionId: 'fine-class', decisionOutput: '"ordinary"' });
    expect(res.evaluatedDecisions).to.have.length(1);
    expect(res.evaluatedDecisions[0]!.matchedRules[0]!.ruleId).to.equal('rule-other');
  });

  it('answers a failed evaluation with the failed decision and message, not with an error', async () => {
    await h.deployMany([{ name: 'overlapping-rules.dmn', content: await dmn('overlapping-rules.dmn') }]);
    const res = await h.client.evaluateDecision({ decisionId: 'overlapping-rules', variables: { amount: 5 } } as never);
    expect(res.failedDecisionId).to.equal('overlapping-rules');
    expect(res.failureMessage).to.contain('hit policy UNIQUE').and.to.contain("'rule-small', 'rule-tiny'");
  });

  it('rejects EvaluateDecision with both or neither of key and id (3) and an unknown decision (5)', async () => {
    const decision = hearingRight.deployments.find((d) => d.decision)!.decision!;
    await expectGrpcError(h.client.evaluateDecision({ decisionKey: decision.decisionKey, decisionId: 'fine-class', variables: {} } as never), '3 INVALID_ARGUMENT:', 'both');
    await expectGrpcError(h.client.evaluateDecision({ variables: {} } as never), '3 INVALID_ARGUMENT:', 'neither');
    await expectGrpcError(h.client.evaluateDecision({ decisionId: 'no-such-decision', variables: {} } as never), '5 NOT_FOUND:', "'no-such-decision'");
    await expectGrpcError(h.client.evaluateDecision({ decisionKey: '2251799813685999', variables: {} } as never), '5 NOT_FOUND:', "'2251799813685999'");
  });

  it('rejects an invalid DMN with 3 naming the element, and deploys nothing of the deployment', async () => {
    const good = Buffer.from((await fixture('one-task.bpmn')).toString('utf8').replace(/one-task/g, 'dmn-atomic-good'));
    await expectGrpcError(
      h.deployMany([
        { name: 'good.bpmn', content: good },
        { name: 'invalid-unary-test.dmn', content: await dmn('invalid-unary-test.dmn') },
      ]),
      '3 INVALID_ARGUMENT:',
      'invalid-unary-test.dmn',
      "Element 'broken-entry'",
    );
    const rows = await h.database.db.raw(
      "select (select count(*) from engine.process_definitions where bpmn_process_id = 'dmn-atomic-good') as processes, (select count(*) from engine.decisions where decision_id = 'invalid-decision') as decisions",
    );
    const counts = rows.rows[0] as { processes: unknown; decisions: unknown };
    expect([Number(counts.processes), Number(counts.decisions)]).to.deep.equal([0, 0]);
  });

  it('a business-rule task evaluates the called decision into its result variable, and a gateway routes on it', async () => {
    await h.deploy('hearing-right-check.bpmn');
    const heard = await h.client.createProcessInstance({ bpmnProcessId: 'hearing-right-check', variables: { partyType: 'natural-person', fine: 20000, penaltyKind: 'fine' } });
    const [notify] = await activateOnce(h.client, 'notify-hearing');
    expect(notify!.variables).to.include({ hearingRight: true, fine: 20000 });
    await h.client.completeJob({ jobKey: notify!.key, variables: {} });
    const ordinary = await h.client.createProcessInstance({ bpmnProcessId: 'hearing-right-check', variables: { partyType: 'natural-person', fine: 500, penaltyKind: 'fine' } });
    const [penalty] = await activateOnce(h.client, 'decide-penalty');
    expect(penalty!.variables).to.include({ hearingRight: false });
    await h.client.completeJob({ jobKey: penalty!.key, variables: {} });
    expect(await leftoverState(h, heard.processInstanceKey)).to.deep.equal(EMPTY_STATE);
    expect(await leftoverState(h, ordinary.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });

  it('raises an incident when the called decision is missing; resolving it after deploying the decision re-runs the activation', async () => {
    await h.deploy('late-decision.bpmn');
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'late-decision', variables: { days: 45 } });
    const [incident] = await waitUntil(async () => {
      const found = await incidentsOf(h, pi.processInstanceKey);
      return found.length > 0 ? found : null;
    }, 5000, 'an incident');
    expect(incident).to.include({ errorType: 'CALLED_DECISION_ERROR', elementId: 'classify', jobKey: null });
    expect(incident!.errorMessage).to.contain("'late-level'");
    await h.deployMany([{ name: 'late-level.dmn', content: await dmn('late-level.dmn') }]);
    await h.client.resolveIncident({ incidentKey: incident!.key });
    const [after] = await activateOnce(h.client, 'after-classify');
    // the output mapping takes `level` out of the result; the result variable itself stays local to the task
    expect(after!.variables).to.deep.equal({ days: 45, level: 'overdue' });
    await h.client.completeJob({ jobKey: after!.key, variables: {} });
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });

  it('raises a decision evaluation incident when the called decision fails, and again when resolved without a fix', async () => {
    const xml = (await fixture('late-decision.bpmn')).toString('utf8').replace(/late-decision/g, 'failing-decision').replace('decisionId="late-level"', 'decisionId="overlapping-rules"').replace('=late.level', '=late');
    await h.deployMany([{ name: 'failing-decision.bpmn', content: Buffer.from(xml) }]);
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'failing-decision', variables: { amount: 5 } });
    const first = await waitUntil(async () => (await incidentsOf(h, pi.processInstanceKey))[0], 5000, 'an incident');
    expect(first).to.include({ errorType: 'DECISION_EVALUATION_ERROR', elementId: 'classify' });
    expect(first.errorMessage).to.contain('overlapping-rules');
    await h.client.resolveIncident({ incidentKey: first.key });
    const second = await waitUntil(async () => (await incidentsOf(h, pi.processInstanceKey)).find((i) => i.key !== first.key), 5000, 'a new incident');
    expect(second.errorType).to.equal('DECISION_EVALUATION_ERROR');
    await h.client.setVariables({ elementInstanceKey: pi.processInstanceKey, variables: { amount: 50 }, local: false } as never);
    await h.client.resolveIncident({ incidentKey: second.key });
    const [after] = await activateOnce(h.client, 'after-classify');
    expect(after!.variables).to.deep.equal({ amount: 50, level: 'small' });
    await h.client.completeJob({ jobKey: after!.key, variables: {} });
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });

  it('keeps a business-rule task with zeebe:taskDefinition job-based', async () => {
    const xml = (await fixture('hearing-right-check.bpmn'))
      .toString('utf8')
      .replace(/hearing-right-check/g, 'hearing-right-job')
      .replace('<zeebe:calledDecision decisionId="hearing-right" resultVariable="hearingRight" />', '<zeebe:taskDefinition type="hearing-right-worker" />');
    await h.deployMany([{ name: 'hearing-right-job.bpmn', content: Buffer.from(xml) }]);
    const pi = await h.client.createProcessInstance({ bpmnProcessId: 'hearing-right-job', variables: { fine: 1 } });
    const [job] = await activateOnce(h.client, 'hearing-right-worker');
    expect(job).to.include({ elementId: 'check-hearing-right' });
    await h.client.completeJob({ jobKey: job!.key, variables: { hearingRight: true } });
    const [notify] = await activateOnce(h.client, 'notify-hearing');
    await h.client.completeJob({ jobKey: notify!.key, variables: {} });
    expect(await leftoverState(h, pi.processInstanceKey)).to.deep.equal(EMPTY_STATE);
  });
});
