import { computed, ref } from 'vue';
import { defineStore } from 'pinia';
import { authApi } from '../api/auth';
import { ApiError } from '../api/problem';
import type { Me, Role } from '../api/types';

/** Who is signed in. Loaded once from `GET /api/auth/me` when the console starts. */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null);
  const loaded = ref(false);
  let loading: Promise<void> | null = null;

  const signedIn = computed(() => me.value !== null);
  const roles = computed<readonly Role[]>(() => me.value?.roles ?? []);
  const isAdministrator = computed(() => roles.value.includes('administrator'));
  const isCityAdministrator = computed(() => isAdministrator.value && me.value?.organisation.level === 'city');

  function hasAnyRole(required: readonly string[]): boolean {
    return required.some((role) => (roles.value as readonly string[]).includes(role));
  }

  async function fetchMe(): Promise<void> {
    try {
      me.value = await authApi.me();
    } catch (error) {
      // 401: not signed in. Anything else (API down): treat as signed out; the login page shows the error.
      if (!(error instanceof ApiError)) throw error;
      me.value = null;
    } finally {
      loaded.value = true;
    }
  }

  /** Loads the session once; later calls reuse the first answer. */
  function ensureLoaded(): Promise<void> {
    if (loaded.value) return Promise.resolve();
    loading ??= fetchMe().finally(() => {
      loading = null;
    });
    return loading;
  }

  async function login(username: string, password: string): Promise<void> {
    const { user } = await authApi.login(username, password);
    me.value = user;
    loaded.value = true;
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout();
    } finally {
      me.value = null;
    }
  }

  /** The server said the session is gone. */
  function expire(): void {
    me.value = null;
  }

  return { me, loaded, signedIn, roles, isAdministrator, isCityAdministrator, hasAnyRole, ensureLoaded, fetchMe, login, logout, expire };
});
