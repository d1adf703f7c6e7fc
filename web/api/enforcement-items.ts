import { http, seg } from './http';
import type { EnforcementItem, Id, ItemType, Page, PageQuery } from './types';

export interface EnforcementItemQuery extends PageQuery {
  q?: string;
  type?: ItemType | '';
  bodyId?: Id | '';
}

export interface EnforcementItemInput {
  code: string;
  name: string;
  type: ItemType;
  legalBasis: string;
  bodyId: Id;
  delegatedToTownship: boolean;
  /** YYYY-MM-DD */
  validFrom: string;
  /** YYYY-MM-DD, open-ended when absent */
  validTo?: string | null;
}

export const enforcementItemsApi = {
  list: (query: EnforcementItemQuery) => http.get<Page<EnforcementItem>>('/enforcement-items', { ...query }),
  create: (body: EnforcementItemInput) => http.post<EnforcementItem>('/enforcement-items', body),
  update: (id: Id, body: Partial<EnforcementItemInput>) =>
    http.patch<EnforcementItem>(`/enforcement-items/${seg(id)}`, body),
  remove: (id: Id) => http.delete(`/enforcement-items/${seg(id)}`),
};
