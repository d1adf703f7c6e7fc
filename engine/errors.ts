/**
 * Expected outcomes are values: a command is either accepted or rejected with a Rejection. The gateway maps the
 * rejection kind to a gRPC status in gateway/status-codes.ts, like Zeebe's GrpcErrorMapper.
 */
export type RejectionKind =
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'INVALID_STATE'
  | 'RESOURCE_EXHAUSTED'
  | 'DEADLINE_EXCEEDED'
  | 'UNIMPLEMENTED'
  | 'PROCESSING_ERROR';

export interface Rejection {
  readonly kind: RejectionKind;
  /** "Expected to …, but …", naming the keys involved. */
  readonly message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; rejection: Rejection };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function reject<T = never>(kind: RejectionKind, message: string): Result<T> {
  return { ok: false, rejection: { kind, message } };
}

/** Thrown from deep inside a command to abort it with a rejection (the transaction is rolled back). */
export class CommandRejectedError extends Error {
  constructor(readonly rejection: Rejection) {
    super(rejection.message);
    this.name = 'CommandRejectedError';
  }
}

/** A BPMN resource that cannot be deployed; the message names the element and the problem. */
export class InvalidResourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidResourceError';
  }
}

/** A FEEL expression or mapping that failed at run time; becomes an incident, never a silent default. */
export class EvaluationError extends Error {
  constructor(
    message: string,
    readonly errorType: IncidentErrorType = 'EXTRACT_VALUE_ERROR',
  ) {
    super(message);
    this.name = 'EvaluationError';
  }
}

/** Broken internal invariant (a bug), e.g. an element-state transition the lifecycle table forbids. */
export class IllegalStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IllegalStateError';
  }
}

export type IncidentErrorType =
  | 'JOB_NO_RETRIES'
  | 'UNHANDLED_ERROR_EVENT'
  | 'CONDITION_ERROR'
  | 'EXTRACT_VALUE_ERROR'
  | 'IO_MAPPING_ERROR'
  | 'CALLED_DECISION_ERROR'
  | 'CALLED_ELEMENT_ERROR'
  | 'DECISION_EVALUATION_ERROR';
