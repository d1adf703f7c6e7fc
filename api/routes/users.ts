import type { RouteRegistry } from '../route-registry.js';
import type { Services } from '../services/container.js';
import { accessScope, ensureAdministered } from '../services/access-scope.js';
import { appendAudit } from '../services/audit-log.js';
import { hashPassword } from '../services/password.js';
import { ForbiddenError, ValidationError } from '../errors.js';
import { id, idParams, listQuery, name, pageOf, role } from '../schemas/common.js';
import type { AuthUser, Role } from '../roles.js';
import type { User } from '../repositories/users-repository.js';

const user = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, username: { type: 'string' }, displayName: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } },
    organisationId: { type: 'integer' }, organisationName: { type: 'string' }, bodyId: { type: ['integer', 'null'] }, bodyName: { type: ['string', 'null'] },
    active: { type: 'boolean' },
  },
};
const username = { type: 'string', minLength: 3, maxLength: 64, pattern: '^[a-z0-9][a-z0-9._-]*$' };
const password = { type: 'string', minLength: 8, maxLength: 128 };
const roles = { type: 'array', items: role, minItems: 1, uniqueItems: true };

const publicView = (u: User) => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  roles: u.roles,
  organisationId: u.organisationId,
  organisationName: u.organisationName,
  bodyId: u.bodyId,
  bodyName: u.bodyName,
  active: u.active,
});

interface CreateUser {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  organisationId: number;
  bodyId?: number | null;
  active?: boolean;
}

type UpdateUser = Partial<Pick<CreateUser, 'displayName' | 'password' | 'roles' | 'bodyId' | 'active'>>;

export function registerUserRoutes(registry: RouteRegistry, services: Services): void {
  /** A body given for a user must belong to the user's organisation. */
  const checkBody = async (bodyId: number | null | undefined, organisationId: number): Promise<void> => {
    if (bodyId === undefined || bodyId === null) return;
    const body = await services.bodies.find(bodyId);
    if (!body || body.organisationId !== organisationId) {
      throw new ValidationError(`Expected enforcement body '${bodyId}' to belong to organisation '${organisationId}', but it does not`, [
        { path: '/body/bodyId', message: 'must be a body of the chosen organisation', keyword: 'organisation' },
      ]);
    }
  };

  registry.add<{ q?: string; organisationId?: number; bodyId?: number; role?: Role; page: number; pageSize: number }>({
    method: 'get',
    path: '/users',
    summary: 'Users in the caller’s scope (administrators and supervisors: their subtree; agency heads and legal reviewers: their body)',
    tag: 'users',
    access: ['administrator', 'supervisor', 'agency_head', 'legal_reviewer'],
    query: listQuery({ organisationId: id, bodyId: id, role }),
    response: { status: 200, schema: pageOf(user) },
    async handler({ query, user: caller }) {
      const page = await services.users.list(accessScope(caller), query, query);
      return { ...page, items: page.items.map(publicView) };
    },
  });

  registry.add<unknown, CreateUser>({
    method: 'post',
    path: '/users',
    summary: 'Create a user account',
    tag: 'users',
    access: ['administrator'],
    body: {
      type: 'object',
      properties: { username, displayName: name, password, roles, organisationId: id, bodyId: { type: ['integer', 'null'], minimum: 1 }, active: { type: 'boolean', default: true } },
      required: ['username', 'displayName', 'password', 'roles', 'organisationId'],
      additionalProperties: false,
    },
    response: { status: 201, schema: user },
    async handler({ body, user: caller }) {
      const organisation = await services.organisations.find(body.organisationId);
      ensureAdministered(caller, organisation?.path, 'organisation', body.organisationId);
      await checkBody(body.bodyId, body.organisationId);
      const created = await services.users.create({
        username: body.username,
        displayName: body.displayName.trim(),
        passwordHash: await hashPassword(body.password),
        roles: body.roles,
        organisationId: body.organisationId,
        bodyId: body.bodyId ?? null,
        active: body.active ?? true,
      });
      await appendAudit(services.db, { userId: caller.id, action: 'create', entity: 'user', entityId: created.id, detail: { username: created.username, roles: created.roles } });
      return publicView(created);
    },
  });

  registry.add<unknown, UpdateUser, { id: number }>({
    method: 'patch',
    path: '/users/:id',
    summary: 'Change a user’s name, roles, body, password or whether the account is active',
    tag: 'users',
    access: ['administrator'],
    params: idParams,
    body: {
      type: 'object',
      properties: { displayName: name, password, roles, bodyId: { type: ['integer', 'null'], minimum: 1 }, active: { type: 'boolean' } },
      additionalProperties: false,
      minProperties: 1,
    },
    response: { status: 200, schema: user },
    async handler({ params, body, user: caller }) {
      const target = await services.users.find(params.id);
      ensureAdministered(caller, target?.organisationPath, 'user', params.id);
      guardSelfLockout(caller, params.id, body);
      await checkBody(body.bodyId, target!.organisationId);
      const updated = await services.users.update(params.id, {
        displayName: body.displayName?.trim(),
        roles: body.roles,
        bodyId: body.bodyId,
        active: body.active,
        passwordHash: body.password === undefined ? undefined : await hashPassword(body.password),
      });
      if (body.password !== undefined || body.active === false) await services.auth.endSessionsOf(params.id);
      const { password: _secret, ...changes } = body;
      await appendAudit(services.db, { userId: caller.id, action: 'update', entity: 'user', entityId: params.id, detail: { ...changes, passwordChanged: _secret !== undefined } });
      return publicView(updated);
    },
  });
}

/** An administrator cannot deactivate themselves or drop their own administrator role. */
function guardSelfLockout(caller: AuthUser, targetId: number, body: UpdateUser): void {
  if (caller.id !== targetId) return;
  if (body.active === false || (body.roles && !body.roles.includes('administrator'))) {
    throw new ForbiddenError(`Expected to keep user '${caller.username}' able to administer, but the change would lock them out`);
  }
}
