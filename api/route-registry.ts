import { Router, type Request, type Response } from 'express';
import type { ValidateFunction } from 'ajv';
import { compileBodySchema, compileCoercingSchema, toFieldErrors, type JsonSchema } from './schemas/ajv.js';
import { ForbiddenError, UnauthorizedError, ValidationError } from './errors.js';
import type { AuthUser, Role } from './roles.js';

/** Who may call a route: anyone, any signed-in user, or signed-in users holding one of the roles. */
export type Access = 'public' | 'signed-in' | readonly Role[];

export interface RouteInput<Q, B, P> {
  query: Q;
  body: B;
  params: P;
  user: AuthUser;
  req: Request;
  res: Response;
}

export interface RouteDefinition<Q = unknown, B = unknown, P = unknown> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  access: Access;
  query?: JsonSchema;
  body?: JsonSchema;
  params?: JsonSchema;
  response?: { status: number; schema?: JsonSchema; description?: string };
  handler(input: RouteInput<Q, B, P>): Promise<unknown>;
}

/**
 * Collects routes with their schemas: each route is validated with ajv before its handler runs, its access is
 * checked, and the same definitions produce the OpenAPI description, so the two never drift apart.
 */
export class RouteRegistry {
  readonly routes: RouteDefinition[] = [];

  add<Q = Record<string, never>, B = undefined, P = Record<string, never>>(route: RouteDefinition<Q, B, P>): void {
    if (route.method !== 'get' && route.method !== 'delete' && !route.body && route.access !== 'public') {
      // every mutating route states its body, even an empty one, so that nothing unvalidated gets through
      route.body = { type: 'object', additionalProperties: false };
    }
    if (!route.query) route.query = { type: 'object', additionalProperties: false };
    this.routes.push(route as RouteDefinition);
  }

  router(): Router {
    const router = Router();
    for (const route of this.routes) {
      const validateQuery = route.query ? compileCoercingSchema(route.query) : null;
      const validateParams = route.params ? compileCoercingSchema(route.params) : null;
      const validateBody = route.body ? compileBodySchema(route.body) : null;
      const status = route.response?.status ?? 200;
      router[route.method](route.path, async (req: Request, res: Response) => {
        const user = checkAccess(route.access, req.user);
        const params = validated('params', validateParams, { ...req.params });
        const query = validated('query', validateQuery, { ...(req.query as object) });
        const body = validated('body', validateBody, req.body ?? (route.method === 'get' || route.method === 'delete' ? undefined : {}));
        const result = await route.handler({ query, body, params, user: user as AuthUser, req, res });
        if (res.headersSent) return;
        if (result === undefined) res.status(status === 200 ? 204 : status).end();
        else res.status(status).json(result);
      });
    }
    return router;
  }
}

function checkAccess(access: Access, user: AuthUser | undefined): AuthUser | undefined {
  if (access === 'public') return user;
  if (!user) throw new UnauthorizedError();
  if (access === 'signed-in') return user;
  if (!user.roles.some((role) => access.includes(role))) {
    throw new ForbiddenError(`Expected one of the roles ${access.join(', ')}, but user '${user.username}' has ${user.roles.join(', ')}`);
  }
  return user;
}

function validated<T>(part: 'body' | 'query' | 'params', validate: ValidateFunction | null, value: unknown): T {
  if (!validate) return value as T;
  if (part === 'body' && (value === null || typeof value !== 'object' || Array.isArray(value))) {
    throw new ValidationError('Expected a JSON object as the request body', [{ path: '/body', message: 'must be object', keyword: 'type' }]);
  }
  if (!validate(value)) {
    throw new ValidationError(`The request ${part} is invalid`, toFieldErrors(part, validate.errors));
  }
  return value as T;
}
