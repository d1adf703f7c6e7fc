import type { RouteRegistry } from '../route-registry.js';
import type { Services } from '../services/container.js';
import { accessScope, ensureAdministered } from '../services/access-scope.js';
import { appendAudit } from '../services/audit-log.js';
import { ConflictError, ForbiddenError, ValidationError } from '../errors.js';
import { idParams, level, listQuery, name, id, pageOf } from '../schemas/common.js';
import type { AuthUser, Level } from '../roles.js';
import type { Organisation } from '../repositories/organisations-repository.js';

const organisation = {
  type: 'object',
  properties: { id: { type: 'integer' }, parentId: { type: ['integer', 'null'] }, name: { type: 'string' }, level: { type: 'string' }, code: { type: ['string', 'null'] } },
};
const code = { type: ['string', 'null'], maxLength: 20, pattern: '^[0-9A-Za-z]*$' };
const CHILD_LEVEL: Record<Level, Level | null> = { city: 'county', county: 'township', township: null };

const publicView = ({ path: _path, ...rest }: Organisation) => rest;

export function registerOrganisationRoutes(registry: RouteRegistry, services: Services): void {
  const administered = async (user: AuthUser, organisationId: number): Promise<Organisation> => {
    const found = await services.organisations.find(organisationId);
    ensureAdministered(user, found?.path, 'organisation', organisationId);
    return found!;
  };

  registry.add<{ q?: string; level?: Level; parentId?: number; page: number; pageSize: number }>({
    method: 'get',
    path: '/organisations',
    summary: 'Organisations in the caller’s scope',
    tag: 'organisations',
    access: 'signed-in',
    query: listQuery({ level, parentId: id }),
    response: { status: 200, schema: pageOf(organisation) },
    async handler({ query, user }) {
      const page = await services.organisations.list(accessScope(user), query, query);
      return { ...page, items: page.items.map(publicView) };
    },
  });

  registry.add({
    method: 'get',
    path: '/organisations/tree',
    summary: 'The organisation tree the caller may see',
    tag: 'organisations',
    access: 'signed-in',
    response: { status: 200, schema: { type: 'array', items: { type: 'object' } } },
    async handler({ user }) {
      return services.organisations.tree(accessScope(user));
    },
  });

  registry.add<unknown, { parentId: number; name: string; level: Level; code?: string | null }>({
    method: 'post',
    path: '/organisations',
    summary: 'Create a county under the city or a township under a county',
    tag: 'organisations',
    access: ['administrator'],
    body: { type: 'object', properties: { parentId: id, name, level, code }, required: ['parentId', 'name', 'level'], additionalProperties: false },
    response: { status: 201, schema: organisation },
    async handler({ body, user }) {
      const parent = await administered(user, body.parentId);
      const expected = CHILD_LEVEL[parent.level];
      if (expected !== body.level) {
        throw new ValidationError(`Expected a ${expected ?? 'no'}-level child under ${parent.level} '${parent.name}', but got '${body.level}'`, [
          { path: '/body/level', message: expected ? `must be '${expected}' under a ${parent.level}` : `a ${parent.level} has no children`, keyword: 'level' },
        ]);
      }
      const created = await services.organisations.create({ parentId: parent.id, name: body.name.trim(), level: body.level, code: body.code ?? null }, parent.path);
      await appendAudit(services.db, { userId: user.id, action: 'create', entity: 'organisation', entityId: created.id, detail: { name: created.name } });
      return publicView(created);
    },
  });

  registry.add<unknown, { name?: string; code?: string | null }, { id: number }>({
    method: 'patch',
    path: '/organisations/:id',
    summary: 'Rename an organisation or change its code',
    tag: 'organisations',
    access: ['administrator'],
    params: idParams,
    body: { type: 'object', properties: { name, code }, additionalProperties: false, minProperties: 1 },
    response: { status: 200, schema: organisation },
    async handler({ params, body, user }) {
      await administered(user, params.id);
      const updated = await services.organisations.update(params.id, { ...body, name: body.name?.trim() });
      await appendAudit(services.db, { userId: user.id, action: 'update', entity: 'organisation', entityId: params.id, detail: body });
      return publicView(updated);
    },
  });

  registry.add<unknown, undefined, { id: number }>({
    method: 'delete',
    path: '/organisations/:id',
    summary: 'Delete an organisation that has no children, bodies or users',
    tag: 'organisations',
    access: ['administrator'],
    params: idParams,
    response: { status: 204 },
    async handler({ params, user }) {
      const target = await administered(user, params.id);
      if (target.id === user.organisationId) throw new ForbiddenError(`Expected to delete an organisation below user '${user.username}''s own, but '${target.id}' is their own`);
      const dependents = await services.organisations.dependents(params.id);
      if (dependents.children + dependents.bodies + dependents.users > 0) {
        throw new ConflictError(
          `Expected organisation '${params.id}' to be empty, but it has ${dependents.children} child organisations, ${dependents.bodies} bodies and ${dependents.users} users`,
        );
      }
      await services.organisations.delete(params.id);
      await appendAudit(services.db, { userId: user.id, action: 'delete', entity: 'organisation', entityId: params.id, detail: { name: target.name } });
      return undefined;
    },
  });
}
