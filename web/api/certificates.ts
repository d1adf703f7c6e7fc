import { http, seg } from './http';
import type { Certificate, Field, Id, Page, PageQuery } from './types';

export interface CertificateQuery extends PageQuery {
  q?: string;
  userId?: Id | '';
  field?: Field | '';
  status?: 'valid' | 'expired' | '';
}

export interface CertificateInput {
  userId: Id;
  number: string;
  field: Field;
  issuingAuthority: string;
  /** YYYY-MM-DD */
  validFrom: string;
  /** YYYY-MM-DD */
  validTo: string;
}

/** The holder of a certificate cannot change. */
export type CertificatePatch = Partial<Omit<CertificateInput, 'userId'>>;

export const certificatesApi = {
  list: (query: CertificateQuery) => http.get<Page<Certificate>>('/certificates', { ...query }),
  create: (body: CertificateInput) => http.post<Certificate>('/certificates', body),
  update: (id: Id, body: CertificatePatch) => http.patch<Certificate>(`/certificates/${seg(id)}`, body),
  remove: (id: Id) => http.delete(`/certificates/${seg(id)}`),
};
