import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode, UserError } from '../errors';
import { parseDossierCode } from './dossier-code';
import { Dossier } from './dossier.entity';

/** Reads dossiers. */
export class DossierQueryService {
  constructor(private readonly em: EntityManager) {}

  /** A dossier by code: a malformed code is the caller's error, an unknown one is null. */
  async findByCode(code: string, field = 'code'): Promise<Dossier | null> {
    const trimmed = code.trim();
    if (parseDossierCode(trimmed) === null) {
      throw new UserError(
        ErrorCode.INVALID_INPUT,
        `Mã hồ sơ "${code}" không đúng định dạng {mã cơ quan}-{yyMMdd}-{số thứ tự}, ví dụ 000.00.12.H56-261123-0007.`,
        field,
      );
    }
    return this.em.findOne(Dossier, { code: trimmed });
  }
}
