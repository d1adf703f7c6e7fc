import { http, seg } from './http';
import type { Id, Page, PageQuery, Role, User } from './types';

export interface UserQuery extends PageQuery {
  q?: string;
  organisationId?: Id | '';
  bodyId?: Id | '';
  role?: Role | '';
}

export interface UserCreate {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  organisationId: Id;
  bodyId?: Id | null;
  active?: boolean;
}

export type UserPatch = Partial<Pick<UserCreate, 'displayName' | 'roles' | 'bodyId' | 'active' | 'password'>>;

export const usersApi = {
  list: (query: UserQuery) => http.get<Page<User>>('/users', { ...query }),
  create: (body: UserCreate) => http.post<User>('/users', body),
  update: (id: Id, body: UserPatch) => http.patch<User>(`/users/${seg(id)}`, body),
};
