import type { Logger } from 'pino';
import type { ZBClient } from 'zeebe-node';
import type { Db } from '../../db/connect.js';
import type { Clock } from '../clock.js';
import { BodiesRepository } from '../repositories/bodies-repository.js';
import { CalendarRepository } from '../repositories/calendar-repository.js';
import { CertificatesRepository } from '../repositories/certificates-repository.js';
import { EnforcementItemsRepository } from '../repositories/enforcement-items-repository.js';
import { OrganisationsRepository } from '../repositories/organisations-repository.js';
import { UsersRepository } from '../repositories/users-repository.js';
import { AuthService, DEFAULT_LOGIN_THROTTLE, type LoginThrottle } from './auth-service.js';

export interface ApiDeps {
  db: Db;
  log: Logger;
  clock: Clock;
  sessionTtlHours: number;
  secureCookies: boolean;
  /** Folder of the built console (web/dist); null serves the API alone. */
  webDist: string | null;
  loginThrottle?: LoginThrottle;
  /**
   * Gateway client of the engine (the embedded one or a Zeebe cluster): opening cases starts their procedure, task
   * actions complete user-task jobs, case events publish messages. Null runs the API without case handling (the
   * administration tests); the case and task routes then answer 503.
   */
  zeebe?: ZBClient | null;
  /** Where evidence files are stored (DATA_DIR/evidence) and generated documents are read from (DATA_DIR/documents). */
  dataDir?: string;
  /** Largest evidence file accepted per kind, in bytes (defaults in api/routes/evidence.ts: photo 20 MB, video 500 MB, …). */
  evidenceMaxBytes?: Partial<Record<'photo' | 'audio' | 'video' | 'document' | 'signature', number>>;
}

/** Everything a route handler may use, built once per app. */
export interface Services {
  deps: ApiDeps;
  db: Db;
  clock: Clock;
  zeebe: ZBClient | null;
  dataDir: string;
  organisations: OrganisationsRepository;
  bodies: BodiesRepository;
  users: UsersRepository;
  certificates: CertificatesRepository;
  items: EnforcementItemsRepository;
  calendar: CalendarRepository;
  auth: AuthService;
}

export function createServices(deps: ApiDeps): Services {
  const users = new UsersRepository(deps.db);
  return {
    deps,
    db: deps.db,
    clock: deps.clock,
    zeebe: deps.zeebe ?? null,
    dataDir: deps.dataDir ?? 'data',
    organisations: new OrganisationsRepository(deps.db),
    bodies: new BodiesRepository(deps.db),
    users,
    certificates: new CertificatesRepository(deps.db),
    items: new EnforcementItemsRepository(deps.db),
    calendar: new CalendarRepository(deps.db),
    auth: new AuthService(deps.db, users, deps.clock, deps.sessionTtlHours, deps.loginThrottle ?? DEFAULT_LOGIN_THROTTLE),
  };
}
