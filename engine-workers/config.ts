import path from 'node:path';

/** Settings of the job workers. Read once from the environment (loadWorkersConfig), validated and frozen. */
export interface WorkersConfig {
  /** The Zeebe gateway the workers poll: ZEEBE_ADDRESS, else the embedded engine on localhost:ENGINE_GRPC_PORT. */
  zeebeAddress: string;
  /** TLS to the gateway (a Camunda 8 cluster); the embedded engine speaks plain gRPC. */
  zeebeTls: boolean;
  /** External PostgreSQL for `npm run start:workers`; null starts the embedded server under dataDir/pg. */
  databaseUrl: string | null;
  /** Documents are stored under dataDir/documents. */
  dataDir: string;
  embeddedPgPort: number;
  logLevel: string;
  /** Jobs one worker (one job type) runs at once. */
  maxJobsPerType: number;
  /** How long the engine leaves an activated job with a worker before offering it again. */
  jobTimeoutMs: number;
  /** How long an ActivateJobs request waits for jobs (long polling). */
  longPollMs: number;
  /** Back-off after the first unexpected failure of a job; doubles with each retry used. */
  retryBackoffMs: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadWorkersConfig(env: NodeJS.ProcessEnv = process.env): Readonly<WorkersConfig> {
  const problems: string[] = [];
  const int = (key: string, fallback: number, min: number, max: number): number => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${key} must be an integer between ${min} and ${max}, got '${raw}'`);
      return fallback;
    }
    return value;
  };
  const bool = (key: string, fallback: boolean): boolean => {
    const raw = env[key];
    if (raw === undefined || raw === '') return fallback;
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    problems.push(`${key} must be true or false, got '${raw}'`);
    return fallback;
  };

  const enginePort = int('ENGINE_GRPC_PORT', 26500, 1, 65535);
  const zeebeAddress = env.ZEEBE_ADDRESS?.trim() || `localhost:${enginePort}`;
  if (!/^[\w.-]+:\d{1,5}$/.test(zeebeAddress)) problems.push(`ZEEBE_ADDRESS must be host:port, got '${zeebeAddress}'`);
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got '${logLevel}'`);

  const config: WorkersConfig = {
    zeebeAddress,
    zeebeTls: bool('ZEEBE_TLS', false),
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    embeddedPgPort: int('EMBEDDED_PG_PORT', 54329, 1024, 65535),
    logLevel,
    maxJobsPerType: int('WORKERS_MAX_JOBS', 8, 1, 256),
    jobTimeoutMs: int('WORKERS_JOB_TIMEOUT_MS', 60_000, 1_000, 3_600_000),
    longPollMs: int('WORKERS_LONG_POLL_MS', 30_000, 1_000, 600_000),
    retryBackoffMs: int('WORKERS_RETRY_BACKOFF_MS', 5_000, 0, 600_000),
  };
  if (problems.length > 0) throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return Object.freeze(config);
}
