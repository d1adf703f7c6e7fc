/**
 * LISTEN on a dedicated connection taken from the pool: a NOTIFY from any engine node (sent at commit) wakes the
 * long polls and result waiters of this node. Reconnects when the connection drops.
 */
import type { Logger } from 'pino';
import type { Db } from '../../../db/connect.js';
import { JOBS_CHANNEL, RESULTS_CHANNEL } from './instance-repository.js';

interface PgConnection {
  query(sql: string): Promise<unknown>;
  on(event: 'notification', listener: (n: { channel: string; payload?: string }) => void): void;
  on(event: 'error' | 'end', listener: (error?: Error) => void): void;
  removeAllListeners(event?: string): void;
}

export interface NotificationHandlers {
  onJobsActivatable(type: string): void;
  onInstanceResult(processInstanceKey: string): void;
  /** After a reconnect: notifications may have been missed, so every waiter should look again. */
  onResync(): void;
}

export class Notifications {
  private connection: PgConnection | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly handlers: NotificationHandlers,
    private readonly log: Logger,
  ) {}

  async start(): Promise<void> {
    const client = this.db.client as { acquireConnection(): Promise<PgConnection>; releaseConnection(c: PgConnection): Promise<void> };
    const connection = await client.acquireConnection();
    connection.on('notification', (n) => {
      if (n.channel === JOBS_CHANNEL && n.payload) this.handlers.onJobsActivatable(n.payload);
      else if (n.channel === RESULTS_CHANNEL && n.payload) this.handlers.onInstanceResult(n.payload);
    });
    const lost = (error?: Error) => {
      if (this.stopped || this.connection !== connection) return;
      this.log.warn({ err: error }, 'LISTEN connection lost; reconnecting');
      this.connection = null;
      connection.removeAllListeners('notification');
      this.retryTimer = setTimeout(() => void this.restart(), 500);
    };
    connection.on('error', lost);
    connection.on('end', lost);
    await connection.query(`LISTEN ${JOBS_CHANNEL}`);
    await connection.query(`LISTEN ${RESULTS_CHANNEL}`);
    this.connection = connection;
  }

  private async restart(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.start();
      this.handlers.onResync();
    } catch (error) {
      this.log.warn({ err: error }, 'LISTEN reconnect failed; retrying');
      this.retryTimer = setTimeout(() => void this.restart(), 1000);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const connection = this.connection;
    this.connection = null;
    if (!connection) return;
    connection.removeAllListeners('notification');
    try {
      await connection.query('UNLISTEN *');
      await (this.db.client as { releaseConnection(c: PgConnection): Promise<void> }).releaseConnection(connection);
    } catch {
      // the pool is being torn down anyway
    }
  }
}
