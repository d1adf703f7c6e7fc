import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/connect.js';
import type { Clock } from '../clock.js';
import { TooManyRequestsError, UnauthorizedError } from '../errors.js';
import { toAuthUser, type UsersRepository } from '../repositories/users-repository.js';
import type { AuthUser } from '../roles.js';
import { decoyPasswordHash, verifyPassword } from './password.js';

export interface LoginThrottle {
  /** Failures allowed per username within the window before 429. */
  maxFailuresPerUser: number;
  /** Failures allowed per client address within the window before 429. */
  maxFailuresPerIp: number;
  windowMinutes: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottle = { maxFailuresPerUser: 5, maxFailuresPerIp: 30, windowMinutes: 15 };

export interface Session {
  token: string;
  expiresAt: Date;
  user: AuthUser;
}

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export class AuthService {
  constructor(
    private readonly db: Db,
    private readonly users: UsersRepository,
    private readonly clock: Clock,
    private readonly sessionTtlHours: number,
    private readonly throttle: LoginThrottle,
  ) {}

  async login(username: string, password: string, ip: string): Promise<Session> {
    await this.checkThrottle(username, ip);
    const found = await this.users.findCredentials(username);
    const ok = found ? await verifyPassword(found.passwordHash, password) : await verifyPassword(await decoyPasswordHash(), password).then(() => false);
    if (!found || !ok || !found.user.active) {
      await this.db('app.login_failures').insert({ username, ip, at: this.clock.now() });
      throw new UnauthorizedError('Expected a valid username and password, but they do not match an active account');
    }
    await this.db('app.login_failures').where({ username }).del();
    await this.purgeExpired();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now().getTime() + this.sessionTtlHours * 3_600_000);
    await this.db('app.sessions').insert({ token_hash: hashToken(token), user_id: found.user.id, expires_at: expiresAt });
    return { token, expiresAt, user: toAuthUser(found.user) };
  }

  private async checkThrottle(username: string, ip: string): Promise<void> {
    const since = new Date(this.clock.now().getTime() - this.throttle.windowMinutes * 60_000);
    const [counts] = (
      await this.db.raw(
        `select count(*) filter (where username = :username) as by_user,
                count(*) filter (where ip = :ip) as by_ip,
                min(at) filter (where username = :username) as oldest_by_user
           from app.login_failures where at > :since and (username = :username or ip = :ip)`,
        { username, ip, since },
      )
    ).rows as { by_user: number; by_ip: number; oldest_by_user: Date | null }[];
    if (counts!.by_user >= this.throttle.maxFailuresPerUser || counts!.by_ip >= this.throttle.maxFailuresPerIp) {
      const oldest = counts!.oldest_by_user ?? since;
      const retryAfter = Math.max(1, Math.ceil((oldest.getTime() + this.throttle.windowMinutes * 60_000 - this.clock.now().getTime()) / 1000));
      throw new TooManyRequestsError(
        `Expected fewer than ${this.throttle.maxFailuresPerUser} failed logins in ${this.throttle.windowMinutes} minutes, but there were more; try again later`,
        retryAfter,
      );
    }
  }

  /** Drops sessions past their expiry and failures older than a day, so neither table grows without bound. */
  private async purgeExpired(): Promise<void> {
    const now = this.clock.now();
    await this.db('app.sessions').where('expires_at', '<', now).del();
    await this.db('app.login_failures').where('at', '<', new Date(now.getTime() - 86_400_000)).del();
  }

  /** The user behind a session token, if the session is live and the account active. */
  async authenticate(token: string): Promise<AuthUser | undefined> {
    const user = await this.users.findBySession(hashToken(token), this.clock.now());
    return user ? toAuthUser(user) : undefined;
  }

  async logout(token: string): Promise<void> {
    await this.db('app.sessions').where({ token_hash: hashToken(token) }).del();
  }

  /** Ends every session of a user: after a password change or deactivation. */
  async endSessionsOf(userId: number): Promise<void> {
    await this.db('app.sessions').where({ user_id: userId }).del();
  }
}
