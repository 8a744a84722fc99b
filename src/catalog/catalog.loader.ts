import type { EntityManager } from '@mikro-orm/postgresql';
import { snapshotProcedures } from './procedure-versions';
import { Agency } from './agency.entity';
import { CalendarDay } from './calendar-day.entity';
import { CatalogDataError, type AgencyRecord, type CatalogData, type HolidayRecord, type ProcedureRecord } from './catalog-data';
import type { CalendarDayKind, ComponentUse } from './catalog.enums';
import { Procedure } from './procedure.entity';
import { ProcedureChannel, ProcedureComponent, ProcedureFee, ProcedureStep } from './procedure-parts.entity';

export interface CatalogLoadResult {
  agencies: number;
  procedures: number;
  holidays: number;
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated];
}

/** Cross-record rules a schema cannot express: unique codes, known agencies. */
function checkConsistency(data: CatalogData, knownAgencyCodes: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const agencies = data.agencies ?? [];
  for (const code of duplicates(agencies.map((a) => a.code))) problems.push(`agencies: code ${code} appears more than once`);
  const agencyCodes = new Set([...knownAgencyCodes, ...agencies.map((a) => a.code)]);
  const procedures = data.procedures ?? [];
  for (const code of duplicates(procedures.map((p) => p.code))) problems.push(`procedures: code ${code} appears more than once`);
  for (const p of procedures) {
    const at = `procedure ${p.code}`;
    if (!agencyCodes.has(p.agencyCode)) problems.push(`${at}: unknown agency ${p.agencyCode}`);
    for (const code of duplicates(p.channels.map((c) => c.channel))) problems.push(`${at}: channel ${code} appears more than once`);
    for (const channel of p.channels) {
      for (const code of duplicates((channel.fees ?? []).map((f) => f.code))) problems.push(`${at}: fee ${code} appears more than once for ${channel.channel}`);
    }
    for (const code of duplicates(p.components.map((c) => c.code))) problems.push(`${at}: component ${code} appears more than once`);
    for (const order of duplicates(p.steps.map((s) => String(s.order)))) problems.push(`${at}: step ${order} appears more than once`);
    for (const step of p.steps) {
      if (!agencyCodes.has(step.agencyCode)) problems.push(`${at}: step ${step.order} has unknown agency ${step.agencyCode}`);
    }
  }
  for (const date of duplicates((data.holidays ?? []).map((h) => h.date))) problems.push(`holidays: ${date} appears more than once`);
  return problems;
}

async function upsertAgencies(em: EntityManager, records: readonly AgencyRecord[]): Promise<void> {
  if (records.length === 0) return;
  const existing = new Map((await em.find(Agency, { code: { $in: records.map((r) => r.code) } })).map((a) => [a.code, a]));
  for (const record of records) {
    const agency = existing.get(record.code) ?? em.create(Agency, { code: record.code, name: record.name, kind: record.kind });
    em.assign(agency, {
      name: record.name,
      shortName: record.shortName,
      kind: record.kind,
      identifierVerified: record.identifierVerified,
      source: record.source,
      note: record.note,
    });
  }
  await em.flush();
}

/** Writes the procedures given; answers them as stored. */
async function upsertProcedures(em: EntityManager, records: readonly ProcedureRecord[]): Promise<Procedure[]> {
  if (records.length === 0) return [];
  const agencyCodes = new Set(records.flatMap((r) => [r.agencyCode, ...r.steps.map((s) => s.agencyCode)]));
  const agencies = new Map((await em.find(Agency, { code: { $in: [...agencyCodes] } })).map((a) => [a.code, a]));
  const agencyOf = (code: string): Agency => {
    const agency = agencies.get(code);
    if (!agency) throw new CatalogDataError([`unknown agency ${code}`]);
    return agency;
  };
  const existing = new Map((await em.find(Procedure, { code: { $in: records.map((r) => r.code) } })).map((p) => [p.code, p]));
  // A procedure stored under a code the national catalogue retired takes its new code: its dossiers follow it.
  const former = records.filter((r) => !existing.has(r.code) && r.formerCodes.length > 0);
  if (former.length > 0) {
    const stored = new Map((await em.find(Procedure, { code: { $in: former.flatMap((r) => r.formerCodes) } })).map((p) => [p.code, p]));
    for (const record of former) {
      const renamed = record.formerCodes.map((code) => stored.get(code)).find((p) => p !== undefined);
      if (renamed) existing.set(record.code, Object.assign(renamed, { code: record.code }));
    }
  }
  const replaced = [...existing.values()];
  if (replaced.length > 0) {
    // The parts are replaced whole: a dossier copies what it needs at intake, so none points at them.
    for (const part of [ProcedureChannel, ProcedureFee, ProcedureComponent, ProcedureStep]) {
      await em.nativeDelete(part, { procedure: { $in: replaced } });
    }
  }
  const stored: Procedure[] = [];
  for (const record of records) {
    const values = {
      formerCodes: record.formerCodes,
      localCode: record.localCode,
      name: record.name,
      field: record.field.name,
      fieldCode: record.field.code,
      agency: agencyOf(record.agencyCode),
      onlineLevel: record.onlineLevel,
      cutoffTime: record.cutoffTime,
      results: record.results,
      legalBasis: record.legalBasis,
      subjects: record.subjects,
      source: record.source,
      unverified: record.unverified,
      note: record.note,
    };
    const procedure = existing.get(record.code) ?? em.create(Procedure, { code: record.code, ...values });
    em.assign(procedure, values);
    stored.push(procedure);
    for (const channel of record.channels) {
      em.create(ProcedureChannel, {
        procedure,
        channel: channel.channel,
        timeAmount: channel.processingTime?.amount ?? null,
        timeUnit: channel.processingTime?.unit ?? null,
        feeText: channel.feeText,
        feesKnown: channel.fees !== null,
      });
      for (const fee of channel.fees ?? []) {
        em.create(ProcedureFee, {
          procedure,
          channel: channel.channel,
          code: fee.code,
          name: fee.name,
          amount: fee.amountVnd,
          isDefault: fee.default,
          note: fee.note,
        });
      }
    }
    record.components.forEach((component, position) => {
      em.create(ProcedureComponent, {
        procedure,
        code: component.code,
        name: component.name,
        required: component.required,
        use: (component.use ?? 'FILE') as ComponentUse,
        alternativeGroup: component.alternativeGroup ?? null,
        position,
      });
    });
    for (const step of record.steps) {
      em.create(ProcedureStep, {
        procedure,
        order: step.order,
        agency: agencyOf(step.agencyCode),
        name: step.name,
        timeAmount: step.processingTime?.amount ?? null,
        timeUnit: step.processingTime?.unit ?? null,
      });
    }
  }
  await em.flush();
  return stored;
}

/** A day of the calendar as the working-time arithmetic reads it. */
export interface CalendarDayRecord {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

/** What a load changed in the calendar: the whole table before it, and the dates whose kind came, went or changed. */
export interface CalendarChange {
  before: CalendarDayRecord[];
  after: CalendarDayRecord[];
  /** Sorted; empty when the load changed no day's kind. */
  changedDates: string[];
}

/** Told of a change of the calendar in the load's transaction (open dossiers' due times move with it). */
export type CalendarChangeHook = (tx: EntityManager, change: CalendarChange) => Promise<void>;

/** The whole table, read past the identity map (the load replaces rows it would hold). */
const readCalendar = (em: EntityManager): Promise<CalendarDayRecord[]> => em.execute<CalendarDayRecord[]>('select date, kind, name from calendar_day order by date');

/** The file is the truth for the years it covers: their days are replaced, other years kept. */
async function replaceHolidays(em: EntityManager, records: readonly HolidayRecord[]): Promise<CalendarChange | null> {
  if (records.length === 0) return null;
  const before = await readCalendar(em);
  const years = [...new Set(records.map((r) => r.date.slice(0, 4)))];
  for (const year of years) await em.nativeDelete(CalendarDay, { date: { $like: `${year}-%` } });
  for (const record of records) {
    em.create(CalendarDay, { date: record.date, kind: record.kind, name: record.name, source: record.source, verified: record.confidence === 'source' });
  }
  await em.flush();
  const after = await readCalendar(em);
  const kindBefore = new Map(before.map((d) => [d.date, d.kind]));
  const kindAfter = new Map(after.map((d) => [d.date, d.kind]));
  const changedDates = [...new Set([...kindBefore.keys(), ...kindAfter.keys()])].filter((date) => kindBefore.get(date) !== kindAfter.get(date)).sort();
  return { before, after, changedDates };
}

/** What {@link loadCatalog} is told to do beyond writing the data. */
export interface CatalogLoadOptions {
  /** Called in the load's transaction when the calendar's days changed. */
  onCalendarChange?: CalendarChangeHook;
}

/**
 * Writes catalogue data in one transaction: agencies and procedures are
 * upserted by code (a procedure's channels, fees, components and steps are
 * replaced whole), holidays replace the days of the years they cover.
 * Invalid data throws `CatalogDataError` and changes nothing.
 */
export async function loadCatalog(em: EntityManager, data: CatalogData, options: CatalogLoadOptions = {}): Promise<CatalogLoadResult> {
  return em.transactional(async (tx) => {
    const referenced = new Set((data.procedures ?? []).flatMap((p) => [p.agencyCode, ...p.steps.map((s) => s.agencyCode)]));
    const known = await tx.find(Agency, { code: { $in: [...referenced] } }, { fields: ['code'] });
    const problems = checkConsistency(data, new Set(known.map((a) => a.code)));
    if (problems.length > 0) throw new CatalogDataError(problems);
    await upsertAgencies(tx, data.agencies ?? []);
    const loaded = await upsertProcedures(tx, data.procedures ?? []);
    // A procedure whose name, field, times or fees changed gets a new version; dossiers received keep theirs.
    if (loaded.length > 0) await snapshotProcedures(tx, { at: new Date(), change: 'Nạp danh mục (catalog:load)', procedures: loaded });
    const change = await replaceHolidays(tx, data.holidays ?? []);
    if (change !== null && change.changedDates.length > 0 && options.onCalendarChange) await options.onCalendarChange(tx, change);
    // Fresh statistics, or the planner guesses a handful of rows and skips the search index.
    if ((data.procedures?.length ?? 0) > 0) await tx.execute('analyze procedure');
    return {
      agencies: data.agencies?.length ?? 0,
      procedures: data.procedures?.length ?? 0,
      holidays: data.holidays?.length ?? 0,
    };
  });
}
