import { Duration } from 'zeebe-node';
import { createHolidayCalendar, formatChinaInstant, remainingWorkingDays, type CalendarDayRow, type DeadlineExplanation } from '../../legal/calendar.js';
import { describeDeadline } from '../../legal/describe-deadline.js';
import type { RouteRegistry } from '../route-registry.js';
import type { Services } from '../services/container.js';
import { accessScope, pathWithin } from '../services/access-scope.js';
import { appendAudit } from '../services/audit-log.js';
import { ensureCaseAccess } from '../services/case-access.js';
import { diagramView, engineTimeline, instanceTree, type TimelineEntry } from '../services/case-engine-view.js';
import { CASE_EVENTS, caseEventBody, type CaseEventType } from '../services/case-events.js';
import { bodyOfficers, chinaIso, engineFailure, loadBody, openCase, PROCEDURES, requireEngine, syncCases, type OpenCaseInput } from '../services/case-service.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { CasesRepository, type CaseFilter, type CaseRecord } from '../repositories/cases-repository.js';
import { calendarDate, field, id, idParams, listQuery, pageOf } from '../schemas/common.js';
import type { AuthUser, Field, Role } from '../roles.js';
import { chinaToday } from '../clock.js';

/** How many open cases a list request brings in line with the engine before it answers (the most recent ones). */
const SYNC_LIMIT = 500;

const READERS: readonly Role[] = ['officer', 'legal_reviewer', 'agency_head', 'supervisor', 'administrator'];
const ACTORS: readonly Role[] = ['officer', 'agency_head'];

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max, pattern: '\\S' });
const optionalText = (max: number) => ({ type: 'string', maxLength: max });
// {involved, illegalGains, fine, confiscation, …}: amounts in yuan (or a note)
const amounts = { type: 'object', additionalProperties: { anyOf: [{ type: 'number' }, { type: 'string', maxLength: 200 }, { type: 'boolean' }, { type: 'null' }] }, maxProperties: 20 };

const party = {
  type: 'object',
  properties: {
    type: { type: 'string', enum: ['natural-person', 'organisation'] },
    name: text(200),
    idType: { type: 'string', enum: ['resident-id', 'passport', 'other', 'credit-code'] },
    idNumber: { type: 'string', minLength: 1, maxLength: 40, pattern: '^[0-9A-Za-z-]+$' },
    legalRepresentative: optionalText(100),
    address: optionalText(300),
    phone: { type: 'string', maxLength: 30, pattern: '^[0-9+() -]*$' },
    electronicService: {
      type: 'object',
      properties: {
        consented: { type: 'boolean' },
        confirmationSigned: { type: 'boolean' },
        consent: { type: 'object', properties: { confirmedAt: { type: 'string', format: 'date-time' }, reference: optionalText(200) }, additionalProperties: false },
        address: optionalText(300),
      },
      required: ['consented', 'confirmationSigned'],
      additionalProperties: false,
    },
  },
  required: ['type', 'name', 'idType', 'idNumber'],
  additionalProperties: false,
};

const summaryProperties = {
  id: { type: 'integer' }, caseRef: { type: 'string' }, kind: { type: 'string' }, procedure: { type: 'string' }, title: { type: 'string' }, partyName: { type: 'string' },
  bodyId: { type: 'integer' }, bodyName: { type: 'string' }, field: { type: 'string' }, status: { type: 'string' }, currentStep: { type: ['string', 'null'] },
  currentStepName: { type: ['string', 'null'] }, openedAt: { type: 'string' },
};
const caseSummary = { type: 'object', properties: summaryProperties };
const caseDetail = {
  type: 'object',
  properties: {
    ...summaryProperties, facts: { type: 'string' }, amounts: { type: 'object' }, processInstanceKey: { type: ['string', 'null'] }, parties: { type: 'array', items: { type: 'object' } },
    officers: { type: 'array', items: { type: 'object' } }, items: { type: 'array', items: { type: 'object' } }, openedBy: { type: ['object', 'null'] }, closedAt: { type: ['string', 'null'] },
  },
};

/** The case as the API answers it: without what only access checks use. */
const detailView = ({ organisationPath: _path, processDefinitionKey: _definition, officerIds: _officers, ...rest }: CaseRecord) => rest;

/** Officers of the case, and the agency head of its body, may change it and register its events. */
function ensureActor(user: AuthUser, c: CaseRecord): void {
  const onCase = c.officerIds.includes(user.id);
  const head = user.roles.includes('agency_head') && user.bodyId === c.bodyId;
  if (!onCase && !head) throw new ForbiddenError(`Expected user '${user.username}' to be an officer of case ${c.caseRef} or the agency head of its body, but they are not`);
}

/** Chinese names of the deadlines the procedures compute (processes/README.md "Deadlines"). */
const DEADLINE_NAMES: Record<string, string> = {
  clueVerification: '线索核查期限', caseLimit: '办案期限', caseLimitWarning: '办案期限预警', evidencePreservation: '先行登记保存处理期限', caseReview: '案件审核期限',
  statementWindow: '陈述申辩期', hearingRequestWindow: '听证申请期', hearingNoticeMinimum: '听证通知提前期', decisionService: '决定书送达期限', payment: '缴款期限',
  surchargeEnforceable: '加处罚款满三十日', summaryFiling: '简易程序备案期限', cashHandover: '罚款缴付期限', measureReportBack: '强制措施报告期限',
  freezeDecisionService: '冻结决定送达期限', measureLimit: '强制措施期限', demandPerformance: '催告履行期限', substituteEarliest: '代履行等待期',
  enforcementSuspension: '中止执行期限', remedyPeriodsEnd: '复议诉讼期限', courtApplicationWindow: '申请法院强制执行期限', courtDemandWait: '催告后等待期',
  courtAcceptance: '法院受理期限', courtRuling: '法院裁定期限', publicNotice: '公告期', transferApproval: '移送审批期限', transferDispatch: '移送时限',
  policeDecision: '公安机关决定期限', itemHandover: '涉案物品移交期限', disclosure: '公示期限',
};

export function registerCaseRoutes(registry: RouteRegistry, services: Services): void {
  const cases = new CasesRepository(services.db);
  const db = services.db;

  /** The case if the user may read it (404 outside their subtree, 403 inside but not theirs), its status synced. */
  async function readableCase(user: AuthUser, caseId: number): Promise<CaseRecord> {
    let found = await cases.find(caseId);
    ensureCaseAccess(user, found && { id: String(found.id), caseRef: found.caseRef, bodyId: found.bodyId, organisationPath: found.organisationPath, officerIds: found.officerIds }, 'read', 'case', caseId);
    if (await syncCases(db, cases, [found!])) found = await cases.find(caseId);
    return found!;
  }

  registry.add<CaseFilter & { page: number; pageSize: number }>({
    method: 'get',
    path: '/cases',
    summary: 'Cases in the caller’s scope (officers, reviewers and heads: their body; supervisors and administrators: their subtree)',
    tag: 'cases',
    access: READERS,
    query: listQuery({
      status: { type: 'string', enum: ['open', 'suspended', 'closed', 'terminated', 'transferred'] },
      kind: { type: 'string', enum: ['inspection', 'penalty', 'coercion'] },
      procedure: { type: 'string', enum: Object.keys(PROCEDURES) },
      bodyId: id,
      mine: { type: 'boolean' },
      openedFrom: calendarDate,
      openedTo: calendarDate,
      sort: { type: 'string', enum: ['-openedAt', 'openedAt', 'caseRef'], default: '-openedAt' },
    }),
    response: { status: 200, schema: pageOf(caseSummary) },
    async handler({ query, user }) {
      const scope = accessScope(user);
      // check on read: open cases of the scope whose procedure has ended get their final status before the query
      await syncCases(db, cases, await cases.openInScope(scope, SYNC_LIMIT));
      return cases.list(scope, user.id, query, query);
    },
  });

  registry.add<unknown, OpenCaseInput>({
    method: 'post',
    path: '/cases',
    summary: 'Open a case (立案登记) and start its procedure on the engine',
    tag: 'cases',
    access: ACTORS,
    body: {
      type: 'object',
      properties: {
        kind: { type: 'string', enum: ['inspection', 'penalty', 'coercion'] },
        procedure: { type: 'string', enum: Object.keys(PROCEDURES) },
        bodyId: id,
        field,
        title: text(200),
        facts: optionalText(5000),
        amounts,
        itemIds: { type: 'array', items: id, maxItems: 20, uniqueItems: true },
        parties: { type: 'array', items: party, minItems: 1, maxItems: 20 },
        officerIds: { type: 'array', items: id, minItems: 2, maxItems: 20, uniqueItems: true },
        variables: { type: 'object', maxProperties: 50 },
      },
      required: ['kind', 'procedure', 'title', 'itemIds', 'parties', 'officerIds'],
      additionalProperties: false,
    },
    response: { status: 201, schema: caseDetail },
    async handler({ body, user }) {
      const caseId = await openCase(services, cases, user, body);
      const opened = (await cases.find(caseId))!;
      await appendAudit(db, { userId: user.id, action: 'open', entity: 'case', entityId: caseId, detail: { caseRef: opened.caseRef, procedure: opened.procedure, processInstanceKey: opened.processInstanceKey } });
      return detailView(opened);
    },
  });

  registry.add<{ bodyId?: number; field?: Field }>({
    method: 'get',
    path: '/cases/officer-options',
    summary: 'The body’s active officers who may be named on a new case, each with whether their 执法证 is valid today for the field',
    tag: 'cases',
    access: ACTORS,
    query: { type: 'object', properties: { bodyId: id, field }, additionalProperties: false },
    response: { status: 200, schema: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, username: { type: 'string' }, displayName: { type: 'string' }, certificateValid: { type: 'boolean' } } } } },
    async handler({ query, user }) {
      const bodyId = query.bodyId ?? user.bodyId;
      const body = bodyId ? await loadBody(db, bodyId) : undefined;
      // as for cases: a body outside the caller's subtree does not exist for them; inside it, only their own body is theirs
      if (!body || (body.id !== user.bodyId && !pathWithin(body.organisationPath, user.organisationPath))) throw new NotFoundError(`Expected enforcement body '${String(bodyId ?? '')}' to exist, but it was not found`);
      if (body.id !== user.bodyId) throw new ForbiddenError(`Expected user '${user.username}' to name officers of their own enforcement body, but body ${body.id} is not theirs`);
      return bodyOfficers(services, body, query.field ?? body.field, chinaToday(services.clock));
    },
  });

  registry.add<unknown, undefined, { id: number }>({
    method: 'get',
    path: '/cases/:id',
    summary: 'A case with its parties, officers and enforcement items',
    tag: 'cases',
    access: READERS,
    params: idParams,
    response: { status: 200, schema: caseDetail },
    async handler({ params, user }) {
      return detailView(await readableCase(user, params.id));
    },
  });

  registry.add<unknown, { title?: string; facts?: string; amounts?: Record<string, unknown> }, { id: number }>({
    method: 'patch',
    path: '/cases/:id',
    summary: 'Change the 案由, facts or amounts of a case',
    tag: 'cases',
    access: ACTORS,
    params: idParams,
    body: { type: 'object', properties: { title: text(200), facts: optionalText(5000), amounts }, additionalProperties: false, minProperties: 1 },
    response: { status: 200, schema: caseDetail },
    async handler({ params, body, user }) {
      const current = await readableCase(user, params.id);
      ensureActor(user, current);
      await cases.update(current.id, body, services.clock.now());
      await cases.addEvent(current.id, { actorId: user.id, type: 'updated', summary: `修改案件信息：${Object.keys(body).join('、')}`, data: body, at: services.clock.now() });
      await appendAudit(db, { userId: user.id, action: 'update', entity: 'case', entityId: current.id, detail: body });
      return detailView((await cases.find(current.id))!);
    },
  });

  registry.add<unknown, undefined, { id: number }>({
    method: 'get',
    path: '/cases/:id/timeline',
    summary: 'The case’s history: the engine’s records of its procedure (and called procedures) with the platform’s events, comments, documents and service',
    tag: 'cases',
    access: READERS,
    params: idParams,
    response: { status: 200, schema: { type: 'array', items: { type: 'object', properties: { at: { type: 'string' }, source: { type: 'string' }, type: { type: 'string' }, summary: { type: 'string' }, elementId: { type: 'string' }, actor: { type: 'object' } } } } },
    async handler({ params, user }) {
      const c = await readableCase(user, params.id);
      const keys = c.processInstanceKey ? await instanceTree(db, c.processInstanceKey) : [];
      const entries: TimelineEntry[] = keys.length > 0 ? await engineTimeline(db, keys) : [];
      const actor = (idValue: number | null, name: string | null) => (idValue ? { actor: { id: idValue, displayName: name ?? '' } } : {});
      const events = await db('app.case_events as e').leftJoin('app.users as u', 'u.id', 'e.actor_id').where('e.case_id', c.id).orderBy('e.at').select('e.at', 'e.type', 'e.summary', 'e.actor_id', 'u.display_name');
      for (const e of events) entries.push({ at: (e.at as Date).toISOString(), source: 'platform', type: e.type, summary: e.summary, ...actor(e.actor_id, e.display_name) });
      const comments = await db('app.task_comments as tc').join('app.tasks as t', 't.id', 'tc.task_id').leftJoin('app.users as u', 'u.id', 'tc.author_id').where('tc.case_id', c.id).select('tc.at', 'tc.kind', 'tc.body', 'tc.author_id', 'u.display_name', 't.element_id', 't.name');
      for (const m of comments) entries.push({ at: (m.at as Date).toISOString(), source: 'platform', type: `comment:${m.kind}`, summary: `${m.name}：${m.body}`, elementId: m.element_id, ...actor(m.author_id, m.display_name) });
      const documentQuery = db('app.documents').where((w) => {
        w.where('case_ref', c.caseRef);
        if (keys.length > 0) w.orWhereRaw('process_instance_key = any(?::bigint[])', [keys]);
      });
      const documents = await documentQuery.clone().distinctOn('job_key').orderBy([{ column: 'job_key' }, { column: 'id' }]).select('id', 'job_key', 'title', 'number', 'created_at');
      for (const d of documents) entries.push({ at: (d.created_at as Date).toISOString(), source: 'platform', type: 'document', summary: `制作文书：${d.title}${d.number ? `（${d.number}）` : ''}` });
      const service = await db('app.service_records as s').join('app.documents as d', 'd.id', 's.document_id')
        .where((w) => {
          w.where('s.case_ref', c.caseRef);
          if (keys.length > 0) w.orWhereRaw('s.process_instance_key = any(?::bigint[])', [keys]);
        })
        .select('s.served_at', 's.method', 's.recipient', 'd.title');
      for (const s of service) entries.push({ at: (s.served_at as Date).toISOString(), source: 'platform', type: 'service', summary: `送达：${s.title}（${s.method}，受送达人${s.recipient}）` });
      // oldest first; at the same instant the engine's record comes before what the platform made of it
      return entries.map((e, i) => ({ e, i })).sort((a, b) => (a.e.at < b.e.at ? -1 : a.e.at > b.e.at ? 1 : a.i - b.i)).map(({ e }) => e);
    },
  });

  registry.add<unknown, undefined, { id: number }>({
    method: 'get',
    path: '/cases/:id/deadlines',
    summary: 'The statutory deadlines of the case with their legal basis, explanation and the working days left',
    tag: 'cases',
    access: READERS,
    params: idParams,
    response: { status: 200, schema: { type: 'array', items: { type: 'object' } } },
    async handler({ params, user }) {
      const c = await readableCase(user, params.id);
      const keys = c.processInstanceKey ? await instanceTree(db, c.processInstanceKey) : [];
      const rows = await db('app.deadlines')
        .where((w) => {
          w.where('case_ref', c.caseRef);
          if (keys.length > 0) w.orWhereRaw('process_instance_key = any(?::bigint[])', [keys]);
        })
        .orderBy([{ column: 'due' }, { column: 'id' }])
        .select('*');
      const calendar = createHolidayCalendar((await services.calendar.all()) as CalendarDayRow[]);
      const now = services.clock.now();
      return rows.map((r) => ({
        id: Number(r.id),
        name: DEADLINE_NAMES[r.kind as string] ?? r.kind,
        kind: r.kind,
        legalBasis: r.legal_basis,
        start: formatChinaInstant((r.start as Date).getTime()),
        due: formatChinaInstant((r.due as Date).getTime()),
        dueDate: r.due_date,
        length: r.length,
        unit: r.unit,
        status: r.status,
        explanation: r.explanation,
        text: describeDeadline(r.explanation as DeadlineExplanation),
        // working days left for a running (or overdue) period; none for one that was met or cancelled
        remainingWorkingDays: r.status === 'running' || r.status === 'overdue' ? remainingWorkingDays(now, r.due as Date, calendar) : null,
      }));
    },
  });

  registry.add<unknown, undefined, { id: number }>({
    method: 'get',
    path: '/cases/:id/diagram',
    summary: 'The BPMN of the case’s procedure (the deployed version) with its open, completed and failed elements',
    tag: 'cases',
    access: READERS,
    params: idParams,
    response: { status: 200, schema: { type: 'object', properties: { bpmnProcessId: { type: 'string' }, xml: { type: 'string' }, activeElementIds: { type: 'array' }, completedElementIds: { type: 'array' }, incidentElementIds: { type: 'array' } } } },
    async handler({ params, user }) {
      const c = await readableCase(user, params.id);
      const { processDefinitionKey: _key, ...view } = await diagramView(db, c);
      return view;
    },
  });

  registry.add<unknown, { type: CaseEventType; data: Record<string, unknown> }, { id: number }>({
    method: 'post',
    path: '/cases/:id/events',
    summary: 'Register a party’s statement, waiver, hearing request, payment, … : publishes the BPMN message of the procedure',
    tag: 'cases',
    access: ACTORS,
    params: idParams,
    body: caseEventBody,
    response: { status: 202, schema: { type: 'object', properties: { type: { type: 'string' }, messageName: { type: 'string' } } } },
    async handler({ params, body, user }) {
      const c = await readableCase(user, params.id);
      ensureActor(user, c);
      const zeebe = requireEngine(services);
      const event = CASE_EVENTS[body.type];
      if (!event.procedures.includes(c.procedure)) {
        throw new ConflictError(`Expected a case whose procedure is ${event.procedures.join(' or ')} for a '${body.type}' event, but case ${c.caseRef} runs '${c.procedure}'`);
      }
      if (c.status !== 'open' && c.status !== 'suspended') throw new ConflictError(`Expected an open case, but case ${c.caseRef} is ${c.status}`);
      const now = services.clock.now();
      const officers = (await db('app.users').whereIn('id', c.officerIds).select('id', 'username')) as Array<{ id: number; username: string }>;
      const variables = event.variables(body.data, { caseRef: c.caseRef, nowIso: chinaIso(now), officers: c.officerIds.map((o) => officers.find((x) => x.id === o)?.username ?? String(o)) });
      try {
        await zeebe.publishMessage({ name: event.messageName, correlationKey: c.caseRef, timeToLive: Duration.hours.of(1), variables });
      } catch (error) {
        throw engineFailure(error, `accept message '${event.messageName}' for case ${c.caseRef}`);
      }
      await cases.addEvent(c.id, { actorId: user.id, type: `message:${body.type}`, summary: `登记：${event.label}`, data: { messageName: event.messageName, variables }, at: now });
      await appendAudit(db, { userId: user.id, action: 'publish', entity: 'case', entityId: c.id, detail: { type: body.type, messageName: event.messageName, caseRef: c.caseRef } });
      return { type: body.type, messageName: event.messageName };
    },
  });
}
