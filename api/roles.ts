export const ROLES = ['officer', 'legal_reviewer', 'agency_head', 'supervisor', 'process_designer', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

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

export const LEVELS = ['city', 'county', 'township'] as const;
export type Level = (typeof LEVELS)[number];

export const ITEM_TYPES = ['inspection', 'penalty', 'coercion'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** The signed-in user as the API sees it on every request. */
export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  organisationId: number;
  organisationPath: string;
  organisationLevel: Level;
  bodyId: number | null;
}
