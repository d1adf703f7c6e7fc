import { ref, shallowRef } from 'vue';
import { casesApi } from '../api/cases';
import type { Id, Me } from '../api/types';

export interface OfficerOption {
  id: Id;
  displayName: string;
  certificateValid: boolean;
}

/**
 * The officers of the signed-in user's body who may be named on a new case: GET /cases/officer-options, which officers
 * and agency heads may call, with whether each holds a 执法证 valid today for the field. Should that fail, the list
 * holds only the user (an officer) and `restricted` is set.
 */
export function useOfficerOptions() {
  const options = shallowRef<OfficerOption[]>([]);
  const restricted = ref(false);
  const loading = ref(false);

  async function load(me: Me): Promise<void> {
    loading.value = true;
    restricted.value = false;
    try {
      if (!me.body) {
        options.value = [];
        return;
      }
      const officers = await casesApi.officerOptions({ bodyId: me.body.id });
      options.value = officers.map((o) => ({ id: o.id, displayName: o.displayName, certificateValid: o.certificateValid }));
    } catch {
      restricted.value = true;
      const own = me.roles.includes('officer');
      options.value = own ? [{ id: me.id, displayName: me.displayName, certificateValid: me.certificates.some((c) => c.valid) }] : [];
    } finally {
      loading.value = false;
    }
  }

  return { options, restricted, loading, load };
}
