import { ref, shallowRef } from 'vue';
import { certificatesApi } from '../api/certificates';
import { usersApi } from '../api/users';
import type { Id, Me } from '../api/types';

export interface OfficerOption {
  id: Id;
  displayName: string;
  certificateValid: boolean;
}

/**
 * The officers of the signed-in user's body who may be named on a new case: GET /users (role officer) with their valid
 * certificates. Officers themselves may not list users (the API refuses it), so for them the list holds only
 * themselves and `restricted` is set.
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
      const [users, certificates] = await Promise.all([
        usersApi.list({ bodyId: me.body.id, role: 'officer', pageSize: 100 }),
        certificatesApi.list({ status: 'valid', pageSize: 100 }),
      ]);
      const valid = new Set(certificates.items.filter((c) => c.valid).map((c) => String(c.userId)));
      options.value = users.items.filter((u) => u.active).map((u) => ({ id: u.id, displayName: u.displayName, certificateValid: valid.has(String(u.id)) }));
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
