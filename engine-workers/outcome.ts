/**
 * What a job ends with (STYLE §7.3). A closed union: adapters/job-runner.ts is the only place that turns an outcome
 * into a zeebe-node call.
 *
 * - complete: the work is done; `variables` are merged into the process.
 * - bpmnError: a business path modelled in the diagram (an error boundary event catches `code`).
 * - retry: a passing failure (database down, disk full); the engine offers the job again after `backoffMs`.
 * - incident: a person has to look at it (bad input, missing configuration); fail with retries 0.
 *
 * complete and bpmnError are final: the runner records them (app.job_results) in the job's own transaction and a
 * redelivered job gets the recorded outcome back. retry and incident are not recorded: after an incident is resolved
 * (variables fixed, retries set) the job runs again with the same key.
 */
export type JobVariables = Record<string, unknown>;

export interface Complete {
  readonly kind: 'complete';
  readonly variables: JobVariables;
}

export interface BpmnError {
  readonly kind: 'bpmn-error';
  readonly code: string;
  readonly message: string;
  readonly variables: JobVariables;
}

export interface Retry {
  readonly kind: 'retry';
  readonly message: string;
  readonly backoffMs: number;
}

export interface Incident {
  readonly kind: 'incident';
  readonly message: string;
}

export type Outcome = Complete | BpmnError | Retry | Incident;

/** Outcomes that end the job for good and are recorded for redelivery. */
export type FinalOutcome = Complete | BpmnError;

export function complete(variables: JobVariables = {}): Complete {
  return { kind: 'complete', variables };
}

export function bpmnError(code: string, message: string, variables: JobVariables = {}): BpmnError {
  return { kind: 'bpmn-error', code, message, variables };
}

export function retry(message: string, backoffMs: number): Retry {
  return { kind: 'retry', message, backoffMs };
}

export function incident(message: string): Incident {
  return { kind: 'incident', message };
}

export function isFinal(outcome: Outcome): outcome is FinalOutcome {
  return outcome.kind === 'complete' || outcome.kind === 'bpmn-error';
}

const KINDS = new Set(['complete', 'bpmn-error', 'retry', 'incident']);

export function isOutcome(value: unknown): value is Outcome {
  return typeof value === 'object' && value !== null && KINDS.has((value as { kind?: unknown }).kind as string);
}
