/** Shapes of the REST API in docs/api-contract.md. */

export const ROLES = [
  'officer',
  'legal_reviewer',
  'agency_head',
  'supervisor',
  'process_designer',
  'administrator',
] as const;
export type Role = (typeof ROLES)[number];

export const LEVELS = ['city', 'county', 'township'] as const;
export type Level = (typeof LEVELS)[number];

export const FIELDS = [
  'urban_management',
  'agriculture',
  'market_regulation',
  'housing_construction',
  'ecology_environment',
  'natural_resources',
  'transport',
  'culture_tourism',
  'emergency_management',
  'township_comprehensive',
  'justice',
] as const;
export type Field = (typeof FIELDS)[number];

export const ITEM_TYPES = ['inspection', 'penalty', 'coercion'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const DAY_KINDS = ['holiday', 'workday'] as const;
export type DayKind = (typeof DAY_KINDS)[number];

export type Id = string | number;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  /** Big lists (cases, tasks) count at most 10 000 rows: true when more match than `total`. */
  totalCapped?: boolean;
}

export interface PageQuery {
  page?: number;
  pageSize?: number;
}

export interface Certificate {
  id: Id;
  userId: Id;
  userName: string;
  number: string;
  field: Field;
  issuingAuthority: string;
  validFrom: string;
  validTo: string;
  valid: boolean;
}

export interface Me {
  id: Id;
  username: string;
  displayName: string;
  roles: Role[];
  organisation: { id: Id; name: string; level: Level };
  body: { id: Id; name: string; field: Field } | null;
  certificates: Certificate[];
}

export interface Organisation {
  id: Id;
  parentId: Id | null;
  name: string;
  level: Level;
  code: string | null;
}

export interface OrganisationNode {
  id: Id;
  name: string;
  level: Level;
  code: string | null;
  children: OrganisationNode[];
}

export interface Body {
  id: Id;
  organisationId: Id;
  organisationName: string;
  name: string;
  field: Field;
  creditCode: string | null;
}

export interface User {
  id: Id;
  username: string;
  displayName: string;
  roles: Role[];
  organisationId: Id;
  organisationName: string;
  bodyId: Id | null;
  bodyName: string | null;
  active: boolean;
}

export interface EnforcementItem {
  id: Id;
  code: string;
  name: string;
  type: ItemType;
  legalBasis: string;
  bodyId: Id;
  bodyName: string;
  delegatedToTownship: boolean;
  validFrom: string;
  validTo: string | null;
}

export interface CalendarDay {
  date: string;
  kind: DayKind;
  name: string;
  source: 'official' | 'manual';
}

export interface CalendarYear {
  year: number;
  days: CalendarDay[];
}

// navigation/access.ts names the roles itself so that it stays free of imports (unit tests load it
// under NodeNext resolution); this line fails to compile if the two lists drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type AssertTrue<T extends true> = T;
export type RolesMatchMenu = AssertTrue<Same<Role, import('../navigation/access.js').RoleName>>;
