import { ApiError, type Problem } from './problem';

type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

let unauthorizedHandler: (() => void) | null = null;

/** Called when a request other than login or `me` answers 401 (the session has ended). */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

export function toQueryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Do not treat a 401 as an ended session (login, me). */
  expectUnauthorized?: boolean;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api${path}${toQueryString(options.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError({ status: 0, title: 'Network error' });
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await readJson(response);
  if (response.ok) return payload as T;
  if (response.status === 401 && !options.expectUnauthorized) unauthorizedHandler?.();
  throw new ApiError(asProblem(payload, response.status), response.headers.get('Retry-After'));
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function asProblem(payload: unknown, status: number): Problem {
  if (payload && typeof payload === 'object') return { ...(payload as Partial<Problem>), status };
  return { status };
}

export const http = {
  get: <T>(path: string, query?: Query, options: Omit<RequestOptions, 'query' | 'body'> = {}) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: (path: string) => request<void>('DELETE', path),
};

/** One URL path segment, escaped. */
export function seg(value: string | number): string {
  return encodeURIComponent(String(value));
}
