import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, UserError } from '../errors';
import { isStringKey, keysetPage, pageRequest, type Connection, type Keyset } from '../shared/pagination';
import { searchWords } from '../shared/vietnamese';
import { Agency } from './agency.entity';
import { CalendarDay } from './calendar-day.entity';
import { Procedure } from './procedure.entity';

const PROCEDURE_CODE = /^\d\.\d{6}$/;
const CODE_PREFIX = /^\d+(\.\d*)?$/;

/** Procedures in code order; the code is unique. */
const BY_PROCEDURE_CODE: Keyset<Procedure, string> = { seek: 'p.code > ?', orderBy: { code: 'asc' }, keyOf: (p) => p.code };
/** Agencies in code order; the code is unique. */
const BY_AGENCY_CODE: Keyset<Agency, string> = { seek: 'a.code > ?', orderBy: { code: 'asc' }, keyOf: (a) => a.code };

/** The full-text condition over the stored vector that `procedure_search_idx` indexes. */
export const PROCEDURE_TEXT_MATCH = `p.search_vector @@ to_tsquery('simple', ?)`;

export interface ProcedureQuery {
  search?: string | null;
  agencyCode?: string | null;
  first?: number | null;
  after?: string | null;
}

export interface PageQuery {
  first?: number | null;
  after?: string | null;
}

/** Builds the full-text query: every word must match; the last may be a prefix (the user is still typing). */
export function procedureTsQuery(search: string): string | undefined {
  const words = searchWords(search);
  if (words.length === 0) return undefined;
  return words.map((word, index) => (index === words.length - 1 ? `${word}:*` : word)).join(' & ');
}

/** Reads the catalogue: procedures, agencies, the calendar. */
export class CatalogService {
  constructor(
    private readonly em: EntityManager,
    private readonly maxPageSize: number,
  ) {}

  /**
   * Procedures matching `search` (a code prefix, or words of the name or
   * field, ignoring case and diacritics) and `agencyCode`, ordered by code.
   * The database answers through the full-text and code indexes.
   */
  async procedures(query: ProcedureQuery): Promise<Connection<Procedure>> {
    const page = pageRequest(query.first, query.after, this.maxPageSize, isStringKey);
    const qb = this.em.createQueryBuilder(Procedure, 'p');
    if (query.agencyCode !== undefined && query.agencyCode !== null) {
      const agency = await this.agencyByCode(query.agencyCode);
      qb.andWhere({ agency: agency.id });
    }
    const search = query.search?.trim() ?? '';
    if (CODE_PREFIX.test(search)) {
      qb.andWhere('p.code like ?', [`${search}%`]);
    } else {
      const tsQuery = procedureTsQuery(search);
      if (tsQuery !== undefined) qb.andWhere(PROCEDURE_TEXT_MATCH, [tsQuery]);
    }
    return keysetPage(qb, page, BY_PROCEDURE_CODE);
  }

  /** A procedure by national code; a malformed or unknown code is the caller's error. */
  async procedureByCode(code: string, field = 'code'): Promise<Procedure> {
    if (!PROCEDURE_CODE.test(code.trim())) {
      throw new UserError(ErrorCode.INVALID_INPUT, `Mã thủ tục "${code}" không đúng định dạng (ví dụ 3.000333).`, field);
    }
    const procedure =
      (await this.em.findOne(Procedure, { code: code.trim() })) ??
      (await this.em.createQueryBuilder(Procedure, 'p').where('p.former_codes @> ?::jsonb', [JSON.stringify([code.trim()])]).getSingleResult());
    if (!procedure) throw new UserError(ErrorCode.NOT_FOUND, `Không tìm thấy thủ tục có mã ${code.trim()}.`, field);
    return procedure;
  }

  async agencies(query: PageQuery): Promise<Connection<Agency>> {
    const page = pageRequest(query.first, query.after, this.maxPageSize, isStringKey);
    return keysetPage(this.em.createQueryBuilder(Agency, 'a'), page, BY_AGENCY_CODE);
  }

  async agencyByCode(code: string, field = 'agencyCode'): Promise<Agency> {
    const agency = await this.em.findOne(Agency, { code: code.trim() });
    if (!agency) throw new UserError(ErrorCode.NOT_FOUND, `Không tìm thấy cơ quan có mã ${code}.`, field);
    return agency;
  }

  /** The agency responsible for a procedure. */
  async agencyOf(procedure: Procedure): Promise<Agency> {
    return this.em.findOneOrFail(Agency, procedure.agency.id);
  }

  /** Days off and make-up working days between two local dates, inclusive. */
  async calendarDays(from: string, to: string): Promise<CalendarDay[]> {
    return this.em.find(CalendarDay, { date: { $gte: from, $lte: to } }, { orderBy: { date: 'asc' } });
  }
}
