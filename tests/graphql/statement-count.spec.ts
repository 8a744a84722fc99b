import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimeUnit } from '../../src/catalog/catalog.enums';
import { loadCatalog } from '../../src/catalog/catalog.loader';
import { testCatalog, testProcedure, TEST_AGENCIES } from '../support/catalog-fixture';
import { startTestHub, type TestHub } from '../support/hub';
import { contractOperation } from '../support/operations';

/**
 * No N+1: the number of SQL statements a page costs does not grow with the
 * page. Every procedure here has the same shape (an agency, fees,
 * components, two steps at two agencies), so pages of 5 and 50 must cost
 * exactly the same.
 */
describe('statements per page', () => {
  const statements: string[] = [];
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub({ env: { SEED_CATALOG: 'false' }, queryListeners: [(sql) => statements.push(sql)] });
    const catalog = testCatalog();
    catalog.procedures = Array.from({ length: 60 }, (_, i) =>
      testProcedure({
        code: `1.${String(900000 + i)}`,
        name: `Thủ tục thử số ${i}`,
        agencyCode: TEST_AGENCIES.land,
        steps: [
          { order: 1, agencyCode: TEST_AGENCIES.land, name: 'Kiểm tra', processingTime: { amount: 3, unit: TimeUnit.WORKING_DAYS } },
          { order: 2, agencyCode: TEST_AGENCIES.tax, name: 'Xác định nghĩa vụ tài chính', processingTime: { amount: 2, unit: TimeUnit.WORKING_DAYS } },
        ],
      }),
    );
    await loadCatalog(t.hub.database.fork(), catalog);
  });
  afterAll(async () => {
    await t.stop();
  });

  async function count(variables: Record<string, unknown>): Promise<number> {
    statements.length = 0;
    const res = await t.gql<{ procedures: { edges: unknown[] } }>(contractOperation('ProcedureCatalog'), variables);
    expect(res.errors).toBeUndefined();
    expect(res.data?.procedures.edges).toHaveLength(Number(variables.first));
    return statements.length;
  }

  it('ProcedureCatalog with agency, fees, components and steps costs the same for 5 and 50 procedures', async () => {
    const five = await count({ first: 5, search: 'thu tuc thu' });
    const fifty = await count({ first: 50, search: 'thu tuc thu' });
    expect(fifty).toBe(five);
    // count, page, agencies, channels, fees, components, steps, step agencies
    expect(five).toBeLessThanOrEqual(8);
  });

  it('an unfiltered page costs the same too', async () => {
    expect(await count({ first: 50, after: null, agencyCode: TEST_AGENCIES.land })).toBe(await count({ first: 5, agencyCode: TEST_AGENCIES.land }));
  });
});
