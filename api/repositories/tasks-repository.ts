import type { Knex } from 'knex';
import type { Db } from '../../db/connect.js';
import { COUNT_CAP, fetchPage, likePattern, type Page, type PageRequest } from './page.js';

export type TaskState = 'created' | 'completed' | 'canceled';
export type TaskOutcome = 'completed' | 'approved' | 'rejected' | 'returned';
export type TaskList = 'todo' | 'done' | 'started';
export type TaskScope = 'mine' | 'groups' | 'unassigned' | 'all';
export type TaskSort = 'dueAt' | '-dueAt' | 'createdAt' | '-createdAt' | 'completedAt' | '-completedAt';

export interface UserRef {
  id: number;
  displayName: string;
}

export interface TaskSummary {
  id: number;
  name: string;
  elementId: string;
  bpmnProcessId: string;
  formId: string | null;
  caseId: number | null;
  caseRef: string | null;
  caseTitle: string | null;
  partyName: string | null;
  bodyId: number | null;
  candidateGroups: string[];
  assignee: UserRef | null;
  dueAt: string | null;
  overdue: boolean;
  createdAt: string;
  completedAt: string | null;
  state: TaskState;
  outcome: TaskOutcome | null;
}

/** A task as the service decides on it: the summary plus what the lists do not show. */
export interface TaskRecord extends TaskSummary {
  jobKey: string;
  processInstanceKey: string;
  candidateUsers: string[];
  variables: Record<string, unknown>;
  submitted: Record<string, unknown> | null;
  submissionId: string | null;
  completedBy: number | null;
  caseField: string | null;
  bodyField: string | null;
  organisationPath: string | null;
}

export interface TaskComment {
  id: number;
  kind: string;
  body: string;
  at: string;
  author: UserRef;
}

export interface TaskFilter {
  list: TaskList;
  scope: TaskScope;
  procedure?: string;
  elementId?: string;
  caseId?: number;
  caseRef?: string;
  party?: string;
  dueFrom?: string;
  dueTo?: string;
  overdue?: boolean;
  sort: TaskSort;
}

/** Who is asking for a list: their id and login, body, and the candidate groups they belong to (`<bodyId>:<role>`). */
export interface TaskViewer {
  userId: number;
  username: string;
  bodyId: number | null;
  groups: string[];
}

interface TaskRow {
  id: string;
  job_key: string;
  process_instance_key: string;
  name: string;
  element_id: string;
  bpmn_process_id: string;
  form_id: string | null;
  case_id: string | null;
  case_ref: string | null;
  case_title: string | null;
  party_name: string;
  body_id: number | null;
  candidate_groups: string[];
  candidate_users: string[];
  assignee_id: number | null;
  assignee_name: string | null;
  due_at: Date | null;
  created_at: Date;
  completed_at: Date | null;
  completed_by: number | null;
  state: TaskState;
  outcome: TaskOutcome | null;
  variables: Record<string, unknown>;
  submitted: Record<string, unknown> | null;
  submission_id: string | null;
  case_field: string | null;
  body_field: string | null;
  organisation_path: string | null;
}

const SORTS: Record<TaskSort, Array<{ column: string; order: 'asc' | 'desc'; nulls?: 'first' | 'last' }>> = {
  dueAt: [{ column: 't.due_at', order: 'asc', nulls: 'last' }, { column: 't.id', order: 'asc' }],
  '-dueAt': [{ column: 't.due_at', order: 'desc', nulls: 'last' }, { column: 't.id', order: 'desc' }],
  createdAt: [{ column: 't.created_at', order: 'asc' }, { column: 't.id', order: 'asc' }],
  '-createdAt': [{ column: 't.created_at', order: 'desc' }, { column: 't.id', order: 'desc' }],
  completedAt: [{ column: 't.completed_at', order: 'asc', nulls: 'last' }, { column: 't.id', order: 'asc' }],
  '-completedAt': [{ column: 't.completed_at', order: 'desc', nulls: 'last' }, { column: 't.id', order: 'desc' }],
};

/** app.tasks and app.task_comments: the 待办 / 已办 / 我发起的 lists and the rows the task service changes. */
export class TasksRepository {
  constructor(private readonly db: Db) {}

  private summary(now: Date) {
    return (row: TaskRow): TaskSummary => ({
      id: Number(row.id),
      name: row.name,
      elementId: row.element_id,
      bpmnProcessId: row.bpmn_process_id,
      formId: row.form_id,
      caseId: row.case_id === null ? null : Number(row.case_id),
      caseRef: row.case_ref,
      caseTitle: row.case_title,
      partyName: row.party_name || null,
      bodyId: row.body_id,
      candidateGroups: row.candidate_groups,
      assignee: row.assignee_id === null ? null : { id: row.assignee_id, displayName: row.assignee_name ?? '' },
      dueAt: row.due_at ? row.due_at.toISOString() : null,
      overdue: row.state === 'created' && row.due_at !== null && row.due_at.getTime() < now.getTime(),
      createdAt: row.created_at.toISOString(),
      completedAt: row.completed_at ? row.completed_at.toISOString() : null,
      state: row.state,
      outcome: row.outcome,
    });
  }

  private base(): Knex.QueryBuilder {
    return this.db('app.tasks as t')
      .leftJoin('app.cases as c', 'c.id', 't.case_id')
      .leftJoin('app.users as a', 'a.id', 't.assignee_id')
      .select(
        't.id', 't.job_key', 't.process_instance_key', 't.name', 't.element_id', 't.bpmn_process_id', 't.form_id', 't.case_id', 't.case_ref', 't.party_name',
        't.body_id', 't.candidate_groups', 't.candidate_users', 't.assignee_id', 't.due_at', 't.created_at', 't.completed_at', 't.completed_by', 't.state',
        't.outcome', 'c.title as case_title', 'a.display_name as assignee_name',
      );
  }

  /**
   * One page of a list. 待办 stays within the viewer's body (and its candidate groups or assignments); 已办 is what
   * the viewer completed; 我发起的 the open tasks of the cases the viewer opened.
   */
  async list(viewer: TaskViewer, filter: TaskFilter, page: PageRequest, now: Date): Promise<Page<TaskSummary>> {
    const query = this.base();
    if (filter.list === 'todo') {
      query.where('t.state', 'created').where('t.body_id', viewer.bodyId ?? -1);
      const candidate = (w: Knex.QueryBuilder) =>
        w.whereRaw('t.candidate_groups && ?::text[]', [viewer.groups]).orWhereRaw('t.candidate_users && ?::text[]', [[viewer.username, String(viewer.userId)]]);
      if (filter.scope === 'mine') query.where('t.assignee_id', viewer.userId);
      else if (filter.scope === 'unassigned') query.whereNull('t.assignee_id').where(candidate);
      else if (filter.scope === 'groups') query.where(candidate).where((w) => w.whereNull('t.assignee_id').orWhere('t.assignee_id', viewer.userId));
      // mine or (candidate and unassigned), written as (mine or unassigned) and (mine or candidate): the same rows, but
      // the planner then walks the body's open tasks in list order (bench/README.md "Case handling") instead of
      // collecting every unassigned open task of all bodies and sorting them
      else query.where((w) => w.where('t.assignee_id', viewer.userId).orWhereNull('t.assignee_id')).where((w) => w.where('t.assignee_id', viewer.userId).orWhere(candidate));
    } else if (filter.list === 'done') {
      query.where('t.completed_by', viewer.userId).where('t.state', 'completed');
    } else {
      query.where('t.state', 'created').whereIn('t.case_id', this.db('app.cases').select('id').where('opened_by', viewer.userId));
    }
    if (filter.procedure) query.where('t.bpmn_process_id', filter.procedure);
    if (filter.elementId) query.where('t.element_id', filter.elementId);
    if (filter.caseId) query.where('t.case_id', filter.caseId);
    if (filter.caseRef) query.where('t.case_ref', filter.caseRef);
    if (filter.party) {
      // 待办 and 我发起的 (open tasks): the party name's 1–2-character grams find the few candidates on their partial
      // GIN index (migration 000027), ilike confirms — the same rows as ilike alone; 已办 walks the viewer's own tasks
      if (filter.list !== 'done') query.whereRaw('app.search_grams(t.party_name) @> app.search_grams(?)', [filter.party]);
      query.whereILike('t.party_name', likePattern(filter.party));
    }
    // dueFrom/dueTo are China calendar days, inclusive
    if (filter.dueFrom) query.where('t.due_at', '>=', this.db.raw("(?::date)::timestamp at time zone 'Asia/Shanghai'", [filter.dueFrom]));
    if (filter.dueTo) query.where('t.due_at', '<', this.db.raw("((?::date) + 1)::timestamp at time zone 'Asia/Shanghai'", [filter.dueTo]));
    if (filter.overdue === true) query.where('t.state', 'created').where('t.due_at', '<', now);
    if (filter.overdue === false) query.where((w) => w.whereNull('t.due_at').orWhere('t.due_at', '>=', now));
    query.orderBy(SORTS[filter.sort]);
    return fetchPage(query, page, this.summary(now), { countCap: COUNT_CAP });
  }

  async find(id: number, now: Date): Promise<TaskRecord | undefined> {
    const row = (await this.base()
      .leftJoin('app.enforcement_bodies as b', 'b.id', 't.body_id')
      .leftJoin('app.organisations as o', 'o.id', 'b.organisation_id')
      .select('t.variables', 't.submitted', 't.submission_id', 'c.field as case_field', 'b.field as body_field', 'o.path as organisation_path')
      .where('t.id', id)
      .first()) as TaskRow | undefined;
    if (!row) return undefined;
    return {
      ...this.summary(now)(row),
      jobKey: String(row.job_key),
      processInstanceKey: String(row.process_instance_key),
      candidateUsers: row.candidate_users,
      variables: row.variables,
      submitted: row.submitted,
      submissionId: row.submission_id,
      completedBy: row.completed_by,
      caseField: row.case_field,
      bodyField: row.body_field,
      organisationPath: row.organisation_path,
    };
  }

  async findBySubmission(submissionId: string): Promise<number | undefined> {
    const row = await this.db('app.tasks').where({ submission_id: submissionId }).first('id');
    return row ? Number(row.id) : undefined;
  }

  /** Sets the assignee of an open task when it is free or held by `expected` (undefined: whoever holds it). */
  async setAssignee(id: number, assigneeId: number | null, expected?: number | null): Promise<boolean> {
    const query = this.db('app.tasks').where({ id, state: 'created' });
    if (expected === null) query.whereNull('assignee_id');
    else if (expected !== undefined) query.where((w) => w.whereNull('assignee_id').orWhere('assignee_id', expected));
    const changed = await query.update({ assignee_id: assigneeId, claimed_at: assigneeId === null ? null : new Date() });
    return changed > 0;
  }

  /**
   * Reserves an open task for one submission (so two devices cannot complete it twice): sets submission_id and the
   * assignee when nobody else holds it. False when the task is not open, already reserved or held by someone else.
   */
  async reserve(id: number, submissionId: string, userId: number): Promise<boolean> {
    const changed = await this.db('app.tasks')
      .where({ id, state: 'created' })
      .whereNull('submission_id')
      .where((w) => w.whereNull('assignee_id').orWhere('assignee_id', userId))
      .update({ submission_id: submissionId, assignee_id: userId, claimed_at: this.db.raw('coalesce(claimed_at, now())') });
    return changed > 0;
  }

  async release(id: number, submissionId: string): Promise<void> {
    await this.db('app.tasks').where({ id, submission_id: submissionId, state: 'created' }).update({ submission_id: null });
  }

  async markCompleted(id: number, change: { outcome: TaskOutcome; userId: number; submitted: Record<string, unknown>; at: Date }): Promise<void> {
    await this.db('app.tasks')
      .where({ id, state: 'created' })
      .update({ state: 'completed', outcome: change.outcome, completed_by: change.userId, completed_at: change.at, submitted: change.submitted });
  }

  async markCanceled(id: number): Promise<void> {
    await this.db('app.tasks').where({ id, state: 'created' }).update({ state: 'canceled', submission_id: null });
  }

  async addComment(task: { id: number; caseId: number | null }, authorId: number, kind: string, body: string): Promise<TaskComment> {
    const [row] = await this.db('app.task_comments').insert({ task_id: task.id, case_id: task.caseId, author_id: authorId, kind, body }).returning('id');
    return (await this.comments(task.id)).find((c) => c.id === Number(row.id))!;
  }

  async comments(taskId: number): Promise<TaskComment[]> {
    const rows = await this.db('app.task_comments as m')
      .join('app.users as u', 'u.id', 'm.author_id')
      .where('m.task_id', taskId)
      .orderBy([{ column: 'm.at' }, { column: 'm.id' }])
      .select('m.id', 'm.kind', 'm.body', 'm.at', 'm.author_id', 'u.display_name');
    return rows.map((r: { id: string; kind: string; body: string; at: Date; author_id: number; display_name: string }) => ({
      id: Number(r.id),
      kind: r.kind,
      body: r.body,
      at: r.at.toISOString(),
      author: { id: r.author_id, displayName: r.display_name },
    }));
  }

  /** Active users of a body holding a role, with their certificates' validity for a field on a day (officers). */
  async usersOfBody(bodyId: number, role: string): Promise<Array<{ id: number; username: string; displayName: string }>> {
    const rows = await this.db('app.users').where({ body_id: bodyId, active: true }).whereRaw('? = any(roles)', [role]).orderBy('id').select('id', 'username', 'display_name');
    return rows.map((r: { id: number; username: string; display_name: string }) => ({ id: r.id, username: r.username, displayName: r.display_name }));
  }
}
