import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors';
import { encodeCursor, isPairKey, isStringKey, pageRequest, pageSize, toConnection } from './pagination';

const invalid = (field: string) => expect.objectContaining({ code: ErrorCode.INVALID_INPUT, field }) as Error;

describe('keyset pagination', () => {
  it('reads one more row than the page, from the cursor', () => {
    const request = pageRequest(2, encodeCursor(['2026-12-01T02:00:00.000Z', 'A']), 50, isPairKey);
    expect(request).toEqual({ limit: 3, first: 2, after: ['2026-12-01T02:00:00.000Z', 'A'] });
    expect(pageRequest(undefined, null, 50, isStringKey)).toEqual({ limit: 21, first: 20, after: undefined });
    expect(pageRequest(undefined, null, 5, isStringKey).first).toBe(5);
  });

  it.each([0, -1, 1.5, 51])('refuses first = %s as the caller’s mistake', (first) => {
    expect(() => pageSize(first, 50)).toThrow(invalid('first'));
  });

  it.each([
    ['not base64 JSON', 'nope!'],
    ['a key of the wrong shape', encodeCursor(['a'])],
    ['a key with NUL', encodeCursor(['a\u0000', 'b'])],
    ['a cursor far too long', 'A'.repeat(513)],
  ])('refuses %s as the caller’s mistake', (_what, after) => {
    expect(() => pageRequest(10, after, 50, isPairKey)).toThrow(invalid('after'));
  });

  it('builds the connection: a next page when a row is left over, cursors that read back', () => {
    const request = pageRequest(2, undefined, 50, isStringKey);
    const connection = toConnection(['a', 'b', 'c'], request, 7, (row) => row);
    expect(connection.totalCount).toBe(7);
    expect(connection.edges.map((e) => e.node)).toEqual(['a', 'b']);
    expect(connection.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(pageRequest(2, connection.pageInfo.endCursor, 50, isStringKey).after).toBe('b');
    const last = toConnection(['c'], pageRequest(2, connection.pageInfo.endCursor, 50, isStringKey), 7, (row) => row);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });
});
