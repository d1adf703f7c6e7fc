/**
 * 待办: who may see and act on a user task, and the actions themselves (claim, unclaim, assign, delegate, comment,
 * complete, approve, reject, return). Completing a task completes its io.camunda.zeebe:userTask job on the engine
 * with the form data (checked against the task's form); a submissionId makes it idempotent for offline sync.
 *
 * Candidate groups are `<bodyId>:<role>` (officer → officer, reviewer → legal_reviewer, head → agency_head). A task
 * is visible to its candidates, its assignee, whoever completed it, the agency head of its body (who assigns it) and,
 * read-only, supervisors and administrators whose organisation's subtree holds the body. Others inside that subtree
 * get 403, everyone outside 404 (nothing leaks about other counties).
 */
import { randomUUID } from 'node:crypto';
import type { ZBClient } from 'zeebe-node';
import type { Db } from '../../db/connect.js';
import { chinaToday, type Clock } from '../clock.js';
import { ConflictError, ForbiddenError, HttpProblem, NotFoundError, ValidationError } from '../errors.js';
import type { CertificatesRepository } from '../repositories/certificates-repository.js';
import type { PageRequest, Page } from '../repositories/page.js';
import { TasksRepository, type TaskComment, type TaskFilter, type TaskOutcome, type TaskRecord, type TaskSummary } from '../repositories/tasks-repository.js';
import { FIELDS, type AuthUser, type Field, type Role } from '../roles.js';
import { pathWithin } from './access-scope.js';
import { appendAudit } from './audit-log.js';
import { checkCertificate } from './certificate-check.js';
import { loadForm, validateFormData, type FormSchema } from './form-validation.js';
import { elementName } from './process-definitions.js';

/** Candidate-group suffix → the role that holds it. */
export const GROUP_ROLES: Readonly<Record<string, Role>> = { officer: 'officer', reviewer: 'legal_reviewer', head: 'agency_head' };
const READ_ROLES: readonly Role[] = ['supervisor', 'administrator'];

export interface TaskActions {
  claim: boolean;
  unclaim: boolean;
  assign: boolean;
  delegate: boolean;
  complete: boolean;
  approve: boolean;
  reject: boolean;
  return: boolean;
}

export interface ReturnTarget {
  value: string;
  label: string;
}

export interface TaskDetail extends TaskSummary {
  variables: Record<string, unknown>;
  form: FormSchema | null;
  actions: TaskActions;
  returnTargets: ReturnTarget[];
  comments: TaskComment[];
}

/** Approval forms: which form keys approve/reject fill in (processes/README.md "Approvals"). */
const APPROVAL_FORMS: Readonly<Record<string, { reason: string; at: string }>> = {
  approve: { reason: 'rejectionReason', at: 'decidedAt' },
  'case-review': { reason: 'opinion', at: 'reviewedAt' },
};

/**
 * Where the BPMN models sending a task's work back (退回), the element it goes back to and the form variables the
 * gateway after the task reads. Found in processes/*.bpmn: exclusive gateways after these tasks whose flow loops back.
 */
const RETURNS: Readonly<Record<string, { target: string; variables: (reason: string, at: string) => Record<string, unknown> }>> = {
  // 案件审核 → 退回补充调查 (default flow of case-review-outcome; `caseReview.approved` false)
  'penalty-ordinary/review-case': { target: 'investigate', variables: (reason, at) => ({ approved: false, opinion: reason, reviewedAt: at }) },
  // 法制审核 → 未通过，修改 (default flow of legal-review-passed; conclusion other than "pass")
  'penalty-ordinary/legal-review': { target: 'write-investigation-report', variables: (reason, at) => ({ conclusion: 'revise', opinion: reason, reviewedAt: at }) },
  // 结案审批 → 退回 (default flow of closure-approved)
  'penalty-ordinary/approve-closure': { target: 'close-case', variables: (reason, at) => ({ approved: false, opinion: reason, rejectionReason: reason, decidedAt: at }) },
  // 负责人签名 → 退回 (default flow of court-application-approved)
  'court-enforcement/approve-court-application': { target: 'prepare-court-application', variables: (reason, at) => ({ approved: false, opinion: reason, rejectionReason: reason, decidedAt: at }) },
};

/** An instant as the forms serialise it (utc_offset, China time). */
export function chinaIso(date: Date): string {
  const d = new Date(date.getTime() + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+08:00`;
}

/** The candidate groups a user belongs to: `<bodyId>:<group>` for each role they hold in their body. */
export function groupsOf(user: AuthUser): string[] {
  if (user.bodyId === null) return [];
  return Object.entries(GROUP_ROLES)
    .filter(([, role]) => user.roles.includes(role))
    .map(([group]) => `${user.bodyId}:${group}`);
}

export function isCandidate(user: AuthUser, task: Pick<TaskRecord, 'candidateGroups' | 'candidateUsers'>): boolean {
  const groups = groupsOf(user);
  return task.candidateGroups.some((g) => groups.includes(g)) || task.candidateUsers.includes(user.username) || task.candidateUsers.includes(String(user.id));
}

/** The roles the task's candidate groups of its own body name. */
export function taskRoles(task: Pick<TaskRecord, 'candidateGroups' | 'bodyId'>): Role[] {
  const roles = new Set<Role>();
  for (const group of task.candidateGroups) {
    const [body, suffix] = group.split(':');
    const role = suffix ? GROUP_ROLES[suffix] : undefined;
    if (role && Number(body) === task.bodyId) roles.add(role);
  }
  return [...roles];
}

function isHeadOf(user: AuthUser, task: TaskRecord): boolean {
  return user.roles.includes('agency_head') && user.bodyId !== null && user.bodyId === task.bodyId;
}

/** What the user may do with the task now (the TaskDetail's `actions`), before the checks each action repeats. */
export function allowedActions(user: AuthUser, task: TaskRecord): TaskActions {
  const open = task.state === 'created';
  const candidate = isCandidate(user, task);
  const mine = task.assignee?.id === user.id;
  const mayComplete = open && (mine || (candidate && task.assignee === null));
  const approval = task.formId !== null && task.formId in APPROVAL_FORMS;
  return {
    claim: open && candidate && task.assignee === null,
    unclaim: open && task.assignee !== null && (mine || isHeadOf(user, task)),
    assign: open && isHeadOf(user, task),
    delegate: open && mine,
    complete: mayComplete,
    approve: mayComplete && approval,
    reject: mayComplete && approval,
    return: mayComplete && `${task.bpmnProcessId}/${task.elementId}` in RETURNS,
  };
}

export class ServiceUnavailableError extends HttpProblem {
  constructor(detail: string) {
    super(503, 'Service unavailable', detail);
  }
}

function fieldOf(task: TaskRecord): Field | null {
  const candidates = [task.caseField, typeof task.variables.field === 'string' ? task.variables.field.replace(/-/g, '_') : null, task.bodyField];
  return (candidates.find((f) => f && (FIELDS as readonly string[]).includes(f)) as Field | undefined) ?? null;
}

export class TaskService {
  readonly tasks: TasksRepository;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly zeebe: ZBClient | null,
    private readonly certificates: CertificatesRepository,
  ) {
    this.tasks = new TasksRepository(db);
  }

  list(user: AuthUser, filter: TaskFilter, page: PageRequest): Promise<Page<TaskSummary>> {
    return this.tasks.list({ userId: user.id, username: user.username, bodyId: user.bodyId, groups: groupsOf(user) }, filter, page, this.clock.now());
  }

  /** The task if the user may read it: 404 when it is unknown or outside the user's subtree, 403 inside it. */
  async visible(user: AuthUser, id: number): Promise<TaskRecord> {
    const task = await this.tasks.find(id, this.clock.now());
    const notFound = () => new NotFoundError(`Expected task '${id}' to exist, but it was not found`);
    if (!task) throw notFound();
    const involved = isCandidate(user, task) || task.assignee?.id === user.id || task.completedBy === user.id || isHeadOf(user, task);
    if (involved) return task;
    const inSubtree = task.organisationPath !== null && pathWithin(task.organisationPath, user.organisationPath);
    if (inSubtree && user.roles.some((role) => READ_ROLES.includes(role))) return task;
    if (user.bodyId !== null && user.bodyId === task.bodyId) {
      throw new ForbiddenError(`Expected user '${user.username}' to be a candidate of task '${id}' (${task.candidateGroups.join(', ')}), but they are not`);
    }
    if (inSubtree) throw new ForbiddenError(`Expected task '${id}' to belong to the body of user '${user.username}', but it belongs to body ${task.bodyId}`);
    throw notFound();
  }

  async detail(user: AuthUser, id: number): Promise<TaskDetail> {
    return this.describe(user, await this.visible(user, id));
  }

  private async describe(user: AuthUser, task: TaskRecord): Promise<TaskDetail> {
    const [form, comments, returnTargets] = await Promise.all([task.formId ? loadForm(task.formId) : Promise.resolve(undefined), this.tasks.comments(task.id), this.returnTargets(task)]);
    const { jobKey: _j, processInstanceKey: _p, candidateUsers: _u, submitted: _s, submissionId: _i, completedBy: _c, caseField: _f, bodyField: _b, organisationPath: _o, ...summary } = task;
    return { ...summary, variables: task.variables, form: form ?? null, actions: allowedActions(user, task), returnTargets, comments };
  }

  private async returnTargets(task: TaskRecord): Promise<ReturnTarget[]> {
    const spec = RETURNS[`${task.bpmnProcessId}/${task.elementId}`];
    if (!spec) return [];
    return [{ value: spec.target, label: await elementName(this.db, null, task.bpmnProcessId, spec.target) }];
  }

  private open(task: TaskRecord, action: string): void {
    if (task.state !== 'created') throw new ConflictError(`Expected to ${action} task '${task.id}', but it is ${task.state}`);
  }

  private forbidden(user: AuthUser, task: TaskRecord, action: string, who: string): never {
    throw new ForbiddenError(`Expected ${who} to ${action} task '${task.id}', but user '${user.username}' is not`);
  }

  private async audit(user: AuthUser, action: 'claim' | 'unclaim' | 'assign' | 'delegate' | 'comment' | 'complete' | 'approve' | 'reject' | 'return', task: TaskRecord, detail: Record<string, unknown> = {}) {
    await appendAudit(this.db, { userId: user.id, action, entity: 'task', entityId: task.id, detail: { caseRef: task.caseRef, elementId: task.elementId, ...detail } });
  }

  private async reload(user: AuthUser, id: number): Promise<TaskDetail> {
    return this.describe(user, (await this.tasks.find(id, this.clock.now()))!);
  }

  async claim(user: AuthUser, id: number): Promise<TaskDetail> {
    const task = await this.visible(user, id);
    this.open(task, 'claim');
    if (!isCandidate(user, task)) this.forbidden(user, task, 'claim', 'a candidate');
    if (task.assignee?.id === user.id) return this.describe(user, task);
    if (!(await this.tasks.setAssignee(id, user.id, null))) {
      const now = await this.tasks.find(id, this.clock.now());
      throw new ConflictError(`Expected to claim task '${id}', but ${now?.assignee ? `${now.assignee.displayName} holds it` : `it is ${now?.state}`}`);
    }
    await this.audit(user, 'claim', task);
    return this.reload(user, id);
  }

  async unclaim(user: AuthUser, id: number): Promise<TaskDetail> {
    const task = await this.visible(user, id);
    this.open(task, 'unclaim');
    if (task.assignee?.id !== user.id && !isHeadOf(user, task)) this.forbidden(user, task, 'unclaim', 'the assignee or the agency head of the body');
    if (task.assignee === null) return this.describe(user, task);
    await this.tasks.setAssignee(id, null);
    await this.audit(user, 'unclaim', task, { previousAssignee: task.assignee.id });
    return this.reload(user, id);
  }

  /**
   * The users of the task's body who may hold it: the task's role, and for officer tasks a 执法证 valid today for the
   * case's field (《行政处罚法》第四十二条).
   */
  async candidatesFor(task: TaskRecord): Promise<Array<{ id: number; displayName: string; certificateValid: boolean }>> {
    if (task.bodyId === null) return [];
    const today = chinaToday(this.clock);
    const field = fieldOf(task);
    const seen = new Map<number, { id: number; displayName: string; certificateValid: boolean }>();
    for (const role of taskRoles(task)) {
      for (const u of await this.tasks.usersOfBody(task.bodyId, role)) {
        let certificateValid = true;
        if (role === 'officer') {
          const check = field ? checkCertificate(await this.certificates.listForUser(u.id, today), field, today, u.displayName) : { ok: false };
          certificateValid = check.ok;
        }
        const known = seen.get(u.id);
        seen.set(u.id, { id: u.id, displayName: u.displayName, certificateValid: (known?.certificateValid ?? false) || certificateValid });
      }
    }
    return [...seen.values()];
  }

  async assignees(user: AuthUser, id: number) {
    const task = await this.visible(user, id);
    if (task.assignee?.id !== user.id && !isHeadOf(user, task)) this.forbidden(user, task, 'list who may receive', 'the assignee or the agency head of the body');
    return this.candidatesFor(task);
  }

  private async ensureQualified(task: TaskRecord, userId: number): Promise<{ id: number; displayName: string }> {
    const qualified = (await this.candidatesFor(task)).find((c) => c.id === userId);
    if (!qualified) {
      throw new ValidationError(`Expected user '${userId}' to be an active user of body ${task.bodyId} with the role of task '${task.id}' (${taskRoles(task).join(', ')}), but they are not`, [
        { path: '/body/userId', message: 'is not a user of the task’s body with its role', keyword: 'candidate' },
      ]);
    }
    if (!qualified.certificateValid) {
      const field = fieldOf(task);
      const check = checkCertificate(await this.certificates.listForUser(userId, chinaToday(this.clock)), field ?? ('' as Field), chinaToday(this.clock), qualified.displayName);
      throw new ValidationError(check.ok ? `Expected officer '${qualified.displayName}' to hold a valid 执法证` : check.reason, [
        { path: '/body/userId', message: 'holds no enforcement certificate valid today for the case’s field', keyword: 'certificate' },
      ]);
    }
    return qualified;
  }

  async assign(user: AuthUser, id: number, userId: number): Promise<TaskDetail> {
    const task = await this.visible(user, id);
    this.open(task, 'assign');
    if (!isHeadOf(user, task)) this.forbidden(user, task, 'assign', 'the agency head of the body');
    const assignee = await this.ensureQualified(task, userId);
    await this.tasks.setAssignee(id, userId);
    await this.tasks.addComment(task, user.id, 'assignment', `指派给${assignee.displayName}`);
    await this.audit(user, 'assign', task, { assignee: userId, previousAssignee: task.assignee?.id ?? null });
    return this.reload(user, id);
  }

  async delegate(user: AuthUser, id: number, userId: number, comment?: string): Promise<TaskDetail> {
    const task = await this.visible(user, id);
    this.open(task, 'delegate');
    if (task.assignee?.id !== user.id) this.forbidden(user, task, 'delegate', 'the assignee');
    const assignee = await this.ensureQualified(task, userId);
    if (!(await this.tasks.setAssignee(id, userId, user.id))) throw new ConflictError(`Expected to delegate task '${id}', but it changed hands meanwhile`);
    await this.tasks.addComment(task, user.id, 'delegation', comment?.trim() || `转办给${assignee.displayName}`);
    await this.audit(user, 'delegate', task, { assignee: userId, comment: comment ?? null });
    return this.reload(user, id);
  }

  async comment(user: AuthUser, id: number, body: string): Promise<TaskComment> {
    const task = await this.visible(user, id);
    if (!isCandidate(user, task) && task.assignee?.id !== user.id) this.forbidden(user, task, 'comment on', 'a candidate or the assignee');
    const created = await this.tasks.addComment(task, user.id, 'comment', body);
    await this.audit(user, 'comment', task, { commentId: created.id });
    return created;
  }

  async complete(user: AuthUser, id: number, variables: Record<string, unknown>, submissionId?: string): Promise<TaskDetail> {
    return this.finish(user, id, { variables, submissionId, outcome: 'completed', action: 'complete' });
  }

  async approve(user: AuthUser, id: number, body: { opinion?: string; variables?: Record<string, unknown>; submissionId?: string }): Promise<TaskDetail> {
    const task = await this.approvalTask(user, id, 'approve');
    const spec = APPROVAL_FORMS[task.formId!]!;
    const now = chinaIso(this.clock.now());
    const variables: Record<string, unknown> = { [spec.at]: now, ...body.variables, approved: true };
    if (body.opinion !== undefined) variables.opinion = body.opinion;
    return this.finish(user, id, { variables, submissionId: body.submissionId, outcome: 'approved', action: 'approve', comment: body.opinion ? { kind: 'approval', body: body.opinion } : undefined });
  }

  async reject(user: AuthUser, id: number, body: { reason: string; variables?: Record<string, unknown>; submissionId?: string }): Promise<TaskDetail> {
    const task = await this.approvalTask(user, id, 'reject');
    const spec = APPROVAL_FORMS[task.formId!]!;
    const now = chinaIso(this.clock.now());
    const variables: Record<string, unknown> = { [spec.at]: now, ...body.variables, approved: false, [spec.reason]: body.reason };
    return this.finish(user, id, { variables, submissionId: body.submissionId, outcome: 'rejected', action: 'reject', comment: { kind: 'rejection', body: body.reason } });
  }

  async return(user: AuthUser, id: number, body: { reason: string; target?: string; submissionId?: string }): Promise<TaskDetail> {
    const task = await this.actable(user, id, 'return');
    const spec = RETURNS[`${task.bpmnProcessId}/${task.elementId}`];
    if (!spec) throw new ConflictError(`Expected task '${id}' (${task.elementId}) to be one the procedure can send back, but ${task.bpmnProcessId} models no return from it`);
    if (body.target !== undefined && body.target !== spec.target) {
      throw new ValidationError(`Expected the return target to be '${spec.target}', but it is '${body.target}'`, [{ path: '/body/target', message: `must be '${spec.target}'`, keyword: 'enum' }]);
    }
    const variables = spec.variables(body.reason, chinaIso(this.clock.now()));
    return this.finish(user, id, { variables, submissionId: body.submissionId, outcome: 'returned', action: 'return', comment: { kind: 'return', body: body.reason } });
  }

  /** The task if the user may act on it as its assignee or a candidate (403 for readers such as supervisors). */
  private async actable(user: AuthUser, id: number, action: string): Promise<TaskRecord> {
    const task = await this.visible(user, id);
    if (task.assignee?.id !== user.id && !isCandidate(user, task)) this.forbidden(user, task, action, 'the assignee or a candidate');
    return task;
  }

  private async approvalTask(user: AuthUser, id: number, action: string): Promise<TaskRecord> {
    const task = await this.actable(user, id, action);
    if (!task.formId || !(task.formId in APPROVAL_FORMS)) {
      throw new ConflictError(`Expected to ${action} task '${id}' on an approval form (${Object.keys(APPROVAL_FORMS).join(', ')}), but its form is '${task.formId}'`);
    }
    return task;
  }

  /**
   * Completes the task's job with form-checked variables. The submission is reserved on the row first (submission_id
   * unique), so the same submission again answers the finished task and a second device cannot complete it twice.
   */
  private async finish(
    user: AuthUser,
    id: number,
    request: { variables: Record<string, unknown>; submissionId?: string; outcome: TaskOutcome; action: 'complete' | 'approve' | 'reject' | 'return'; comment?: { kind: string; body: string } },
  ): Promise<TaskDetail> {
    const task = await this.visible(user, id);
    if (request.submissionId) {
      const holder = await this.tasks.findBySubmission(request.submissionId);
      if (holder !== undefined && holder !== id) throw new ConflictError(`Expected submission '${request.submissionId}' to be for task '${id}', but it completed task '${holder}'`);
      if (holder === id) return this.settled(user, id, request.submissionId);
    }
    this.open(task, request.action);
    const mine = task.assignee?.id === user.id;
    if (!mine && !isCandidate(user, task)) this.forbidden(user, task, request.action, 'the assignee or a candidate');
    if (!mine && task.assignee !== null) throw new ConflictError(`Expected to ${request.action} task '${id}', but ${task.assignee.displayName} holds it`);
    if (!this.zeebe) throw new ServiceUnavailableError('Expected a connection to the process engine, but the API runs without one');

    let data = request.variables;
    if (task.formId) {
      const form = await loadForm(task.formId);
      if (form) {
        const checked = validateFormData(form, request.variables, task.variables);
        if (!checked.ok) throw new ValidationError(`The form data of task '${id}' (form '${task.formId}') is invalid`, checked.errors);
        data = checked.data;
      }
    }

    const submissionId = request.submissionId ?? randomUUID();
    if (!(await this.tasks.reserve(id, submissionId, user.id))) {
      const now = (await this.tasks.find(id, this.clock.now()))!;
      if (now.submissionId === request.submissionId && request.submissionId) return this.settled(user, id, request.submissionId);
      throw new ConflictError(`Expected to ${request.action} task '${id}', but it is ${now.state === 'created' ? (now.submissionId ? 'being completed by another submission' : `held by ${now.assignee?.displayName}`) : now.state}`);
    }
    try {
      await this.zeebe.completeJob({ jobKey: task.jobKey, variables: data });
    } catch (error) {
      if ((error as { code?: number }).code === 5) {
        // NOT_FOUND: the engine canceled the job (boundary event, terminate end, instance canceled)
        await this.tasks.markCanceled(id);
        throw new ConflictError(`Expected to ${request.action} task '${id}', but the engine no longer has its job '${task.jobKey}': it was canceled`);
      }
      await this.tasks.release(id, submissionId);
      throw error;
    }
    await this.tasks.markCompleted(id, { outcome: request.outcome, userId: user.id, submitted: data, at: this.clock.now() });
    if (request.comment) await this.tasks.addComment(task, user.id, request.comment.kind, request.comment.body);
    await this.audit(user, request.action, task, { outcome: request.outcome, submissionId });
    return this.reload(user, id);
  }

  /** The same submission again: the task as it ended (waiting briefly while the first request still completes it). */
  private async settled(user: AuthUser, id: number, submissionId: string): Promise<TaskDetail> {
    for (let i = 0; i < 50; i++) {
      const task = (await this.tasks.find(id, this.clock.now()))!;
      if (task.state !== 'created' || task.submissionId !== submissionId) {
        if (task.state === 'completed' && task.submissionId === submissionId) return this.describe(user, task);
        throw new ConflictError(`Expected submission '${submissionId}' to have completed task '${id}', but the task is ${task.state}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new ConflictError(`Expected submission '${submissionId}' of task '${id}' to finish, but it is still in progress`);
  }
}
