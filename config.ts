import path from 'node:path';

/** Configuration of `npm start` (all components) and of each component started alone. Read once, validated, frozen. */
export interface PlatformConfig {
  /**
   * Components this process runs: `--only=api` or `--only=engine`, else all three (the engine only when ZEEBE_ADDRESS
   * does not name another gateway). The workers run alone with `npm run start:workers` (engine-workers/main.ts).
   */
  components: ReadonlyArray<'api' | 'engine' | 'workers'>;
  /** A Zeebe gateway (Camunda 8) to use instead of the embedded engine; null runs the embedded one. */
  zeebeAddress: string | null;
  /** External PostgreSQL; when absent an embedded server is started under dataDir/pg. */
  databaseUrl: string | null;
  dataDir: string;
  embeddedPgPort: number;
  port: number;
  host: string;
  logLevel: string;
  /** Seed the 三明市 demo organisations and logins on an empty database. */
  seedDemo: boolean;
  sessionTtlHours: number;
  /** Send the session cookie with `Secure` (behind HTTPS). */
  secureCookies: boolean;
  /** Largest evidence file per kind in bytes (EVIDENCE_MAX_MB_PHOTO, _AUDIO, _VIDEO, _DOCUMENT, _SIGNATURE; unset → the API's defaults). */
  evidenceMaxBytes: Partial<Record<'photo' | 'audio' | 'video' | 'document' | 'signature', number>>;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv.slice(2)): Readonly<PlatformConfig> {
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

  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push(`DATABASE_URL must start with postgres:// or postgresql://`);
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got '${logLevel}'`);

  const only = argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  if (only !== undefined && only !== 'api' && only !== 'engine') problems.push(`--only must be 'api' or 'engine', got '${only}'`);
  const zeebeAddress = env.ZEEBE_ADDRESS?.trim() || null;
  if (zeebeAddress && !/^[\w.-]+:\d{1,5}$/.test(zeebeAddress)) problems.push(`ZEEBE_ADDRESS must be host:port, got '${zeebeAddress}'`);
  if (zeebeAddress && only === 'engine') problems.push('--only=engine starts the embedded engine, which ZEEBE_ADDRESS replaces');

  const config: PlatformConfig = {
    components: only === 'api' ? ['api'] : only === 'engine' ? ['engine'] : zeebeAddress ? ['api', 'workers'] : ['api', 'engine', 'workers'],
    zeebeAddress,
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR ?? 'data'),
    embeddedPgPort: int('EMBEDDED_PG_PORT', 54329, 1024, 65535),
    port: int('PORT', 3000, 0, 65535),
    host: env.HOST ?? '0.0.0.0',
    logLevel,
    seedDemo: bool('SEED_DEMO', true),
    sessionTtlHours: int('SESSION_TTL_HOURS', 12, 1, 24 * 30),
    secureCookies: bool('SECURE_COOKIES', false),
    evidenceMaxBytes: Object.fromEntries(
      (['photo', 'audio', 'video', 'document', 'signature'] as const)
        .filter((kind) => env[`EVIDENCE_MAX_MB_${kind.toUpperCase()}`])
        .map((kind) => [kind, int(`EVIDENCE_MAX_MB_${kind.toUpperCase()}`, 1, 1, 10_240) * 1024 * 1024]),
    ),
  };
  if (problems.length > 0) {
    throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return Object.freeze(config);
}
