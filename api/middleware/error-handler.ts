import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { HttpProblem, TooManyRequestsError, type ProblemFieldError } from '../errors.js';

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
}

/** The one error middleware: every failure leaves as application/problem+json. */
export function errorHandler(log: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const problem = toProblem(error);
    if (problem.status >= 500) (req.log ?? log).error({ err: error }, 'request failed');
    if (problem instanceof TooManyRequestsError) res.setHeader('Retry-After', String(problem.retryAfterSeconds));
    res.status(problem.status).type('application/problem+json').json({
      type: problem.type,
      title: problem.title,
      status: problem.status,
      detail: problem.message,
      instance: req.originalUrl,
      ...(problem.errors ? { errors: problem.errors } : {}),
    });
  };
}

function toProblem(error: unknown): HttpProblem {
  if (error instanceof HttpProblem) return error;
  const e = error as PgError & { type?: string; status?: number; message?: string };
  // body-parser: malformed JSON or a body that is too large
  if (e.type === 'entity.parse.failed') return new HttpProblem(400, 'Malformed JSON', `Expected a JSON request body, but it does not parse: ${e.message}`, [{ path: '/body', message: 'is not valid JSON', keyword: 'json' }]);
  if (e.type === 'entity.too.large') return new HttpProblem(413, 'Payload too large', 'Expected a request body within the size limit, but it is larger');
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') return new HttpProblem(415, 'Unsupported media type', e.message ?? 'Unsupported encoding');
  // PostgreSQL constraint violations: conflicts the schema caught before the code did
  if (e.code === '23505') return new HttpProblem(409, 'Conflict', `Expected a unique value, but it is already taken (${e.constraint ?? 'unique'})`, fieldFromConstraint(e));
  if (e.code === '23503') return new HttpProblem(409, 'Conflict', `Expected the record to be free of references, but ${e.detail ?? 'another record refers to it'}`);
  if (e.code === '23514') return new HttpProblem(400, 'Validation failed', `Expected the values to satisfy ${e.constraint ?? 'a check'}, but they do not`);
  return new HttpProblem(500, 'Internal server error', 'The server could not complete the request; it has been logged');
}

function fieldFromConstraint(e: PgError): ProblemFieldError[] | undefined {
  // knex names unique constraints <table>_<column>_unique
  const match = /^[a-z_]+?_([a-z_]+)_unique$/.exec(e.constraint ?? '');
  if (!match) return undefined;
  const column = match[1]!.split('_').pop()!;
  return [{ path: `/body/${column}`, message: 'is already taken', keyword: 'unique' }];
}
