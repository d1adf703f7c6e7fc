import type { Logger } from 'pino';
import type { Db } from '../../db/connect.js';
import { hashPassword } from '../services/password.js';
import { DEMO_BODIES, DEMO_ITEMS, DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS } from './demo-data.js';

/** Loads the 三明市 demo into an empty database in one transaction; does nothing when organisations exist. */
export async function seedDemo(db: Db, log: Logger): Promise<boolean> {
  const existing = await db('app.organisations').count<{ count: number }[]>({ count: '*' });
  if (Number(existing[0]?.count ?? 0) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (trx) => {
    await trx.raw('lock table app.organisations in exclusive mode');
    const again = await trx('app.organisations').count<{ count: number }[]>({ count: '*' });
    if (Number(again[0]?.count ?? 0) > 0) return;
    const orgIds = new Map<string, { id: number; path: string }>();
    for (const org of DEMO_ORGANISATIONS) {
      const parent = org.parent ? orgIds.get(org.parent)! : null;
      const [row] = await trx('app.organisations').insert({ parent_id: parent?.id ?? null, name: org.name, level: org.level, code: org.code }).returning('id');
      const path = `${parent?.path ?? '/'}${row.id}/`;
      await trx('app.organisations').where({ id: row.id }).update({ path });
      orgIds.set(org.key, { id: row.id, path });
    }
    const bodyIds = new Map<string, number>();
    for (const body of DEMO_BODIES) {
      const [row] = await trx('app.enforcement_bodies').insert({ organisation_id: orgIds.get(body.organisation)!.id, name: body.name, field: body.field }).returning('id');
      bodyIds.set(body.key, row.id);
    }
    for (const user of DEMO_USERS) {
      const [row] = await trx('app.users')
        .insert({
          username: user.username,
          display_name: user.displayName,
          password_hash: passwordHash,
          roles: user.roles,
          organisation_id: orgIds.get(user.organisation)!.id,
          body_id: user.body ? bodyIds.get(user.body)! : null,
        })
        .returning('id');
      if (user.certificate) {
        const field = DEMO_BODIES.find((b) => b.key === user.body)!.field;
        await trx('app.certificates').insert({
          user_id: row.id,
          number: user.certificate.number,
          field,
          issuing_authority: '三明市人民政府',
          valid_from: user.certificate.validFrom,
          valid_to: user.certificate.validTo,
        });
      }
    }
    for (const item of DEMO_ITEMS) {
      await trx('app.enforcement_items').insert({
        code: item.code,
        name: item.name,
        type: item.type,
        legal_basis: item.legalBasis,
        body_id: bodyIds.get(item.body)!,
        delegated_to_township: item.delegatedToTownship,
        valid_from: '2024-01-01',
      });
    }
  });
  log.info({ organisations: DEMO_ORGANISATIONS.length, users: DEMO_USERS.length }, 'demo data seeded');
  return true;
}
