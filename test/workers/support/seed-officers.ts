import type { Db } from '../../../db/connect.js';

export interface SeededOfficer {
  id: number;
  username: string;
}

export interface OfficerSeed {
  username: string;
  displayName: string;
  bodyId: number;
  roles?: string[];
  active?: boolean;
  certificates?: Array<{ number: string; field: string; validFrom: string; validTo: string }>;
}

/** Inserts users with their 执法证 into the organisation of their body. */
export async function seedOfficers(db: Db, officers: OfficerSeed[]): Promise<Record<string, number>> {
  const ids: Record<string, number> = {};
  for (const o of officers) {
    const body = (await db('app.enforcement_bodies').where({ id: o.bodyId }).first('organisation_id')) as { organisation_id: number };
    const [row] = await db('app.users')
      .insert({ username: o.username, display_name: o.displayName, password_hash: 'not-a-login', roles: o.roles ?? ['officer'], organisation_id: body.organisation_id, body_id: o.bodyId, active: o.active ?? true })
      .returning('id');
    ids[o.username] = row.id as number;
    for (const c of o.certificates ?? []) {
      await db('app.certificates').insert({ user_id: row.id, number: c.number, field: c.field, issuing_authority: '三明市人民政府', valid_from: c.validFrom, valid_to: c.validTo });
    }
  }
  return ids;
}

/** A 乡镇综合执法 body (街道办事处) under the county of `countyBodyId`. */
export async function seedTownshipBody(db: Db, countyBodyId: number): Promise<number> {
  const county = (await db('app.enforcement_bodies').where({ id: countyBodyId }).first('organisation_id')) as { organisation_id: number };
  const parent = (await db('app.organisations').where({ id: county.organisation_id }).first('path')) as { path: string };
  const [street] = await db('app.organisations').insert({ name: '列东街道', level: 'township', code: '350404001', parent_id: county.organisation_id }).returning('id');
  await db('app.organisations').where({ id: street.id }).update({ path: `${parent.path}${street.id}/` });
  const [body] = await db('app.enforcement_bodies').insert({ organisation_id: street.id, name: '三明市三元区列东街道办事处', field: 'township_comprehensive' }).returning('id');
  return body.id as number;
}
