import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/support/database';
import { DossierStatus, FINISHED_STATUSES } from './dossier.enums';
import { isOverdue, openOverdueSql, overdueAsOfSql, overdueSql, type DeadlineFacts } from './overdue';

const NOW = new Date('2026-12-08T09:00:00+07:00');
const at = (iso: string): Date => new Date(iso);

/** Every status against due times, finishing times and pauses on each side of the due time and of now. */
function cases(): DeadlineFacts[] {
  const due = [null, at('2026-12-01T09:00:00+07:00'), at('2026-12-15T09:00:00+07:00')];
  const moments = [null, at('2026-11-30T09:00:00+07:00'), at('2026-12-05T09:00:00+07:00'), at('2026-12-08T08:00:00+07:00')];
  const all: DeadlineFacts[] = [];
  for (const status of Object.values(DossierStatus)) {
    for (const dueAt of due) {
      for (const finishedAt of moments) {
        for (const pausedAt of moments) all.push({ status, dueAt, finishedAt, pausedAt });
      }
    }
  }
  return all;
}

describe('isOverdue', () => {
  const open = (facts: Partial<DeadlineFacts>): DeadlineFacts => ({ status: DossierStatus.PROCESSING, dueAt: null, finishedAt: null, pausedAt: null, ...facts });

  it('an open dossier is overdue once its due time has passed, never without one', () => {
    expect(isOverdue(open({ dueAt: at('2026-12-08T08:59:00+07:00') }), NOW)).toBe(true);
    expect(isOverdue(open({ dueAt: NOW }), NOW)).toBe(false);
    expect(isOverdue(open({}), NOW)).toBe(false);
  });

  it('a paused dossier is judged by when its clock stopped', () => {
    expect(isOverdue(open({ dueAt: at('2026-12-05T00:00:00+07:00'), pausedAt: at('2026-12-04T00:00:00+07:00') }), NOW)).toBe(false);
    expect(isOverdue(open({ dueAt: at('2026-12-05T00:00:00+07:00'), pausedAt: at('2026-12-06T00:00:00+07:00') }), NOW)).toBe(true);
  });

  it('a finished dossier is overdue when it finished after its due time, whatever now is', () => {
    const finished = (finishedAt: Date) => ({ status: DossierStatus.RESULT_READY, dueAt: at('2026-12-05T00:00:00+07:00'), finishedAt, pausedAt: null });
    expect(isOverdue(finished(at('2026-12-06T00:00:00+07:00')), NOW)).toBe(true);
    expect(isOverdue(finished(at('2026-12-04T00:00:00+07:00')), NOW)).toBe(false);
  });
});

describe('the SQL of the overdue rule says what the code says', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.dispose();
  });

  /** Evaluates a fragment over the dossier row `d` for each case; `params` fill the fragment's `?`. */
  async function evaluate(fragment: string, params: unknown[], rows: DeadlineFacts[]): Promise<boolean[]> {
    const values = rows.map(() => '(?::int, ?::text, ?::timestamptz, ?::timestamptz, ?::timestamptz)').join(', ');
    const result = await db.database.fork().execute<Array<{ i: number; hit: boolean }>>(
      `select d.i, (${fragment}) is true as hit from (values ${values}) as d(i, status, due_at, finished_at, paused_at) order by d.i`,
      [...params, ...rows.flatMap((r, i) => [i, r.status, r.dueAt, r.finishedAt, r.pausedAt])],
    );
    return result.map((r) => r.hit);
  }

  it('overdueSql is isOverdue', async () => {
    const rows = cases();
    expect(await evaluate(overdueSql('d'), [NOW], rows)).toEqual(rows.map((r) => isOverdue(r, NOW)));
  });

  it('openOverdueSql is isOverdue for dossiers received and not finished', async () => {
    const rows = cases();
    const open = (r: DeadlineFacts) => !FINISHED_STATUSES.has(r.status) && r.status !== DossierStatus.SUBMITTED;
    expect(await evaluate(openOverdueSql('d'), [NOW], rows)).toEqual(rows.map((r) => open(r) && isOverdue(r, NOW)));
  });

  it('overdueAsOfSql is isOverdue at that instant for a dossier open then, a later pause not yet counted', async () => {
    const rows = cases().filter((r) => !FINISHED_STATUSES.has(r.status));
    const asOf = at('2026-12-03T09:00:00+07:00');
    const before = (r: DeadlineFacts): DeadlineFacts => ({ ...r, pausedAt: r.pausedAt && r.pausedAt <= asOf ? r.pausedAt : null });
    expect(await evaluate(overdueAsOfSql('d'), [asOf, asOf], rows)).toEqual(rows.map((r) => isOverdue(before(r), asOf)));
  });
});
