/**
 * inspection (processes/inspection.bpmn): 涉企行政检查 (国办发〔2024〕54号; 司法部《行政检查文书基本格式文本（试行）》)
 * end to end on the engine with its controlled clock and the real workers, for the 列东街道办事处 (a township body with
 * 乡镇综合执法 powers; its officers 谢执法 and 韩执法 hold 执法证). The follow-up opens a penalty case and requests a
 * coercive measure by message: the new instances are checked here; penalty-ordinary itself is tested elsewhere.
 */
import { expect } from 'chai';
import { waitUntil } from '../engine/support/engine-harness.js';
import { useProcedures, type ProcedureHarness } from './support/procedure-harness.js';
import { approval, chinaIso, documentsOf, expectPdfAndDocx, hasReached, serveDirectly, serviceRecords } from './support/coercion-steps.js';

/** The running instance of `bpmnProcessId` whose root variable `name` is `value` (started by a message). */
async function instanceWith(p: ProcedureHarness, bpmnProcessId: string, name: string, value: unknown): Promise<string> {
  return waitUntil(
    async () => {
      const r = await p.h.database.db.raw(
        'select v.process_instance_key::text as key from engine.variables v join engine.process_instances i on i.key = v.process_instance_key where i.bpmn_process_id = ? and v.scope_key = v.process_instance_key and v.name = ? and v.value = ?::jsonb',
        [bpmnProcessId, name, JSON.stringify(value)],
      );
      return (r.rows as Array<{ key: string }>)[0]?.key ?? null;
    },
    10_000,
    `a ${bpmnProcessId} instance with ${name} = ${JSON.stringify(value)}`,
  );
}

describe('inspection: 涉企行政检查 (国办发〔2024〕54号), plan to follow-up', () => {
  const p = useProcedures('inspection');
  let bodyId: number;

  before(async () => {
    bodyId = await p.bodyId('列东街道办事处');
  });

  const remedies = { reconsiderationAuthority: '三明市三元区人民政府', litigationCourt: '三明市三元区人民法院' };
  const shop = (n: number) => ({ type: 'organisation', name: `三明市列东某某便利店${n}`, address: `三明市三元区列东街${n}号`, creditCode: `92350400MA3X0000${String(n).padStart(2, '0')}` });

  function inspectionCase(id: string, party: Record<string, unknown>): Record<string, unknown> {
    return {
      caseId: id, bodyId, bodyName: '三元区列东街道办事处', field: 'urban-management', party, remedies,
      inspection: { type: 'routine', items: '门前三包责任落实情况', source: '2026年度行政检查计划（双随机抽取）', randomDraw: true, legalBasis: '《福建省城市市容和环境卫生管理办法》第十条' },
      availableOfficers: ['liedong-officer', 'liedong-officer2'],
    };
  }

  const plan = (plannedAt: string, officers = ['liedong-officer', 'liedong-officer2']) => ({ type: 'routine', items: '门前三包责任落实情况', method: 'on-site', officers, plannedAt });

  it('plan, approval, notice, on-site inspection by two certified officers with a record, result notified and queued for disclosure (20 working days over National Day); the follow-up orders rectification, opens a penalty case and requests a seizure', async () => {
    // given: a routine inspection drawn at random, planned for Tuesday 29 September
    p.startAt('2026-09-24T09:00:00+08:00');
    const pi = await p.start('inspection', inspectionCase('JC-2026-001', shop(1)));
    await p.complete(pi, 'plan-inspection', plan('2026-09-29T09:00:00+08:00'));

    // when: the frequency is within the cap, both officers hold valid certificates, the head approves
    const approve = await p.task(pi, 'approve-inspection');
    expect(approve.variables.inspectionFrequency).to.deep.equal({ year: 2026, count: 1, cap: 2 });
    await p.complete(pi, 'approve-inspection', approval('2026-09-24T10:00:00+08:00'));

    // then: the 行政检查通知书 is served before the inspection
    await serveDirectly(p, pi, '李某（店长）', '2026-09-24T15:00:00+08:00');
    const [notice] = await documentsOf(p, pi);
    expect(notice!.kind).to.equal('inspection-notice');
    expect(notice!.number).to.match(/^三元区列东街道办事处检通〔2026〕\d+号$/);
    expect(notice!.fields).to.deep.include({ inspectionType: '日常检查', items: '门前三包责任落实情况', legalBasis: '《福建省城市市容和环境卫生管理办法》第十条', plannedAt: '2026-09-29T09:00:00+08:00', frequency: '本年度第1次（上限2次）', partyIdNumber: '92350400MA3X000001' });
    expect(notice!.fields.officers).to.deep.equal(['liedong-officer', 'liedong-officer2']);

    // when: on site on 29 September, with a record; conclusion in the afternoon
    await p.advanceTo('2026-09-29T11:00:00+08:00');
    await p.complete(pi, 'conduct-inspection', { startedAt: '2026-09-29T09:00:00+08:00', certificatesShown: true, partyPresent: true, witness: '无', findings: '店外人行道堆放货架及纸箱，占道约4平方米', signed: true });
    await p.advanceTo('2026-09-29T16:30:00+08:00');
    await p.complete(pi, 'conclude-inspection', {
      compliant: false, findings: '当事人店外占道堆放货物，未落实门前三包责任', concludedAt: '2026-09-29T16:00:00+08:00',
      rectification: true, rectifyBy: '2026-10-15', penaltyCase: true, coerciveMeasure: true,
      measure: { kind: 'seize', items: '货架2个、纸箱若干', reason: '当事人拒不清理占道物品', basis: '《中华人民共和国行政强制法》第九条、第二十二条' },
    });
    await serveDirectly(p, pi, '李某（店长）', '2026-09-29T17:00:00+08:00');

    // then: the result notice, and the disclosure due 20 working days after the conclusion (国办发〔2018〕118号;
    // the 20 days skip 1–7 October and count Saturday 10 October): Monday 2 November
    const documents = await documentsOf(p, pi);
    expect(documents.map((d) => d.kind)).to.deep.equal(['inspection-notice', 'inspection-result']);
    expect(documents[1]!.number).to.match(/^三元区列东街道办事处检结〔2026〕\d+号$/);
    expect(documents[1]!.fields).to.deep.include({ noticeNumber: notice!.number, inspectedAt: '2026-09-29', rectification: true, rectifyBy: '2026-10-15', penaltyCase: true, coerciveMeasure: true, compliant: false });
    expectPdfAndDocx(documents);
    expect((await serviceRecords(p, pi)).map((s) => [s.kind, s.method, s.servedAt])).to.deep.equal([
      ['inspection-notice', 'direct', '2026-09-24T15:00:00.000+08:00'],
      ['inspection-result', 'direct', '2026-09-29T17:00:00.000+08:00'],
    ]);
    await p.reached(pi, 'queue-inspection-disclosure');
    const queued = await p.h.database.db.raw('select kind, due_by, subject from app.disclosure_queue where process_instance_key = ?', [pi]);
    expect(queued.rows).to.have.length(1);
    expect(queued.rows[0].kind).to.equal('other-decision');
    expect(chinaIso(queued.rows[0].due_by as Date)).to.equal('2026-11-02T23:59:59.999+08:00');
    expect(queued.rows[0].subject).to.deep.include({ documentNumber: documents[1]!.number, partyName: '三明市列东某某便利店1', authority: '三元区列东街道办事处' });

    // and the follow-up (all three at once): a coercive measure is requested (coercive-measure, by message): it waits for the head's prior approval
    const measure = await instanceWith(p, 'coercive-measure', 'measureId', 'JC-2026-001/measure');
    await p.task(measure, 'approve-measure');
    const measureVariables = await p.variables(measure);
    expect(measureVariables).to.deep.include({ caseId: 'JC-2026-001', bodyId, onTheSpot: false, actAt: '2026-09-29T16:00:00+08:00' });
    expect(measureVariables.measure).to.deep.include({ kind: 'seize', items: '货架2个、纸箱若干', basis: '《中华人民共和国行政强制法》第九条、第二十二条' });
    expect(measureVariables.officers).to.deep.equal(['liedong-officer', 'liedong-officer2']);

    // and the measure runs on what the message carried: approved, carried out, its decision issued
    await p.complete(measure, 'approve-measure', approval('2026-09-29T17:10:00+08:00'));
    await p.advanceTo('2026-09-29T18:00:00+08:00');
    await p.complete(measure, 'carry-out-measure', { startedAt: '2026-09-29T17:30:00+08:00', certificatesShown: true, partyPresent: true, witness: '无', statementHeard: true, findings: '当事人拒不清理占道货物', inventory: '货架2个、纸箱若干', signed: true });
    await p.task(measure, 'decide-measure-outcome');
    const [seizure] = await documentsOf(p, measure);
    expect(seizure!.kind).to.equal('seizure-decision');
    expect(seizure!.fields).to.deep.include({ legalBasis: '《中华人民共和国行政强制法》第九条、第二十二条', reconsiderationAuthority: '三明市三元区人民政府' });
    expect(seizure!.fields.items).to.deep.equal([{ name: '货架2个、纸箱若干', quantity: '详见现场笔录' }]);

    // and the rectification is checked by its date
    const check = await p.task(pi, 'verify-rectification');
    expect(check.headers['io.camunda.zeebe:dueDate']).to.equal('2026-10-15');
    await p.advanceTo('2026-10-15T10:00:00+08:00');
    await p.complete(pi, 'verify-rectification', { rectified: true, checkedAt: '2026-10-15T10:00:00+08:00', findings: '已清理，门前整洁' });

    // then: the inspection ends; the case and the measure live on by themselves
    await p.finished(pi);
    for (const end of ['rectification-verified', 'penalty-case-opened-end', 'coercive-measure-requested-end']) expect(await hasReached(p, pi, end), end).to.equal(true);
    await p.client.cancelProcessInstance(measure);

    // and the penalty case: the message carries the case (a new case id, the inspection as its clue) ...
    const published = await p.h.database.db.raw("select payload from engine.records where value_type = 'MESSAGE' and intent = 'PUBLISHED' and payload->>'name' = 'penalty-case-opened'");
    expect(published.rows).to.have.length(1);
    expect(published.rows[0].payload).to.deep.include({ correlationKey: 'JC-2026-001/penalty' });
    expect(published.rows[0].payload.variables).to.deep.include({ caseId: 'JC-2026-001/penalty', sourceInspectionId: 'JC-2026-001', bodyId, field: 'urban-management' });
    expect(published.rows[0].payload.variables.clue).to.deep.equal({ source: 'inspection', receivedAt: '2026-09-29T16:00:00+08:00', summary: '当事人店外占道堆放货物，未落实门前三包责任' });

    // ... and starts penalty-ordinary with the case variables
    const penaltyCase = (await p.h.database.db.raw("select key::text as key from engine.process_instances where bpmn_process_id = 'penalty-ordinary'")).rows[0]?.key as string;
    expect(penaltyCase, 'a penalty-ordinary instance started by penalty-case-opened').to.be.a('string');
    try {
      await p.expectNoIncidents(penaltyCase);
      expect(await instanceWith(p, 'penalty-ordinary', 'caseId', 'JC-2026-001/penalty')).to.equal(penaltyCase);
      const penaltyVariables = await p.variables(penaltyCase);
      expect(penaltyVariables).to.deep.include({ sourceInspectionId: 'JC-2026-001', bodyId, field: 'urban-management' });
      expect(penaltyVariables.party).to.deep.include({ name: '三明市列东某某便利店1' });
      expect(penaltyVariables.clue).to.deep.include({ source: 'inspection', receivedAt: '2026-09-29T16:00:00+08:00' });
    } finally {
      await p.client.cancelProcessInstance(penaltyCase).catch(() => undefined);
    }
  });


  it('nothing found: the result is notified and disclosed, the inspection closes (Spring Festival in the 20 working days)', async () => {
    p.startAt('2026-02-09T09:00:00+08:00');
    const pi = await p.start('inspection', inspectionCase('JC-2026-002', shop(2)));
    await p.complete(pi, 'plan-inspection', plan('2026-02-12T09:00:00+08:00'));
    await p.complete(pi, 'approve-inspection', approval('2026-02-09T10:00:00+08:00'));
    await serveDirectly(p, pi, '店主', '2026-02-09T15:00:00+08:00');
    await p.advanceTo('2026-02-12T16:30:00+08:00');
    await p.complete(pi, 'conduct-inspection', { startedAt: '2026-02-12T09:00:00+08:00', certificatesShown: true, partyPresent: true, witness: '无', findings: '门前整洁，无占道经营', signed: true });
    await p.complete(pi, 'conclude-inspection', { compliant: true, findings: '未发现违法行为', concludedAt: '2026-02-12T16:00:00+08:00' });
    await serveDirectly(p, pi, '店主', '2026-02-12T17:00:00+08:00');
    await p.finished(pi);
    expect(await hasReached(p, pi, 'inspection-closed')).to.equal(true);
    const queued = await p.h.database.db.raw('select due_by from app.disclosure_queue where process_instance_key = ?', [pi]);
    expect(chinaIso(queued.rows[0].due_by as Date)).to.equal('2026-03-18T23:59:59.999+08:00');
    const documents = await documentsOf(p, pi);
    expect(documents[1]!.fields).to.deep.include({ compliant: true, rectification: false });
  });


  it('the annual cap per enterprise (2 a year, a published sector example): the third inspection needs an exemption; an uncertified officer sends the plan back; the head may still refuse the inspection (国办发〔2024〕54号)', async () => {
    // given: two inspections of the same shop this year pass the check
    p.startAt('2026-03-02T09:00:00+08:00');
    for (const [n, day] of [[1, '2026-03-05'], [2, '2026-06-10']] as const) {
      const earlier = await p.start('inspection', inspectionCase(`JC-2026-01${n}`, shop(3)));
      await p.complete(earlier, 'plan-inspection', plan(`${day}T09:00:00+08:00`));
      const approve = await p.task(earlier, 'approve-inspection');
      expect(approve.variables.inspectionFrequency).to.deep.equal({ year: 2026, count: n, cap: 2 });
      await p.complete(earlier, 'approve-inspection', approval('2026-03-02T10:00:00+08:00', false, '另行安排'));
      await p.finished(earlier);
    }

    // when: a third is planned, naming an officer who has no 执法证 (a legal reviewer)
    const pi = await p.start('inspection', inspectionCase('JC-2026-013', shop(3)));
    await p.complete(pi, 'plan-inspection', plan('2026-09-01T09:00:00+08:00', ['liedong-officer', 'liedong-reviewer']));

    // then: the cap is reached: the head must decide on an exemption (a complaint to verify)
    const exemption = await p.task(pi, 'approve-cap-exemption');
    expect(exemption.variables.inspectionFrequency).to.deep.equal({ year: 2026, count: 2, cap: 2 });
    await p.complete(pi, 'approve-cap-exemption', approval('2026-03-02T11:00:00+08:00', true, '群众投诉举报核查，属于豁免情形'));

    // and the officers are checked: the plan goes back, the officer names two certified officers; the changed plan is
    // checked against the cap again (and exempted again)
    const replan = await p.task(pi, 'plan-inspection');
    expect(replan.variables.officersCheck).to.not.equal(undefined);
    await p.complete(pi, 'plan-inspection', plan('2026-09-01T09:00:00+08:00'));
    await p.complete(pi, 'approve-cap-exemption', approval('2026-03-02T11:10:00+08:00', true, '群众投诉举报核查，属于豁免情形'));
    const exempted = await p.task(pi, 'approve-inspection');
    expect(exempted.variables.officers).to.deep.equal(['liedong-officer', 'liedong-officer2']);

    // when: the head refuses the inspection itself
    await p.complete(pi, 'approve-inspection', approval('2026-03-02T11:30:00+08:00', false, '投诉事项已由市场监管部门处理'));
    await p.finished(pi);
    expect(await hasReached(p, pi, 'inspection-not-approved')).to.equal(true);
    expect(await documentsOf(p, pi)).to.deep.equal([]);

    // and a fourth, without an exemption, is cancelled
    const fourth = await p.start('inspection', inspectionCase('JC-2026-014', shop(3)));
    await p.complete(fourth, 'plan-inspection', plan('2026-10-12T09:00:00+08:00'));
    await p.complete(fourth, 'approve-cap-exemption', approval('2026-03-02T12:00:00+08:00', false, '日常检查已达年度上限'));
    await p.finished(fourth);
    expect(await hasReached(p, fourth, 'inspection-cancelled')).to.equal(true);
    const counted = await p.h.database.db.raw("select count(*)::int as n from app.enterprise_inspections where party_key = '92350400MA3X000003' and year = 2026");
    expect(counted.rows[0].n).to.equal(2);
  });
});
