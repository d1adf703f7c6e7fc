import type { RouteRegistry } from '../route-registry.js';
import type { Services } from '../services/container.js';
import { accessScope, ensureAdministered } from '../services/access-scope.js';
import { appendAudit } from '../services/audit-log.js';
import { chinaToday } from '../clock.js';
import { ValidationError } from '../errors.js';
import { calendarDate, field, id, idParams, listQuery, name, pageOf } from '../schemas/common.js';
import type { AuthUser, Field, Role } from '../roles.js';
import type { Certificate, CertificateInput } from '../repositories/certificates-repository.js';

const certificate = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, userId: { type: 'integer' }, userName: { type: 'string' }, number: { type: 'string' }, field: { type: 'string' },
    issuingAuthority: { type: 'string' }, validFrom: { type: 'string' }, validTo: { type: 'string' }, valid: { type: 'boolean' },
  },
};
const number = { type: 'string', minLength: 4, maxLength: 40, pattern: '^[0-9A-Za-z-]+$' };

/** Roles that may see the certificates of others in their scope; everyone else sees their own only. */
const OVERSEEING_ROLES: readonly Role[] = ['administrator', 'supervisor', 'agency_head', 'legal_reviewer'];

const publicView = ({ organisationPath: _path, ...rest }: Certificate) => rest;

function checkValidity(from: string, to: string): void {
  if (to < from) {
    throw new ValidationError(`Expected the validity to end on or after ${from}, but it ends on ${to}`, [
      { path: '/body/validTo', message: 'must not be before validFrom', keyword: 'validity' },
    ]);
  }
}

export function registerCertificateRoutes(registry: RouteRegistry, services: Services): void {
  const today = () => chinaToday(services.clock);
  const administeredCertificate = async (user: AuthUser, certificateId: number) => {
    const found = await services.certificates.find(certificateId, today());
    ensureAdministered(user, found?.organisationPath, 'certificate', certificateId);
    return found!;
  };

  registry.add<{ q?: string; userId?: number; field?: Field; status?: 'valid' | 'expired'; page: number; pageSize: number }>({
    method: 'get',
    path: '/certificates',
    summary: 'Enforcement certificates (执法证): officers see their own, overseeing roles their scope',
    tag: 'certificates',
    access: 'signed-in',
    query: listQuery({ userId: id, field, status: { type: 'string', enum: ['valid', 'expired'] } }),
    response: { status: 200, schema: pageOf(certificate) },
    async handler({ query, user }) {
      const overseeing = user.roles.some((role) => OVERSEEING_ROLES.includes(role));
      const page = await services.certificates.list({ scope: accessScope(user), ownerOnly: overseeing ? null : user.id }, query, query, today());
      return { ...page, items: page.items.map(publicView) };
    },
  });

  registry.add<unknown, CertificateInput>({
    method: 'post',
    path: '/certificates',
    summary: 'Record an officer’s enforcement certificate',
    tag: 'certificates',
    access: ['administrator'],
    body: {
      type: 'object',
      properties: { userId: id, number, field, issuingAuthority: name, validFrom: calendarDate, validTo: calendarDate },
      required: ['userId', 'number', 'field', 'issuingAuthority', 'validFrom', 'validTo'],
      additionalProperties: false,
    },
    response: { status: 201, schema: certificate },
    async handler({ body, user }) {
      const holder = await services.users.find(body.userId);
      ensureAdministered(user, holder?.organisationPath, 'user', body.userId);
      checkValidity(body.validFrom, body.validTo);
      const created = await services.certificates.create(body, today());
      await appendAudit(services.db, { userId: user.id, action: 'create', entity: 'certificate', entityId: created.id, detail: { number: created.number, holder: body.userId } });
      return publicView(created);
    },
  });

  registry.add<unknown, Partial<Omit<CertificateInput, 'userId'>>, { id: number }>({
    method: 'patch',
    path: '/certificates/:id',
    summary: 'Change a certificate (renewal, correction)',
    tag: 'certificates',
    access: ['administrator'],
    params: idParams,
    body: { type: 'object', properties: { number, field, issuingAuthority: name, validFrom: calendarDate, validTo: calendarDate }, additionalProperties: false, minProperties: 1 },
    response: { status: 200, schema: certificate },
    async handler({ params, body, user }) {
      const current = await administeredCertificate(user, params.id);
      checkValidity(body.validFrom ?? current.validFrom, body.validTo ?? current.validTo);
      const updated = await services.certificates.update(params.id, body, today());
      await appendAudit(services.db, { userId: user.id, action: 'update', entity: 'certificate', entityId: params.id, detail: body });
      return publicView(updated);
    },
  });

  registry.add<unknown, undefined, { id: number }>({
    method: 'delete',
    path: '/certificates/:id',
    summary: 'Delete a certificate recorded in error',
    tag: 'certificates',
    access: ['administrator'],
    params: idParams,
    response: { status: 204 },
    async handler({ params, user }) {
      const current = await administeredCertificate(user, params.id);
      await services.certificates.delete(params.id);
      await appendAudit(services.db, { userId: user.id, action: 'delete', entity: 'certificate', entityId: params.id, detail: { number: current.number } });
      return undefined;
    },
  });
}
