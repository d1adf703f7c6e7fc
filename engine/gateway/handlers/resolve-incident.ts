/** ResolveIncident. */
import { ok } from '../../errors.js';
import { resolveIncident as resolve } from '../../runtime/commands/resolve-incident.js';
import type { GatewayDeps } from '../gateway-deps.js';
import { keyOf } from '../request-values.js';
import { unary } from '../unary.js';

export function resolveIncident(deps: GatewayDeps) {
  return unary<{ incidentKey: string }, unknown>(deps, 'ResolveIncident', async (request) => {
    const incidentKey = keyOf(request.incidentKey);
    const result = await deps.commands.onInstance({ incidentKey }, 'resolve', (rt) => resolve(rt, incidentKey));
    return result.ok ? ok({}) : result;
  });
}
