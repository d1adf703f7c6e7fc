import type { RouteRegistry } from '../route-registry.js';
import type { Services } from '../services/container.js';
import { NotFoundError } from '../errors.js';
import type { TaskFilter, TaskList, TaskScope, TaskSort } from '../repositories/tasks-repository.js';
import { calendarDate, id, idParams, pageOf, paginationProperties } from '../schemas/common.js';
import type { JsonSchema } from '../schemas/ajv.js';
import { loadForm } from '../services/form-validation.js';
import { TaskService } from '../services/task-service.js';

const userRef = { type: ['object', 'null'], properties: { id: { type: 'integer' }, displayName: { type: 'string' } } };
const taskSummary: JsonSchema = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, name: { type: 'string' }, elementId: { type: 'string' }, bpmnProcessId: { type: 'string' }, formId: { type: ['string', 'null'] },
    caseId: { type: ['integer', 'null'] }, caseRef: { type: ['string', 'null'] }, caseTitle: { type: ['string', 'null'] }, partyName: { type: ['string', 'null'] },
    bodyId: { type: ['integer', 'null'] }, candidateGroups: { type: 'array', items: { type: 'string' } }, assignee: userRef, dueAt: { type: ['string', 'null'] },
    overdue: { type: 'boolean' }, createdAt: { type: 'string' }, completedAt: { type: ['string', 'null'] }, state: { type: 'string' }, outcome: { type: ['string', 'null'] },
  },
};
const comment: JsonSchema = { type: 'object', properties: { id: { type: 'integer' }, kind: { type: 'string' }, body: { type: 'string' }, at: { type: 'string' }, author: userRef } };
const taskDetail: JsonSchema = {
  type: 'object',
  properties: {
    ...(taskSummary.properties as object),
    variables: { type: 'object' },
    form: { type: ['object', 'null'] },
    actions: { type: 'object', properties: Object.fromEntries(['claim', 'unclaim', 'assign', 'delegate', 'complete', 'approve', 'reject', 'return'].map((a) => [a, { type: 'boolean' }])) },
    returnTargets: { type: 'array', items: { type: 'object', properties: { value: { type: 'string' }, label: { type: 'string' } } } },
    comments: { type: 'array', items: comment },
  },
};
const text = { type: 'string', minLength: 1, maxLength: 4000, pattern: '\\S' };
const submissionId = { type: 'string', pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' };
const formVariables = { type: 'object' };

type ListQuery = Omit<TaskFilter, 'list' | 'scope' | 'sort'> & { list: TaskList; scope: TaskScope; sort: TaskSort; page: number; pageSize: number };

/** 待办 / 已办 / 我发起的 and the task actions (docs/case-handling.md, "Tasks"); GET /forms/:formId. */
export function registerTaskRoutes(registry: RouteRegistry, services: Services): void {
  const tasks = new TaskService(services.db, services.clock, services.zeebe, services.certificates);
  const tag = 'tasks';
  const params = idParams;

  registry.add<ListQuery>({
    method: 'get',
    path: '/tasks',
    summary: 'Task lists: 待办 (todo, by scope), 已办 (done), 我发起的 (started)',
    tag,
    access: ['officer', 'legal_reviewer', 'agency_head'],
    query: {
      type: 'object',
      properties: {
        page: paginationProperties.page,
        pageSize: paginationProperties.pageSize,
        list: { type: 'string', enum: ['todo', 'done', 'started'], default: 'todo' },
        scope: { type: 'string', enum: ['mine', 'groups', 'unassigned', 'all'], default: 'all' },
        procedure: { type: 'string', maxLength: 100 },
        elementId: { type: 'string', maxLength: 100 },
        caseId: id,
        caseRef: { type: 'string', maxLength: 100 },
        party: { type: 'string', maxLength: 100 },
        dueFrom: calendarDate,
        dueTo: calendarDate,
        overdue: { type: 'boolean' },
        sort: { type: 'string', enum: ['dueAt', '-dueAt', 'createdAt', '-createdAt', 'completedAt', '-completedAt'], default: '-createdAt' },
      },
      additionalProperties: false,
    },
    response: { status: 200, schema: pageOf(taskSummary) },
    async handler({ query, user }) {
      const { page, pageSize, ...filter } = query;
      return tasks.list(user, filter, { page, pageSize });
    },
  });

  registry.add<unknown, undefined, { id: number }>({
    method: 'get',
    path: '/tasks/:id',
    summary: 'A task with its form, the actions the caller may take, return targets and comments',
    tag,
    access: 'signed-in',
    params,
    response: { status: 200, schema: taskDetail },
    handler: ({ params: p, user }) => tasks.detail(user, p.id),
  });

  registry.add<unknown, Record<string, never>, { id: number }>({
    method: 'post',
    path: '/tasks/:id/claim',
    summary: 'Claim a task (a candidate); 409 when someone else holds it',
    tag,
    access: 'signed-in',
    params,
    response: { status: 200, schema: taskDetail },
    handler: ({ params: p, user }) => tasks.claim(user, p.id),
  });

  registry.add<unknown, Record<string, never>, { id: number }>({
    method: 'post',
    path: '/tasks/:id/unclaim',
    summary: 'Give a task back to its candidate groups (the assignee, or the agency head)',
    tag,
    access: 'signed-in',
    params,
    response: { status: 200, schema: taskDetail },
    handler: ({ params: p, user }) => tasks.unclaim(user, p.id),
  });

  registry.add<unknown, { userId: number }, { id: number }>({
    method: 'post',
    path: '/tasks/:id/assign',
    summary: 'Assign a task to a user of the body with its role (the agency head)',
    tag,
    access: 'signed-in',
    params,
    body: { type: 'object', properties: { userId: id }, required: ['userId'], additionalProperties: false },
    response: { status: 200, schema: taskDetail },
    handler: ({ params: p, body, user }) => tasks.assign(user, p.id, body.userId),
  });

  registry.add<unknown, { userId: number; comment?: string }, { id: number }>({
    method: 'post',
    path: '/tasks/:id/delegate',
    summary: 'Hand a task on (the assignee): same body and role; officers need a valid 执法证 for the field',
    tag,
    access: 'signed-in',
    params,
    body: { type: 'object', properties: { userId: id, comment: text }, required: ['userId'], additionalProperties: false },
    response: { status: 200, schema: taskDetail },
    handler: ({ params: p, body, user }) => tasks.delegate(user, p.id, body.userId, body.comment),
  });

  registry.add<unknown, undefined, { id: number }>({
    method: 'get',
    path: '/tasks/:id/assignees',
    summary: 'Who may receive the task (users of the body with its role, with their certificate’s validity)',
    tag,
    access: 'signed-in',
    params,
    response: { status: 200, schema: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, displayName: { type: 'string' }, certificateValid: { type: 'boolean' } } } } },
    handler: ({ params: p, user }) => tasks.assignees(user, p.id),
  });

  registry.add<unknown, { body: string }, { id: number }>({
    method: 'post',
    path: '/tasks/:id/comments',
    summary: 'Add a comment (审批意见) to a task',
    tag,
    access: 'signed-in',
    params,
    body: { type: 'object', properties: { body: text }, required: ['body'], additionalProperties: false },
    response: { status: 201, schema: comment },
    handler: ({ params: p, body, user }) => tasks.comment(user, p.id, body.body),
  });

  registry.add<unknown, { variables: Record<string, unknown>; submissionId?: string }, { id: number }>({
    method: 'post',
    path: '/tasks/:id/complete',
    summary: 'Complete a task with its form data; the same submissionId again answers the same result',
    tag,
    access: 'signed-in',
    params,
    body: { type: 'object', properties: { variables: formVariables, submissionId }, required: ['variables'], additionalProperties: false },
    response: { status: 200, schema: taskDetail },
    handler: ({ params: p, body, user }) => tasks.complete(user, p.id, body.variables, body.submissionId),
  });

  registry.add<unknown, { opinion?: string; variables?: Record<string, unknown>; submissionId?: string }, { id: number }>({
    method: 'post',
    path: '/tasks/:id/approve',
    summary: 'Approve (approval forms): approved = true',
    tag,
    access: 'signed-in',
    params,
    body: { type: 'object', properties: { opinion: text, variables: formVariables, submissionId }, additionalProperties: false },
    response: { status: 200, schema: taskDetail },
    handler: ({ params: p, body, user }) => tasks.approve(user, p.id, body),
  });

  registry.add<unknown, { reason: string; variables?: Record<string, unknown>; submissionId?: string }, { id: number }>({
    method: 'post',
    path: '/tasks/:id/reject',
    summary: 'Reject (approval forms): approved = false with the reason',
    tag,
    access: 'signed-in',
    params,
    body: { type: 'object', properties: { reason: text, variables: formVariables, submissionId }, required: ['reason'], additionalProperties: false },
    response: { status: 200, schema: taskDetail },
    handler: ({ params: p, body, user }) => tasks.reject(user, p.id, body),
  });

  registry.add<unknown, { reason: string; target?: string; submissionId?: string }, { id: number }>({
    method: 'post',
    path: '/tasks/:id/return',
    summary: 'Send the work back (退回) where the procedure models it',
    tag,
    access: 'signed-in',
    params,
    body: { type: 'object', properties: { reason: text, target: { type: 'string', maxLength: 100 }, submissionId }, required: ['reason'], additionalProperties: false },
    response: { status: 200, schema: taskDetail },
    handler: ({ params: p, body, user }) => tasks.return(user, p.id, body),
  });

  registry.add<unknown, undefined, { formId: string }>({
    method: 'get',
    path: '/forms/:formId',
    summary: 'A form-js form of processes/forms (zh-CN labels; English in properties["label:en"])',
    tag: 'forms',
    access: 'signed-in',
    // any text: an id that is not a form's slug (../, …) is simply not found (loadForm reads slugs only)
    params: { type: 'object', properties: { formId: { type: 'string', maxLength: 200 } }, required: ['formId'], additionalProperties: false },
    response: { status: 200, schema: { type: 'object' } },
    async handler({ params: p }) {
      const form = await loadForm(p.formId);
      if (!form) throw new NotFoundError(`Expected form '${p.formId}' to exist, but there is none`);
      return form;
    },
  });
}
