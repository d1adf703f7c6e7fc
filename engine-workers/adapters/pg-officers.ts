import type { Knex } from 'knex';
import type { OfficerCertificate, OfficerRecord, Officers } from '../ports/officers.js';

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  roles: string[];
  active: boolean;
  body_id: number | null;
}

interface CertificateRow {
  user_id: number;
  number: string;
  field: string;
  valid_from: string;
  valid_to: string;
}

export function pgOfficers(trx: Knex.Transaction): Officers {
  return {
    async find(refs) {
      const ids = refs.filter((ref) => typeof ref === 'number' || /^[1-9][0-9]{0,9}$/.test(ref)).map(Number).filter((id) => id <= 2_147_483_647);
      const names = refs.filter((ref): ref is string => typeof ref === 'string' && !/^[0-9]+$/.test(ref));
      if (ids.length === 0 && names.length === 0) return [];
      const users = (await trx('app.users')
        .where((q) => {
          if (ids.length > 0) q.orWhereIn('id', ids);
          if (names.length > 0) q.orWhereIn('username', names);
        })
        .select('id', 'username', 'display_name', 'roles', 'active', 'body_id')) as UserRow[];
      if (users.length === 0) return [];
      const certificates = (await trx('app.certificates')
        .whereIn(
          'user_id',
          users.map((u) => u.id),
        )
        .orderBy([{ column: 'user_id' }, { column: 'valid_from' }, { column: 'id' }])
        .select('user_id', 'number', 'field', 'valid_from', 'valid_to')) as CertificateRow[];
      const byUser = new Map<number, OfficerCertificate[]>();
      for (const c of certificates) {
        const list = byUser.get(c.user_id) ?? [];
        list.push({ number: c.number, field: c.field, validFrom: c.valid_from, validTo: c.valid_to });
        byUser.set(c.user_id, list);
      }
      return users.map(
        (u): OfficerRecord => ({ id: u.id, username: u.username, displayName: u.display_name, roles: u.roles, active: u.active, bodyId: u.body_id, certificates: byUser.get(u.id) ?? [] }),
      );
    },
    async bodyField(bodyId) {
      const row = (await trx('app.enforcement_bodies').where({ id: bodyId }).first('field')) as { field: string } | undefined;
      return row?.field;
    },
  };
}
