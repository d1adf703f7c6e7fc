import type { RouteRecordRaw } from 'vue-router';
import { NAV_ITEMS, navItem } from '../navigation/menu.js';
import { mobileRoutes } from '../mobile/routes.js';

const pages: Record<string, () => Promise<unknown>> = {
  home: () => import('../views/HomeView.vue'),
  organisations: () => import('../views/organisations/OrganisationsView.vue'),
  bodies: () => import('../views/bodies/BodiesView.vue'),
  users: () => import('../views/users/UsersView.vue'),
  certificates: () => import('../views/certificates/CertificatesView.vue'),
  'enforcement-items': () => import('../views/enforcement-items/EnforcementItemsView.vue'),
  calendar: () => import('../views/calendar/CalendarView.vue'),
  tasks: () => import('../views/tasks/TasksView.vue'),
  cases: () => import('../views/cases/CasesView.vue'),
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
  // the phone console (/m/…), outside the desktop layout
  ...mobileRoutes,
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
        path: 'tasks/:id',
        name: 'task',
        component: () => import('../views/tasks/TaskView.vue'),
        meta: { roles: navItem('tasks')?.roles, titleKey: 'tasks.title' },
      },
      {
        path: 'cases/new',
        name: 'case-create',
        component: () => import('../views/cases/CaseCreateView.vue'),
        meta: { roles: ['officer', 'agency_head'], titleKey: 'cases.createTitle' },
      },
      {
        path: 'cases/:id',
        name: 'case',
        component: () => import('../views/cases/CaseView.vue'),
        meta: { roles: navItem('cases')?.roles, titleKey: 'cases.title' },
      },
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
