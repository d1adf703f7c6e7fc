import { http, seg } from './http';
import type { Body, Field, Id, Page, PageQuery } from './types';

export interface BodyQuery extends PageQuery {
  q?: string;
  organisationId?: Id | '';
  field?: Field | '';
}

export interface BodyInput {
  organisationId: Id;
  name: string;
  field: Field;
  creditCode?: string | null;
}

/** The organisation of a body cannot change. */
export type BodyPatch = Partial<Omit<BodyInput, 'organisationId'>>;

export const bodiesApi = {
  list: (query: BodyQuery) => http.get<Page<Body>>('/bodies', { ...query }),
  create: (body: BodyInput) => http.post<Body>('/bodies', body),
  update: (id: Id, body: BodyPatch) => http.patch<Body>(`/bodies/${seg(id)}`, body),
  remove: (id: Id) => http.delete(`/bodies/${seg(id)}`),
};
