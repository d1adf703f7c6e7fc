/**
 * Who may open what, and where a navigation goes. Pure and import-free so it can be unit tested
 * from anywhere (imports between these files use `.js` specifiers, valid for Vite and NodeNext).
 */

export type RoleName =
  | 'officer'
  | 'legal_reviewer'
  | 'agency_head'
  | 'supervisor'
  | 'process_designer'
  | 'administrator';

/** Whether a user holding `roles` may open a page that needs `required` (null: any signed-in user). */
export function canAccess(roles: readonly string[], required: readonly string[] | null | undefined): boolean {
  if (!required || required.length === 0) return true;
  return required.some((role) => roles.includes(role));
}

export interface NavigationTarget {
  fullPath: string;
  name?: string | symbol | null;
  public?: boolean;
  roles?: readonly string[] | null;
}

export interface SessionView {
  signedIn: boolean;
  roles: readonly string[];
}

export type NavigationDecision =
  | { kind: 'allow' }
  | { kind: 'login'; redirect: string }
  | { kind: 'forbidden'; from: string }
  | { kind: 'home' };

/** The router guard's decision: sign in first, then check the page's roles. */
export function decideNavigation(target: NavigationTarget, session: SessionView): NavigationDecision {
  if (target.public) return target.name === 'login' && session.signedIn ? { kind: 'home' } : { kind: 'allow' };
  if (!session.signedIn) return { kind: 'login', redirect: target.fullPath };
  if (!canAccess(session.roles, target.roles)) return { kind: 'forbidden', from: target.fullPath };
  return { kind: 'allow' };
}

/** A `redirect` query value that is safe to follow after login: a path on this site, else `/`. */
export function safeRedirect(value: unknown): string {
  if (typeof value !== 'string') return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.startsWith('/login')) return '/';
  return value;
}
