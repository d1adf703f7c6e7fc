/**
 * Wraps a unary handler: back-pressure (8), rejection → status code, unexpected failure → 13 INTERNAL (logged).
 *
 * Back-pressure counts commands in flight on this node, two ways, and refuses when either reaches the limit:
 * - requests admitted here and not yet answered (this also covers a burst whose commands are still looking up their
 *   definition, before they reach the queue). A handler that goes on waiting once its command is done
 *   (CreateProcessInstanceWithResult waits for the instance to complete) calls `release` then: a waiting call costs
 *   the engine nothing, and counting it would refuse commands merely because many callers wait for results;
 * - commands in EngineCommands' queue and batches, which includes the engine's own (due timers, outbox deliveries,
 *   DeleteResource's cancellations) that arrive through no gateway call.
 */
import { status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import type { Result } from '../errors.js';
import type { GatewayDeps } from './gateway-deps.js';
import { toServiceError } from './status-codes.js';

export function unary<Req, Res>(deps: GatewayDeps, rpc: string, handle: (request: Req, call: ServerUnaryCall<Req, Res>, release: () => void) => Promise<Result<Res>>) {
  return (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>): void => {
    const inFlight = Math.max(deps.inFlight.count, deps.commands.commandsInFlight);
    if (inFlight >= deps.config.maxInFlightCommands) {
      const message = `Expected to process ${rpc}, but the engine has ${inFlight} commands in flight (limit ${deps.config.maxInFlightCommands}); retry later`;
      callback(toServiceError({ kind: 'RESOURCE_EXHAUSTED', message }));
      return;
    }
    deps.inFlight.count++;
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      deps.inFlight.count--;
    };
    handle(call.request, call, release)
      .then((result) => {
        if (result.ok) callback(null, result.value);
        else callback(toServiceError(result.rejection));
      })
      .catch((error: unknown) => {
        deps.log.error({ err: error, rpc }, 'command failed');
        callback({ code: status.INTERNAL, details: `Expected to process ${rpc}, but an internal error occurred: ${(error as Error).message}` });
      })
      .finally(release);
  };
}
