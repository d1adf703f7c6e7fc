import type { RouteRegistry } from '../route-registry.js';
import type { Services } from '../services/container.js';
import { accessScope, ensureAdministered } from '../services/access-scope.js';
import { appendAudit } from '../services/audit-log.js';
import { ValidationError } from '../errors.js';
import { calendarDate, id, idParams, itemType, listQuery, name, pageOf } from '../schemas/common.js';
import type { AuthUser, ItemType } from '../roles.js';
import type { EnforcementItem, ItemInput } from '../repositories/enforcement-items-repository.js';

const item = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, code: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' }, legalBasis: { type: 'string' },
    bodyId: { type: 'integer' }, bodyName: { type: 'string' }, delegatedToTownship: { type: 'boolean' }, validFrom: { type: 'string' }, validTo: { type: ['string', 'null'] },
  },
};
const code = { type: 'string', minLength: 2, maxLength: 40, pattern: '^[0-9A-Za-z-]+$' };
const legalBasis = { type: 'string', minLength: 1, maxLength: 4000, pattern: '\\S' };
const properties = {
  code, name: { ...name, maxLength: 200 }, type: itemType, legalBasis, bodyId: id, delegatedToTownship: { type: 'boolean' },
  validFrom: calendarDate, validTo: { anyOf: [calendarDate, { type: 'null' }] },
};

const publicView = ({ organisationPath: _path, ...rest }: EnforcementItem) => rest;

function checkValidity(from: string, to: string | null | undefined): void {
  if (to && to < from) {
    throw new ValidationError(`Expected the validity to end on or after ${from}, but it ends on ${to}`, [
      { path: '/body/validTo', message: 'must not be before validFrom', keyword: 'validity' },
    ]);
  }
}

export function registerEnforcementItemRoutes(registry: RouteRegistry, services: Services): void {
  const administeredBody = async (user: AuthUser, bodyId: number) => {
    const body = await services.bodies.find(bodyId);
    ensureAdministered(user, body?.organisationPath, 'enforcement body', bodyId);
  };
  const administeredItem = async (user: AuthUser, itemId: number) => {
    const found = await services.items.find(itemId);
    ensureAdministered(user, found?.organisationPath, 'enforcement item', itemId);
    return found!;
  };

  registry.add<{ q?: string; type?: ItemType; bodyId?: number; page: number; pageSize: number }>({
    method: 'get',
    path: '/enforcement-items',
    summary: 'The enforcement-item catalogue (执法事项) in the caller’s scope, with items delegated to townships',
    tag: 'enforcement-items',
    access: 'signed-in',
    query: listQuery({ type: itemType, bodyId: id }),
    response: { status: 200, schema: pageOf(item) },
    async handler({ query, user }) {
      const page = await services.items.list(accessScope(user), query, query, user.organisationLevel === 'township');
      return { ...page, items: page.items.map(publicView) };
    },
  });

  registry.add<unknown, ItemInput>({
    method: 'post',
    path: '/enforcement-items',
    summary: 'Add an enforcement item to the catalogue',
    tag: 'enforcement-items',
    access: ['administrator'],
    body: { type: 'object', properties: { ...properties, delegatedToTownship: { type: 'boolean', default: false } }, required: ['code', 'name', 'type', 'legalBasis', 'bodyId', 'validFrom'], additionalProperties: false },
    response: { status: 201, schema: item },
    async handler({ body, user }) {
      await administeredBody(user, body.bodyId);
      checkValidity(body.validFrom, body.validTo);
      const created = await services.items.create(body);
      await appendAudit(services.db, { userId: user.id, action: 'create', entity: 'enforcement_item', entityId: created.id, detail: { code: created.code } });
      return publicView(created);
    },
  });

  registry.add<unknown, Partial<ItemInput>, { id: number }>({
    method: 'patch',
    path: '/enforcement-items/:id',
    summary: 'Change an enforcement item',
    tag: 'enforcement-items',
    access: ['administrator'],
    params: idParams,
    body: { type: 'object', properties, additionalProperties: false, minProperties: 1 },
    response: { status: 200, schema: item },
    async handler({ params, body, user }) {
      const current = await administeredItem(user, params.id);
      if (body.bodyId !== undefined) await administeredBody(user, body.bodyId);
      checkValidity(body.validFrom ?? current.validFrom, body.validTo === undefined ? current.validTo : body.validTo);
      const updated = await services.items.update(params.id, body);
      await appendAudit(services.db, { userId: user.id, action: 'update', entity: 'enforcement_item', entityId: params.id, detail: body });
      return publicView(updated);
    },
  });

  registry.add<unknown, undefined, { id: number }>({
    method: 'delete',
    path: '/enforcement-items/:id',
    summary: 'Remove an enforcement item from the catalogue',
    tag: 'enforcement-items',
    access: ['administrator'],
    params: idParams,
    response: { status: 204 },
    async handler({ params, user }) {
      const current = await administeredItem(user, params.id);
      await services.items.delete(params.id);
      await appendAudit(services.db, { userId: user.id, action: 'delete', entity: 'enforcement_item', entityId: params.id, detail: { code: current.code } });
      return undefined;
    },
  });
}
