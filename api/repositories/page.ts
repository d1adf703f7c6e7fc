import type { Knex } from 'knex';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PageRequest {
  page: number;
  pageSize: number;
}

/** Runs a filtered query as one page plus the total count of matching rows. */
export async function fetchPage<Row, T>(query: Knex.QueryBuilder, request: PageRequest, map: (row: Row) => T): Promise<Page<T>> {
  const countQuery = query.clone().clearSelect().clearOrder().count<{ count: number }[]>({ count: '*' });
  const [rows, counted] = await Promise.all([
    query.clone().limit(request.pageSize).offset((request.page - 1) * request.pageSize),
    countQuery,
  ]);
  return { items: (rows as Row[]).map(map), total: Number(counted[0]?.count ?? 0), page: request.page, pageSize: request.pageSize };
}

/** Escapes LIKE wildcards in user text, for `ilike '%…%'` searches. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
