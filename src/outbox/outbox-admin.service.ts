import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth';
import type { Access } from '../access';
import { ErrorCode, UserError } from '../errors';
import { isPairKey, keysetPage, pageRequest, type Connection, type Keyset, type PairKey } from '../shared/pagination';
import type { Outbox } from './outbox';
import { OutboxMessage, OutboxStatus } from './outbox-message.entity';
import { isUuid } from '../shared/uuid';

/** Newest first. */
const NEWEST_FIRST: Keyset<OutboxMessage, PairKey> = {
  seek: '(m.created_at, m.id) < (?::timestamptz, ?::uuid)',
  orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  keyOf: (m) => [m.createdAt.toISOString(), m.id],
};

/** The supervisors' view of the outbox: what waits, what went, what died, and replaying the dead. */
export class OutboxAdminService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: Access,
    private readonly outbox: Outbox,
    private readonly maxPageSize: number,
  ) {}

  /** Messages with `status` (default: the dead-letter list), newest first. */
  async list(status: OutboxStatus | null | undefined, first: number | null | undefined, after: string | null | undefined): Promise<Connection<OutboxMessage>> {
    this.access.requireRole(Role.SUPERVISOR);
    const page = pageRequest(first, after, this.maxPageSize, isPairKey);
    const where = { status: status ?? OutboxStatus.DEAD };
    return keysetPage(this.em.createQueryBuilder(OutboxMessage, 'm').where(where), page, NEWEST_FIRST);
  }

  /** Puts a dead message back in line; its attempts count on, its idempotency key stays. */
  async replay(id: string): Promise<OutboxMessage> {
    this.access.requireRole(Role.SUPERVISOR);
    if (!isUuid(id)) throw new UserError(ErrorCode.INVALID_INPUT, 'Mã thông điệp không hợp lệ.', 'id');
    return this.em.transactional(async (tx) => {
      const message = await tx.findOne(OutboxMessage, id, { lockMode: 4 /* PESSIMISTIC_WRITE */ });
      if (!message) throw new UserError(ErrorCode.NOT_FOUND, 'Không tìm thấy thông điệp.', 'id');
      if (message.status !== OutboxStatus.DEAD) {
        throw new UserError(ErrorCode.INVALID_TRANSITION, 'Chỉ gửi lại được thông điệp trong danh sách lỗi (DEAD).', 'id');
      }
      await this.outbox.replay(tx, message);
      return message;
    });
  }
}
