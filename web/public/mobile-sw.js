/* global self, caches */
/**
 * Service worker of the mobile console (registered with scope /m/, so the desktop console is never controlled by it).
 * It keeps the app shell usable offline after a first load:
 * - pages under /m/: network first, else the cached index.html (history-mode routes all load it);
 * - /assets/*: Vite's content-hashed files, immutable: cache first, cached as they are fetched, and the page sends the
 *   ones it loaded before this worker took control (message `cache-urls`);
 * - GET /api/auth/me, /api/tasks…, /api/forms/…: network first, else the last answer, so the officer stays signed in
 *   and sees the task list and the open record while offline. Writes (POST) are never touched: the page's own queue
 *   (IndexedDB) holds them until the network is back. Signing in or out forgets the cached API answers.
 */
const VERSION = 'mobile-shell-v1';
const SHELL = '/m/__shell';
const CACHED_API = [/^\/api\/auth\/me$/, /^\/api\/tasks(\/[^/]+)?$/, /^\/api\/forms\/[^/]+$/];

async function cacheShell() {
  const cache = await caches.open(VERSION);
  const response = await fetch('/m/tasks', { cache: 'reload', credentials: 'same-origin' });
  if (!response.ok) return;
  const html = await response.clone().text();
  await cache.put(SHELL, response);
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
  await Promise.all(assets.map((url) => cache.add(url).catch(() => undefined)));
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== VERSION).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'cache-urls' || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((url) => typeof url === 'string' && new URL(url, self.location.origin).pathname.startsWith('/assets/'));
  event.waitUntil(
    caches.open(VERSION).then((cache) =>
      Promise.all(urls.map(async (url) => ((await cache.match(url)) ? undefined : cache.add(url).catch(() => undefined)))),
    ),
  );
});

async function networkFirst(request, cacheKey) {
  const cache = await caches.open(VERSION);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(cacheKey, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(cacheKey);
    if (cached) return cached;
    throw error;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(VERSION);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

/** Cached API answers belong to the signed-in officer: signing out (or in as someone else) forgets them. */
async function forgetApiAnswers() {
  const cache = await caches.open(VERSION);
  const keys = await cache.keys();
  await Promise.all(keys.filter((key) => new URL(key.url).pathname.startsWith('/api/')).map((key) => cache.delete(key)));
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== 'GET') {
    // the request itself goes to the network untouched
    if (url.pathname === '/api/auth/logout' || url.pathname === '/api/auth/login') event.waitUntil(forgetApiAnswers());
    return;
  }
  if (request.mode === 'navigate') {
    if (url.pathname === '/m' || url.pathname.startsWith('/m/')) event.respondWith(networkFirst(request, SHELL));
    return;
  }
  if (url.pathname.startsWith('/assets/')) {
    event.respondWith(cacheFirst(request));
    return;
  }
  if (CACHED_API.some((pattern) => pattern.test(url.pathname))) event.respondWith(networkFirst(request, request));
});
