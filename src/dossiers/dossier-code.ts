import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { ErrorCode, UserError } from '../errors';
import type { Dossier } from './dossier.entity';

/**
 * Dossier codes: `{agency identifier}-{yyMMdd}-{NNNN}` (DOMAIN.md §2.3),
 * e.g. `000.00.12.H56-261123-0007`. The number restarts at 1 each local day
 * for each receiving agency; past 9999 it simply grows a digit.
 */

const AGENCY_IDENTIFIER = /^[0-9A-Z]+(\.[0-9A-Z]+)+$/;
const DOSSIER_CODE = /^([0-9A-Z]+(?:\.[0-9A-Z]+)+)-(\d{2})(\d{2})(\d{2})-(\d{4,})$/;

export interface DossierCodeParts {
  agencyCode: string;
  /** Local receipt date, YYYY-MM-DD (years 2000–2099). */
  day: string;
  sequence: number;
}

/** The code of the `sequence`th dossier that `agencyCode` received on local date `day` (YYYY-MM-DD). */
export function formatDossierCode(agencyCode: string, day: string, sequence: number): string {
  if (!AGENCY_IDENTIFIER.test(agencyCode)) throw new RangeError(`Not an agency identifier: ${agencyCode}`);
  const match = /^20(\d{2})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`Not a local date of this century: ${day}`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`Not a dossier number: ${sequence}`);
  return `${agencyCode}-${match[1]}${match[2]}${match[3]}-${String(sequence).padStart(4, '0')}`;
}

/** The parts of a well-formed code, or null. Checks the date is a real day. */
export function parseDossierCode(code: string): DossierCodeParts | null {
  const match = DOSSIER_CODE.exec(code);
  if (!match) return null;
  const [, agencyCode, yy, mm, dd, sequence] = match as unknown as [string, string, string, string, string, string];
  const year = 2000 + Number(yy);
  const date = new Date(Date.UTC(year, Number(mm) - 1, Number(dd)));
  if (date.getUTCMonth() !== Number(mm) - 1 || date.getUTCDate() !== Number(dd)) return null;
  const number = Number(sequence);
  if (number < 1) return null;
  return { agencyCode, day: `${year}-${mm}-${dd}`, sequence: number };
}

/** A dossier by its code, or by the code an online dossier had when it was submitted (before reception gave it its own). */
export function byDossierCode(code: string): FilterQuery<Dossier> {
  return { $or: [{ code }, { submittedCode: code }] };
}

/**
 * The next code of `agencyCode` on local date `day`: the number after the
 * last given, under the counter row's lock (so two receptions at once never
 * share one), in the caller's transaction.
 */
export async function allocateDossierCode(tx: EntityManager, agencyCode: string, day: string): Promise<string> {
  const rows = await tx.execute<{ last_value: number }[]>(
    `insert into dossier_code_counter (agency_code, day, last_value) values (?, ?, 1)
     on conflict (agency_code, day) do update set last_value = dossier_code_counter.last_value + 1
     returning last_value`,
    [agencyCode, day],
  );
  const value = rows[0]?.last_value;
  if (value === undefined) throw new Error('The dossier counter returned no row');
  return formatDossierCode(agencyCode, day, value);
}

/** A dossier's code as given (trimmed, letters in capitals: a kiosk's keyboard types "h56"), or INVALID_INPUT. */
export function checkDossierCode(code: string, field = 'code'): string {
  const trimmed = code.trim().toUpperCase();
  if (parseDossierCode(trimmed) === null) {
    throw new UserError(
      ErrorCode.INVALID_INPUT,
      `Mã hồ sơ "${code}" không đúng định dạng {mã cơ quan}-{yyMMdd}-{số thứ tự}, ví dụ 000.00.12.H56-261123-0007.`,
      field,
    );
  }
  return trimmed;
}
