import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AgencyKind, CalendarDayKind, Channel, OnlineLevel, TimeUnit } from './catalog.enums';
import { isHundredths } from '../calendar';

/**
 * The catalogue's data files, as an administrator edits and loads them:
 * agencies.json, procedures.json and holidays.json (see data/README.md).
 * Every file is validated whole before anything is written.
 */

const text = z.string().trim().min(1);
const nullableText = z.string().nullish().transform((v) => (v === undefined || v === null || v.trim() === '' ? null : v.trim()));
const duration = z
  .object({ amount: z.number().min(0).max(36_600), unit: z.enum(TimeUnit) })
  .refine((d) => (d.unit === TimeUnit.WORKING_DAYS || d.unit === TimeUnit.WORKING_HOURS ? isHundredths(d.amount) : Number.isInteger(d.amount)), {
    message: 'working days and hours take at most two decimals (7.5, 6.25); calendar days and months are whole',
    path: ['amount'],
  });

export const agencyRecord = z.object({
  code: z.string().regex(/^[0-9A-Z]+(\.[0-9A-Z]+)+$/, 'must be an electronic identifier like 000.00.12.H56 or H56.14'),
  name: text,
  shortName: nullableText,
  kind: z.enum(AgencyKind),
  identifierVerified: z.boolean().default(false),
  source: nullableText,
  note: nullableText,
});

export const agenciesFile = z.object({
  province: z.object({ code: text, name: text }),
  agencies: z.array(agencyRecord).min(1),
});

const feeRecord = z.object({
  code: text,
  name: text,
  amountVnd: z.number().int().min(0),
  default: z.boolean().default(false),
  note: nullableText,
});

const channelRecord = z.object({
  channel: z.enum(Channel),
  processingTime: duration.nullable(),
  /** null: no source gives the fees (not the same as [], no fee). */
  fees: z.array(feeRecord).nullable(),
  feeText: nullableText,
});

const nationalCode = z.string().regex(/^\d\.\d{6}$/, 'must be a national code like 3.000333');

export const procedureRecord = z.object({
  code: nationalCode,
  /** Codes the national catalogue retired for this procedure (2.000488 → 3.000333): they still find it, and a stored procedure under one is renamed. */
  formerCodes: z.array(nationalCode).default([]),
  localCode: nullableText,
  name: text,
  field: z.object({ code: nullableText, name: text }),
  agencyCode: text,
  onlineLevel: z.enum(OnlineLevel).nullable(),
  /** Empty for catalogue-only records: such a procedure is listed but cannot be received until its terms are loaded. */
  channels: z.array(channelRecord),
  cutoffTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm')
    .nullish()
    .transform((v) => v ?? null),
  components: z
    .array(
      z.object({
        code: text,
        name: text,
        required: z.boolean(),
        /** FILE (default), PRESENT (only shown at the counter) or NOTE (no document). */
        use: z.enum(['FILE', 'PRESENT', 'NOTE']).optional(),
        /** Components sharing a group are alternatives: one of them is enough. */
        alternativeGroup: z.string().min(1).max(40).optional(),
      }),
    )
    .default([]),
  steps: z
    .array(z.object({ order: z.number().int().min(1), agencyCode: text, name: text, processingTime: duration.nullable() }))
    .default([]),
  results: z.array(z.string()).default([]),
  legalBasis: z.array(z.object({ code: z.string().nullable(), name: z.string() })).default([]),
  subjects: z.array(z.string()).default([]),
  source: nullableText,
  unverified: z.array(z.string()).default([]),
  note: nullableText,
});

export const proceduresFile = z.array(procedureRecord);

export const holidayRecord = z.object({
  date: z.iso.date('must be a date YYYY-MM-DD'),
  kind: z.enum(CalendarDayKind),
  name: text,
  /** The official notice (number, date) and where it was read: every day off and make-up day names one. */
  source: text,
  /** "source": read in the notice itself; anything else ("secondary"): reported by another source, unverified. */
  confidence: z.string().nullish(),
});

export const holidaysFile = z.array(holidayRecord);

export type AgencyRecord = z.output<typeof agencyRecord>;
export type ProcedureRecord = z.output<typeof procedureRecord>;
export type HolidayRecord = z.output<typeof holidayRecord>;

/** What a load brings: any of the three parts. */
export interface CatalogData {
  agencies?: AgencyRecord[];
  procedures?: ProcedureRecord[];
  holidays?: HolidayRecord[];
}

/** Thrown when a data file is unreadable or invalid; lists every problem with its place. */
export class CatalogDataError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Catalogue data is invalid:\n  - ${problems.slice(0, 50).join('\n  - ')}${problems.length > 50 ? `\n  … and ${problems.length - 50} more` : ''}`);
    this.name = 'CatalogDataError';
  }
}

/** The catalogue bundled with the hub (Tỉnh Thanh Hóa). */
export const BUNDLED_CATALOG_DIR = path.join(__dirname, 'data');

export interface CatalogFiles {
  agencies?: string;
  procedures?: string;
  holidays?: string;
}

export function filesInDirectory(dir: string): Required<CatalogFiles> {
  return {
    agencies: path.join(dir, 'agencies.json'),
    procedures: path.join(dir, 'procedures.json'),
    holidays: path.join(dir, 'holidays.json'),
  };
}

async function parseFile<T>(file: string, schema: z.ZodType<T>, problems: string[]): Promise<T | undefined> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    problems.push(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${file} at ${describePath(issue.path, json)}: ${issue.message}`);
    return undefined;
  }
  return parsed.data;
}

/** "[12] (2.000488).channels[0].fees[1].amountVnd": the path, with the record's code where there is one. */
function describePath(issuePath: readonly PropertyKey[], json: unknown): string {
  let node: unknown = json;
  return issuePath
    .map((key) => {
      node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
      const code = node !== null && typeof node === 'object' ? (node as { code?: unknown }).code : undefined;
      const label = typeof key === 'number' ? `[${key}]` : `.${String(key)}`;
      return typeof code === 'string' && typeof key === 'number' ? `${label} (${code})` : label;
    })
    .join('')
    .replace(/^\./, '');
}

/** Reads and validates the given files; throws `CatalogDataError` listing every problem. */
export async function readCatalogFiles(files: CatalogFiles): Promise<CatalogData> {
  const problems: string[] = [];
  const data: CatalogData = {};
  if (files.agencies !== undefined) data.agencies = (await parseFile(files.agencies, agenciesFile, problems))?.agencies;
  if (files.procedures !== undefined) data.procedures = await parseFile(files.procedures, proceduresFile, problems);
  if (files.holidays !== undefined) data.holidays = await parseFile(files.holidays, holidaysFile, problems);
  if (problems.length > 0) throw new CatalogDataError(problems);
  return data;
}
