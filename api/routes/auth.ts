import type { Request, Response } from 'express';
import type { RouteRegistry } from '../route-registry.js';
import type { Services } from '../services/container.js';
import { chinaToday } from '../clock.js';
import { appendAudit } from '../services/audit-log.js';
import type { AuthUser } from '../roles.js';

export const SESSION_COOKIE = 'sid';

const me = {
  type: 'object',
  properties: {
    id: { type: 'integer' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
    organisation: { type: 'object' },
    body: { type: ['object', 'null'] },
    certificates: { type: 'array', items: { type: 'object' } },
  },
};

export function registerAuthRoutes(registry: RouteRegistry, services: Services): void {
  const profile = async (user: AuthUser) => {
    const full = (await services.users.find(user.id))!;
    return {
      id: full.id,
      username: full.username,
      displayName: full.displayName,
      roles: full.roles,
      organisation: { id: full.organisationId, name: full.organisationName, level: full.organisationLevel },
      body: full.bodyId === null ? null : { id: full.bodyId, name: full.bodyName, field: full.bodyField },
      certificates: await services.certificates.listForUser(full.id, chinaToday(services.clock)),
    };
  };

  registry.add<unknown, { username: string; password: string }>({
    method: 'post',
    path: '/auth/login',
    summary: 'Sign in with username and password; sets the httpOnly session cookie',
    tag: 'auth',
    access: 'public',
    body: {
      type: 'object',
      properties: { username: { type: 'string', minLength: 1, maxLength: 64 }, password: { type: 'string', minLength: 1, maxLength: 256 } },
      required: ['username', 'password'],
      additionalProperties: false,
    },
    response: { status: 200, schema: { type: 'object', properties: { user: me } }, description: '401 bad credentials, 429 too many failures' },
    async handler({ body, req, res }) {
      const session = await services.auth.login(body.username, body.password, req.ip ?? 'unknown');
      res.cookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: services.deps.secureCookies,
        path: '/',
        // a lifetime, not a date (Express sends Max-Age and the matching Expires): a browser whose clock is off, or a
        // server clock pinned in tests, does not end the session early
        maxAge: services.deps.sessionTtlHours * 3_600_000,
      });
      await appendAudit(services.db, { userId: session.user.id, action: 'login', entity: 'session', entityId: null });
      return { user: await profile(session.user) };
    },
  });

  registry.add({
    method: 'post',
    path: '/auth/logout',
    summary: 'End the current session',
    tag: 'auth',
    access: 'signed-in',
    response: { status: 204 },
    async handler({ req, res, user }) {
      const token = sessionToken(req);
      if (token) await services.auth.logout(token);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      await appendAudit(services.db, { userId: user.id, action: 'logout', entity: 'session', entityId: null });
      return undefined;
    },
  });

  registry.add({
    method: 'get',
    path: '/auth/me',
    summary: 'The signed-in user with organisation, body, roles and enforcement certificates',
    tag: 'auth',
    access: 'signed-in',
    response: { status: 200, schema: me },
    async handler({ user }) {
      return profile(user);
    },
  });
}

export function sessionToken(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** Express middleware: resolves the session cookie to req.user (or leaves it unset). */
export function authenticate(services: Services) {
  return async (req: Request, _res: Response, next: (error?: unknown) => void) => {
    const token = sessionToken(req);
    if (token) req.user = await services.auth.authenticate(token);
    next();
  };
}
