/**
 * What a failed sync step means, and when to try again. A network failure or a server error passes (retry with
 * exponential backoff); a 4xx is the server refusing this submission (validation, permission, the task is gone) and
 * needs the officer; 401 means the session ended: keep everything and wait for a new sign-in.
 */

export type FailureKind = 'retry' | 'attention' | 'signed-out';

/** `status` 0: no answer (offline, connection dropped). */
export function classifyFailure(status: number): FailureKind {
  if (status === 401) return 'signed-out';
  if (status === 0 || status === 408 || status === 425 || status === 429 || status >= 500) return 'retry';
  if (status >= 400) return 'attention';
  return 'retry';
}

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** 0..1: the share of the delay that is randomised, so phones coming back online together do not retry in step. */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, maxMs: 5 * 60_000, jitter: 0.2 };

/** Delay before attempt `attempts + 1`, after `attempts` (≥ 1) failures; `random` in [0, 1). */
export function retryDelayMs(attempts: number, random: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, attempts - 1);
  const delay = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 30));
  return Math.round(delay * (1 - policy.jitter + policy.jitter * random));
}
