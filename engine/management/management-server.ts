/**
 * The engine's management port (Zeebe's 9600): readiness and health, and — only when the clock is controlled
 * (ENGINE_CLOCK_CONTROLLED=true) — Zeebe's clock actuator, so tests can pin or move time:
 *   POST /actuator/clock/pin {"epochMilli": n}, POST /actuator/clock/add {"offsetMilli": n},
 *   GET /actuator/clock, DELETE /actuator/clock (back to real time).
 * Without a controlled clock the /actuator/clock endpoints do not exist (404).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Clock, ControlledClock } from '../clock.js';

export interface ManagementDeps {
  clock: Clock;
  /** The same clock when it may be moved; null when the engine runs on real time. */
  controlledClock: ControlledClock | null;
  /** Called after the clock moved, so the scheduler fires what fell due at once. */
  onClockMoved(): void;
  log: Logger;
}

const MAX_BODY = 4096;

export function createManagementServer(deps: ManagementDeps): Server {
  return createServer((req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      deps.log.error({ err: error }, 'management request failed');
      send(res, 500, { error: 'internal error' });
    });
  });
}

async function handle(deps: ManagementDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method === 'GET' && (path === '/ready' || path === '/health' || path === '/actuator/health')) return send(res, 200, { status: 'UP' });
  if (!path?.startsWith('/actuator/clock') || deps.controlledClock === null) return send(res, 404, { error: `no such endpoint: ${req.method} ${path}` });
  const clock = deps.controlledClock;
  const current = () => ({ epochMilli: clock.now(), instant: new Date(clock.now()).toISOString() });
  if (path === '/actuator/clock' && req.method === 'GET') return send(res, 200, current());
  if (path === '/actuator/clock' && req.method === 'DELETE') {
    clock.reset();
    deps.onClockMoved();
    deps.log.info(current(), 'clock reset to real time');
    return send(res, 200, current());
  }
  if (req.method !== 'POST' || (path !== '/actuator/clock/pin' && path !== '/actuator/clock/add')) {
    return send(res, 404, { error: `no such endpoint: ${req.method} ${path}` });
  }
  const body = await readJson(req);
  const field = path.endsWith('/pin') ? 'epochMilli' : 'offsetMilli';
  const value = (body as Record<string, unknown> | null)?.[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    return send(res, 400, { error: `Expected a body {"${field}": <integer>}, but got ${JSON.stringify(body)}` });
  }
  if (field === 'epochMilli') clock.pin(value);
  else clock.add(value);
  deps.onClockMoved();
  deps.log.info({ ...current(), [field]: value }, 'clock moved');
  return send(res, 200, current());
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > MAX_BODY) return null;
  }
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
