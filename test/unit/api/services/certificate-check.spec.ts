import { expect } from 'chai';
import { checkCertificate } from '../../../../api/services/certificate-check.js';
import type { Certificate } from '../../../../api/repositories/certificates-repository.js';

const certificate = (number: string, field: Certificate['field'], validFrom: string, validTo: string): Certificate => ({
  id: 1, userId: 1, userName: '张执法', organisationPath: '/1/', number, field, issuingAuthority: '三明市人民政府', validFrom, validTo, valid: true,
});

describe('certificate check', () => {
  const held = [certificate('A-1', 'urban_management', '2024-01-01', '2026-12-31'), certificate('A-2', 'agriculture', '2020-01-01', '2022-12-31')];


  it('accepts an officer with a certificate valid in the field on the day, the last day included', () => {
    const result = checkCertificate(held, 'urban_management', '2026-12-31', '张执法');
    expect(result.ok).to.equal(true);
    if (result.ok) expect(result.certificate.number).to.equal('A-1');
  });


  it('refuses an officer without a certificate for the field', () => {
    const result = checkCertificate(held, 'market_regulation', '2026-06-01', '张执法');
    expect(result).to.deep.equal({ ok: false, reason: "Expected officer '张执法' to hold an enforcement certificate for field 'market_regulation', but none is on record" });
  });


  it('refuses an expired certificate, naming its validity', () => {
    const result = checkCertificate(held, 'agriculture', '2026-06-01', '张执法');
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.reason).to.include('certificate A-2 is valid 2020-01-01–2022-12-31');
  });


  it('refuses a certificate that is not yet valid', () => {
    expect(checkCertificate(held, 'urban_management', '2023-12-31', '张执法').ok).to.equal(false);
  });
});
