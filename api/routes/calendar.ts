import type { RouteRegistry } from '../route-registry.js';
import type { Services } from '../services/container.js';
import { appendAudit } from '../services/audit-log.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { calendarDate, name } from '../schemas/common.js';
import type { AuthUser } from '../roles.js';

const day = {
  type: 'object',
  properties: { date: { type: 'string' }, kind: { type: 'string', enum: ['holiday', 'workday'] }, name: { type: 'string' }, source: { type: 'string' } },
};
const dateParams = { type: 'object', properties: { date: calendarDate }, required: ['date'], additionalProperties: false };

/** The calendar is shared by every agency, so only administrators at city level change it. */
function ensureCalendarAdministrator(user: AuthUser): void {
  if (user.organisationLevel !== 'city') {
    throw new ForbiddenError(`Expected a city-level administrator to change the shared holiday calendar, but user '${user.username}' is at ${user.organisationLevel} level`);
  }
}

export function registerCalendarRoutes(registry: RouteRegistry, services: Services): void {
  registry.add<{ year: number }>({
    method: 'get',
    path: '/calendar',
    summary: 'Statutory holidays and 调休 make-up working days of a year',
    tag: 'calendar',
    access: 'signed-in',
    query: { type: 'object', properties: { year: { type: 'integer', minimum: 2000, maximum: 2100 } }, required: ['year'], additionalProperties: false },
    response: { status: 200, schema: { type: 'object', properties: { year: { type: 'integer' }, days: { type: 'array', items: day } } } },
    async handler({ query }) {
      return { year: query.year, days: await services.calendar.year(query.year) };
    },
  });

  registry.add<unknown, { kind: 'holiday' | 'workday'; name: string }, { date: string }>({
    method: 'put',
    path: '/calendar/:date',
    summary: 'Set a day as a holiday or a make-up working day',
    tag: 'calendar',
    access: ['administrator'],
    params: dateParams,
    body: { type: 'object', properties: { kind: { type: 'string', enum: ['holiday', 'workday'] }, name }, required: ['kind', 'name'], additionalProperties: false },
    response: { status: 200, schema: day },
    async handler({ params, body, user }) {
      ensureCalendarAdministrator(user);
      const saved = await services.calendar.upsert({ date: params.date, kind: body.kind, name: body.name.trim(), source: 'manual' });
      await appendAudit(services.db, { userId: user.id, action: 'update', entity: 'calendar_day', entityId: params.date, detail: body });
      return saved;
    },
  });

  registry.add<unknown, undefined, { date: string }>({
    method: 'delete',
    path: '/calendar/:date',
    summary: 'Make a day an ordinary day again (weekday or weekend)',
    tag: 'calendar',
    access: ['administrator'],
    params: dateParams,
    response: { status: 204 },
    async handler({ params, user }) {
      ensureCalendarAdministrator(user);
      const removed = await services.calendar.delete(params.date);
      if (removed === 0) throw new NotFoundError(`Expected ${params.date} to be a holiday or make-up working day, but it is an ordinary day`);
      await appendAudit(services.db, { userId: user.id, action: 'delete', entity: 'calendar_day', entityId: params.date });
      return undefined;
    },
  });
}
