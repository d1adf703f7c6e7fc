/** RPCs of later engine parts (job streaming): 12 UNIMPLEMENTED. */
import { status, type ServerUnaryCall, type sendUnaryData } from '@grpc/grpc-js';

export function unimplemented(rpc: string) {
  return (_call: ServerUnaryCall<unknown, unknown> | { emit(event: 'error', e: unknown): void }, callback?: sendUnaryData<unknown>): void => {
    const error = { code: status.UNIMPLEMENTED, details: `Expected the engine to support ${rpc}, but it is not implemented yet` };
    if (callback) callback(error);
    else (_call as { emit(event: 'error', e: unknown): void }).emit('error', error);
  };
}
