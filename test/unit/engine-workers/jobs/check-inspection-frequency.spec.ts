import { expect } from 'chai';
import { decide, judgeFrequency, parseVariables, partyKeyOf, perform, type CheckInspectionFrequencyInput, type InspectionFrequencyPlan } from '../../../../engine-workers/jobs/check-inspection-frequency.js';
import type { InspectionCounter, NewEnterpriseInspection } from '../../../../engine-workers/ports/enterprise-inspections.js';
import type { JobPorts } from '../../../../engine-workers/ports/job-ports.js';

const now = new Date('2026-03-02T02:00:00Z');
const job = { key: '42', type: 'check-inspection-frequency', processInstanceKey: '7', bpmnProcessId: 'inspection', elementId: 'check-inspection-frequency', retries: 3 };
const party = { name: '三明市某某餐饮有限公司', creditCode: '91350400MA00000001' };
const routine = { party, inspectionType: 'routine', plannedAt: '2026-03-05T09:00+08:00', field: 'urban-management', bodyId: 3 };

function input(variables: Record<string, unknown>, headers: Record<string, string> = {}): CheckInspectionFrequencyInput {
  const parsed = parseVariables(variables, headers);
  if (!parsed.ok) throw new Error(parsed.outcome.message);
  return parsed.input;
}

function plan(i: CheckInspectionFrequencyInput): InspectionFrequencyPlan {
  const decision = decide(i, now);
  if (decision.kind !== 'proceed') throw new Error(`Expected to proceed, but got ${JSON.stringify(decision)}`);
  return decision.plan;
}

describe('engine-workers: check-inspection-frequency (涉企检查频次上限, 国办发〔2024〕54号)', () => {
  const cases: Array<{ name: string; recorded: number; cap?: string; type?: string; exceeded: boolean }> = [
    { name: 'the first inspection of the year', recorded: 0, exceeded: false },
    { name: 'the second, under the default cap of two', recorded: 1, exceeded: false },
    { name: 'a third routine inspection', recorded: 2, exceeded: true },
    { name: 'a third case inspection (counted as the national 解答 says)', recorded: 2, type: 'case', exceeded: true },
    { name: 'a third campaign inspection', recorded: 2, type: 'campaign', exceeded: true },
    { name: 'a fourth under a published cap of four', recorded: 3, cap: '4', exceeded: false },
    { name: 'a second under a cap of one', recorded: 1, cap: '1', exceeded: true },
  ];
  for (const c of cases) {
    it(`${c.exceeded ? 'refuses' : 'allows'} ${c.name}`, () => {
      // given
      const i = input({ ...routine, inspectionType: c.type ?? 'routine' }, c.cap ? { annualCap: c.cap } : {});

      // when
      const outcome = judgeFrequency(i, plan(i), c.recorded);

      // then
      if (!c.exceeded) {
        expect(outcome).to.equal(null);
        return;
      }
      expect(outcome).to.deep.include({ kind: 'bpmn-error', code: 'INSPECTION_CAP_EXCEEDED' });
      expect((outcome as { variables: unknown }).variables).to.deep.equal({ inspectionFrequency: { year: 2026, count: c.recorded, cap: Number(c.cap ?? 2) } });
      expect((outcome as { message: string }).message).to.include(`has ${c.recorded} inspection`).and.include('国办发〔2024〕54号').and.include("head's approval");
    });
  }


  it('counts the year of the planned inspection in China time', () => {
    expect(plan(input({ ...routine, plannedAt: '2026-12-31T17:00:00Z' })).year).to.equal(2027);
  });


  it('knows an enterprise by its credit code, else its ID number, else its name', () => {
    expect(partyKeyOf({ name: 'A', creditCode: '91350400ma00000001', idNumber: '350402199001011234' })).to.equal('91350400MA00000001');
    expect(partyKeyOf({ name: 'A', idNumber: '35040219900101123x' })).to.equal('35040219900101123X');
    expect(partyKeyOf({ name: ' 某某商行 ' })).to.equal('name:某某商行');
  });


  it('raises an incident that names an unknown inspection type', () => {
    const parsed = parseVariables({ ...routine, inspectionType: 'surprise' });
    expect(!parsed.ok && parsed.outcome.message).to.include("variable 'inspectionType' must be one of 'routine', 'case', 'campaign'");
  });


  it('records the inspection when the cap is not reached, and nothing when it is', async () => {
    // given
    const recorded: NewEnterpriseInspection[] = [];
    const counted: Array<[InspectionCounter, string]> = [];
    const portsWith = (count: number) =>
      ({ inspections: { lockAndCount: async (c: InspectionCounter, pi: string) => (counted.push([c, pi]), count), record: async (r: NewEnterpriseInspection) => (recorded.push(r), { id: '1' }) } }) as unknown as JobPorts;
    const i = input(routine);

    // when
    const allowed = await perform(i, plan(i), portsWith(1), job);
    const refused = await perform(i, plan(i), portsWith(2), job);

    // then
    expect(allowed).to.deep.equal({ kind: 'complete', variables: { inspectionFrequency: { year: 2026, count: 2, cap: 2 } } });
    expect(refused).to.deep.include({ kind: 'bpmn-error', code: 'INSPECTION_CAP_EXCEEDED' });
    expect(counted[0]).to.deep.equal([{ partyKey: '91350400MA00000001', bodyId: 3, year: 2026 }, '7']);
    expect(recorded).to.have.length(1);
    expect(recorded[0]).to.include({ processInstanceKey: '7', inspectionType: 'routine', plannedAt: '2026-03-05T09:00:00.000+08:00', jobKey: '42' });
  });
});
