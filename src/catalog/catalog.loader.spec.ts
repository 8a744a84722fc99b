import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/support/database';
import { testCatalog, testProcedure, TEST_AGENCIES } from '../../tests/support/catalog-fixture';
import { CatalogDataError, holidaysFile } from './catalog-data';
import { loadCatalog } from './catalog.loader';
import { Procedure } from './procedure.entity';
import { ProcedureStep } from './procedure-parts.entity';
import { ProcedureVersion } from './procedure-version.entity';

describe('catalogue loader', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.dispose();
  });

  it('loads agencies, procedures with their parts, and holidays', async () => {
    const result = await loadCatalog(db.database.fork(), testCatalog());
    expect(result).toEqual({ agencies: 4, procedures: 3, holidays: 1 });
    const em = db.database.fork();
    const land = await em.findOneOrFail(Procedure, { code: '1.012783' }, { populate: ['agency'] });
    expect(land.agency.getEntity().code).toBe(TEST_AGENCIES.land);
    expect(land.searchText).toContain('cap doi giay chung nhan quyen su dung dat');
    const steps = await em.find(ProcedureStep, { procedure: land }, { orderBy: { order: 'asc' }, populate: ['agency'] });
    expect(steps.map((s) => s.agency.getEntity().code)).toEqual([TEST_AGENCIES.land, TEST_AGENCIES.tax]);
  });

  it('loading again updates in place and replaces the parts', async () => {
    const catalog = testCatalog();
    catalog.procedures = [testProcedure({ code: '3.000333', name: 'Cấp Phiếu lý lịch tư pháp (sửa)', components: [{ code: 'TK', name: 'Tờ khai', required: true }] })];
    await loadCatalog(db.database.fork(), catalog);
    const em = db.database.fork();
    expect(await em.count(Procedure)).toBe(3);
    const updated = await em.findOneOrFail(Procedure, { code: '3.000333' });
    expect(updated.name).toBe('Cấp Phiếu lý lịch tư pháp (sửa)');
  });

  it('a change of name, times or fees writes a new version; the same data again writes none', async () => {
    const catalog = testCatalog();
    catalog.procedures = [testProcedure({ code: '1.000777', name: 'Thủ tục có phiên bản' })];
    await loadCatalog(db.database.fork(), catalog);
    await loadCatalog(db.database.fork(), catalog);
    const versions = async () => (await db.database.fork().find(ProcedureVersion, { procedure: { code: '1.000777' } }, { orderBy: { version: 'asc' } })).map((v) => [v.version, v.name]);
    expect(await versions()).toEqual([[1, 'Thủ tục có phiên bản']]);
    catalog.procedures = [testProcedure({ code: '1.000777', name: 'Thủ tục có phiên bản (sửa đổi)' })];
    await loadCatalog(db.database.fork(), catalog);
    expect(await versions()).toEqual([
      [1, 'Thủ tục có phiên bản'],
      [2, 'Thủ tục có phiên bản (sửa đổi)'],
    ]);
    const stored = await db.database.fork().findOneOrFail(Procedure, { code: '1.000777' });
    expect(stored.version).toBe(2);
    const latest = await db.database.fork().findOneOrFail(ProcedureVersion, { procedure: stored, version: 2 });
    expect(latest.change).toContain('catalog:load');
    expect(latest.times.length).toBeGreaterThan(0);
  });

  it('a procedure stored under a retired code takes its new code, keeping its row (and so its dossiers)', async () => {
    const catalog = testCatalog();
    catalog.procedures = [testProcedure({ code: '1.000001', name: 'Thủ tục mang mã cũ' })];
    await loadCatalog(db.database.fork(), catalog);
    const before = await db.database.fork().findOneOrFail(Procedure, { code: '1.000001' });
    catalog.procedures = [testProcedure({ code: '3.000001', formerCodes: ['1.000001'], name: 'Thủ tục mang mã mới' })];
    await loadCatalog(db.database.fork(), catalog);
    const em = db.database.fork();
    expect(await em.findOne(Procedure, { code: '1.000001' })).toBeNull();
    const renamed = await em.findOneOrFail(Procedure, { code: '3.000001' });
    expect(renamed).toMatchObject({ id: before.id, name: 'Thủ tục mang mã mới', formerCodes: ['1.000001'] });
    expect(renamed.searchText).toContain('1 000001');
  });

  it('refuses unknown agencies and duplicate codes, and changes nothing', async () => {
    const catalog = testCatalog();
    catalog.procedures = [
      testProcedure({ code: '9.999999', name: 'Mới', agencyCode: '000.00.77.H56' }),
      testProcedure({ code: '9.999998', name: 'Trùng' }),
      testProcedure({ code: '9.999998', name: 'Trùng' }),
    ];
    const error = await loadCatalog(db.database.fork(), catalog).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CatalogDataError);
    expect((error as CatalogDataError).problems).toEqual([
      'procedures: code 9.999998 appears more than once',
      'procedure 9.999999: unknown agency 000.00.77.H56',
    ]);
    expect(await db.database.fork().count(Procedure, { code: { $like: '9.%' } })).toBe(0);
  });
});

describe('holidays.json', () => {
  it('refuses a day off or make-up day that names no official notice', () => {
    const day = { date: '2027-01-01', kind: 'HOLIDAY', name: 'Tết Dương lịch' };
    expect(holidaysFile.safeParse([{ ...day, source: 'Thông báo số …/TB-BNV', confidence: 'source' }]).success).toBe(true);
    expect(holidaysFile.safeParse([day]).success).toBe(false);
    expect(holidaysFile.safeParse([{ ...day, source: '   ' }]).success).toBe(false);
  });
});
