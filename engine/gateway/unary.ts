/** Wraps a unary handler: back-pressure (8), rejection → status code, unexpected failure → 13 INTERNAL (logged). */
import { status, type sendUnaryData, type ServerUnaryCall } from '@grpc/grpc-js';
import type { Result } from '../errors.js';
import type { GatewayDeps } from './gateway-deps.js';
import { toServiceError } from './status-codes.js';

export function unary<Req, Res>(deps: GatewayDeps, rpc: string, handle: (request: Req, call: ServerUnaryCall<Req, Res>) => Promise<Result<Res>>) {
  return (call: ServerUnaryCall<Req, Res>, callback: sendUnaryData<Res>): void => {
    if (deps.inFlight.count >= deps.config.maxInFlightCommands) {
      callback({ code: status.RESOURCE_EXHAUSTED, details: `Expected to process ${rpc}, but the engine has ${deps.inFlight.count} commands in flight (limit ${deps.config.maxInFlightCommands}); retry later` });
      return;
    }
    deps.inFlight.count++;
    handle(call.request, call)
      .then((result) => {
        if (result.ok) callback(null, result.value);
        else callback(toServiceError(result.rejection));
      })
      .catch((error: unknown) => {
        deps.log.error({ err: error, rpc }, 'command failed');
        callback({ code: status.INTERNAL, details: `Expected to process ${rpc}, but an internal error occurred: ${(error as Error).message}` });
      })
      .finally(() => {
        deps.inFlight.count--;
      });
  };
}
