/** Rejection kind → gRPC status, as Zeebe's GrpcErrorMapper maps rejection types. zeebe-node retries only 8 (and 14). */
import { status, type ServiceError, Metadata } from '@grpc/grpc-js';
import type { Rejection, RejectionKind } from '../errors.js';

export const STATUS_OF: Readonly<Record<RejectionKind, status>> = {
  INVALID_ARGUMENT: status.INVALID_ARGUMENT,
  NOT_FOUND: status.NOT_FOUND,
  ALREADY_EXISTS: status.ALREADY_EXISTS,
  INVALID_STATE: status.FAILED_PRECONDITION,
  RESOURCE_EXHAUSTED: status.RESOURCE_EXHAUSTED,
  DEADLINE_EXCEEDED: status.DEADLINE_EXCEEDED,
  UNIMPLEMENTED: status.UNIMPLEMENTED,
  PROCESSING_ERROR: status.INTERNAL,
};

export function toServiceError(rejection: Rejection): Partial<ServiceError> {
  return { code: STATUS_OF[rejection.kind], details: rejection.message, metadata: new Metadata() };
}
