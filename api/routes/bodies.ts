import type { RouteRegistry } from '../route-registry.js';
import type { Services } from '../services/container.js';
import { accessScope, ensureAdministered } from '../services/access-scope.js';
import { appendAudit } from '../services/audit-log.js';
import { ConflictError } from '../errors.js';
import { field, id, idParams, listQuery, name, pageOf } from '../schemas/common.js';
import type { Field } from '../roles.js';
import type { BodyInput, EnforcementBody } from '../repositories/bodies-repository.js';

const body = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, organisationId: { type: 'integer' }, organisationName: { type: 'string' },
    name: { type: 'string' }, field: { type: 'string' }, creditCode: { type: ['string', 'null'] },
  },
};
// 统一社会信用代码: 18 characters, digits and upper-case letters without I, O, S, V, Z
const creditCode = { type: ['string', 'null'], pattern: '^([0-9A-HJ-NPQRTUWXY]{18})?$' };

const publicView = ({ organisationPath: _path, ...rest }: EnforcementBody) => rest;

export function registerBodyRoutes(registry: RouteRegistry, services: Services): void {
  const administeredBody = async (user: Parameters<typeof ensureAdministered>[0], bodyId: number) => {
    const found = await services.bodies.find(bodyId);
    ensureAdministered(user, found?.organisationPath, 'enforcement body', bodyId);
    return found!;
  };

  registry.add<{ q?: string; organisationId?: number; field?: Field; page: number; pageSize: number }>({
    method: 'get',
    path: '/bodies',
    summary: 'Enforcement bodies (执法主体) in the caller’s scope',
    tag: 'bodies',
    access: 'signed-in',
    query: listQuery({ organisationId: id, field }),
    response: { status: 200, schema: pageOf(body) },
    async handler({ query, user }) {
      const page = await services.bodies.list(accessScope(user), query, query);
      return { ...page, items: page.items.map(publicView) };
    },
  });

  registry.add<unknown, BodyInput>({
    method: 'post',
    path: '/bodies',
    summary: 'Create an enforcement body attached to an organisation',
    tag: 'bodies',
    access: ['administrator'],
    body: { type: 'object', properties: { organisationId: id, name, field, creditCode }, required: ['organisationId', 'name', 'field'], additionalProperties: false },
    response: { status: 201, schema: body },
    async handler({ body: input, user }) {
      const organisation = await services.organisations.find(input.organisationId);
      ensureAdministered(user, organisation?.path, 'organisation', input.organisationId);
      const created = await services.bodies.create({ ...input, name: input.name.trim(), creditCode: input.creditCode || null });
      await appendAudit(services.db, { userId: user.id, action: 'create', entity: 'enforcement_body', entityId: created.id, detail: { name: created.name } });
      return publicView(created);
    },
  });

  registry.add<unknown, Partial<Omit<BodyInput, 'organisationId'>>, { id: number }>({
    method: 'patch',
    path: '/bodies/:id',
    summary: 'Change an enforcement body’s name, field or credit code',
    tag: 'bodies',
    access: ['administrator'],
    params: idParams,
    body: { type: 'object', properties: { name, field, creditCode }, additionalProperties: false, minProperties: 1 },
    response: { status: 200, schema: body },
    async handler({ params, body: patch, user }) {
      await administeredBody(user, params.id);
      const updated = await services.bodies.update(params.id, { ...patch, name: patch.name?.trim(), creditCode: patch.creditCode === '' ? null : patch.creditCode });
      await appendAudit(services.db, { userId: user.id, action: 'update', entity: 'enforcement_body', entityId: params.id, detail: patch });
      return publicView(updated);
    },
  });

  registry.add<unknown, undefined, { id: number }>({
    method: 'delete',
    path: '/bodies/:id',
    summary: 'Delete an enforcement body with no users or enforcement items',
    tag: 'bodies',
    access: ['administrator'],
    params: idParams,
    response: { status: 204 },
    async handler({ params, user }) {
      const target = await administeredBody(user, params.id);
      const dependents = await services.bodies.dependents(params.id);
      if (dependents.users + dependents.items > 0) {
        throw new ConflictError(`Expected enforcement body '${params.id}' to be unused, but it has ${dependents.users} users and ${dependents.items} enforcement items`);
      }
      await services.bodies.delete(params.id);
      await appendAudit(services.db, { userId: user.id, action: 'delete', entity: 'enforcement_body', entityId: params.id, detail: { name: target.name } });
      return undefined;
    },
  });
}
