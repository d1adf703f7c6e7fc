import { pino, type Logger } from 'pino';

/** Silent unless LOG_LEVEL is set, as STYLE §7.6 asks of tests. */
export function testLogger(): Logger {
  return pino({ level: process.env.LOG_LEVEL ?? 'silent' });
}
