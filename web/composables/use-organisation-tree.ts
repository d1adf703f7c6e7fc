import { ref, shallowRef } from 'vue';
import { organisationsApi } from '../api/organisations';
import type { OrganisationNode } from '../api/types';
import { useErrorMessage } from './use-error-message';

/** The caller's organisation tree (`GET /api/organisations/tree`, already scoped by the API). */
export function useOrganisationTree() {
  const { showError } = useErrorMessage();
  const tree = shallowRef<OrganisationNode[]>([]);
  const loading = ref(false);

  async function loadTree(): Promise<void> {
    loading.value = true;
    try {
      tree.value = await organisationsApi.tree();
    } catch (error) {
      showError(error);
    } finally {
      loading.value = false;
    }
  }

  return { tree, loading, loadTree };
}
