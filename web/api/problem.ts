/** RFC 9457 problem details as the API returns them, and how their error paths map to form fields. */

export interface ProblemError {
  path: string;
  message: string;
  keyword?: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: ProblemError[];
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly retryAfter: string | null;

  constructor(problem: Problem, retryAfter: string | null = null) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

const REQUIRED_PROPERTY = /required property '([^']+)'/;

/**
 * The form field an error belongs to: `/body/name` → `name`, `/body/roles/0` → `roles`,
 * a `required` error on `/body` → the missing property named in its message.
 */
export function fieldOfError(error: ProblemError): string | null {
  const segments = error.path.split('/').filter((s) => s !== '');
  const field = segments[1];
  if (field !== undefined) return decodePointer(field);
  const missing = REQUIRED_PROPERTY.exec(error.message);
  return missing?.[1] ?? null;
}

function decodePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

export interface SplitErrors {
  byField: Record<string, string>;
  other: string[];
}

/** Splits a problem's errors into messages for known form fields and the rest. */
export function splitErrors(problem: Problem, fields: readonly string[]): SplitErrors {
  const byField: Record<string, string> = {};
  const other: string[] = [];
  for (const error of problem.errors ?? []) {
    const field = fieldOfError(error);
    if (field !== null && fields.includes(field)) {
      byField[field] = byField[field] ? `${byField[field]}; ${error.message}` : error.message;
    } else {
      other.push(field ? `${field}: ${error.message}` : error.message);
    }
  }
  return { byField, other };
}
