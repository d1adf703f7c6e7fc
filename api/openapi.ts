import type { RouteRegistry } from './route-registry.js';
import { problem } from './schemas/common.js';

/** The OpenAPI 3.1 description, generated from the same route definitions that validate requests. */
export function buildOpenApi(registry: RouteRegistry, version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of registry.routes) {
    const path = `/api${route.path.replace(/:([A-Za-z]+)/g, '{$1}')}`;
    const parameters = [
      ...Object.entries((route.params?.properties ?? {}) as Record<string, unknown>).map(([name, schema]) => ({ name, in: 'path', required: true, schema })),
      ...Object.entries((route.query?.properties ?? {}) as Record<string, unknown>).map(([name, schema]) => ({
        name,
        in: 'query',
        required: ((route.query?.required as string[] | undefined) ?? []).includes(name),
        schema,
      })),
    ];
    const status = String(route.response?.status ?? 200);
    const responses: Record<string, unknown> = {
      [status]: {
        description: route.response?.description ?? 'OK',
        ...(route.response?.schema ? { content: { 'application/json': { schema: route.response.schema } } } : {}),
      },
      default: { description: 'Problem', content: { 'application/problem+json': { schema: problem } } },
    };
    paths[path] ??= {};
    paths[path][route.method] = {
      summary: route.summary,
      tags: [route.tag],
      'x-access': route.access,
      ...(route.access === 'public' ? { security: [] } : {}),
      parameters,
      ...(route.body && route.method !== 'get' ? { requestBody: { required: true, content: { 'application/json': { schema: route.body } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: '行政执法一体化平台 API', version, description: 'Administrative law-enforcement platform API. Errors are application/problem+json.' },
    servers: [{ url: '/' }],
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sid' } } },
    security: [{ session: [] }],
    paths,
  };
}
