import { http, seg } from './http';
import type { Id, Level, Organisation, OrganisationNode, Page, PageQuery } from './types';

export interface OrganisationQuery extends PageQuery {
  q?: string;
  level?: Level | '';
  parentId?: Id | '';
}

export interface OrganisationCreate {
  parentId: Id;
  name: string;
  level: Level;
  code?: string;
}

export interface OrganisationPatch {
  name?: string;
  /** null clears the code */
  code?: string | null;
}

export const organisationsApi = {
  list: (query: OrganisationQuery) => http.get<Page<Organisation>>('/organisations', { ...query }),
  tree: () => http.get<OrganisationNode[]>('/organisations/tree'),
  create: (body: OrganisationCreate) => http.post<Organisation>('/organisations', body),
  update: (id: Id, body: OrganisationPatch) => http.patch<Organisation>(`/organisations/${seg(id)}`, body),
  remove: (id: Id) => http.delete(`/organisations/${seg(id)}`),
};
