import { expect } from 'chai';
import { activateOnce, useEngine } from '../engine/support/engine-harness.js';
import {
  BPMN_FILES, decisionIdsOf, DISCRETION_FIELDS, DMN_FILES, FORM_FILES, formIdOf, processIdOf, processResources, referencedDecisions, referencedForms, referencedProcesses,
} from './support/processes.js';

interface Deployed {
  key: string;
  deployments: Array<{
    process?: { bpmnProcessId: string; version: number; resourceName: string };
    decision?: { dmnDecisionId: string; version: number; dmnDecisionRequirementsId: string };
    decisionRequirements?: { dmnDecisionRequirementsId: string; resourceName: string };
    form?: { formId: string; version: number; resourceName: string };
  }>;
}

interface Evaluation {
  decisionId: string;
  decisionOutput: string;
  failedDecisionId: string;
  failureMessage: string;
}

describe('statutory procedures: deployment of processes/ on the engine', () => {
  const h = useEngine('procedures-deploy');
  let deployed: Deployed;

  async function evaluate(decisionId: string, variables: Record<string, unknown>): Promise<unknown> {
    const res = (await h.client.evaluateDecision({ decisionId, variables } as never)) as unknown as Evaluation;
    expect(res.failureMessage, `${decisionId} ${JSON.stringify(variables)}`).to.equal('');
    return JSON.parse(res.decisionOutput) as unknown;
  }

  before(async function () {
    this.timeout(60_000);
    // given every resource of processes/ in one DeployResource call (atomic: all or nothing)
    deployed = (await h.deployMany(processResources())) as unknown as Deployed;
  });

  describe('deployment', () => {
    it('has the eight procedures, their forms and decision tables on disk', () => {
      expect(BPMN_FILES.map(processIdOf)).to.have.members([
        'penalty-ordinary', 'penalty-summary', 'coercive-measure', 'coercive-enforcement', 'court-enforcement', 'inspection', 'service-of-documents', 'criminal-transfer',
      ]);
      expect(DISCRETION_FIELDS).to.have.members(['urban-management', 'market-supervision', 'ecology-environment', 'agriculture']);
      expect(FORM_FILES.length).to.be.greaterThan(0);
    });

    it('deploys every process with the id of its file, version 1', () => {
      const processes = deployed.deployments.flatMap((d) => (d.process ? [d.process] : []));
      expect(processes.map((p) => p.bpmnProcessId)).to.have.members(BPMN_FILES.map(processIdOf));
      for (const p of processes) expect(p.resourceName).to.equal(`${p.bpmnProcessId}.bpmn`);
    });

    it('deploys every form under its id', () => {
      const forms = deployed.deployments.flatMap((d) => (d.form ? [d.form.formId] : []));
      expect(forms).to.have.members(FORM_FILES.map(formIdOf));
      for (const file of FORM_FILES) expect(`forms/${formIdOf(file)}.form`, 'form id = file name').to.equal(file);
    });

    it('deploys every decision of every DMN file', () => {
      const decisions = deployed.deployments.flatMap((d) => (d.decision ? [d.decision.dmnDecisionId] : []));
      expect(decisions).to.have.members(DMN_FILES.flatMap(decisionIdsOf));
      const graphs = deployed.deployments.flatMap((d) => (d.decisionRequirements ? [d.decisionRequirements.resourceName] : []));
      expect(graphs).to.have.members(DMN_FILES);
    });

    it('deploys everything the diagrams refer to: called processes, decisions (one discretion table per field) and forms', () => {
      const processes = deployed.deployments.flatMap((d) => (d.process ? [d.process.bpmnProcessId] : []));
      const decisions = deployed.deployments.flatMap((d) => (d.decision ? [d.decision.dmnDecisionId] : []));
      const forms = deployed.deployments.flatMap((d) => (d.form ? [d.form.formId] : []));
      expect(processes).to.include.members(referencedProcesses());
      expect(decisions).to.include.members([...referencedDecisions(), ...DISCRETION_FIELDS.map((f) => `${f}-discretion`)]);
      expect(forms).to.include.members(referencedForms());
      expect(referencedForms(), 'every form is used by a user task').to.have.members(FORM_FILES.map(formIdOf));
    });

    it('keeps the versions for an identical re-deploy', async () => {
      const again = (await h.deployMany(processResources())) as unknown as Deployed;
      expect(again.deployments).to.deep.equal(deployed.deployments);
    });
  });

  describe('first steps on the engine', () => {
    it('penalty-ordinary: the procedure-periods table sets the clue verification period, compute-deadline gets its deadline spec, the user task its form, group and due date', async () => {
      // given
      const pi = await h.client.createProcessInstance({
        bpmnProcessId: 'penalty-ordinary',
        variables: { caseId: 'case-1', bodyId: 7, field: 'market-supervision', party: { type: 'organisation', name: '某公司' }, clue: { source: 'complaint', receivedAt: '2026-03-02T09:00:00+08:00' } },
      });
      // when
      const [deadlineJob] = await activateOnce(h.client, 'compute-deadline');
      // then: the contract of engine-workers/jobs/compute-deadline.ts
      expect(deadlineJob!.elementId).to.equal('compute-clue-verification-deadline');
      expect(deadlineJob!.variables.deadline).to.deep.equal({ name: 'clueVerification', start: '2026-03-02T09:00:00+08:00', length: 15, unit: 'WD', basis: '《市场监督管理行政处罚程序规定》第十八条' });
      expect(deadlineJob!.variables).to.include({ caseRef: 'case-1' });
      expect(deadlineJob!.variables.periods).to.include({ clueVerificationDays: 15, statementWindowDays: 5, caseLimitDays: 90 });
      // when the worker answers as compute-deadline does
      await h.client.completeJob({
        jobKey: deadlineJob!.key,
        variables: { deadlines: { clueVerification: '2026-03-23T23:59:59.999+08:00' }, deadlineIds: { clueVerification: '11' }, deadline: { id: '11', name: 'clueVerification', due: '2026-03-23T23:59:59.999+08:00' } },
      });
      const [task] = await activateOnce(h.client, 'io.camunda.zeebe:userTask');
      // then the due date and its warning are on the process, the job's other results stay on the task
      expect(task!.elementId).to.equal('verify-clue');
      expect(task!.customHeaders).to.include({
        'io.camunda.zeebe:formKey': 'camunda-forms:bpmn:clue-verification',
        'io.camunda.zeebe:candidateGroups': '["7:officer"]',
        'io.camunda.zeebe:dueDate': '2026-03-23T23:59:59.999+08:00',
      });
      expect(task!.variables.deadlines).to.deep.equal({ clueVerification: '2026-03-23T23:59:59.999+08:00', clueVerificationWarning: '2026-03-18T23:59:59.999+08:00' });
      expect(task!.variables.deadlineIds).to.deep.equal({ clueVerification: '11' });
      expect(task!.variables).to.not.have.property('deadline');
      await h.client.cancelProcessInstance(pi.processInstanceKey);
    });

    it('penalty-summary: a fine above the threshold is converted to the ordinary procedure by a message', async () => {
      // given
      await h.client.createProcessInstance({
        bpmnProcessId: 'penalty-summary',
        variables: { caseId: 'summary-1', bodyId: 'body-1', field: 'urban-management', party: { type: 'natural-person' }, officers: ['a', 'b'], actAt: '2026-03-02T09:00:00+08:00', violation: { facts: '占道经营' }, proposedPenalty: { kind: 'fine', fine: 500 } },
      });
      // when
      const [publish] = await activateOnce(h.client, 'publish-message');
      // then
      expect(publish!.elementId).to.equal('convert-to-ordinary');
      expect(publish!.customHeaders).to.include({ messageName: 'penalty-case-opened' });
      expect(publish!.variables.correlationKey).to.equal('summary-1');
      expect(publish!.variables.messageVariables).to.deep.include({ caseId: 'summary-1', field: 'urban-management' });
      expect(publish!.variables.summary).to.include({ applicable: false });
      await h.client.completeJob({ jobKey: publish!.key, variables: {} });
    });
  });

  describe('procedure periods (procedure-periods.dmn)', () => {
    it('gives the market-supervision periods and a default for other fields', async () => {
      expect(await evaluate('procedure-periods', { field: 'market-supervision' })).to.include({ clueVerificationDays: 15, statementWindowDays: 5, caseReviewDays: 10, caseLimitDays: 90 });
      expect(await evaluate('procedure-periods', { field: 'agriculture' })).to.include({ statementWindowDays: 5, caseLimitDays: 90 });
    });
  });

  describe('hearing threshold (hearing-threshold.dmn, 处罚法 Art 63)', () => {
    const cases: Array<[string, Record<string, unknown>, boolean]> = [
      ['a natural person fined 10,000 yuan', { partyType: 'natural-person', fine: 10000, penaltyKinds: ['fine'] }, true],
      ['a natural person fined 9,999 yuan', { partyType: 'natural-person', fine: 9999, penaltyKinds: ['fine'] }, false],
      ['an organisation fined 100,000 yuan', { partyType: 'organisation', fine: 100000, penaltyKinds: ['fine'] }, true],
      ['an organisation fined 99,999 yuan', { partyType: 'organisation', fine: 99999, penaltyKinds: ['fine'] }, false],
      ['confiscation of 10,000 yuan from a natural person', { partyType: 'natural-person', fine: 0, confiscationValue: 10000, penaltyKinds: ['confiscation-income'] }, true],
      ['confiscation of 50,000 yuan from an organisation', { partyType: 'organisation', fine: 0, confiscationValue: 50000, penaltyKinds: ['confiscation-income'] }, false],
      ['licence revocation with a small fine', { partyType: 'organisation', fine: 1000, penaltyKinds: ['fine', 'licence-revocation'] }, true],
      ['an order to suspend production', { partyType: 'organisation', fine: null, penaltyKinds: ['production-suspension'] }, true],
      ['a warning', { partyType: 'natural-person', fine: null, penaltyKinds: ['warning'] }, false],
      ['no penalty kinds given', { partyType: 'natural-person', fine: 200 }, false],
    ];
    for (const [what, variables, right] of cases) {
      it(`${right ? 'offers' : 'does not offer'} the hearing right for ${what}`, async () => {
        const out = (await evaluate('hearing-threshold', variables)) as { hearingRight: boolean; basis: string };
        expect(out.hearingRight).to.equal(right);
        expect(out.basis).to.contain('《行政处罚法》第六十三条');
      });
    }
  });

  describe('legal review (legal-review-required.dmn, 处罚法 Art 58)', () => {
    it('is not required when no category applies', async () => {
      expect(await evaluate('legal-review-required', { majorPublicInterest: false, majorRightsAffected: false, hearingHeld: false, complexCase: false, listedInLocalCatalogue: false })).to.deep.equal({ required: false, categories: [] });
    });

    it('is required for major rights only when a hearing was held', async () => {
      const without = (await evaluate('legal-review-required', { majorPublicInterest: false, majorRightsAffected: true, hearingHeld: false, complexCase: false, listedInLocalCatalogue: false })) as { required: boolean };
      expect(without.required).to.equal(false);
      const withHearing = (await evaluate('legal-review-required', { majorPublicInterest: false, majorRightsAffected: true, hearingHeld: true, complexCase: false, listedInLocalCatalogue: false })) as { required: boolean; categories: Array<{ category: string }> };
      expect(withHearing.required).to.equal(true);
      expect(withHearing.categories.map((c) => c.category)).to.deep.equal(['major-rights-after-hearing']);
    });

    it('collects every category that applies, with its basis', async () => {
      const out = (await evaluate('legal-review-required', { majorPublicInterest: true, majorRightsAffected: false, hearingHeld: false, complexCase: true, listedInLocalCatalogue: true })) as { required: boolean; categories: Array<{ category: string; basis: string }> };
      expect(out.required).to.equal(true);
      expect(out.categories.map((c) => c.category)).to.deep.equal(['major-public-interest', 'complex-case', 'local-catalogue']);
      expect(out.categories[0]!.basis).to.equal('《行政处罚法》第五十八条第一款第一项');
    });
  });

  describe('collective discussion (collective-discussion-required.dmn, 处罚法 Art 57 para 2)', () => {
    it('is required for complex cases, heavy penalties and large fines, and not otherwise', async () => {
      const base = { complexCase: false, majorViolation: false, partyType: 'organisation', fine: 1000, penaltyKinds: ['fine'] };
      expect(await evaluate('collective-discussion-required', base)).to.deep.equal({ required: false, reasons: [] });
      expect(await evaluate('collective-discussion-required', { ...base, complexCase: true })).to.deep.include({ required: true });
      expect(await evaluate('collective-discussion-required', { ...base, penaltyKinds: ['closure'] })).to.deep.include({ required: true });
      expect(await evaluate('collective-discussion-required', { ...base, fine: 500000 })).to.deep.include({ required: true });
      expect(await evaluate('collective-discussion-required', { ...base, partyType: 'natural-person', fine: 49999 })).to.deep.include({ required: false });
    });
  });

  describe('summary procedure (summary-procedure.dmn, 处罚法 Art 51)', () => {
    const cases: Array<[string, Record<string, unknown>, boolean]> = [
      ['a warning', { penaltyKind: 'warning', partyType: 'organisation', fine: null }, true],
      ['200 yuan for a citizen', { penaltyKind: 'fine', partyType: 'natural-person', fine: 200 }, true],
      ['201 yuan for a citizen', { penaltyKind: 'fine', partyType: 'natural-person', fine: 201 }, false],
      ['3,000 yuan for an organisation', { penaltyKind: 'fine', partyType: 'organisation', fine: 3000 }, true],
      ['3,001 yuan for an organisation', { penaltyKind: 'fine', partyType: 'organisation', fine: 3001 }, false],
      ['a reduced penalty within the threshold', { penaltyKind: 'fine', partyType: 'natural-person', fine: 100, mitigationReduced: true }, false],
      ['a fine computed from illegal income', { penaltyKind: 'fine', partyType: 'organisation', fine: 1000, amountDependsOnIncome: true }, false],
    ];
    for (const [what, variables, applicable] of cases) {
      it(`${applicable ? 'applies' : 'does not apply'} to ${what}`, async () => {
        const out = (await evaluate('summary-procedure', { mitigationReduced: false, amountDependsOnIncome: false, ...variables })) as { applicable: boolean; filingDays: number | null };
        expect(out.applicable).to.equal(applicable);
        if (applicable) expect(out.filingDays).to.equal(1);
      });
    }
  });

  describe('discretion benchmarks (<field>-discretion.dmn, 处罚法 Arts 33, 34)', () => {
    const ranges: Array<[string, string, string, number | null, Record<string, unknown>]> = [
      ['urban-management', 'UM-ROAD-OCCUPY', 'general', null, { fineMin: 6000, fineMax: 14000 }],
      ['urban-management', 'UM-UNAUTHORISED-CONSTRUCTION', 'aggravated', null, { fineRateMin: 0.085, fineRateMax: 0.1, rateBase: '建设工程造价' }],
      ['market-supervision', 'MS-PRICE-NOT-MARKED', 'mitigated', null, { fineMin: 0, fineMax: 1500 }],
      ['market-supervision', 'MS-FOOD-NO-LICENCE', 'general', 8000, { fineMin: 65000, fineMax: 85000 }],
      ['market-supervision', 'MS-FOOD-NO-LICENCE', 'general', 12000, { fineRateMin: 13, fineRateMax: 17, rateBase: '货值金额' }],
      ['ecology-environment', 'EE-EXCESS-EMISSION', 'aggravated', null, { fineMin: 700000, fineMax: 1000000 }],
      ['ecology-environment', 'EE-NO-EIA', 'mitigated', null, { fineRateMin: 0.01, fineRateMax: 0.02 }],
      ['agriculture', 'AG-BANNED-FISHING', 'general', null, { fineMin: 15000, fineMax: 35000 }],
      ['agriculture', 'AG-PESTICIDE-NO-LICENCE', 'aggravated', 20000, { fineRateMin: 8.5, fineRateMax: 10 }],
    ];
    for (const [field, violationCode, circumstance, baseAmount, expected] of ranges) {
      it(`${field}: ${violationCode} (${circumstance}${baseAmount === null ? '' : `, base ${baseAmount}`}) gives its range`, async () => {
        const out = (await evaluate(`${field}-discretion`, { violationCode, circumstance, baseAmount })) as Record<string, unknown>;
        expect(out).to.include({ outcome: 'penalty', ...expected });
        expect(out.penaltyKinds).to.include('fine');
        expect(String(out.basis)).to.match(/^《/);
      });
    }

    for (const field of ['urban-management', 'market-supervision', 'ecology-environment', 'agriculture']) {
      it(`${field}: a minor violation promptly corrected without harm is not penalised, a first minor one may not be (Art 33)`, async () => {
        const rows = (await h.client.evaluateDecision({ decisionId: `${field}-discretion`, variables: { violationCode: 'unknown', circumstance: 'general' } } as never)) as unknown as Evaluation;
        expect(rows.decisionOutput, 'an unknown violation matches no rule').to.equal('null');
        const code = { 'urban-management': 'UM-ROAD-OCCUPY', 'market-supervision': 'MS-PRICE-NOT-MARKED', 'ecology-environment': 'EE-EXCESS-EMISSION', agriculture: 'AG-BANNED-FISHING' }[field];
        expect(await evaluate(`${field}-discretion`, { violationCode: code, circumstance: 'minor-no-harm', baseAmount: null })).to.include({ outcome: 'no-penalty' });
        expect(await evaluate(`${field}-discretion`, { violationCode: code, circumstance: 'first-minor', baseAmount: null })).to.include({ outcome: 'may-not-penalise' });
      });
    }

    it('every (violation, circumstance) pair of every table matches exactly one rule (hit policy UNIQUE)', async () => {
      const circumstances = ['minor-no-harm', 'first-minor', 'mitigated', 'general', 'aggravated'];
      for (const field of DISCRETION_FIELDS) {
        const xml = processResources().find((r) => r.name === `decisions/${field}-discretion.dmn`)!.content.toString('utf8');
        const codes = [...new Set([...xml.matchAll(/<inputEntry id="[^"]+-in-1"><text>"([^"]+)"<\/text>/g)].map((m) => m[1]!))];
        expect(codes, field).to.have.length.greaterThan(0);
        for (const violationCode of codes) {
          for (const circumstance of circumstances) {
            for (const baseAmount of [5000, 50000]) {
              const res = (await h.client.evaluateDecision({ decisionId: `${field}-discretion`, variables: { violationCode, circumstance, baseAmount } } as never)) as unknown as Evaluation;
              expect(res.failureMessage, `${field} ${violationCode} ${circumstance} ${baseAmount}`).to.equal('');
              expect(res.decisionOutput, `${field} ${violationCode} ${circumstance} ${baseAmount}`).to.not.equal('null');
            }
          }
        }
      }
    });
  });
});
