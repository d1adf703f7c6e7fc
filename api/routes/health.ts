import type { RouteRegistry } from '../route-registry.js';
import type { Services } from '../services/container.js';

export function registerHealthRoutes(registry: RouteRegistry, services: Services): void {
  registry.add({
    method: 'get',
    path: '/health',
    summary: 'Liveness and database reachability',
    tag: 'health',
    access: 'public',
    response: { status: 200, schema: { type: 'object', properties: { status: { type: 'string' }, database: { type: 'string' } } } },
    async handler({ res }) {
      try {
        await services.db.raw('select 1');
        return { status: 'ok', database: 'ok' };
      } catch {
        res.status(503).json({ status: 'degraded', database: 'unreachable' });
        return undefined;
      }
    },
  });
}
