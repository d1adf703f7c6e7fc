/**
 * publish-message: the worker behind the diagrams' message throw events (and message end events): publishes the message
 * `messageName` with `correlationKey` and `messageVariables` through the gateway's PublishMessage, as zeebe-node's
 * publishMessage does. Idempotent: the message id is the job key, so a job that runs again (a redelivery, a retry after
 * the transaction failed) while its message is still buffered publishes nothing new — the engine answers ALREADY_EXISTS,
 * which counts as published. The message is buffered for `timeToLive` (default one hour, processes/README.md): one that
 * arrives while the receiver is between two waiting elements is kept, not lost.
 *
 * In:  messageName (task header or variable), correlationKey, messageVariables (optional object), timeToLive (optional,
 *      header or variable: an ISO 8601 duration such as PT1H, or milliseconds).
 * Out: {}.
 */
import { proceed, type Decision, type JobInfo, type Parsed } from '../job-definition.js';
import { complete, incident, type JobVariables, type Outcome } from '../outcome.js';
import type { JobPorts } from '../ports/job-ports.js';
import { variableParser } from '../variables.js';

export interface PublishMessageInput {
  messageName: string;
  correlationKey: string;
  messageVariables: Record<string, unknown>;
  timeToLive: string | number;
}

export interface PublishMessagePlan {
  name: string;
  correlationKey: string;
  variables: Record<string, unknown>;
  timeToLiveMs: number;
}

export const DEFAULT_TIME_TO_LIVE = 'PT1H';

const parse = variableParser<PublishMessageInput>(
  'publish-message',
  {
    type: 'object',
    required: ['messageName', 'correlationKey'],
    properties: {
      messageName: { type: 'string', minLength: 1 },
      correlationKey: { type: 'string' },
      messageVariables: { type: 'object', default: {} },
      timeToLive: { type: ['string', 'integer'], minimum: 0, default: DEFAULT_TIME_TO_LIVE },
    },
  },
  { headers: { messageName: 'string', timeToLive: 'string' } },
);

export function parseVariables(variables: JobVariables, headers: Readonly<Record<string, string>> = {}): Parsed<PublishMessageInput> {
  const copy: JobVariables = { ...variables };
  // a correlation key mapped from a number (an id) is sent as its text, as Zeebe does
  if (typeof copy.correlationKey === 'number') copy.correlationKey = String(copy.correlationKey);
  return parse(copy, headers);
}

export function decide(input: PublishMessageInput, _now: Date): Decision<PublishMessagePlan> {
  const timeToLiveMs = durationMs(input.timeToLive);
  if (timeToLiveMs === null) return incident(`Expected variable 'timeToLive' to be an ISO 8601 duration (PT1H, P1D) or milliseconds, but got '${String(input.timeToLive)}'`);
  return proceed({ name: input.messageName, correlationKey: input.correlationKey, variables: input.messageVariables, timeToLiveMs });
}

export async function perform(_input: PublishMessageInput, plan: PublishMessagePlan, ports: JobPorts, job: JobInfo): Promise<Outcome> {
  await ports.messages.publish({ name: plan.name, correlationKey: plan.correlationKey, variables: plan.variables, messageId: job.key, timeToLiveMs: plan.timeToLiveMs });
  return complete({});
}

const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds of an ISO 8601 duration of days, hours, minutes and seconds (PT1H, P1DT12H), or of a count of ms. */
export function durationMs(value: string | number): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const match = DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return null;
  const [, d = '0', h = '0', m = '0', s = '0'] = match;
  return Math.round(((Number(d) * 24 + Number(h)) * 60 + Number(m)) * 60_000 + Number(s) * 1000);
}
