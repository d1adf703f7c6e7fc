import { expect } from 'chai';
import { certificateField, decide, judgeOfficers, parseVariables, perform, type CheckOfficersInput, type CheckOfficersPlan, type OfficersCheck } from '../../../../engine-workers/jobs/check-officers.js';
import type { JobPorts } from '../../../../engine-workers/ports/job-ports.js';
import type { OfficerRecord } from '../../../../engine-workers/ports/officers.js';

const now = new Date('2026-03-02T02:00:00Z');
const job = { key: '42', type: 'check-officers', processInstanceKey: '7', bpmnProcessId: 'p', elementId: 'check-filing-officers', retries: 3 };

function input(variables: Record<string, unknown>, headers: Record<string, string> = { minOfficers: '2' }): CheckOfficersInput {
  const parsed = parseVariables(variables, headers);
  if (!parsed.ok) throw new Error(parsed.outcome.message);
  return parsed.input;
}

function plan(variables: Record<string, unknown>, headers?: Record<string, string>): CheckOfficersPlan {
  const decision = decide(input(variables, headers), now);
  if (decision.kind !== 'proceed') throw new Error(`Expected to proceed, but got ${JSON.stringify(decision)}`);
  return decision.plan;
}

const certificate = (number: string, field: string, validFrom: string, validTo: string) => ({ number, field, validFrom, validTo });

function officer(id: number, patch: Partial<OfficerRecord> = {}): OfficerRecord {
  return {
    id,
    username: `officer-${id}`,
    displayName: `执法${id}`,
    roles: ['officer'],
    active: true,
    bodyId: 1,
    certificates: [certificate(`3504002024000${id}`, 'urban_management', '2024-01-01', '2029-12-31')],
    ...patch,
  };
}

function refusal(outcome: ReturnType<typeof judgeOfficers>): OfficersCheck {
  if (outcome.kind !== 'bpmn-error') throw new Error(`Expected OFFICERS_NOT_QUALIFIED, but got ${JSON.stringify(outcome)}`);
  expect(outcome.code).to.equal('OFFICERS_NOT_QUALIFIED');
  return outcome.variables.officersCheck as OfficersCheck;
}

describe('engine-workers: check-officers (两名以上持有效执法证的执法人员, 处罚法 Art 42, 强制法 Arts 17–18)', () => {
  const penaltyAct = { officers: [1, 2], actDate: '2026-03-02T09:00:00+08:00', field: 'urban-management' };

  describe('who may act', () => {
    const cases: Array<{ name: string; records: OfficerRecord[]; code?: string; text?: string }> = [
      { name: 'two active officers with certificates for the field valid on the day', records: [officer(1), officer(2)] },
      { name: 'a certificate whose last day is the day of the act', records: [officer(1), officer(2, { certificates: [certificate('A', 'urban_management', '2021-01-01', '2026-03-02')] })] },
      { name: 'a certificate whose first day is the day of the act', records: [officer(1), officer(2, { certificates: [certificate('A', 'urban_management', '2026-03-02', '2031-03-01')] })] },
      { name: 'an expired certificate and a renewed one', records: [officer(1), officer(2, { certificates: [certificate('OLD', 'urban_management', '2021-01-01', '2025-12-31'), certificate('NEW', 'urban_management', '2026-01-01', '2030-12-31')] })] },
      {
        name: 'a certificate that expired before the act',
        records: [officer(1), officer(2, { certificates: [certificate('35040020210002', 'urban_management', '2021-01-01', '2025-12-31')] })],
        code: 'expired',
        text: '执法证 35040020210002 for \'urban_management\' expired on 2025-12-31, before the act on 2026-03-02',
      },
      { name: 'a certificate not yet valid', records: [officer(1), officer(2, { certificates: [certificate('B', 'urban_management', '2026-04-01', '2031-03-31')] })], code: 'not-yet-valid', text: 'valid only from 2026-04-01' },
      { name: 'a certificate for another field', records: [officer(1), officer(2, { certificates: [certificate('C', 'agriculture', '2024-01-01', '2029-12-31')] })], code: 'wrong-field', text: "C for 'agriculture'" },
      { name: 'no certificate at all', records: [officer(1), officer(2, { certificates: [] })], code: 'no-certificate', text: 'holds no 执法证' },
      { name: 'a deactivated account', records: [officer(1), officer(2, { active: false })], code: 'inactive', text: 'deactivated' },
      { name: 'a user without the officer role', records: [officer(1), officer(2, { roles: ['agency_head'] })], code: 'not-an-officer', text: 'roles: agency_head' },
    ];
    for (const c of cases) {
      it(`${c.code ? 'refuses' : 'allows'} ${c.name}`, () => {
        // when
        const outcome = judgeOfficers(plan(penaltyAct), c.records, null);

        // then
        if (!c.code) {
          expect(outcome).to.deep.equal({ kind: 'complete', variables: {} });
          return;
        }
        const check = refusal(outcome);
        expect(check.refused).to.have.length(1);
        expect(check.refused[0]).to.deep.include({ officer: 2, userId: 2, name: '执法2' });
        expect(check.refused[0]!.problems.map((p) => p.code)).to.deep.equal([c.code]);
        expect(check.qualified).to.deep.equal([{ userId: 1, name: '执法1' }]);
        expect((outcome as { message: string }).message).to.include('officer 2 执法2').and.include(c.text!).and.include('《行政处罚法》第四十二条');
      });
    }

    it('names an officer that matches no user', () => {
      const check = refusal(judgeOfficers(plan({ ...penaltyAct, officers: [1, 'ghost'] }), [officer(1)], null));
      expect(check.refused).to.deep.equal([{ officer: 'ghost', userId: null, name: null, problems: [{ code: 'unknown-user', text: "no user 'ghost' exists" }] }]);
    });


    it('names every officer who is not qualified, with every reason', () => {
      // given: one expired and inactive, one with no certificate
      const records = [officer(1, { active: false, certificates: [certificate('X', 'urban_management', '2020-01-01', '2025-01-01')] }), officer(2, { certificates: [] })];

      // when
      const check = refusal(judgeOfficers(plan(penaltyAct), records, null));

      // then
      expect(check.refused.map((r) => [r.userId, r.problems.map((p) => p.code)])).to.deep.equal([[1, ['inactive', 'expired']], [2, ['no-certificate']]]);
      expect(check.qualified).to.deep.equal([]);
    });
  });

  describe('how many', () => {
    const cases: Array<{ name: string; officers: Array<number | string>; records: OfficerRecord[]; min?: string; tooFew: boolean }> = [
      { name: 'one officer alone', officers: [1], records: [officer(1)], tooFew: true },
      { name: 'no officer', officers: [], records: [], tooFew: true },
      { name: 'the same officer named twice', officers: [1, '1'], records: [officer(1)], tooFew: true },
      { name: 'the same officer by id and by login name', officers: [1, 'officer-1'], records: [officer(1)], tooFew: true },
      { name: 'two distinct officers', officers: [1, 'officer-2'], records: [officer(1), officer(2)], tooFew: false },
      { name: 'three officers where the diagram asks for three', officers: [1, 2, 3], records: [officer(1), officer(2), officer(3)], min: '3', tooFew: false },
      { name: 'two officers where the diagram asks for three', officers: [1, 2], records: [officer(1), officer(2)], min: '3', tooFew: true },
    ];
    for (const c of cases) {
      it(`${c.tooFew ? 'refuses' : 'allows'} ${c.name}`, () => {
        const outcome = judgeOfficers(plan({ ...penaltyAct, officers: c.officers }, { minOfficers: c.min ?? '2' }), c.records, null);
        if (!c.tooFew) {
          expect(outcome.kind).to.equal('complete');
          return;
        }
        expect(refusal(outcome)).to.deep.include({ tooFew: true, refused: [] });
        expect((outcome as { message: string }).message).to.match(/only \d distinct officers? (is|are) named, at least \d are required/);
      });
    }
  });

  describe('which field', () => {
    it('reads the diagrams\' field names as the certificates record them', () => {
      expect(['urban-management', 'market-supervision', 'ecology-environment', 'agriculture', 'urban_management'].map(certificateField)).to.deep.equal([
        'urban_management', 'market_regulation', 'ecology_environment', 'agriculture', 'urban_management',
      ]);
    });


    it('accepts the certificates of a 乡镇综合执法 body for the matters granted to it', () => {
      // given: a street office's officers hold township_comprehensive certificates; the case is an urban-management matter
      const records = [1, 2].map((id) => officer(id, { certificates: [certificate(`T${id}`, 'township_comprehensive', '2024-01-01', '2029-12-31')] }));

      // then: allowed for the township body, refused without it
      expect(judgeOfficers(plan({ ...penaltyAct, bodyId: 9 }), records, 'township_comprehensive').kind).to.equal('complete');
      const check = refusal(judgeOfficers(plan(penaltyAct), records, null));
      expect(check.refused.map((r) => r.problems[0]!.code)).to.deep.equal(['wrong-field', 'wrong-field']);
    });


    it('counts the day of the act in China time', () => {
      // given: 17:00 UTC on 31 December 2025 is 01:00 on 1 January 2026 in China, after the certificate's last day
      const records = [officer(1), officer(2, { certificates: [certificate('Y', 'urban_management', '2021-01-01', '2025-12-31')] })];

      // then
      const check = refusal(judgeOfficers(plan({ ...penaltyAct, actDate: '2025-12-31T17:00:00Z' }), records, null));
      expect(check.actDate).to.equal('2026-01-01');
    });
  });

  describe('coercive measures (nonDelegable)', () => {
    const measure = { ...penaltyAct, bodyId: 1 };

    it('refuses an officer of another body: 行政强制措施权不得委托', () => {
      const check = refusal(judgeOfficers(plan(measure, { minOfficers: '2', nonDelegable: 'true' }), [officer(1), officer(2, { bodyId: 5 })], 'urban_management'));
      expect(check.refused[0]!.problems.map((p) => p.code)).to.deep.equal(['other-body']);
    });


    it('allows the body\'s own officers', () => {
      expect(judgeOfficers(plan(measure, { minOfficers: '2', nonDelegable: 'true' }), [officer(1), officer(2)], 'urban_management').kind).to.equal('complete');
    });


    it('does not look at the body of officers of a penalty', () => {
      expect(judgeOfficers(plan(measure), [officer(1), officer(2, { bodyId: 5 })], 'urban_management').kind).to.equal('complete');
    });


    it('needs bodyId to tell the body\'s own officers', () => {
      const parsed = parseVariables(penaltyAct, { minOfficers: '2', nonDelegable: 'true' });
      expect(!parsed.ok && parsed.outcome.message).to.include("variable 'bodyId' is missing");
    });
  });

  describe('variables', () => {
    it('takes minOfficers and nonDelegable from the task headers, 2 and false by default', () => {
      expect(input(penaltyAct, {})).to.deep.include({ minOfficers: 2, nonDelegable: false });
      expect(input({ ...penaltyAct, bodyId: 3 }, { minOfficers: '3', nonDelegable: 'true' })).to.deep.include({ minOfficers: 3, nonDelegable: true, bodyId: 3 });
    });


    it('raises an incident that names a missing act date or field', () => {
      const parsed = parseVariables({ officers: [1, 2] }, {});
      expect(!parsed.ok && parsed.outcome.message).to.include("variable 'actDate' is missing").and.include("variable 'field' is missing");
    });


    it('raises an incident for an act date without an offset', () => {
      const parsed = parseVariables({ ...penaltyAct, actDate: '2026-03-02T09:00:00' }, {});
      expect(!parsed.ok && parsed.outcome.message).to.include("variable 'actDate' must be a date");
    });


    it('takes an officers list the form left empty as no officers, which is refused', () => {
      const p = plan({ ...penaltyAct, officers: null });
      expect(p.refs).to.deep.equal([]);
      expect(refusal(judgeOfficers(p, [], null)).tooFew).to.equal(true);
    });
  });

  describe('perform', () => {
    it('looks the officers and the body\'s field up through the officers port', async () => {
      // given
      const asked: unknown[] = [];
      const ports = {
        officers: {
          find: async (refs: unknown[]) => (asked.push(refs), [officer(1), officer(2, { certificates: [certificate('T', 'township_comprehensive', '2024-01-01', '2029-12-31')] })]),
          bodyField: async () => 'township_comprehensive',
        },
      } as unknown as JobPorts;
      const i = input({ ...penaltyAct, bodyId: 9 });

      // when
      const outcome = await perform(i, plan({ ...penaltyAct, bodyId: 9 }), ports, job);

      // then
      expect(outcome.kind).to.equal('complete');
      expect(asked).to.deep.equal([[1, 2]]);
    });


    it('raises an incident for a body that does not exist', async () => {
      const ports = { officers: { find: async () => [], bodyField: async () => undefined } } as unknown as JobPorts;
      const outcome = await perform(input({ ...penaltyAct, bodyId: 99 }), plan({ ...penaltyAct, bodyId: 99 }), ports, job);
      expect(outcome).to.deep.include({ kind: 'incident' });
      expect((outcome as { message: string }).message).to.include("variable 'bodyId'");
    });
  });
});
