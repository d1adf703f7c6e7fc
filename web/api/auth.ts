import { http } from './http';
import type { Me } from './types';

export const authApi = {
  login: (username: string, password: string) =>
    http.post<{ user: Me }>('/auth/login', { username, password }, { expectUnauthorized: true }),
  logout: () => http.post<void>('/auth/logout'),
  me: () => http.get<Me>('/auth/me', undefined, { expectUnauthorized: true }),
};
