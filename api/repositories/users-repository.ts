import type { Db } from '../../db/connect.js';
import type { AccessScope } from '../services/access-scope.js';
import type { AuthUser, Level, Role } from '../roles.js';
import { fetchPage, likePattern, type Page, type PageRequest } from './page.js';

export interface User {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  organisationId: number;
  organisationName: string;
  organisationPath: string;
  organisationLevel: Level;
  bodyId: number | null;
  bodyName: string | null;
  bodyField: string | null;
  active: boolean;
}

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  roles: Role[];
  organisation_id: number;
  organisation_name: string;
  organisation_path: string;
  organisation_level: Level;
  body_id: number | null;
  body_name: string | null;
  body_field: string | null;
  active: boolean;
}

const toUser = (row: UserRow): User => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  roles: row.roles,
  organisationId: row.organisation_id,
  organisationName: row.organisation_name,
  organisationPath: row.organisation_path,
  organisationLevel: row.organisation_level,
  bodyId: row.body_id,
  bodyName: row.body_name,
  bodyField: row.body_field,
  active: row.active,
});

export function toAuthUser(user: User): AuthUser {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    organisationId: user.organisationId,
    organisationPath: user.organisationPath,
    organisationLevel: user.organisationLevel,
    bodyId: user.bodyId,
  };
}

export interface UserInput {
  username: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
  organisationId: number;
  bodyId: number | null;
  active: boolean;
}

export class UsersRepository {
  constructor(private readonly db: Db) {}

  private base() {
    return this.db('app.users as u')
      .join('app.organisations as o', 'o.id', 'u.organisation_id')
      .leftJoin('app.enforcement_bodies as b', 'b.id', 'u.body_id')
      .select(
        'u.id', 'u.username', 'u.display_name', 'u.roles', 'u.organisation_id', 'u.body_id', 'u.active',
        'o.name as organisation_name', 'o.path as organisation_path', 'o.level as organisation_level',
        'b.name as body_name', 'b.field as body_field',
      );
  }

  async list(scope: AccessScope, filter: { q?: string; organisationId?: number; bodyId?: number; role?: Role }, page: PageRequest): Promise<Page<User>> {
    const query = this.base().orderBy([{ column: 'o.path' }, { column: 'u.id' }]);
    if (scope.kind === 'subtree') query.where('o.path', 'like', `${scope.path}%`);
    else query.where('u.body_id', scope.bodyId ?? -1);
    if (filter.q) query.where((w) => w.whereILike('u.username', likePattern(filter.q!)).orWhereILike('u.display_name', likePattern(filter.q!)));
    if (filter.organisationId) query.where('u.organisation_id', filter.organisationId);
    if (filter.bodyId) query.where('u.body_id', filter.bodyId);
    if (filter.role) query.whereRaw('? = any(u.roles)', [filter.role]);
    return fetchPage(query, page, toUser);
  }

  async find(id: number): Promise<User | undefined> {
    const row = await this.base().where('u.id', id).first();
    return row ? toUser(row as UserRow) : undefined;
  }

  /** The active user holding a live session, in one query (it runs on every request). */
  async findBySession(tokenHash: string, now: Date): Promise<User | undefined> {
    const row = await this.base()
      .join('app.sessions as s', 's.user_id', 'u.id')
      .where('s.token_hash', tokenHash)
      .where('s.expires_at', '>', now)
      .where('u.active', true)
      .first();
    return row ? toUser(row as UserRow) : undefined;
  }

  async findCredentials(username: string): Promise<{ user: User; passwordHash: string } | undefined> {
    const row = await this.base().select('u.password_hash').where('u.username', username).first();
    return row ? { user: toUser(row as UserRow), passwordHash: (row as { password_hash: string }).password_hash } : undefined;
  }

  async create(input: UserInput): Promise<User> {
    const [row] = await this.db('app.users')
      .insert({
        username: input.username,
        display_name: input.displayName,
        password_hash: input.passwordHash,
        roles: input.roles,
        organisation_id: input.organisationId,
        body_id: input.bodyId,
        active: input.active,
      })
      .returning('id');
    return (await this.find(row.id))!;
  }

  async update(id: number, patch: Partial<Omit<UserInput, 'username' | 'organisationId'>>): Promise<User> {
    const changes: Record<string, unknown> = { updated_at: this.db.fn.now() };
    if (patch.displayName !== undefined) changes.display_name = patch.displayName;
    if (patch.passwordHash !== undefined) changes.password_hash = patch.passwordHash;
    if (patch.roles !== undefined) changes.roles = patch.roles;
    if (patch.bodyId !== undefined) changes.body_id = patch.bodyId;
    if (patch.active !== undefined) changes.active = patch.active;
    await this.db('app.users').where({ id }).update(changes);
    return (await this.find(id))!;
  }
}
