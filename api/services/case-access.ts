import type { Db } from '../../db/connect.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import type { AuthUser, Role } from '../roles.js';
import { pathWithin } from './access-scope.js';

/**
 * Who may see and act on a case (docs/case-handling.md):
 * - read: the case's officers; officers, legal reviewers and agency heads of its enforcement body; supervisors and
 *   administrators whose organisation's subtree holds the body;
 * - act (add evidence, …): the case's officers.
 * A user whose organisation's subtree holds the case but who may not read it gets 403 (process designers, officers of
 * another body of the county); a case outside the user's subtree (another county) is 404, so nothing about it leaks.
 */
export interface CaseSubject {
  /** The case's id, or null for a generated document that belongs to no case (the body decides alone). */
  id: string | null;
  caseRef: string | null;
  bodyId: number;
  organisationPath: string;
  officerIds: number[];
}

export type CaseAccessLevel = 'read' | 'act';

const BODY_ROLES: readonly Role[] = ['officer', 'legal_reviewer', 'agency_head'];
const SUBTREE_ROLES: readonly Role[] = ['supervisor', 'administrator'];

/** Whether the user may read (or act on) the subject; pure, for lists and for the guard below. */
export function mayAccessCase(user: AuthUser, subject: CaseSubject, level: CaseAccessLevel): boolean {
  const onCase = subject.officerIds.includes(user.id);
  if (level === 'act') return onCase;
  if (onCase) return true;
  if (user.bodyId === subject.bodyId && user.roles.some((role) => BODY_ROLES.includes(role))) return true;
  return user.roles.some((role) => SUBTREE_ROLES.includes(role)) && pathWithin(subject.organisationPath, user.organisationPath);
}

/** Throws 404 (outside the user's subtree) or 403 (inside, but not permitted) unless the user may access the subject. */
export function ensureCaseAccess(user: AuthUser, subject: CaseSubject | undefined, level: CaseAccessLevel, what = 'case', id: string | number = subject?.id ?? ''): CaseSubject {
  if (!subject || (!pathWithin(subject.organisationPath, user.organisationPath) && !mayAccessCase(user, subject, 'read'))) {
    throw new NotFoundError(`Expected ${what} '${id}' to exist, but it was not found`);
  }
  if (!mayAccessCase(user, subject, level)) {
    const needed = level === 'act' ? 'an officer of the case' : 'an officer of the case or its body, or a supervisor of its organisation';
    throw new ForbiddenError(`Expected user '${user.username}' to be ${needed}, but they are not (${what} '${id}')`);
  }
  return subject;
}

const SUBJECT_COLUMNS = ['c.id::text as id', 'c.case_ref', 'c.body_id', 'o.path as organisation_path'];

interface SubjectRow {
  id: string;
  case_ref: string;
  body_id: number;
  organisation_path: string;
}

async function withOfficers(db: Db, row: SubjectRow | undefined): Promise<CaseSubject | undefined> {
  if (!row) return undefined;
  const officers = (await db('app.case_officers').where({ case_id: row.id }).pluck('user_id')) as number[];
  return { id: row.id, caseRef: row.case_ref, bodyId: row.body_id, organisationPath: row.organisation_path, officerIds: officers.map(Number) };
}

function subjects(db: Db) {
  return db('app.cases as c').join('app.enforcement_bodies as b', 'b.id', 'c.body_id').join('app.organisations as o', 'o.id', 'b.organisation_id');
}

/** The case by id, as access is decided on it. */
export async function findCaseSubject(db: Db, caseId: number | string): Promise<CaseSubject | undefined> {
  return withOfficers(db, (await subjects(db).where('c.id', caseId).first(db.raw(SUBJECT_COLUMNS.join(', ')))) as SubjectRow | undefined);
}

/** The case by its reference (the `caseId` process variable). */
export async function findCaseSubjectByRef(db: Db, caseRef: string): Promise<CaseSubject | undefined> {
  return withOfficers(db, (await subjects(db).where('c.case_ref', caseRef).first(db.raw(SUBJECT_COLUMNS.join(', ')))) as SubjectRow | undefined);
}

/** A body's records that belong to no case (documents of an instance started outside case handling). */
export async function bodySubject(db: Db, bodyId: number): Promise<CaseSubject | undefined> {
  const row = (await db('app.enforcement_bodies as b').join('app.organisations as o', 'o.id', 'b.organisation_id').where('b.id', bodyId).first('o.path as organisation_path')) as
    | { organisation_path: string }
    | undefined;
  return row ? { id: null, caseRef: null, bodyId, organisationPath: row.organisation_path, officerIds: [] } : undefined;
}

/** Loads the case and checks the user's access: 404 / 403 as described above. */
export async function accessibleCase(db: Db, user: AuthUser, caseId: number | string, level: CaseAccessLevel = 'read'): Promise<CaseSubject> {
  return ensureCaseAccess(user, await findCaseSubject(db, caseId), level, 'case', caseId);
}
