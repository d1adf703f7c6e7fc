import type { RouteRecordRaw } from 'vue-router';

/** Roles that have a 待办 list. */
export const MOBILE_ROLES = ['officer', 'legal_reviewer', 'agency_head'] as const;

export const mobileViews = {
  tasks: () => import('./views/MobileTasksView.vue'),
  task: () => import('./views/MobileTaskView.vue'),
  sync: () => import('./views/MobileSyncView.vue'),
};

/** The phone console under /m/, outside the desktop layout. */
export const mobileRoutes: RouteRecordRaw[] = [
  {
    path: '/m',
    component: () => import('./MobileLayout.vue'),
    meta: { roles: MOBILE_ROLES },
    children: [
      { path: '', redirect: { name: 'm-tasks' } },
      { path: 'tasks', name: 'm-tasks', component: mobileViews.tasks, meta: { roles: MOBILE_ROLES, titleKey: 'mobile.tasks' } },
      { path: 'tasks/:id', name: 'm-task', component: mobileViews.task, meta: { roles: MOBILE_ROLES, titleKey: 'mobile.task' } },
      { path: 'sync', name: 'm-sync', component: mobileViews.sync, meta: { roles: MOBILE_ROLES, titleKey: 'mobile.sync' } },
    ],
  },
];
