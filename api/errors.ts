/** Problems the API answers with application/problem+json (RFC 9457). One class per HTTP status we use. */
export interface ProblemFieldError {
  /** JSON pointer prefixed with where the value came from: /body/name, /query/page, /params/id. */
  path: string;
  message: string;
  keyword: string;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly errors?: ProblemFieldError[],
  ) {
    super(detail);
  }

  get type(): string {
    return `https://enforcement.example/problems/${this.title.toLowerCase().replace(/\s+/g, '-')}`;
  }
}

export class ValidationError extends HttpProblem {
  constructor(detail: string, errors: ProblemFieldError[]) {
    super(400, 'Validation failed', detail, errors);
  }
}

export class UnauthorizedError extends HttpProblem {
  constructor(detail = 'Expected a signed-in user, but the request has no valid session') {
    super(401, 'Unauthorized', detail);
  }
}

export class ForbiddenError extends HttpProblem {
  constructor(detail: string) {
    super(403, 'Forbidden', detail);
  }
}

export class NotFoundError extends HttpProblem {
  constructor(detail: string) {
    super(404, 'Not found', detail);
  }
}

export class ConflictError extends HttpProblem {
  constructor(detail: string, errors?: ProblemFieldError[]) {
    super(409, 'Conflict', detail, errors);
  }
}

export class TooManyRequestsError extends HttpProblem {
  constructor(detail: string, readonly retryAfterSeconds: number) {
    super(429, 'Too many requests', detail);
  }
}
