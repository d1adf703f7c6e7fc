import type { Certificate } from '../repositories/certificates-repository.js';
import type { Field } from '../roles.js';

export type CertificateCheck = { ok: true; certificate: Certificate } | { ok: false; reason: string };

/**
 * Whether an officer may act in a field on a day: 《行政处罚法》 art. 42 requires enforcement by officers holding
 * a valid 执法证; the certificate must cover the field and be valid on that day.
 */
export function checkCertificate(certificates: Certificate[], field: Field, day: string, officerName: string): CertificateCheck {
  const inField = certificates.filter((c) => c.field === field);
  const valid = inField.find((c) => c.validFrom <= day && day <= c.validTo);
  if (valid) return { ok: true, certificate: valid };
  if (inField.length === 0) return { ok: false, reason: `Expected officer '${officerName}' to hold an enforcement certificate for field '${field}', but none is on record` };
  const latest = inField.reduce((a, b) => (a.validTo > b.validTo ? a : b));
  return {
    ok: false,
    reason: `Expected officer '${officerName}' to hold a certificate for field '${field}' valid on ${day}, but certificate ${latest.number} is valid ${latest.validFrom}–${latest.validTo}`,
  };
}
