/** Engine settings. Read once from the environment (loadEngineConfig), validated and frozen; passed to createEngine. */
export interface EngineConfig {
  /** gRPC gateway port; 0 picks a free port. */
  grpcPort: number;
  grpcHost: string;
  /** Used when ActivateJobs.requestTimeout is 0 (Zeebe's longPolling.timeout). */
  longPollDefaultMs: number;
  /** Used when CreateProcessInstanceWithResult.requestTimeout is 0 (Zeebe's gateway requestTimeout). */
  withResultDefaultMs: number;
  /** How often the scheduler looks for timed-out jobs and finished back-offs. */
  schedulerPollMs: number;
  /** Largest accepted resource (bytes) and variables document (characters). */
  maxResourceBytes: number;
  maxVariablesBytes: number;
  /** Commands in flight on this node before it answers 8 RESOURCE_EXHAUSTED (back-pressure). */
  maxInFlightCommands: number;
  /** PostgreSQL pool size used by createEngine when it owns the pool. */
  poolSize: number;
  /** Management port (health, and the clock actuator when the clock is controlled); 0 picks a free port, -1 turns it off. */
  managementPort: number;
  /** ENGINE_CLOCK_CONTROLLED=true: the clock can be pinned and moved through the management port. */
  clockControlled: boolean;
}

/**
 * Node flags the engine process should be started with (`node --max-semi-space-size=64 … engine/main.ts`). A
 * command batch keeps its instances' state alive across two round trips, so with V8's default 16 MB semi-spaces
 * much of it survives a scavenge, is promoted and later collected by the costlier old-generation GC; 64 MB
 * semi-spaces cut the engine's GC time (about a fifth of its CPU under the benchmark's load) at the cost of up to
 * ~100 MB more resident memory. V8 reads this only at start-up (v8.setFlagsFromString is too late).
 */
export const engineNodeFlags: readonly string[] = Object.freeze(['--max-semi-space-size=64']);

export const defaultEngineConfig: Readonly<EngineConfig> = Object.freeze({
  grpcPort: 26500,
  grpcHost: '0.0.0.0',
  longPollDefaultMs: 10_000,
  withResultDefaultMs: 15_000,
  schedulerPollMs: 250,
  maxResourceBytes: 4 * 1024 * 1024,
  maxVariablesBytes: 4 * 1024 * 1024,
  maxInFlightCommands: 2_000,
  poolSize: 16,
  managementPort: -1,
  clockControlled: false,
});

export function loadEngineConfig(env: NodeJS.ProcessEnv = process.env): Readonly<EngineConfig> {
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
  const config: EngineConfig = {
    grpcPort: int('ENGINE_GRPC_PORT', defaultEngineConfig.grpcPort, 0, 65535),
    grpcHost: env.ENGINE_GRPC_HOST || defaultEngineConfig.grpcHost,
    longPollDefaultMs: int('ENGINE_LONG_POLL_DEFAULT_MS', defaultEngineConfig.longPollDefaultMs, 1, 600_000),
    withResultDefaultMs: int('ENGINE_WITH_RESULT_DEFAULT_MS', defaultEngineConfig.withResultDefaultMs, 1, 3_600_000),
    schedulerPollMs: int('ENGINE_SCHEDULER_POLL_MS', defaultEngineConfig.schedulerPollMs, 10, 60_000),
    maxResourceBytes: int('ENGINE_MAX_RESOURCE_BYTES', defaultEngineConfig.maxResourceBytes, 1024, 64 * 1024 * 1024),
    maxVariablesBytes: int('ENGINE_MAX_VARIABLES_BYTES', defaultEngineConfig.maxVariablesBytes, 1024, 64 * 1024 * 1024),
    maxInFlightCommands: int('ENGINE_MAX_IN_FLIGHT_COMMANDS', defaultEngineConfig.maxInFlightCommands, 1, 1_000_000),
    poolSize: int('ENGINE_DB_POOL_SIZE', defaultEngineConfig.poolSize, 2, 200),
    managementPort: int('ENGINE_MANAGEMENT_PORT', 9600, -1, 65535),
    clockControlled: bool('ENGINE_CLOCK_CONTROLLED', false),
  };
  if (problems.length > 0) throw new Error(`Invalid engine configuration:\n  - ${problems.join('\n  - ')}`);
  return Object.freeze(config);
}
