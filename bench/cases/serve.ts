/**
 * Starts the benchmark's embedded PostgreSQL and keeps it up until Ctrl-C, printing the database URL, to look at
 * the generated data and plans with psql. Usage: npx tsx bench/cases/serve.ts [--dir data/bench-cases]
 */
import { pino } from 'pino';
import { openBenchServer } from './bench-database.js';

const server = await openBenchServer(pino({ level: 'warn' }));
process.stdout.write(`${server.url}\n`);
const stop = () => {
  server.stop().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
setInterval(() => undefined, 60_000);
