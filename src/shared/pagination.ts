import type { QueryBuilder } from '@mikro-orm/postgresql';
import { ErrorCode, UserError } from '../errors';

/**
 * Keyset pagination, the one implementation every list uses: the page
 * request (`first`, `after`), opaque cursors, the keyset query over a
 * MikroORM query builder and the Relay-shaped connection it answers. Plain
 * data: the GraphQL object types of a connection live in
 * `graphql/pagination.ts`.
 */

/** Relay page information, as data. */
export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  totalCount: number;
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/** Default page size when `first` is not given. */
export const DEFAULT_PAGE_SIZE = 20;

export interface PageRequest<K> {
  /** How many rows to read: one more than the page, to learn whether a next page exists. */
  limit: number;
  first: number;
  /** The sort key of the last row of the previous page, or undefined for the first page. */
  after: K | undefined;
}

/** Cursors the hub hands out are a few dozen characters; anything much longer is not one of them. */
const MAX_CURSOR_LENGTH = 512;

/** PostgreSQL refuses NUL in text: a key carrying one is not a cursor the hub made. */
const hasNul = (value: unknown): boolean => (typeof value === 'string' ? value.includes('\u0000') : Array.isArray(value) && value.some(hasNul));

/** A sort key of one text column (a code). */
export const isStringKey = (value: unknown): value is string => typeof value === 'string';

/** A sort key of two columns, each carried as text (an ISO instant and a code or uuid). */
export type PairKey = [string, string];
export const isPairKey = (value: unknown): value is PairKey => Array.isArray(value) && value.length === 2 && value.every(isStringKey);

/**
 * The page size a caller asked for: `first` (default `fallback`) must be a
 * whole number from 1 to `maxPageSize`, the same rule for every list and
 * connection field, so that a negative or zero `first` is the caller's
 * error and never reaches SQL's LIMIT.
 */
export function pageSize(first: number | null | undefined, maxPageSize: number, fallback = DEFAULT_PAGE_SIZE): number {
  const size = first ?? Math.min(fallback, maxPageSize);
  if (!Number.isInteger(size) || size < 1 || size > maxPageSize) {
    throw new UserError(ErrorCode.INVALID_INPUT, `Số bản ghi mỗi trang (first) phải từ 1 đến ${maxPageSize}.`, 'first');
  }
  return size;
}

/**
 * Validates `first` and decodes `after`. Cursors are base64url JSON of the
 * sort key, opaque to clients; a cursor that does not decode is the
 * caller's error, never a server fault. (A cursor that decodes to a key of
 * the right shape but with values the database cannot read, say a
 * timestamp that is not one, is refused as INVALID_INPUT by format-error.)
 */
export function pageRequest<K>(
  first: number | null | undefined,
  after: string | null | undefined,
  maxPageSize: number,
  isKey: (value: unknown) => value is K,
): PageRequest<K> {
  const size = pageSize(first, maxPageSize);
  let key: K | undefined;
  if (after !== null && after !== undefined) {
    let decoded: unknown;
    try {
      decoded = after.length <= MAX_CURSOR_LENGTH ? JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) : undefined;
    } catch {
      decoded = undefined;
    }
    if (!isKey(decoded) || hasNul(decoded)) {
      throw new UserError(ErrorCode.INVALID_INPUT, 'Con trỏ trang (after) không hợp lệ.', 'after');
    }
    key = decoded;
  }
  return { limit: size + 1, first: size, after: key };
}

export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Builds the connection from `limit` rows read after the cursor (one more than the page). */
export function toConnection<T, K>(rows: readonly T[], request: PageRequest<K>, totalCount: number, keyOf: (row: T) => K): Connection<T> {
  const page = rows.slice(0, request.first);
  const edges = page.map((node) => ({ cursor: encodeCursor(keyOf(node)), node }));
  return {
    totalCount,
    edges,
    pageInfo: {
      hasNextPage: rows.length > request.first,
      hasPreviousPage: request.after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

/** How a list is ordered, and how a row's place in that order is written and sought. */
export interface Keyset<T extends object, K extends string | readonly string[]> {
  /**
   * SQL of "after the cursor" in the list's order, one `?` per part of the
   * key, e.g. `(m.created_at, m.id) < (?::timestamptz, ?::uuid)` newest first.
   */
  seek: string;
  /** The same order for the query builder, ending with a unique column. */
  orderBy: Parameters<QueryBuilder<T>['orderBy']>[0];
  /** The sort key of a row, what its cursor carries. */
  keyOf: (row: T) => K;
}

/**
 * Reads one page of a filtered query: counts every match, then reads
 * `limit` rows after the cursor in the keyset's order.
 */
export async function keysetPage<T extends object, K extends string | readonly string[]>(
  qb: QueryBuilder<T>,
  page: PageRequest<K>,
  keyset: Keyset<T, K>,
): Promise<Connection<T>> {
  const totalCount = await qb.clone().getCount();
  if (page.after !== undefined) qb.andWhere(keyset.seek, typeof page.after === 'string' ? [page.after] : [...page.after]);
  const rows = await qb.orderBy(keyset.orderBy).limit(page.limit).getResultList();
  return toConnection(rows, page, totalCount, keyset.keyOf);
}
