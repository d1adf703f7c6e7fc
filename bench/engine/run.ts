/**
 * Engine benchmark (issue 3 point 7): a process with 3 service tasks completed end to end through zeebe-node
 * workers against the embedded engine (a child process, durable PostgreSQL commits), then the same process on the
 * in-memory bpmn-engine. Two measured phases: throughput (closed loop: --instances N with at most --active
 * instances running) and delivery latency (open loop: --rate instances/s for --rate-seconds).
 * Usage: npx tsx bench/engine/run.ts [--instances 3000] [--active 500] [--rate 300] [--rate-seconds 10]
 * Uses BENCH_DATABASE_URL when set, else an embedded PostgreSQL (fsync on) in a temporary folder.
 */
import { mkdtemp, rm, readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { pino } from 'pino';
import { Duration, ZBClient } from 'zeebe-node';
import { connect, ensureDatabase } from '../../db/connect.js';
import { startEmbeddedPostgres } from '../../db/embedded-postgres.js';
import { migrateLatest } from '../../db/migrate.js';
import { engineNodeFlags } from '../../engine/config.js';
import { freePort } from '../../test/support/database.js';
import { runBpmnEngine } from './bpmn-engine-run.js';
import { summarize } from './stats.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const INSTANCES = arg('instances', 3000);
const ACTIVE = arg('active', 500);
const RATE = arg('rate', 300);
const RATE_SECONDS = arg('rate-seconds', 10);
const WARMUP = arg('warmup', 300);
const engineLog: string[] = [];
const log = pino({ level: process.env.LOG_LEVEL ?? 'warn' });

async function main(): Promise<void> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'engine-bench-'));
  let stopPg: (() => Promise<void>) | null = null;
  let url = process.env.BENCH_DATABASE_URL;
  if (!url) {
    const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort(), log, durable: process.env.BENCH_DURABLE !== 'false' });
    stopPg = () => pg.stop();
    url = await ensureDatabase(pg.url, `engine_bench_${process.pid}`);
  }
  const db = connect(url, { max: 2 });
  await migrateLatest(db);
  const port = await freePort();
  const engine = spawn(process.execPath, [...(process.env.BENCH_ENGINE_NODE_ARGS?.split(' ').filter(Boolean) ?? engineNodeFlags), '--import', 'tsx', 'engine/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: url, ENGINE_GRPC_PORT: String(port), ENGINE_GRPC_HOST: '127.0.0.1', ENGINE_MANAGEMENT_PORT: '0', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  process.once('exit', () => engine.kill('SIGKILL'));
  engine.stderr!.on('data', (c: Buffer) => {
    engineLog.push(c.toString());
    if (engineLog.length > 2000) engineLog.splice(0, 1000);
  });
  engine.stdout!.on('data', (c: Buffer) => {
    if (engineLog.length < 200) engineLog.push(c.toString());
  });
  engine.once('exit', (code, signal) => {
    if (code !== 0 && code !== 143 && signal !== 'SIGTERM' && signal !== 'SIGKILL') process.stderr.write(`engine exited (${code ?? signal}):\n${engineLog.join('')}\n`);
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    engine.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('engine ready')) resolve();
    });
    engine.once('exit', (code) => reject(new Error(`engine exited with ${code}: ${out}`)));
  });

  const client = new ZBClient(`127.0.0.1:${port}`, { useTLS: false, loglevel: 'NONE', retry: true, longPoll: Duration.seconds.of(10) } as never);
  await client.deployResource({ name: 'three-tasks.bpmn', process: await readFile(path.join(ROOT, 'test/fixtures/bpmn/three-tasks.bpmn')) });

  const receivedAt = new Map<string, number>();
  let completedInstances = 0;
  let completedJobs = 0;
  let measuring = false;
  let measuringOpenLoop: Map<string, number> | null = null;
  let onInstanceDone: () => void = () => undefined;
  const workers = ['step-1', 'step-2', 'step-3'].map((step) =>
    client.createWorker({
      taskType: step,
      maxJobsToActivate: 128,
      pollInterval: Duration.milliseconds.of(5),
      timeout: Duration.seconds.of(60),
      loglevel: 'NONE',
      taskHandler: async (job: { key: string; complete(v?: object): Promise<unknown> }) => {
        if (measuring) receivedAt.set(job.key, Date.now());
        measuringOpenLoop?.set(job.key, Date.now());
        const ack = await job.complete({ [step]: true });
        if (measuring) completedJobs++;
        if (step === 'step-3') onInstanceDone();
        return ack;
      },
    } as never),
  );

  const runBatch = async (count: number) => {
    let created = 0;
    let done = 0;
    await new Promise<void>((resolve, reject) => {
      const pump = () => {
        while (created < count && created - done < ACTIVE) {
          created++;
          client.createProcessInstance({ bpmnProcessId: 'three-tasks', variables: { n: created } }).catch(reject);
        }
      };
      onInstanceDone = () => {
        done++;
        if (measuring) completedInstances++;
        if (done >= count) resolve();
        else pump();
      };
      pump();
    });
  };

  await runBatch(WARMUP);
  measuring = true;
  const cpuBefore = await cpuSeconds(engine.pid!);
  const started = Date.now();
  await runBatch(INSTANCES);
  const elapsedMs = Date.now() - started;
  measuring = false;
  const cpuAfter = await cpuSeconds(engine.pid!);
  const throughputLatencies = [...receivedAt.keys()];

  // open loop: a steady arrival rate, as a production load looks; job delivery latency is measured here
  const openLoopReceived = new Map<string, number>();
  let openDone = 0;
  let openBegan = 0;
  const openTotal = Math.round(RATE * RATE_SECONDS);
  await new Promise<void>((resolve, reject) => {
    onInstanceDone = () => {
      openDone++;
      if (openDone >= openTotal) resolve();
    };
    measuringOpenLoop = openLoopReceived;
    openBegan = Date.now();
    const began = openBegan;
    let sent = 0;
    const tick = setInterval(() => {
      const due = Math.min(openTotal, Math.floor(((Date.now() - began) / 1000) * RATE));
      for (; sent < due; sent++) client.createProcessInstance({ bpmnProcessId: 'three-tasks', variables: { n: sent } }).catch(reject);
      if (sent >= openTotal) clearInterval(tick);
    }, 5);
  });
  measuringOpenLoop = null;
  const openLoopCompletedPerSecond = Math.round((openTotal / (Date.now() - openBegan)) * 1000);
  const cpuShare = Object.fromEntries(Object.keys(cpuAfter).map((k) => [k, Number(((cpuAfter[k]! - cpuBefore[k]!) / (elapsedMs / 1000)).toFixed(2))]));

  const deliveryMs = async (received: Map<string, number>) => {
    const created = await db.raw("select key::text as key, timestamp from engine.records where value_type = 'JOB' and intent = 'CREATED' and key = any(?::bigint[])", [[...received.keys()]]);
    return (created.rows as Array<{ key: string; timestamp: number }>).map((r) => received.get(r.key)! - Number(r.timestamp));
  };
  const latencies = await deliveryMs(receivedAt);
  const openLoopLatencies = await deliveryMs(openLoopReceived);
  void throughputLatencies;
  const engineStatus = await readFile(`/proc/${engine.pid}/status`, 'utf8').catch(() => '');
  const engineHwmKb = Number(/VmHWM:\s+(\d+)/.exec(engineStatus)?.[1] ?? NaN);

  await Promise.all(workers.map((w) => w.close()));
  await client.close(1000);
  engine.kill('SIGTERM');
  await new Promise((r) => engine.once('exit', r));
  await db.destroy();
  await stopPg?.();
  await rm(tmp, { recursive: true, force: true });

  const benchPeakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const ours = { instancesPerSecond: (completedInstances / elapsedMs) * 1000, jobsPerSecond: (completedJobs / elapsedMs) * 1000, elapsedMs };
  // bpmn-engine is fastest one instance at a time (it slows down with concurrency); we report its best
  const other = await runBpmnEngine(Math.min(INSTANCES, 2000), 1);
  const delivery = summarize(latencies);
  const openLoopDelivery = summarize(openLoopLatencies);
  const result = {
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
    settings: { instances: INSTANCES, maxActiveInstances: ACTIVE, warmup: WARMUP, openLoopRate: RATE, openLoopSeconds: RATE_SECONDS, durableCommits: !process.env.BENCH_DATABASE_URL && process.env.BENCH_DURABLE !== 'false' },
    embeddedEngine: {
      completedInstancesPerSecond: Math.round(ours.instancesPerSecond),
      jobCompletionsPerSecond: Math.round(ours.jobsPerSecond),
      jobDeliveryMsAtFullLoad: delivery,
      openLoopCompletedInstancesPerSecond: openLoopCompletedPerSecond,
      jobDeliveryMsAtOpenLoopRate: openLoopDelivery,
      peakRssMb: { engine: Math.round(engineHwmKb / 1024), benchAndWorkers: benchPeakRssMb },
      elapsedMs: Math.round(ours.elapsedMs),
      cpuCoresUsed: cpuShare,
    },
    bpmnEngineInMemory: { completedInstancesPerSecond: Math.round(other.instancesPerSecond), jobCompletionsPerSecond: Math.round(other.jobsPerSecond), elapsedMs: Math.round(other.elapsedMs) },
    ratioEmbeddedToBpmnEngine: Number((ours.instancesPerSecond / other.instancesPerSecond).toFixed(3)),
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

/** CPU seconds used so far by the engine process, this process (bench + workers) and all postgres processes. */
async function cpuSeconds(enginePid: number): Promise<Record<string, number>> {
  const tick = 100;
  const of = async (pid: number | string) => {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / tick;
  };
  let postgres = 0;
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const comm = await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '');
    if (comm.trim() === 'postgres') postgres += await of(pid);
  }
  return { engine: await of(enginePid), benchAndWorkers: await of(process.pid), postgres };
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n${engineLog.join('').slice(-20000)}\n`);
  process.exit(1);
});
