import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { AgencyRecord, ProcedureRecord } from '../../src/catalog/catalog-data';

/**
 * The national public-service portal's data (DVCQG, crawled 2026-07-18), as
 * `../shared/data/README.md` describes it, and the comparison of the bundled
 * catalogue with it. Only what the comparison reads is parsed.
 */

/**
 * The national records of the bundled procedures, vendored from
 * `../shared/data` by `node scripts/vendor-national-data.mjs` (so that the
 * check runs on a clean clone); NATIONAL_DATA_DIR points it at the whole
 * data instead.
 */
export const NATIONAL_DATA_DIR = process.env.NATIONAL_DATA_DIR ?? path.resolve(__dirname, 'national-snapshot');

const catalogueEntry = z.object({
  code: z.string(),
  name: z.string(),
  /** Who executes it; often empty strings, sometimes another province's office. */
  departments: z.array(z.string()).default([]),
});

const feeRow = z.object({
  type: z.string(),
  /** null: the page has a fee line without an amount. 0 with a text often means "set by the province", not "free". */
  value_vnd: z.number().nullable(),
  text: z.string().nullish(),
});

const channelRow = z.object({
  method: z.string(),
  fees: z.array(feeRow).default([]),
  /** qty is a number, or the page's free text when unit is OTHER. */
  processing: z.object({ qty: z.union([z.number(), z.string()]).nullable(), unit: z.string() }).nullable(),
  note: z.string().nullish(),
});

const detailPage = z.object({
  code: z.string(),
  name: z.string(),
  executing_agency: z.string().nullable(),
  channels: z.array(channelRow),
  steps_raw: z.array(z.object({ text: z.string() })).default([]),
});

export type CatalogueEntry = z.output<typeof catalogueEntry>;
export type DetailPage = z.output<typeof detailPage>;
type ChannelRow = z.output<typeof channelRow>;

export interface NationalData {
  /** national-catalogue.jsonl by code: every procedure the portal lists. */
  catalogue: Map<string, CatalogueEntry>;
  /** procedure-details.jsonl by code: the procedures whose detail page was crawled. */
  details: Map<string, DetailPage>;
}

function readJsonLines<T>(file: string, schema: z.ZodType<T>): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, index) => {
      if (line.trim() === '') return [];
      const parsed = schema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${index + 1}: ${parsed.error.message}`);
      return [parsed.data];
    });
}

export function readNationalData(dir: string = NATIONAL_DATA_DIR): NationalData {
  const byCode = <T extends { code: string }>(rows: T[]): Map<string, T> => new Map(rows.map((row) => [row.code, row]));
  return {
    catalogue: byCode(readJsonLines(path.join(dir, 'national-catalogue.jsonl'), catalogueEntry)),
    details: byCode(readJsonLines(path.join(dir, 'procedure-details.jsonl'), detailPage)),
  };
}

/** One field where the bundled catalogue and the national data disagree; values as the check shows them. */
export interface Difference {
  code: string;
  /** `code`, `name`, `agency`, `channels`, or `processingTime` / `fees`, with `.CHANNEL` where the channels differ. */
  field: string;
  /** null: the side has no such value (a code missing from the national list). */
  bundled: string | null;
  national: string | null;
}

/** Whitespace collapsed and Unicode NFC, so that only real wording differences count. */
export function normaliseText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

const lower = (text: string): string => normaliseText(text).toLocaleLowerCase('vi');

/**
 * How the national data names each bundled agency (by its `shortName`), as
 * src/catalog/data/README.md §2 maps it. The national list is nationwide:
 * "Sở Xây dựng - TP.HCM" names the same kind of department, and counts.
 */
const AGENCY_NAMES_IN_NATIONAL_DATA: Readonly<Record<string, readonly string[]>> = {
  'Sở Tư pháp': ['sở tư pháp'],
  'Sở Tài chính': ['sở tài chính'],
  'Sở Xây dựng': ['sở xây dựng'],
  // The land registration office and its branches are units of the Sở.
  'Sở NN&MT': ['sở nông nghiệp và môi trường', 'văn phòng đăng ký đất đai'],
  'Sở Nội vụ': ['sở nội vụ', 'cơ quan chuyên môn về nội vụ'],
  'Sở Y tế': ['sở y tế'],
  'Sở GD&ĐT': ['sở giáo dục và đào tạo'],
  'Sở Công Thương': ['sở công thương'],
  'Sở VHTTDL': ['sở văn hóa, thể thao và du lịch'],
  'Sở KH&CN': ['sở khoa học và công nghệ'],
  'Công an tỉnh': ['công an tỉnh', 'công an cấp tỉnh'],
  'Công an cấp xã': ['công an cấp xã'],
  'BQL KKT Nghi Sơn': ['ban ql kkt nghi sơn', 'ban quản lý khu kinh tế nghi sơn', 'ban quản lý khu công nghiệp, khu kinh tế'],
};

/** The portal's channel names (`KenhThucHien`) in the hub's words. */
const CHANNEL_OF_METHOD: Readonly<Record<string, string>> = { DIRECT: 'COUNTER', ONLINE: 'ONLINE', POSTAL: 'POSTAL' };
const CHANNEL_ORDER = ['COUNTER', 'ONLINE', 'POSTAL'];

const UNIT_OF: Readonly<Record<string, string>> = {
  WORKING_DAY: 'WORKING_DAYS',
  DAY: 'DAYS',
  // DOMAIN.md §3: durations in hours are working hours.
  HOUR: 'WORKING_HOURS',
  MONTH: 'MONTHS',
};

/** A value as compared (`key`) and as shown in a difference (`shown`, the key with what explains it). */
interface Value {
  key: string;
  shown: string;
}

const plain = (key: string): Value => ({ key, shown: key });

function quote(text: string, max = 80): string {
  const clean = normaliseText(text);
  return `"${clean.length > max ? `${clean.slice(0, max - 1)}…` : clean}"`;
}

/** Several rows for one channel (one per case on some pages) give "a or b". */
function either(values: Value[]): Value {
  const unique = [...new Map(values.map((v) => [v.key, v])).values()].sort((a, b) => a.key.localeCompare(b.key, 'en', { numeric: true }));
  return { key: unique.map((v) => v.key).join(' or '), shown: unique.map((v) => v.shown).join(' or ') };
}

type Duration = ProcedureRecord['channels'][number]['processingTime'];
type Fees = ProcedureRecord['channels'][number]['fees'];

function bundledTime(time: Duration): Value {
  if (time === null) return plain('not known');
  // Zero is the same in every unit: the result is due the day the dossier is received.
  return plain(time.amount === 0 ? 'same day' : `${time.amount} ${time.unit}`);
}

/**
 * A page's time. Its unit field sometimes says DAY where its own steps say
 * "N ngày làm việc" (the construction permits): the words win, and the
 * shown value says so.
 */
function nationalTime(row: ChannelRow, pageText: string): Value {
  const processing = row.processing;
  if (processing === null || processing.qty === null) return plain('not known');
  const { qty, unit } = processing;
  if (typeof qty === 'string') return plain(`${quote(qty)} (unit not stated)`);
  if (qty === 0) return plain('same day');
  if (unit === 'OTHER') return plain(`${qty} (unit not stated)`);
  if (unit === 'DAY' && Number.isInteger(qty)) {
    const words = new RegExp(`(?<![\\d.,])0*${qty}\\s+ngày\\s+làm\\s+việc`, 'u').exec(pageText);
    if (words) return { key: `${qty} WORKING_DAYS`, shown: `${qty} WORKING_DAYS (unit field DAY; the page says "${normaliseText(words[0])}")` };
  }
  return plain(`${qty} ${UNIT_OF[unit] ?? unit}`);
}

function bundledFees(fees: Fees): Value {
  if (fees === null) return plain('not known');
  if (fees.length === 0) return plain('none');
  return plain(
    fees
      .map((f) => f.amountVnd)
      .sort((a, b) => a - b)
      .join(', '),
  );
}

/**
 * A page's fees for one row: a 0 without text is "no fee"; a line without
 * an amount is "not stated". An amount of 0 or under 1,000 VND with a text
 * is shown with it: the text usually says what the number does not.
 */
function nationalFees(row: ChannelRow): Value {
  const charged = row.fees.filter((f) => !(f.value_vnd === 0 && !f.text?.trim()));
  if (charged.length === 0) return plain('none');
  const known = charged.flatMap((f) => (f.value_vnd === null ? [] : [{ amount: f.value_vnd, text: f.text?.trim() ?? '' }])).sort((a, b) => a.amount - b.amount);
  if (known.length === 0) return plain('not known');
  const unstated = charged.length - known.length;
  const tail = unstated > 0 ? ` and ${unstated} not stated` : '';
  return {
    key: known.map((f) => f.amount).join(', ') + tail,
    shown: known.map((f) => (f.amount < 1000 && f.text !== '' ? `${f.amount} (${quote(f.text, 60)})` : String(f.amount))).join(', ') + tail,
  };
}

/**
 * Compares per channel where either side distinguishes channels, once for
 * the procedure where both give every shared channel the same value.
 */
function compareByChannel(code: string, field: string, bundled: Map<string, Value>, national: Map<string, Value>, into: Difference[]): void {
  const shared = CHANNEL_ORDER.filter((c) => bundled.has(c) && national.has(c));
  if (shared.length === 0) return;
  const uniform = (values: Map<string, Value>): boolean => new Set(shared.map((c) => values.get(c)!.key)).size === 1;
  if (uniform(bundled) && uniform(national)) {
    const [b, n] = [bundled.get(shared[0])!, national.get(shared[0])!];
    if (b.key !== n.key) into.push({ code, field, bundled: b.shown, national: n.shown });
    return;
  }
  for (const channel of shared) {
    const [b, n] = [bundled.get(channel)!, national.get(channel)!];
    if (b.key !== n.key) into.push({ code, field: `${field}.${channel}`, bundled: b.shown, national: n.shown });
  }
}

function compareDetail(procedure: ProcedureRecord, page: DetailPage, into: Difference[]): void {
  const rows = new Map<string, ChannelRow[]>();
  for (const row of page.channels) {
    const channel = CHANNEL_OF_METHOD[row.method] ?? row.method;
    rows.set(channel, [...(rows.get(channel) ?? []), row]);
  }
  const order = (channels: Iterable<string>): string => [...channels].sort((a, b) => CHANNEL_ORDER.indexOf(a) - CHANNEL_ORDER.indexOf(b)).join(', ') || 'none';
  const bundledChannels = order(procedure.channels.map((c) => c.channel));
  const nationalChannels = order(rows.keys());
  if (bundledChannels !== nationalChannels) into.push({ code: procedure.code, field: 'channels', bundled: bundledChannels, national: nationalChannels });

  const pageText = [...page.steps_raw.map((s) => s.text), ...page.channels.map((c) => c.note ?? '')].join('\n');
  const nationalBy = (read: (row: ChannelRow) => Value): Map<string, Value> => new Map([...rows].map(([channel, list]) => [channel, either(list.map(read))]));
  compareByChannel(
    procedure.code,
    'processingTime',
    new Map(procedure.channels.map((c) => [c.channel, bundledTime(c.processingTime)])),
    nationalBy((row) => nationalTime(row, pageText)),
    into,
  );
  compareByChannel(
    procedure.code,
    'fees',
    new Map(procedure.channels.map((c) => [c.channel, bundledFees(c.fees)])),
    nationalBy(nationalFees),
    into,
  );
}

/** The agencies the national data names for a procedure: its list entry's departments and its page's executing agency. */
function nationalAgencies(entry: CatalogueEntry, page: DetailPage | undefined): string[] {
  const named = [...entry.departments, page?.executing_agency ?? ''].map(normaliseText).filter((name) => name !== '');
  return [...new Set(named)];
}

function compareAgency(procedure: ProcedureRecord, agency: AgencyRecord | undefined, national: string[], into: Difference[]): void {
  if (national.length === 0) return;
  const names = agency?.shortName ? (AGENCY_NAMES_IN_NATIONAL_DATA[agency.shortName] ?? []) : [];
  if (national.some((text) => names.some((name) => lower(text).includes(name)))) return;
  into.push({ code: procedure.code, field: 'agency', bundled: agency?.name ?? procedure.agencyCode, national: national.join('; ') });
}

/**
 * Every difference between the bundled procedures and the national data:
 * a code the national list lacks; the name; the executing agency where the
 * national data names one; and, where a detail page exists, the channels,
 * processing times and fees.
 */
export function compareWithNational(procedures: readonly ProcedureRecord[], agencies: readonly AgencyRecord[], national: NationalData): Difference[] {
  const agencyByCode = new Map(agencies.map((a) => [a.code, a]));
  const differences: Difference[] = [];
  for (const procedure of procedures) {
    const entry = national.catalogue.get(procedure.code);
    if (!entry) {
      differences.push({ code: procedure.code, field: 'code', bundled: procedure.code, national: null });
      continue;
    }
    if (normaliseText(procedure.name) !== normaliseText(entry.name)) {
      differences.push({ code: procedure.code, field: 'name', bundled: normaliseText(procedure.name), national: normaliseText(entry.name) });
    }
    const page = national.details.get(procedure.code);
    compareAgency(procedure, agencyByCode.get(procedure.agencyCode), nationalAgencies(entry, page), differences);
    if (page) compareDetail(procedure, page, differences);
  }
  return differences;
}

/** The identity of a difference: an accepted one matches only while both values stay as they were. */
export function differenceKey(d: Difference): string {
  return JSON.stringify([d.code, d.field, d.bundled, d.national]);
}
