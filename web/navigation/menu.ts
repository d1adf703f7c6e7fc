/**
 * The console's pages and who may open them. Pure: no Vue, no router, no I/O, so it can be
 * unit tested and shared by the router (route guards) and the side menu.
 */
import { canAccess, type RoleName } from './access.js';

export type { RoleName };

export type IconName = 'House' | 'OfficeBuilding' | 'Stamp' | 'User' | 'Postcard' | 'Tickets' | 'Calendar' | 'List' | 'Folder';

export interface NavItem {
  /** Route name; the menu entry carries `data-test="menu-<name>"`. */
  name: string;
  path: string;
  /** i18n key of the label. */
  titleKey: string;
  icon: IconName;
  section: 'work' | 'admin';
  /** Roles that may open the page; `null` means every signed-in user. */
  roles: readonly RoleName[] | null;
}

export interface MenuSection {
  key: 'work' | 'admin';
  titleKey: string;
  items: NavItem[];
}

const ORGANISATION_READERS = ['administrator', 'supervisor'] as const;
const USER_READERS = ['administrator', 'supervisor', 'agency_head', 'legal_reviewer'] as const;
const TASK_HANDLERS = ['officer', 'legal_reviewer', 'agency_head'] as const;
const CASE_READERS = ['officer', 'legal_reviewer', 'agency_head', 'supervisor', 'administrator'] as const;

export const NAV_ITEMS: readonly NavItem[] = [
  { name: 'home', path: '/', titleKey: 'menu.home', icon: 'House', section: 'work', roles: null },
  { name: 'tasks', path: '/tasks', titleKey: 'menu.tasks', icon: 'List', section: 'work', roles: TASK_HANDLERS },
  { name: 'cases', path: '/cases', titleKey: 'menu.cases', icon: 'Folder', section: 'work', roles: CASE_READERS },
  {
    name: 'organisations',
    path: '/admin/organisations',
    titleKey: 'menu.organisations',
    icon: 'OfficeBuilding',
    section: 'admin',
    roles: ORGANISATION_READERS,
  },
  {
    name: 'bodies',
    path: '/admin/bodies',
    titleKey: 'menu.bodies',
    icon: 'Stamp',
    section: 'admin',
    roles: ORGANISATION_READERS,
  },
  { name: 'users', path: '/admin/users', titleKey: 'menu.users', icon: 'User', section: 'admin', roles: USER_READERS },
  {
    name: 'certificates',
    path: '/admin/certificates',
    titleKey: 'menu.certificates',
    icon: 'Postcard',
    section: 'admin',
    roles: null,
  },
  {
    name: 'enforcement-items',
    path: '/admin/enforcement-items',
    titleKey: 'menu.enforcementItems',
    icon: 'Tickets',
    section: 'admin',
    roles: null,
  },
  { name: 'calendar', path: '/admin/calendar', titleKey: 'menu.calendar', icon: 'Calendar', section: 'admin', roles: null },
];

const SECTIONS: readonly Omit<MenuSection, 'items'>[] = [
  { key: 'work', titleKey: 'menu.sectionWork' },
  { key: 'admin', titleKey: 'menu.sectionAdmin' },
];

/** The menu for a user with these roles: sections in a fixed order, empty sections left out. */
export function menuFor(roles: readonly string[]): MenuSection[] {
  return SECTIONS.map((section) => ({
    ...section,
    items: NAV_ITEMS.filter((item) => item.section === section.key && canAccess(roles, item.roles)),
  })).filter((section) => section.items.length > 0);
}

/** The nav entry for a route name, if the route is a menu page. */
export function navItem(name: string): NavItem | undefined {
  return NAV_ITEMS.find((item) => item.name === name);
}
