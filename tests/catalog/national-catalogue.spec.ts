import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Channel, TimeUnit } from '../../src/catalog';
import { BUNDLED_CATALOG_DIR, filesInDirectory, readCatalogFiles, type AgencyRecord, type ProcedureRecord } from '../../src/catalog/catalog-data';
import { compareWithNational, differenceKey, NATIONAL_DATA_DIR, readNationalData, type Difference, type NationalData } from './national-data';

const ACCEPTED_FILE = path.join(__dirname, 'accepted-differences.json');

/** An accepted difference: the values it has today, and why the bundled value is kept (or "to fix: …"). */
const acceptedDifference = z.strictObject({
  code: z.string().regex(/^\d\.\d{6}$/, 'must be a national code like 2.000488'),
  field: z.string().min(1),
  bundled: z.string().nullable(),
  national: z.string().nullable(),
  reason: z
    .string()
    .trim()
    .min(1, 'must say why the bundled value is kept, or "to fix: …"')
    .regex(/[.!?)"]$/, 'must be a sentence'),
});

const show = (d: Difference, reason?: string): string => `  ${JSON.stringify(reason === undefined ? d : { ...d, reason })}`;

/**
 * Issue 13, item 12: the bundled catalogue (src/catalog/data) is compared
 * with the national portal's data in ../shared/data: codes, names,
 * executing agencies, and the channels, times and fees of the procedures
 * that have a detail page. Every difference must be listed, with its
 * reason, in accepted-differences.json, and every listed one must still
 * occur, so that the list stays true.
 */
describe('bundled catalogue against the national catalogue (../shared/data, vendored)', () => {
  let procedures: ProcedureRecord[];
  let agencies: AgencyRecord[];
  let national: NationalData;
  let accepted: unknown;

  beforeAll(async () => {
    if (!existsSync(NATIONAL_DATA_DIR)) {
      throw new Error(`The national data is not at ${NATIONAL_DATA_DIR}: run node scripts/vendor-national-data.mjs (it copies the bundled procedures' records from ../shared/data).`);
    }
    const bundled = await readCatalogFiles(filesInDirectory(BUNDLED_CATALOG_DIR));
    procedures = bundled.procedures ?? [];
    agencies = bundled.agencies ?? [];
    national = readNationalData();
    accepted = JSON.parse(readFileSync(ACCEPTED_FILE, 'utf8'));
  });

  const procedure = (code: string): ProcedureRecord => {
    const found = procedures.find((p) => p.code === code);
    if (!found) throw new Error(`procedure ${code} is not in the bundled catalogue`);
    return structuredClone(found);
  };

  it('reads the national record of every bundled procedure the portal lists, and detail pages to compare', () => {
    // The vendored snapshot holds the bundled procedures' records (NATIONAL_DATA_DIR: the whole data, 5,670 and 502).
    expect(national.catalogue.size).toBeGreaterThanOrEqual(procedures.length);
    expect(national.details.size).toBeGreaterThan(40);
    expect(procedures.length).toBeGreaterThan(0);
    expect(procedures.filter((p) => national.details.has(p.code)).length).toBeGreaterThan(0);
  });

  it('differs from the national data only where accepted-differences.json says why', () => {
    const differences = compareWithNational(procedures, agencies, national);
    const entries = z.array(acceptedDifference.omit({ reason: true }).loose()).parse(accepted);
    const acceptedKeys = new Set(entries.map(differenceKey));
    const foundKeys = new Set(differences.map(differenceKey));
    const unexplained = differences.filter((d) => !acceptedKeys.has(differenceKey(d)));
    const stale = entries.filter((d) => !foundKeys.has(differenceKey(d)));
    const message = [
      `The bundled catalogue and ${NATIONAL_DATA_DIR} disagree with ${path.relative(process.cwd(), ACCEPTED_FILE)}.`,
      ...(unexplained.length > 0
        ? ['New differences: fix the bundled data, or add them to the file with a reason ("to fix: …" for a known error):', ...unexplained.map((d) => show(d, ''))]
        : []),
      ...(stale.length > 0
        ? ['Accepted differences that no longer occur: remove them from the file (or update their values):', ...stale.map((d) => show(d))]
        : []),
    ].join('\n');
    expect({ unexplained: unexplained.length, stale: stale.length }, message).toEqual({ unexplained: 0, stale: 0 });
  });

  it('gives every accepted difference a code, a field, both values and a reason, once', () => {
    const parsed = z.array(acceptedDifference).safeParse(accepted);
    const codeAt = (index: PropertyKey | undefined): string => {
      const entry = Array.isArray(accepted) && typeof index === 'number' ? (accepted[index] as { code?: unknown } | undefined) : undefined;
      return typeof entry?.code === 'string' ? ` (${entry.code})` : '';
    };
    expect(parsed.error?.issues.map((issue) => `[${issue.path.join('.')}]${codeAt(issue.path[0])}: ${issue.message}`) ?? []).toEqual([]);
    const keys = (parsed.data ?? []).map(differenceKey);
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
  });

  it('reports a changed name, agency, time and fee, and a code the national list lacks', () => {
    const original = procedure('1.115498');
    expect(compareWithNational([original], agencies, national)).toEqual([]);

    const police = agencies.find((a) => a.shortName === 'Công an tỉnh')!;
    const altered: ProcedureRecord = {
      ...procedure('1.115498'),
      name: `${original.name} (sửa)`,
      agencyCode: police.code,
      channels: original.channels.map((c) =>
        c.channel === Channel.ONLINE
          ? { ...c, processingTime: { amount: 40, unit: TimeUnit.DAYS }, fees: [{ code: 'LP01', name: 'Lệ phí', amountVnd: 50000, default: true, note: null }] }
          : c,
      ),
    };
    const unknown: ProcedureRecord = { ...procedure('1.115498'), code: '9.999999' };

    expect(compareWithNational([altered, unknown], agencies, national)).toEqual([
      { code: '1.115498', field: 'name', bundled: `${original.name} (sửa)`, national: original.name },
      { code: '1.115498', field: 'agency', bundled: police.name, national: 'Sở Nông nghiệp và Môi trường' },
      { code: '1.115498', field: 'processingTime.ONLINE', bundled: '40 DAYS', national: '40 WORKING_DAYS' },
      { code: '1.115498', field: 'fees.ONLINE', bundled: '50000', national: 'none' },
      { code: '9.999999', field: 'code', bundled: '9.999999', national: null },
    ]);
  });

  it('ignores whitespace and Unicode composition in names, but not case or punctuation', () => {
    const original = procedure('1.115498');
    const decomposed = { ...original, name: `  ${original.name.normalize('NFD').replace(/ /g, '  ')} ` };
    expect(compareWithNational([decomposed], agencies, national)).toEqual([]);
    const recased = { ...original, name: original.name.toLowerCase() };
    expect(compareWithNational([recased], agencies, national).map((d) => d.field)).toEqual(['name']);
  });

  it('reads a day count as working days where the page itself says "ngày làm việc"', () => {
    const page: NationalData = {
      catalogue: new Map([['1.013230', { code: '1.013230', name: 'Cấp giấy phép', departments: ['Sở Xây dựng'] }]]),
      details: new Map([
        [
          '1.013230',
          {
            code: '1.013230',
            name: 'Cấp giấy phép',
            executing_agency: null,
            channels: [{ method: 'DIRECT', fees: [], processing: { qty: 7, unit: 'DAY' }, note: '' }],
            steps_raw: [{ text: '- Trong thời hạn 07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, cơ quan có thẩm quyền cấp giấy phép.' }],
          },
        ],
      ]),
    };
    const permit = (unit: TimeUnit): ProcedureRecord => ({
      ...procedure('1.013230'),
      name: 'Cấp giấy phép',
      channels: [{ channel: Channel.COUNTER, processingTime: { amount: 7, unit }, fees: [], feeText: null }],
    });
    expect(compareWithNational([permit(TimeUnit.WORKING_DAYS)], agencies, page)).toEqual([]);
    expect(compareWithNational([permit(TimeUnit.DAYS)], agencies, page)).toEqual([
      { code: '1.013230', field: 'processingTime', bundled: '7 DAYS', national: '7 WORKING_DAYS (unit field DAY; the page says "07 ngày làm việc")' },
    ]);
  });
});
