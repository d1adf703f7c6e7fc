import { createRouter, createWebHistory, type Router } from 'vue-router';
import type { Pinia } from 'pinia';
import { decideNavigation } from '../navigation/access.js';
import { useSessionStore } from '../stores/session';
import { routes } from './routes';

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in. */
    public?: boolean;
    /** Roles that may open the page; absent or null: every signed-in user. */
    roles?: readonly string[] | null;
    /** i18n key of the page title. */
    titleKey?: string;
  }
}

export function createAppRouter(pinia: Pinia): Router {
  const router = createRouter({ history: createWebHistory(), routes });

  router.beforeEach(async (to) => {
    const session = useSessionStore(pinia);
    await session.ensureLoaded();
    const decision = decideNavigation(
      { fullPath: to.fullPath, name: to.name, public: to.meta.public, roles: to.meta.roles },
      { signedIn: session.signedIn, roles: session.roles },
    );
    switch (decision.kind) {
      case 'allow':
        return true;
      case 'home':
        return { path: '/' };
      case 'login':
        return { name: 'login', query: decision.redirect === '/' ? {} : { redirect: decision.redirect } };
      case 'forbidden':
        return { name: 'forbidden', query: { from: decision.from }, replace: true };
    }
  });

  return router;
}
