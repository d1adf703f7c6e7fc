import { ref, shallowRef } from 'vue';
import { bodiesApi } from '../api/bodies';
import type { Body, Id } from '../api/types';
import { useErrorMessage } from './use-error-message';

const MAX_PAGE_SIZE = 100;

/** Enforcement bodies for a select, optionally only those of one organisation. */
export function useBodyOptions() {
  const { showError } = useErrorMessage();
  const bodies = shallowRef<Body[]>([]);
  const loading = ref(false);
  let latest = 0;

  async function loadBodies(organisationId?: Id | null): Promise<void> {
    const ticket = ++latest;
    loading.value = true;
    try {
      const page = await bodiesApi.list({ organisationId: organisationId ?? '', pageSize: MAX_PAGE_SIZE });
      if (ticket === latest) bodies.value = page.items;
    } catch (error) {
      if (ticket === latest) bodies.value = [];
      showError(error);
    } finally {
      if (ticket === latest) loading.value = false;
    }
  }

  function clearBodies(): void {
    latest++;
    bodies.value = [];
    loading.value = false;
  }

  return { bodies, loading, loadBodies, clearBodies };
}
