/** BroadcastSignal: signalName and variables → the signal's key (signal-commands.ts does the broadcast). */
import type { GatewayDeps } from '../gateway-deps.js';
import { parseVariables } from '../request-values.js';
import { unary } from '../unary.js';

interface Request {
  signalName?: string;
  variables?: string;
}

export function broadcastSignal(deps: GatewayDeps) {
  return unary<Request, { key: string }>(deps, 'BroadcastSignal', async (request) => {
    const variables = parseVariables(request.variables, deps.config.maxVariablesBytes);
    if (!variables.ok) return variables;
    return deps.signals.broadcast(request.signalName ?? '', variables.value);
  });
}
