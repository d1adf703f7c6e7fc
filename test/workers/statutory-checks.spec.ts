/**
 * The rules the procedures enforce, end to end: each check task as its real diagram in processes/ configures it (task
 * type, headers, input mappings, error boundary event), on the embedded engine, done by the real workers over zeebe-node
 * against PostgreSQL. A violation ends the job with the BPMN error, the boundary event catches it and the instance takes
 * the refusal path; the lawful case goes on.
 */
import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ZeebeWorkers } from '../../engine-workers/adapters/zeebe-workers.js';
import { zeebeMessagePublisher } from '../../engine-workers/adapters/zeebe-workers.js';
import { loadWorkersConfig } from '../../engine-workers/config.js';
import { startWorkers } from '../../engine-workers/start-workers.js';
import { testLogger } from '../support/logger.js';
import { definitions, deployXml, process } from '../engine/support/bpmn-xml.js';
import { EMPTY_STATE, elementRecords, incidentsOf, leftoverState, useEngine, waitUntil } from '../engine/support/engine-harness.js';
import { realElement, type RealElement } from './support/real-diagram.js';
import { seedOfficers, seedTownshipBody } from './support/seed-officers.js';
import { seedBodies, type Bodies } from './support/worker-harness.js';

interface Ended {
  path: 'allowed' | 'refused';
  boundary: string | null;
  errorMessage: string | null;
}

describe('workers: the rules the procedures enforce, refused on the refusal path', function () {
  this.timeout(60_000);
  const h = useEngine('workers-statutory-checks');
  let bodies: Bodies;
  let township = 0;
  let officers: Record<string, number> = {};
  let workers: ZeebeWorkers | null = null;
  let dataDir = '';
  const elements = new Map<string, RealElement>();

  // the check tasks of the procedures, each deployed on its own as process `check:<element id>`
  const CHECKS: Array<[file: string, elementId: string]> = [
    ['penalty-ordinary.bpmn', 'check-filing-officers'],
    ['coercive-measure.bpmn', 'check-measure-officers'],
    ['penalty-summary.bpmn', 'check-summary-officers'],
    ['penalty-ordinary.bpmn', 'check-limitation'],
    ['penalty-ordinary.bpmn', 'check-advance-notice'],
    ['penalty-ordinary.bpmn', 'check-legal-review'],
    ['penalty-ordinary.bpmn', 'check-no-heavier-penalty'],
    ['inspection.bpmn', 'check-inspection-frequency'],
    ['service-of-documents.bpmn', 'send-electronic-document'],
    ['inspection.bpmn', 'open-penalty-case'],
  ];

  before(async () => {
    const db = h.database.db;
    bodies = await seedBodies(db);
    township = await seedTownshipBody(db, bodies.county);
    const valid = { validFrom: '2024-01-01', validTo: '2029-12-31' };
    officers = await seedOfficers(db, [
      { username: 'zhang', displayName: '张执法', bodyId: bodies.city, certificates: [{ number: '35040020240001', field: 'urban_management', ...valid }] },
      { username: 'wang', displayName: '王执法', bodyId: bodies.city, certificates: [{ number: '35040020240003', field: 'urban_management', ...valid }] },
      { username: 'li', displayName: '李执法', bodyId: bodies.city, certificates: [{ number: '35040020210002', field: 'urban_management', validFrom: '2021-01-01', validTo: '2025-12-31' }] },
      { username: 'nong', displayName: '农执法', bodyId: bodies.city, certificates: [{ number: '35040020240004', field: 'agriculture', ...valid }] },
      { username: 'retired', displayName: '退执法', bodyId: bodies.city, active: false, certificates: [{ number: '35040020240005', field: 'urban_management', ...valid }] },
      { username: 'head', displayName: '王局长', bodyId: bodies.city, roles: ['agency_head'] },
      { username: 'zhao', displayName: '赵执法（区）', bodyId: bodies.county, certificates: [{ number: '35040420240011', field: 'urban_management', ...valid }] },
      { username: 'xie', displayName: '谢执法（街道）', bodyId: township, certificates: [{ number: '35040400124031', field: 'township_comprehensive', ...valid }] },
      { username: 'han', displayName: '韩执法（街道）', bodyId: township, certificates: [{ number: '35040400124032', field: 'township_comprehensive', ...valid }] },
    ]);
    for (const [file, elementId] of CHECKS) {
      const element = realElement(file, elementId, `check-${elementId}`);
      elements.set(elementId, element);
      await deployXml(h, `check-${elementId}.bpmn`, element.xml);
    }
    // the receiver of penalty-case-opened, as penalty-ordinary's message start event
    await deployXml(h, 'penalty-case-receiver.bpmn', definitions('<bpmn:message id="opened" name="penalty-case-opened" />', process('penalty-case-receiver', '<bpmn:startEvent id="opened-start"><bpmn:messageEventDefinition messageRef="opened" /></bpmn:startEvent><bpmn:endEvent id="received" /><bpmn:sequenceFlow id="f" sourceRef="opened-start" targetRef="received" />')));
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'workers-checks-'));
    const config = loadWorkersConfig({ DATA_DIR: dataDir, WORKERS_JOB_TIMEOUT_MS: '10000', WORKERS_LONG_POLL_MS: '1000', WORKERS_RETRY_BACKOFF_MS: '100' });
    workers = await startWorkers({ db, config, log: testLogger(), zeebeAddress: `127.0.0.1:${h.port}`, clock: { now: () => new Date(h.clock.now()) } });
  });

  after(async () => {
    await workers?.stop(2000);
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  /** Runs the check of `elementId` with the procedure's variables; returns the path the instance took. */
  async function run(elementId: string, variables: Record<string, unknown>): Promise<Ended> {
    const element = elements.get(elementId)!;
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: `check-${elementId}`, variables: variables as never });
    await waitUntil(
      async () => {
        const incidents = await incidentsOf(h, processInstanceKey);
        if (incidents.length > 0) throw new Error(`Expected the check to end without an incident, but: ${incidents.map((i) => i.errorMessage).join('; ')}`);
        return (await leftoverState(h, processInstanceKey)).instances === 0;
      },
      15_000,
      `the instance of ${elementId} to end`,
    );
    expect(await leftoverState(h, processInstanceKey)).to.deep.equal(EMPTY_STATE);
    const completed = (await elementRecords(h, processInstanceKey)).filter((r) => r.intent === 'ELEMENT_COMPLETED').map((r) => r.elementId);
    const error = (await h.database.db('engine.records').where({ process_instance_key: processInstanceKey, value_type: 'JOB', intent: 'ERROR_THROWN' }).first('payload')) as { payload: { errorCode: string; errorMessage: string } } | undefined;
    if (completed.includes('refused')) {
      expect(completed).to.include(element.boundaryId!);
      expect(error?.payload.errorCode).to.equal(element.errorCode);
      return { path: 'refused', boundary: element.boundaryId, errorMessage: error!.payload.errorMessage };
    }
    expect(completed).to.include('allowed');
    expect(error).to.equal(undefined);
    return { path: 'allowed', boundary: null, errorMessage: null };
  }

  function expectRefused(ended: Ended, ...texts: string[]): void {
    expect(ended.path, ended.errorMessage ?? '').to.equal('refused');
    for (const text of texts) expect(ended.errorMessage).to.include(text);
  }

  describe('two officers with certificates valid on the day of the act and for the field (处罚法 Art 42)', () => {
    const filing = (names: Array<string | number>) => ({
      filing: { officers: names.map((n) => (typeof n === 'string' && n in officers ? officers[n] : n)), filedAt: '2026-03-02T09:00:00+08:00' },
      field: 'urban-management',
      bodyId: bodies.city,
    });
    const cases: Array<{ name: string; officers: Array<string | number>; refused?: string[] }> = [
      { name: 'two qualified officers', officers: ['zhang', 'wang'] },
      { name: 'an officer whose certificate expired before the day', officers: ['zhang', 'li'], refused: ['李执法', '执法证 35040020210002', 'expired on 2025-12-31'] },
      { name: 'one officer alone', officers: ['zhang'], refused: ['only 1 distinct officer is named'] },
      { name: 'the same officer twice', officers: ['zhang', 'zhang'], refused: ['only 1 distinct officer is named'] },
      { name: 'an officer certified for another field', officers: ['zhang', 'nong'], refused: ['农执法', "'agriculture'", "no field of the case ('urban_management')"] },
      { name: 'a deactivated officer and a head without certificate', officers: ['retired', 'head'], refused: ['退执法', 'deactivated', '王局长', 'no officer role', 'holds no 执法证'] },
      { name: 'a name that matches no user', officers: ['zhang', 'nobody'], refused: ["no user 'nobody' exists"] },
    ];
    for (const c of cases) {
      it(`${c.refused ? 'refuses' : 'allows'} filing with ${c.name}`, async () => {
        // when: penalty-ordinary's check-filing-officers
        const ended = await run('check-filing-officers', filing(c.officers));

        // then
        if (c.refused) expectRefused(ended, ...c.refused, '《行政处罚法》第四十二条');
        else expect(ended.path).to.equal('allowed');
      });
    }


    it('names officers by login name too', async () => {
      const ended = await run('check-filing-officers', { filing: { officers: ['zhang', 'wang'], filedAt: '2026-03-02T09:00:00+08:00' }, field: 'urban-management', bodyId: bodies.city });
      expect(ended.path).to.equal('allowed');
    });


    it('refuses a coercive measure by an officer of another body (强制法 Art 17: 不得委托)', async () => {
      // when: coercive-measure's check-measure-officers (header nonDelegable=true)
      const refused = await run('check-measure-officers', { officers: [officers.zhang, officers.zhao], actAt: '2026-03-02T09:00:00+08:00', field: 'urban-management', bodyId: bodies.city });
      const allowed = await run('check-measure-officers', { officers: [officers.zhang, officers.wang], actAt: '2026-03-02T09:00:00+08:00', field: 'urban-management', bodyId: bodies.city });

      // then
      expectRefused(refused, '赵执法（区）', `not for body ${bodies.city}`, '《行政强制法》第十七条');
      expect(allowed.path).to.equal('allowed');
    });


    it('accepts the 综合执法 certificates of a street office for an urban-management matter, and only for that office', async () => {
      // when: penalty-summary's check-summary-officers
      const ownBody = await run('check-summary-officers', { officers: [officers.xie, officers.han], actAt: '2026-03-02T09:00:00+08:00', field: 'urban-management', bodyId: township });
      const cityBody = await run('check-summary-officers', { officers: [officers.xie, officers.han], actAt: '2026-03-02T09:00:00+08:00', field: 'urban-management', bodyId: bodies.city });

      // then
      expect(ownBody.path).to.equal('allowed');
      expectRefused(cityBody, "'township_comprehensive'");
    });
  });

  describe('no penalty after the limitation period (处罚法 Art 36)', () => {
    const clue = (violationDate: string, receivedAt: string, specialLimitation = false) => ({
      verification: { violationDate, violationEndedAt: null, specialLimitation },
      clue: { source: 'complaint', receivedAt },
    });

    it('refuses a case discovered more than two years after the act', async () => {
      expectRefused(await run('check-limitation', clue('2024-03-10', '2026-03-11T09:00:00+08:00')), 'by 2026-03-10', 'discovered on 2026-03-11');
    });


    it('allows a case discovered on the last day of the two years', async () => {
      expect((await run('check-limitation', clue('2024-03-10', '2026-03-10T17:00:00+08:00'))).path).to.equal('allowed');
    });


    it('allows five years for life and health safety with harmful consequences', async () => {
      expect((await run('check-limitation', clue('2022-03-10', '2026-03-11T09:00:00+08:00', true))).path).to.equal('allowed');
    });
  });

  describe('advance notice before the decision unless waived in writing (处罚法 Arts 44, 45, 62)', () => {
    // served Monday 9 March 2026; 5 working days to Monday 16 March; the decision on Friday 20 March
    const notice = (patch: Record<string, unknown> = {}, statementWindow = '2026-03-16T23:59:59.999+08:00') => ({
      served: { penaltyAdvanceNotice: { servedAt: '2026-03-09T10:00:00.000+08:00', method: 'direct' } },
      deadlines: { statementWindow, hearingRequestWindow: '2026-03-16T23:59:59.999+08:00' },
      documents: { penaltyAdvanceNotice: { issueDate: '2026-03-06' } },
      hearing: { hearingRight: false },
      ...patch,
    });
    beforeEach(() => h.clock.pin(Date.parse('2026-03-20T10:00:00+08:00')));

    it('refuses a decision before the statement and defence window has passed', async () => {
      expectRefused(await run('check-advance-notice', notice({}, '2026-03-23T23:59:59.999+08:00')), 'may state and defend until 2026-03-23T23:59:59.999+08:00');
    });


    it('refuses a decision without a served notice', async () => {
      expectRefused(await run('check-advance-notice', { deadlines: {}, hearing: { hearingRight: false } }), 'no service of an advance notice is recorded');
    });


    it('refuses a decision while a requested hearing has not been held', async () => {
      expectRefused(await run('check-advance-notice', notice({ hearing: { hearingRight: true }, hearingRequest: { requested: true, requestedAt: '2026-03-11T09:00:00+08:00' } })), 'requested a hearing');
    });


    it('allows a decision after the window passed', async () => {
      expect((await run('check-advance-notice', notice())).path).to.equal('allowed');
    });


    it('allows a decision within the window when the party waived in writing', async () => {
      const waiver = { waived: true, waivedAt: '2026-03-10T15:00:00+08:00', document: { id: '77' } };
      expect((await run('check-advance-notice', notice({ waiver }, '2026-03-23T23:59:59.999+08:00'))).path).to.equal('allowed');
    });
  });

  describe('legal review before the decision where required (处罚法 Art 58)', () => {
    it('refuses a decision without the required review', async () => {
      expectRefused(await run('check-legal-review', { legalReview: { required: true, categories: ['hearing-held'] } }), 'none is recorded');
    });


    it('refuses a decision after a review that asked for revision', async () => {
      const legalReviewResult = { passed: false, conclusion: 'revise', opinion: '事实认定不清', reviewedAt: '2026-03-18T10:00:00+08:00' };
      expectRefused(await run('check-legal-review', { legalReview: { required: true }, legalReviewResult }), "'revise'", '事实认定不清');
    });


    it('allows a decision after a review that passed, and one that needs no review', async () => {
      const legalReviewResult = { passed: true, conclusion: 'pass', opinion: '同意', reviewedAt: '2026-03-18T10:00:00+08:00' };
      expect((await run('check-legal-review', { legalReview: { required: true }, legalReviewResult })).path).to.equal('allowed');
      expect((await run('check-legal-review', { legalReview: { required: false } })).path).to.equal('allowed');
    });
  });

  describe('no heavier penalty because the party defended itself (处罚法 Art 45(2))', () => {
    const proposedPenalty = { outcome: 'penalty', kinds: ['fine'], fine: 5000, confiscationValue: null };
    const statementReview = { adopted: false, opinion: '申辩不成立', revisedPenalty: null, reviewedAt: '2026-03-13T10:00:00+08:00' };

    it('refuses a higher fine after a statement and defence', async () => {
      const decision = { outcome: 'penalty', penalty: { kinds: ['fine'], fine: 8000, confiscationValue: null } };
      expectRefused(await run('check-no-heavier-penalty', { proposedPenalty, decision, statementReview }), 'the fine of 8000 yuan is higher than the 5000 yuan proposed', 'new advance notice');
    });


    it('refuses an added kind after a hearing', async () => {
      const decision = { outcome: 'penalty', penalty: { kinds: ['fine', 'licence-suspension'], fine: 5000 } };
      const hearingRecord = { held: true, partyAppeared: true, deemedWaived: false, endedAt: '2026-03-19T11:00:00+08:00' };
      expectRefused(await run('check-no-heavier-penalty', { proposedPenalty, decision, hearingRecord }), '暂扣许可证件 (licence-suspension)');
    });


    it('allows a lighter penalty after a statement and defence', async () => {
      const decision = { outcome: 'penalty', penalty: { kinds: ['fine'], fine: 3000 } };
      expect((await run('check-no-heavier-penalty', { proposedPenalty, decision, statementReview })).path).to.equal('allowed');
    });
  });

  describe('the annual cap on inspections of one enterprise (国办发〔2024〕54号)', () => {
    it('allows two inspections of an enterprise in a year and refuses the third', async () => {
      // given
      const inspection = (plannedAt: string) => ({ party: { name: '三明市某某建材有限公司', creditCode: '91350400MA00000009' }, plan: { type: 'routine', plannedAt }, field: 'urban-management', bodyId: bodies.city });

      // when
      const first = await run('check-inspection-frequency', inspection('2026-03-05T09:00:00+08:00'));
      const second = await run('check-inspection-frequency', inspection('2026-06-05T09:00:00+08:00'));
      const third = await run('check-inspection-frequency', inspection('2026-09-05T09:00:00+08:00'));
      const nextYear = await run('check-inspection-frequency', inspection('2027-01-05T09:00:00+08:00'));

      // then
      expect([first.path, second.path, nextYear.path]).to.deep.equal(['allowed', 'allowed', 'allowed']);
      expectRefused(third, 'fewer than 2 times in 2026', 'has 2 inspections on record');
      expect(await h.database.db('app.enterprise_inspections').where({ party_key: '91350400MA00000009' }).orderBy('planned_at').pluck('year')).to.deep.equal([2026, 2026, 2027]);
    });
  });

  describe('electronic service only with the party\'s consent and confirmation (民诉法 Art 90, 处罚法 Art 61)', () => {
    let documentJobKey = 2251799813600000;
    async function document(): Promise<string> {
      documentJobKey += 1;
      const [row] = await h.database.db('app.documents')
        .insert({ process_instance_key: 1, case_ref: 'C-9', body_id: bodies.city, kind: 'penalty-advance-notice', title: '行政处罚事先告知书', format: 'pdf', sha256: 'a'.repeat(64), storage_path: 'documents/x.pdf', byte_size: 1, job_key: documentJobKey })
        .returning(h.database.db.raw('id::text as id') as never);
      return (row as { id: string }).id;
    }
    const service = (id: string, electronicService: unknown) => ({ caseId: 'C-9', documentKind: 'penalty-advance-notice', document: { kind: 'penalty-advance-notice', pdf: { id } }, party: { name: '王某某', electronicService } });

    it('refuses to send without the party\'s consent and goes back to the choice of method', async () => {
      const ended = await run('send-electronic-document', service(await document(), { consented: false, address: 'mzt://350402199001011234' }));
      expectRefused(ended, 'no consent of the party is recorded');
      expect(ended.boundary).to.equal('electronic-sending-not-consented');
    });


    it('records the sending with the confirmed consent and the key of the arrival message', async () => {
      // given
      const id = await document();
      const consent = { confirmedAt: '2026-02-27T16:00:00+08:00', reference: '电子送达确认书-009' };

      // when
      const ended = await run('send-electronic-document', service(id, { consented: true, confirmationSigned: true, consent, address: 'mzt://350402199001011234' }));

      // then
      expect(ended.path).to.equal('allowed');
      const rows = await h.database.db('app.electronic_deliveries').where({ document_id: id });
      expect(rows).to.have.length(1);
      expect(rows[0]).to.include({ address: 'mzt://350402199001011234', correlation_key: 'C-9:penalty-advance-notice', case_ref: 'C-9', status: 'pending' });
      expect(rows[0].consent).to.deep.equal(consent);
    });
  });

  describe('message throw events publish through publish-message', () => {
    async function receivedCases(): Promise<Array<Record<string, unknown>>> {
      const r = await h.database.db.raw(
        `select v.process_instance_key::text as pi, v.payload->>'name' as name, v.payload->'value' as value
           from engine.records v
          where v.value_type = 'VARIABLE'
            and v.process_instance_key in (select process_instance_key from engine.records where value_type = 'PROCESS_INSTANCE' and payload->>'bpmnProcessId' = 'penalty-case-receiver')`,
      );
      const byInstance = new Map<string, Record<string, unknown>>();
      for (const row of r.rows as Array<{ pi: string; name: string; value: unknown }>) byInstance.set(row.pi, { ...byInstance.get(row.pi), [row.name]: row.value });
      return [...byInstance.values()];
    }

    it('opens the penalty case from an inspection with the message the diagram names', async () => {
      // when: inspection's open-penalty-case
      const ended = await run('open-penalty-case', {
        caseId: 'INSP-7',
        bodyId: bodies.city,
        field: 'urban-management',
        party: { name: '三明市某某建材有限公司' },
        result: { concludedAt: '2026-03-05T11:00:00+08:00', findings: '占道堆放建材' },
      });

      // then
      expect(ended.path).to.equal('allowed');
      const received = await waitUntil(async () => (await receivedCases()).find((v) => v.caseId === 'INSP-7/penalty'), 10_000, 'the penalty case');
      expect(received).to.deep.include({ sourceInspectionId: 'INSP-7', bodyId: bodies.city, clue: { source: 'inspection', receivedAt: '2026-03-05T11:00:00+08:00', summary: '占道堆放建材' } });
    });


    it('publishes a message once however often its job runs: the job key is the message id', async () => {
      // given
      const publisher = zeebeMessagePublisher(h.client);
      const message = { name: 'penalty-case-opened', correlationKey: 'INSP-8/penalty', variables: { caseId: 'INSP-8/penalty' }, messageId: '2251799813799999', timeToLiveMs: 3_600_000 };

      // when
      const first = await publisher.publish(message);
      const again = await publisher.publish(message);

      // then
      expect(first.duplicate).to.equal(false);
      expect(again).to.deep.equal({ key: null, duplicate: true });
      await waitUntil(async () => (await receivedCases()).some((v) => v.caseId === 'INSP-8/penalty'), 10_000, 'the penalty case');
      expect((await receivedCases()).filter((v) => v.caseId === 'INSP-8/penalty')).to.have.length(1);
    });
  });
});
