import { ForbiddenError, NotFoundError } from '../errors.js';
import type { AuthUser, Role } from '../roles.js';

/**
 * The data a user may see, by organisation:
 * - administrators, supervisors (执法监督人员) and process designers see the subtree of their organisation
 *   (the city's see everything, a county's see the county and its townships);
 * - officers, legal reviewers and agency heads see their own enforcement body (执法主体) only,
 *   or, with no body, their organisation alone.
 */
export type AccessScope =
  | { kind: 'subtree'; organisationId: number; path: string }
  | { kind: 'body'; organisationId: number; path: string; bodyId: number | null };

const SUBTREE_ROLES: readonly Role[] = ['administrator', 'supervisor', 'process_designer'];

export function accessScope(user: AuthUser): AccessScope {
  if (user.roles.some((role) => SUBTREE_ROLES.includes(role))) {
    return { kind: 'subtree', organisationId: user.organisationId, path: user.organisationPath };
  }
  return { kind: 'body', organisationId: user.organisationId, path: user.organisationPath, bodyId: user.bodyId };
}

/** Whether an organisation (given by its materialised path) lies within a subtree root path. */
export function pathWithin(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}

/** Whether the user administers the organisation with this path (administrator role, organisation in their subtree). */
export function administers(user: AuthUser, organisationPath: string): boolean {
  return user.roles.includes('administrator') && pathWithin(organisationPath, user.organisationPath);
}

/**
 * Guards a write: the record (by its organisation path) must be inside the caller's view — else 404, so nothing
 * about records elsewhere leaks — and inside what the caller administers — else 403.
 */
export function ensureAdministered(user: AuthUser, organisationPath: string | undefined, what: string, id: number | string): void {
  if (organisationPath === undefined || !pathWithin(organisationPath, accessScope(user).path)) {
    throw new NotFoundError(`Expected ${what} '${id}' to exist, but it was not found`);
  }
  if (!administers(user, organisationPath)) {
    throw new ForbiddenError(`Expected to administer ${what} '${id}', but it is outside what user '${user.username}' administers`);
  }
}
