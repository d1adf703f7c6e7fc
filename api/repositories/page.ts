import type { Knex } from 'knex';

export interface Page<T> {
  items: T[];
  /** The number of matching rows; with a capped count at most the cap (then `totalCapped` is true). */
  total: number;
  page: number;
  pageSize: number;
  /** Present on lists with a capped count: true when more rows than `total` match. */
  totalCapped?: boolean;
}

export interface PageRequest {
  page: number;
  pageSize: number;
}

/** The cap of the big lists' counts (cases, task lists): beyond it the console shows "10,000+" and still pages. */
export const COUNT_CAP = 10_000;

export interface PageOptions {
  /**
   * Count at most this many rows (`count(*)` over the filter limited to cap + 1): the count of a list of a million
   * rows costs as much as reading them, the page only its first rows. Without it the count is exact.
   */
  countCap?: number;
}

/** Runs a filtered query as one page plus the count of matching rows (exact, or capped with `countCap`). */
export async function fetchPage<Row, T>(query: Knex.QueryBuilder, request: PageRequest, map: (row: Row) => T, options: PageOptions = {}): Promise<Page<T>> {
  const cap = options.countCap;
  const matching = query.clone().clearSelect().clearOrder();
  const countQuery =
    cap === undefined
      ? matching.count<{ count: number }[]>({ count: '*' })
      : query.client
          .queryBuilder()
          .count<{ count: number }[]>({ count: '*' })
          .from(matching.select(query.client.raw('1')).limit(cap + 1).as('matching'));
  const [rows, counted] = await Promise.all([query.clone().limit(request.pageSize).offset((request.page - 1) * request.pageSize), countQuery]);
  const count = Number(counted[0]?.count ?? 0);
  const page = { items: (rows as Row[]).map(map), page: request.page, pageSize: request.pageSize };
  if (cap === undefined) return { ...page, total: count };
  return { ...page, total: Math.min(count, cap), totalCapped: count > cap };
}

/** Escapes LIKE wildcards in user text. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The pattern of `ilike '%…%'` searches for user text. */
export function likePattern(text: string): string {
  return `%${escapeLike(text)}%`;
}
