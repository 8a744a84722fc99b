import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, bench, describe } from 'vitest';
import { Channel, TimeUnit } from '../../src/catalog/catalog.enums';
import { loadCatalog } from '../../src/catalog/catalog.loader';
import { CatalogService } from '../../src/catalog/catalog.service';
import { testCatalog, testProcedure, TEST_AGENCIES } from '../support/catalog-fixture';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * Procedure search over the whole national catalogue (5,666 procedures with
 * well-formed codes, crawled 2026-07-18), a realistic load for the
 * full-text index: `npm run bench`.
 */
interface Row {
  code: string;
  name: string;
  field: string;
}

async function setup(): Promise<TestDatabase> {
    const db = await createTestDatabase();
    const rows = gunzipSync(readFileSync(path.join(__dirname, 'fixtures/national-catalogue.jsonl.gz')))
      .toString('utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Row)
      .filter((row) => /^\d\.\d{6}$/.test(row.code));
    const catalog = testCatalog();
    catalog.procedures = rows.map((row) =>
      testProcedure({
        code: row.code,
        name: row.name,
        field: { code: null, name: row.field || 'Khác' },
        agencyCode: TEST_AGENCIES.justice,
        channels: [{ channel: Channel.COUNTER, processingTime: { amount: 5, unit: TimeUnit.WORKING_DAYS }, fees: [], feeText: null }],
      }),
    );
    await loadCatalog(db.database.fork(), catalog);
    return db;
}

// Benchmarks do not wait for beforeAll hooks: each task's setup awaits the one shared database.
let ready: Promise<TestDatabase> | undefined;
let db: TestDatabase | undefined;
const options = {
  setup: async () => {
    db = await (ready ??= setup());
  },
};

describe('procedure search over the national catalogue', () => {
  afterAll(async () => {
    await db?.dispose();
  });

  const search = (text: string) => async () => {
    if (!db) throw new Error('setup did not run');
    await new CatalogService(db.database.fork(), 100).procedures({ search: text, first: 20 });
  };

  bench('"ly lich tu phap" (few matches)', search('ly lich tu phap'), options);
  bench('"dang ky" (hundreds of matches, totalCount + first page)', search('dang ky'), options);
  bench('"giay phep xay dun" (prefix on the last word)', search('giay phep xay dun'), options);
  bench('code prefix "1.00"', search('1.00'), options);
});
