import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/support/database';
import { BUNDLED_CATALOG_DIR, filesInDirectory, readCatalogFiles } from './catalog-data';
import { loadCatalog } from './catalog.loader';
import { PROCEDURE_TEXT_MATCH, procedureTsQuery } from './catalog.service';

describe('procedure search in the database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await loadCatalog(db.database.fork(), await readCatalogFiles(filesInDirectory(BUNDLED_CATALOG_DIR)));
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('folds the query: every word, the last one as a prefix', () => {
    expect(procedureTsQuery('Lý lịch TƯ PHÁP')).toBe('ly & lich & tu & phap:*');
    expect(procedureTsQuery("' & | ! :* <->")).toBeUndefined();
    expect(procedureTsQuery('Đăng ký')).toBe('dang & ky:*');
  });

  it('is answered through the full-text index, not by reading every row', async () => {
    const em = db.database.fork();
    // On a table this small the planner prefers a scan; forbid it to see that the index can answer.
    const plan = await em.transactional(async (tx) => {
      await tx.execute('set local enable_seqscan = off');
      const rows = await tx.execute<Array<{ 'QUERY PLAN': string }>>(
        `explain select p.code from procedure p where ${PROCEDURE_TEXT_MATCH.replaceAll('?', "'ly & lich & tu & phap:*'")}`,
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('procedure_search_idx');
  });
});
