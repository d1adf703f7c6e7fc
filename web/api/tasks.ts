import { http, seg } from './http';
import type { FormSchema } from '../domain/form-schema';
import type { Id, Page, PageQuery } from './types';

/** Clients of the task routes (docs/case-handling.md, "Tasks"). */

export const TASK_LISTS = ['todo', 'done', 'started'] as const;
export type TaskList = (typeof TASK_LISTS)[number];

export const TASK_SCOPES = ['mine', 'groups', 'unassigned', 'all'] as const;
export type TaskScope = (typeof TASK_SCOPES)[number];

export type TaskState = 'created' | 'completed' | 'canceled';
export type TaskOutcome = 'completed' | 'approved' | 'rejected' | 'returned';

export type TaskSort = 'dueAt' | '-dueAt' | 'createdAt' | '-createdAt' | 'completedAt' | '-completedAt';

export interface UserRef {
  id: Id;
  displayName: string;
}

export interface TaskSummary {
  id: Id;
  name: string;
  elementId: string;
  bpmnProcessId: string;
  formId: string | null;
  caseId: Id | null;
  caseRef: string | null;
  caseTitle: string | null;
  partyName: string | null;
  bodyId: Id | null;
  candidateGroups: string[];
  assignee: UserRef | null;
  dueAt: string | null;
  overdue: boolean;
  createdAt: string;
  completedAt: string | null;
  state: TaskState;
  outcome: TaskOutcome | null;
}

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

export interface TaskComment {
  id: Id;
  kind: string;
  body: string;
  at: string;
  author: UserRef;
}

/** A form-js schema (domain/form-schema.ts describes what the console renders of it). */
export type { FormComponent, FormSchema } from '../domain/form-schema';

export interface TaskDetail extends TaskSummary {
  variables: Record<string, unknown>;
  form: FormSchema | null;
  actions: TaskActions;
  returnTargets: { value: string; label: string }[];
  comments: TaskComment[];
}

export interface TaskQuery extends PageQuery {
  list?: TaskList;
  scope?: TaskScope | '';
  procedure?: string;
  elementId?: string;
  caseId?: Id | '';
  caseRef?: string;
  party?: string;
  /** YYYY-MM-DD */
  dueFrom?: string;
  /** YYYY-MM-DD */
  dueTo?: string;
  overdue?: boolean | '';
  sort?: TaskSort | '';
}

export interface Assignee {
  id: Id;
  displayName: string;
  certificateValid: boolean;
}

export const tasksApi = {
  list: (query: TaskQuery) => http.get<Page<TaskSummary>>('/tasks', { ...query }),
  get: (id: Id) => http.get<TaskDetail>(`/tasks/${seg(id)}`),
  claim: (id: Id) => http.post<TaskDetail>(`/tasks/${seg(id)}/claim`, {}),
  unclaim: (id: Id) => http.post<TaskDetail>(`/tasks/${seg(id)}/unclaim`, {}),
  assign: (id: Id, userId: Id) => http.post<TaskDetail>(`/tasks/${seg(id)}/assign`, { userId }),
  delegate: (id: Id, userId: Id, comment?: string) =>
    http.post<TaskDetail>(`/tasks/${seg(id)}/delegate`, comment ? { userId, comment } : { userId }),
  assignees: (id: Id) => http.get<Assignee[]>(`/tasks/${seg(id)}/assignees`),
  comment: (id: Id, body: string) => http.post<TaskComment>(`/tasks/${seg(id)}/comments`, { body }),
  complete: (id: Id, variables: Record<string, unknown>, submissionId?: string) =>
    http.post<TaskDetail>(`/tasks/${seg(id)}/complete`, submissionId ? { variables, submissionId } : { variables }),
  approve: (id: Id, body: { opinion?: string; variables?: Record<string, unknown> }) =>
    http.post<TaskDetail>(`/tasks/${seg(id)}/approve`, body),
  reject: (id: Id, body: { reason: string; variables?: Record<string, unknown> }) =>
    http.post<TaskDetail>(`/tasks/${seg(id)}/reject`, body),
  return: (id: Id, body: { reason: string; target?: string }) => http.post<TaskDetail>(`/tasks/${seg(id)}/return`, body),
  form: (formId: string) => http.get<FormSchema>(`/forms/${seg(formId)}`),
};
