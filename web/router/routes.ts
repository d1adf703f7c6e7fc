import type { RouteRecordRaw } from 'vue-router';
import { NAV_ITEMS } from '../navigation/menu.js';

const pages: Record<string, () => Promise<unknown>> = {
  home: () => import('../views/HomeView.vue'),
  organisations: () => import('../views/organisations/OrganisationsView.vue'),
  bodies: () => import('../views/bodies/BodiesView.vue'),
  users: () => import('../views/users/UsersView.vue'),
  certificates: () => import('../views/certificates/CertificatesView.vue'),
  'enforcement-items': () => import('../views/enforcement-items/EnforcementItemsView.vue'),
  calendar: () => import('../views/calendar/CalendarView.vue'),
};

/** One child route per menu page; roles and titles come from navigation/menu.ts. */
const menuRoutes: RouteRecordRaw[] = NAV_ITEMS.map((item) => {
  const component = pages[item.name];
  if (!component) throw new Error(`Expected a view for menu page '${item.name}', but none is registered`);
  return {
    path: item.path.replace(/^\//, ''),
    name: item.name,
    component,
    meta: { roles: item.roles, titleKey: item.titleKey },
  } as RouteRecordRaw;
});

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('../views/LoginView.vue'),
    meta: { public: true, titleKey: 'login.title' },
  },
  {
    path: '/',
    component: () => import('../components/AppLayout.vue'),
    children: [
      ...menuRoutes,
      {
        path: '403',
        name: 'forbidden',
        component: () => import('../views/ForbiddenView.vue'),
        meta: { titleKey: 'forbidden.title' },
      },
      {
        path: ':pathMatch(.*)*',
        name: 'not-found',
        component: () => import('../views/NotFoundView.vue'),
        meta: { titleKey: 'notFound.title' },
      },
    ],
  },
];
