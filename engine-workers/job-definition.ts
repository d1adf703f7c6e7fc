import type { Incident, JobVariables, Outcome } from './outcome.js';
import type { JobPorts } from './ports/job-ports.js';

/** What a job file learns about the job besides its variables. Keys are int64 values, kept as strings. */
export interface JobInfo {
  readonly key: string;
  readonly type: string;
  readonly processInstanceKey: string;
  readonly bpmnProcessId: string;
  readonly elementId: string;
  readonly retries: number;
}

export type Parsed<I> = { readonly ok: true; readonly input: I } | { readonly ok: false; readonly outcome: Incident };

/** decide() found nothing that stops the job: perform() carries out `plan`. */
export interface Proceed<P> {
  readonly kind: 'proceed';
  readonly plan: P;
}

/** What decide() returns: go on with a plan, or end the job at once (a business error, an incident, a result). */
export type Decision<P> = Proceed<P> | Outcome;

export function proceed<P>(plan: P): Proceed<P> {
  return { kind: 'proceed', plan };
}

/**
 * The shape of every file in jobs/ (file name = job type, STYLE §7.3):
 * - parseVariables: ajv-validated variables → typed input; invalid input is an incident that names the variable;
 * - decide: pure, from the input and the time;
 * - perform: the I/O, through the ports, inside the job's database transaction.
 */
export interface JobModule<I = unknown, P = unknown> {
  /** `headers`: the task's custom headers (static configuration in the diagram). */
  parseVariables(variables: JobVariables, headers?: Readonly<Record<string, string>>): Parsed<I>;
  decide(input: I, now: Date): Decision<P>;
  perform(input: I, plan: P, ports: JobPorts, job: JobInfo): Promise<Outcome>;
}

export interface JobDefinition extends JobModule {
  readonly type: string;
}
