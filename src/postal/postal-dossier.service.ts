import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth';
import { byDossierCode, checkDossierCode, checkPhone, CLOSED_STATUSES, Dossier, DossierStatus, HistoryAction, recordHistory, ReturnMethod, type DossierAccess } from '../dossiers';
import { AccessError, ErrorCode, UserError } from '../errors';
import type { Outbox } from '../outbox';
import type { Clock } from '../shared/clock';
import { cancelShipments, requestShipment } from './postal.service';
import { ACTIVE_SHIPMENT, LEFT_SENDER, PostalShipment, ShipmentKind, ShipmentStatus } from './shipment.entity';

export interface ReturnMethodChange {
  returnMethod: ReturnMethod;
  deliveryAddress?: string | null;
  phone?: string | null;
}

const LABEL: Record<ReturnMethod, string> = { [ReturnMethod.COUNTER]: 'tại bộ phận một cửa', [ReturnMethod.POST]: 'qua bưu chính' };

/**
 * What a request does with a dossier's parcels: the applicant (or the
 * receiving counter) changes how the result goes back until it has left
 * with the post; supervisors and the counter see the parcels that need
 * someone (refused, sent back, lost, stalled, flagged).
 */
export class PostalDossierService {
  constructor(
    private readonly em: EntityManager,
    private readonly access: DossierAccess,
    private readonly outbox: Outbox,
    private readonly clock: Clock,
    private readonly stalledAfterMs: number,
  ) {}

  async changeReturnMethod(code: string, expectedVersion: number, change: ReturnMethodChange): Promise<Dossier> {
    const user = this.access.requireUser();
    const dossierCode = checkDossierCode(code);
    const agencyId = await this.access.officerAgencyId();
    const address = change.deliveryAddress?.trim() || null;
    const phone = change.phone?.trim() || null;
    if (change.returnMethod === ReturnMethod.POST && (address === null || address.length > 500)) {
      throw new UserError(ErrorCode.INVALID_INPUT, 'Cần địa chỉ nhận kết quả (không quá 500 ký tự) khi chọn trả kết quả qua bưu chính.', 'input.deliveryAddress');
    }
    if (phone !== null) checkPhone(phone, 'input.phone');
    return this.em.transactional(async (tx) => {
      const dossier = await tx.findOne(Dossier, byDossierCode(dossierCode), { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!dossier) throw new UserError(ErrorCode.NOT_FOUND, `Không tìm thấy hồ sơ ${dossierCode}.`, 'code');
      await this.access.assertCanSee(dossier, tx);
      const isApplicant = user.roles.has(Role.CITIZEN) && user.personalId === dossier.applicant.personalId;
      const isCounter = agencyId !== null && dossier.receivingAgency.id === agencyId;
      if (!isApplicant && !isCounter) throw new AccessError(ErrorCode.FORBIDDEN, 'Chỉ người nộp hoặc bộ phận một cửa đã tiếp nhận hồ sơ được đổi hình thức nhận kết quả.');
      if (dossier.version !== expectedVersion) {
        throw new UserError(ErrorCode.STALE_VERSION, `Hồ sơ đã được cập nhật bởi người khác (phiên bản ${dossier.version}, bạn đang xem phiên bản ${expectedVersion}); hãy tải lại.`, 'expectedVersion');
      }
      if (CLOSED_STATUSES.includes(dossier.status)) throw new UserError(ErrorCode.INVALID_TRANSITION, 'Hồ sơ đã kết thúc: không đổi được hình thức nhận kết quả.', 'code');
      const gone = await tx.findOne(PostalShipment, { dossier, kind: ShipmentKind.DELIVERY, status: { $in: [...LEFT_SENDER] } });
      if (gone) {
        throw new UserError(ErrorCode.INVALID_TRANSITION, `Kết quả đã được bưu điện nhận để phát (số hiệu ${gone.itemCode ?? gone.orderNumber}): không đổi được hình thức nhận nữa.`, 'code');
      }
      if (change.returnMethod === ReturnMethod.POST && !(phone ?? dossier.applicant.phone)) {
        throw new UserError(ErrorCode.INVALID_INPUT, 'Cần số điện thoại để bưu điện liên hệ khi phát kết quả.', 'input.phone');
      }
      const newAddress = change.returnMethod === ReturnMethod.POST ? address : null;
      if (change.returnMethod === dossier.returnMethod && newAddress === dossier.deliveryAddress && (phone === null || phone === dossier.applicant.phone)) {
        throw new UserError(ErrorCode.INVALID_INPUT, 'Hình thức và địa chỉ nhận kết quả không thay đổi.', 'input');
      }
      const now = this.clock.now();
      const before = `${LABEL[dossier.returnMethod]}${dossier.deliveryAddress ? ` (${dossier.deliveryAddress})` : ''}`;
      // A parcel not yet picked up is cancelled (at the post, if the order went): the result stays at the counter or goes to the new address.
      await cancelShipments(tx, this.outbox, dossier, ShipmentKind.DELIVERY, now);
      Object.assign(dossier, { returnMethod: change.returnMethod, deliveryAddress: newAddress, lastActionAt: now });
      if (phone !== null) dossier.applicant.phone = phone;
      recordHistory(tx, dossier, {
        action: HistoryAction.CHANGE_RETURN_METHOD,
        from: dossier.status,
        to: dossier.status,
        actor: { id: user.id, name: user.name, agencyId: isCounter ? agencyId : null },
        at: now,
        note: `Nhận kết quả: ${before} → ${LABEL[change.returnMethod]}${newAddress ? ` (${newAddress})` : ''}.`,
      });
      if (change.returnMethod === ReturnMethod.POST && newAddress && dossier.status === DossierStatus.RESULT_READY) {
        await requestShipment(tx, this.outbox, dossier, ShipmentKind.DELIVERY, newAddress, now);
      }
      this.access.grant(dossier);
      return dossier;
    });
  }

  /** A parcel still on its way with no news from the post for POSTAL_STALLED_AFTER_HOURS. */
  isStalled(shipment: PostalShipment): boolean {
    if (!ACTIVE_SHIPMENT.includes(shipment.status) || shipment.status === ShipmentStatus.REQUESTED) return false;
    // The later of the order and the post's last word: news the post dated before the order (clocks apart) does not make it stale.
    const last = Math.max(shipment.lastEventAt?.getTime() ?? 0, (shipment.orderedAt ?? shipment.createdAt).getTime());
    return this.clock.now().getTime() - last > this.stalledAfterMs;
  }

  /**
   * The parcels someone must look at, newest first: refused by the post,
   * sent back, lost, flagged (collected more or less than owed), or
   * stalled. Supervisors see the centre's; officers their agency's.
   */
  async needingAttention(limit: number): Promise<PostalShipment[]> {
    const scope = await this.access.listScope();
    const stalledBefore = new Date(this.clock.now().getTime() - this.stalledAfterMs);
    return this.em.find(
      PostalShipment,
      {
        dossier: scope,
        $or: [
          // Refused, sent back or lost: until the dossier is closed (its result handed over at the counter).
          { status: { $in: [ShipmentStatus.REFUSED, ShipmentStatus.RETURNED, ShipmentStatus.LOST] }, dossier: { status: { $nin: [...CLOSED_STATUSES] } } },
          { flag: { $ne: null } },
          {
            status: { $in: [ShipmentStatus.ORDERED, ShipmentStatus.PICKED_UP, ShipmentStatus.IN_TRANSIT] },
            orderedAt: { $lt: stalledBefore },
            $or: [{ lastEventAt: { $lt: stalledBefore } }, { lastEventAt: null }],
          },
        ],
      },
      { orderBy: { createdAt: 'desc' }, limit, populate: ['dossier'] },
    );
  }
}
