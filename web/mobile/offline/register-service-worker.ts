/**
 * Registers the mobile console's service worker (web/public/mobile-sw.js) for the /m/ scope only, so the desktop
 * console is never served by it. Then loads the other mobile views and tells the worker every asset this page has
 * loaded, so the whole mobile shell is cached before the officer goes offline (the first page load happened before
 * the worker controlled it).
 */
import { toQueryString } from '../../api/http';

const SCRIPT = '/mobile-sw.js';

/** The 待办 query of the task list view; fetched once through the worker too, so the list is there offline. */
export const TODO_QUERY = { list: 'todo', sort: 'dueAt', pageSize: 50 } as const;
const SCOPE = '/m/';

export async function registerMobileServiceWorker(preload: () => Promise<unknown>): Promise<boolean> {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return false;
  try {
    await navigator.serviceWorker.register(SCRIPT, { scope: SCOPE });
    const registration = await navigator.serviceWorker.ready;
    await preload().catch(() => undefined);
    const urls = performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((url) => new URL(url).origin === location.origin && new URL(url).pathname.startsWith('/assets/'));
    registration.active?.postMessage({ type: 'cache-urls', urls });
    // the session answer, fetched once through the worker so that an offline start stays signed in
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) => {
        navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true });
        setTimeout(resolve, 5000);
      });
    }
    for (const url of ['/api/auth/me', `/api/tasks${toQueryString(TODO_QUERY)}`]) {
      await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).catch(() => undefined);
    }
    return true;
  } catch {
    // no service worker (private mode, old browser): the app still works online, and queued records are in IndexedDB
    return false;
  }
}
