/** The engine as a child process (`engine/main.ts`), for crash tests: started, killed with SIGKILL, restarted. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export interface EngineProcess {
  child: ChildProcess;
  output(): string;
}

export function startEngineProcess(databaseUrl: string, port: number): Promise<EngineProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'engine/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, ENGINE_GRPC_PORT: String(port), ENGINE_GRPC_HOST: '127.0.0.1', ENGINE_MANAGEMENT_PORT: '0', LOG_LEVEL: 'info', ENGINE_SCHEDULER_POLL_MS: '100' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Expected the engine process to become ready within 30 s, but it did not:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('engine ready')) {
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Expected the engine process to start, but it exited with ${code}:\n${output}`));
    });
  });
}

export function killHard(engine: EngineProcess): Promise<void> {
  return new Promise((resolve) => {
    if (engine.child.exitCode !== null || engine.child.signalCode !== null) return resolve();
    engine.child.once('exit', () => resolve());
    engine.child.kill('SIGKILL');
  });
}
