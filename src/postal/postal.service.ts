import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../auth';
import type { OfficeHours } from '../calendar';
import { Agency } from '../catalog';
import type { DocumentsConfig } from '../config';
import { DocumentService } from '../documents';
import {
  Dossier,
  DossierAction,
  DossierMoves,
  DossierStatus,
  HistoryAction,
  outstandingObligations,
  recordHistory,
  ReturnMethod,
  type Actor,
  type MovedHook,
  type PickupHook,
} from '../dossiers';
import type { DeliveryHandler, Outbox } from '../outbox';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { PostalRefusedError, type PostalEvent, type PostalService } from './postal.port';
import { ACTIVE_SHIPMENT, PostalShipment, ShipmentKind, ShipmentStatus, type StoredEvent } from './shipment.entity';

/** The outbox topics of the postal feature: an order to place, an order to cancel. */
export const ORDER_TOPIC = 'postal.order';
export const CANCEL_TOPIC = 'postal.cancel';

/** Who the history names for what the post did. */
export const POSTAL_ACTOR: Actor = { id: 'postal', name: 'Bưu điện (dịch vụ bưu chính công ích)', agencyId: null };

export interface PostalDependencies {
  database: { fork(): EntityManager };
  port: PostalService;
  outbox: Outbox;
  clock: Clock;
  logger: Logger;
  officeHours: OfficeHours;
  documents: DocumentsConfig;
  /** The centre's phone on orders (POSTAL_SENDER_PHONE). */
  senderPhone: string;
  /** Told of a move the post makes (a result delivered), in its transaction: the national portal's report. */
  onMoved?: MovedHook;
}

const vnd = (amount: number) => `${amount.toLocaleString('vi-VN')} đồng`;

/** The one-stop counter of the receiving agency, as the post sees it (the sender of results, the receiver of dossiers collected). */
async function counterOf(em: EntityManager, dossier: Dossier): Promise<{ name: string; address: string }> {
  const agency = await em.findOneOrFail(Agency, dossier.receivingAgency.id);
  return { name: `Bộ phận Một cửa - ${agency.name}`, address: `Bộ phận tiếp nhận và trả kết quả, ${agency.name}` };
}

/**
 * A parcel for `dossier`, in the caller's transaction, with its order in the
 * outbox: a DELIVERY carries the result to the delivery address and
 * collects what is still owed; a PICKUP collects the paper dossier at
 * `address`.
 */
export async function requestShipment(tx: EntityManager, outbox: Outbox, dossier: Dossier, kind: ShipmentKind, address: string, now: Date): Promise<PostalShipment> {
  const counter = await counterOf(tx, dossier);
  const count = await tx.count(PostalShipment, { dossier });
  const owed = kind === ShipmentKind.DELIVERY ? (await outstandingObligations(tx, dossier)).reduce((sum, fee) => sum + fee.amount, 0) : 0;
  const shipment = tx.create(PostalShipment, {
    dossier,
    kind,
    orderNumber: `${dossier.code}-${kind === ShipmentKind.DELIVERY ? 'BC' : 'TG'}${count + 1}`,
    codAmount: owed,
    fromAddress: kind === ShipmentKind.DELIVERY ? counter.address : address,
    toAddress: kind === ShipmentKind.DELIVERY ? address : counter.address,
    createdAt: now,
  });
  await outbox.enqueue(tx, { topic: ORDER_TOPIC, payload: { shipmentId: shipment.id }, idempotencyKey: `${ORDER_TOPIC}:${shipment.id}` });
  return shipment;
}

/**
 * Cancels the parcels of `kind` still in the hub's or the post's hands
 * before pickup, in the caller's transaction: one never ordered is simply
 * cancelled; one ordered is marked cancelled and its cancellation goes to
 * the post through the outbox (if the post says it is too late, the parcel
 * is reinstated).
 */
export async function cancelShipments(tx: EntityManager, outbox: Outbox, dossier: Dossier, kind: ShipmentKind, now: Date, except?: PostalShipment): Promise<PostalShipment[]> {
  const active = await tx.find(PostalShipment, { dossier, kind, status: { $in: [ShipmentStatus.REQUESTED, ShipmentStatus.ORDERED] } });
  const cancelled = active.filter((s) => s !== except);
  for (const shipment of cancelled) {
    Object.assign(shipment, { status: ShipmentStatus.CANCELLED, finishedAt: now, cancelRequested: true });
    await outbox.enqueue(tx, { topic: CANCEL_TOPIC, payload: { shipmentId: shipment.id }, idempotencyKey: `${CANCEL_TOPIC}:${shipment.id}` });
  }
  return cancelled;
}

/**
 * The dossiers feature's hooks: a result made ready for a dossier whose
 * result goes by post gets its delivery order; a dossier filed by post gets
 * its pickup order; a dossier refused or withdrawn before the post
 * collected it has its pickup cancelled. All in the move's transaction.
 */
export function postalHooks(outbox: Outbox, clock: Clock): { onMoved: MovedHook; onPickup: PickupHook } {
  return {
    onMoved: async (tx, { dossier, from, to }) => {
      if (to === DossierStatus.RESULT_READY && from !== DossierStatus.RESULT_READY && dossier.returnMethod === ReturnMethod.POST && dossier.deliveryAddress) {
        await requestShipment(tx, outbox, dossier, ShipmentKind.DELIVERY, dossier.deliveryAddress, clock.now());
      }
      if (to === DossierStatus.WITHDRAWN || to === DossierStatus.REJECTED) await cancelShipments(tx, outbox, dossier, ShipmentKind.PICKUP, clock.now());
    },
    onPickup: async (tx, dossier, address) => {
      await requestShipment(tx, outbox, dossier, ShipmentKind.PICKUP, address, clock.now());
    },
  };
}

interface ShipmentPayload {
  shipmentId: string;
}

/** The shipment and its dossier, the dossier's row lock taken first (as every change of a dossier takes it). */
async function lockShipment(tx: EntityManager, shipmentId: string): Promise<{ shipment: PostalShipment; dossier: Dossier } | null> {
  const found = await tx.findOne(PostalShipment, shipmentId);
  if (!found) return null;
  const dossier = await tx.findOneOrFail(Dossier, found.dossier.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
  await tx.refresh(found);
  return { shipment: found, dossier };
}

const postalEntry = (tx: EntityManager, dossier: Dossier, at: Date, note: string, externalStatus: string | null = null, action: HistoryAction = HistoryAction.POSTAL_EVENT) =>
  recordHistory(tx, dossier, { action, from: dossier.status, to: dossier.status, actor: POSTAL_ACTOR, at, note, externalStatus });

/**
 * Delivers `postal.order`: places the order with the post and keeps its
 * tracking number and fee, with a history entry (the hand-over to the post
 * is a step of the dossier's processing). A refusal (an address or phone
 * the post cannot use) marks the parcel REFUSED with the post's message,
 * for the counter to correct; a post that is down is retried. A parcel
 * cancelled meanwhile is not ordered, or, when its order had already gone,
 * is cancelled at the post.
 */
export function orderHandler(deps: PostalDependencies): DeliveryHandler {
  return async (raw) => {
    const { shipmentId } = raw as unknown as ShipmentPayload;
    const em = deps.database.fork();
    const shipment = await em.findOne(PostalShipment, shipmentId);
    if (!shipment || shipment.status !== ShipmentStatus.REQUESTED || shipment.orderedAt !== null) return {};
    const dossier = await em.findOneOrFail(Dossier, shipment.dossier.id);
    const counter = await counterOf(em, dossier);
    const applicant = { name: dossier.applicant.fullName, phone: dossier.applicant.phone ?? '', email: dossier.applicant.email };
    const delivery = shipment.kind === ShipmentKind.DELIVERY;
    const centre = { name: counter.name, address: counter.address, phone: deps.senderPhone };
    let placed: { itemCode: string; fee: number };
    try {
      placed = await deps.port.order({
        orderNumber: shipment.orderNumber,
        kind: shipment.kind,
        sender: delivery ? centre : { ...applicant, address: shipment.fromAddress },
        receiver: delivery ? { ...applicant, address: shipment.toAddress } : centre,
        codAmount: shipment.codAmount,
        description: delivery ? `Kết quả giải quyết TTHC, hồ sơ ${dossier.code}` : `Hồ sơ TTHC ${dossier.code} nộp qua bưu chính`,
        dossierCode: dossier.code,
      });
    } catch (error) {
      if (!(error instanceof PostalRefusedError)) throw error;
      return {
        apply: async (tx) => {
          const locked = await lockShipment(tx, shipment.id);
          if (!locked || locked.shipment.status !== ShipmentStatus.REQUESTED) return;
          Object.assign(locked.shipment, { status: ShipmentStatus.REFUSED, error: error.message.slice(0, 1000), finishedAt: deps.clock.now() });
          postalEntry(tx, locked.dossier, deps.clock.now(), `${error.message} Sửa địa chỉ hoặc số điện thoại (đổi hình thức nhận kết quả), hoặc trả tại quầy.`, error.postalCode, HistoryAction.POSTAL_ORDER);
        },
      };
    }
    return {
      apply: async (tx) => {
        const locked = await lockShipment(tx, shipment.id);
        if (!locked || locked.shipment.orderedAt !== null) return;
        const now = deps.clock.now();
        // The post's first callbacks may have come before this answer was applied: they set its item code, never its order.
        Object.assign(locked.shipment, { itemCode: placed.itemCode, fee: placed.fee, orderedAt: now });
        if (locked.shipment.status === ShipmentStatus.CANCELLED) {
          // Cancelled while its order was on its way: the post has it now, so it is cancelled there too.
          locked.shipment.cancelRequested = true;
          await deps.outbox.enqueue(tx, { topic: CANCEL_TOPIC, payload: { shipmentId: shipment.id }, idempotencyKey: `${CANCEL_TOPIC}:${shipment.id}:ordered` });
          return;
        }
        if (locked.shipment.status === ShipmentStatus.REQUESTED) locked.shipment.status = ShipmentStatus.ORDERED;
        const what = delivery ? 'chuyển phát kết quả' : 'thu gom hồ sơ';
        const cod = locked.shipment.codAmount > 0 ? `, thu hộ ${vnd(locked.shipment.codAmount)}` : '';
        postalEntry(tx, locked.dossier, now, `Bưu điện nhận đơn ${what}: số hiệu ${placed.itemCode}, cước ${vnd(placed.fee)}${cod}.`, null, HistoryAction.POSTAL_ORDER);
      },
    };
  };
}

/**
 * Delivers `postal.cancel`: asks the post to cancel an order. When the post
 * says it cannot (the parcel has left), the parcel is reinstated and, for a
 * result, the dossier goes back to delivery by post at that address, with
 * a history entry saying why.
 */
export function cancelHandler(deps: PostalDependencies): DeliveryHandler {
  return async (raw) => {
    const { shipmentId } = raw as unknown as ShipmentPayload;
    const shipment = await deps.database.fork().findOne(PostalShipment, shipmentId);
    if (!shipment || !shipment.cancelRequested) return {};
    let refusal: PostalRefusedError | null = null;
    if (shipment.itemCode !== null) {
      try {
        await deps.port.cancel(shipment.orderNumber);
      } catch (error) {
        if (!(error instanceof PostalRefusedError)) throw error;
        refusal = error;
      }
    }
    return {
      apply: async (tx) => {
        const locked = await lockShipment(tx, shipment.id);
        if (!locked || !locked.shipment.cancelRequested) return;
        const now = deps.clock.now();
        locked.shipment.cancelRequested = false;
        if (!refusal) {
          if (locked.shipment.itemCode !== null) postalEntry(tx, locked.dossier, now, `Bưu điện đã hủy đơn ${locked.shipment.orderNumber} (số hiệu ${locked.shipment.itemCode}).`);
          return;
        }
        Object.assign(locked.shipment, { status: ShipmentStatus.ORDERED, finishedAt: null, error: refusal.message.slice(0, 1000) });
        const { dossier } = locked;
        if (locked.shipment.kind === ShipmentKind.DELIVERY && dossier.status === DossierStatus.RESULT_READY) {
          await cancelShipments(tx, deps.outbox, dossier, ShipmentKind.DELIVERY, now, locked.shipment);
          Object.assign(dossier, { returnMethod: ReturnMethod.POST, deliveryAddress: locked.shipment.toAddress, lastActionAt: now });
          postalEntry(tx, dossier, now, `${refusal.message}: kết quả vẫn được phát tới ${locked.shipment.toAddress}.`, refusal.postalCode, HistoryAction.CHANGE_RETURN_METHOD);
        } else {
          postalEntry(tx, dossier, now, `${refusal.message}.`, refusal.postalCode);
        }
      },
    };
  };
}

/** How far along a parcel is: events never move it back. */
const RANK: Record<ShipmentStatus, number> = {
  [ShipmentStatus.REQUESTED]: 0,
  [ShipmentStatus.REFUSED]: 0,
  [ShipmentStatus.ORDERED]: 1,
  [ShipmentStatus.PICKED_UP]: 2,
  [ShipmentStatus.IN_TRANSIT]: 3,
  [ShipmentStatus.DELIVERED]: 4,
  [ShipmentStatus.RETURNED]: 4,
  [ShipmentStatus.LOST]: 4,
  [ShipmentStatus.CANCELLED]: 4,
};

const STATUS_OF: Record<PostalEvent['kind'], ShipmentStatus | null> = {
  ACCEPTED: ShipmentStatus.ORDERED,
  PICKED_UP: ShipmentStatus.PICKED_UP,
  IN_TRANSIT: ShipmentStatus.IN_TRANSIT,
  DELIVERED: ShipmentStatus.DELIVERED,
  FAILED: null,
  RETURNED_TO_SENDER: ShipmentStatus.RETURNED,
  LOST: ShipmentStatus.LOST,
  CANCELLED: ShipmentStatus.CANCELLED,
};

const eventKey = (code: string, at: string) => `${code}@${at}`;

/**
 * Applies what the post reported of a parcel (by callback or tracking), in
 * the caller's transaction, holding the dossier's lock: each event once
 * (a repeat or a replay changes nothing), never moving the parcel back.
 * A result delivered records what the post collected and RETURNs the
 * dossier; a result sent back or lost goes back to the counter. Answers
 * how many events were new.
 */
export async function applyPostalEvents(tx: EntityManager, shipment: PostalShipment, dossier: Dossier, events: readonly PostalEvent[], deps: PostalDependencies): Promise<number> {
  const seen = new Set(shipment.events.map((e) => eventKey(e.code, e.at)));
  let added = 0;
  for (const event of [...events].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    const at = event.at.toISOString();
    if (seen.has(eventKey(event.code, at))) continue;
    seen.add(eventKey(event.code, at));
    added += 1;
    const stored: StoredEvent = { code: event.code, kind: event.kind, label: event.label, at, note: event.note };
    shipment.events = [...shipment.events, stored];
    if (shipment.lastEventAt === null || event.at > shipment.lastEventAt) shipment.lastEventAt = event.at;
    // A parcel the hub cancelled keeps its events; its cancellation's answer decides what becomes of it.
    if (shipment.status === ShipmentStatus.CANCELLED && shipment.cancelRequested) continue;
    const next = STATUS_OF[event.kind];
    const note = [event.label, event.note].filter(Boolean).join(': ');
    if (next === null) {
      postalEntry(tx, dossier, deps.clock.now(), `${note} (số hiệu ${shipment.itemCode ?? shipment.orderNumber}).`, event.code);
      continue;
    }
    if (RANK[next] <= RANK[shipment.status]) continue;
    shipment.status = next;
    if (next === ShipmentStatus.PICKED_UP) shipment.pickedUpAt = event.at;
    if (RANK[next] === 4) shipment.finishedAt = event.at;
    await onStatus(tx, shipment, dossier, event, note, deps);
  }
  return added;
}

/** What a parcel's new status means for its dossier. */
async function onStatus(tx: EntityManager, shipment: PostalShipment, dossier: Dossier, event: PostalEvent, note: string, deps: PostalDependencies): Promise<void> {
  const now = deps.clock.now();
  const item = shipment.itemCode ?? shipment.orderNumber;
  const delivery = shipment.kind === ShipmentKind.DELIVERY;
  switch (shipment.status) {
    case ShipmentStatus.ORDERED:
    case ShipmentStatus.IN_TRANSIT:
      return;
    case ShipmentStatus.PICKED_UP:
      postalEntry(tx, dossier, now, delivery ? `Bưu điện đã nhận kết quả để phát (số hiệu ${item}).` : `Bưu điện đã nhận hồ sơ giấy tại ${shipment.fromAddress} (số hiệu ${item}).`, event.code);
      return;
    case ShipmentStatus.DELIVERED:
      if (!delivery) {
        postalEntry(tx, dossier, now, `Bưu điện đã giao hồ sơ giấy tới bộ phận một cửa (số hiệu ${item}): cán bộ kiểm tra và tiếp nhận.`, event.code);
        return;
      }
      await resultDelivered(tx, shipment, dossier, event, deps);
      return;
    case ShipmentStatus.RETURNED:
    case ShipmentStatus.LOST:
      if (shipment.status === ShipmentStatus.LOST) shipment.flag = delivery ? 'Bưu gửi kết quả thất lạc: cần cấp lại bản kết quả và trả tại quầy' : 'Bưu gửi hồ sơ thất lạc: liên hệ người nộp';
      if (delivery && dossier.status === DossierStatus.RESULT_READY && dossier.returnMethod === ReturnMethod.POST) {
        Object.assign(dossier, { returnMethod: ReturnMethod.COUNTER, lastActionAt: now });
        postalEntry(tx, dossier, now, `${note} (số hiệu ${item}): kết quả chuyển về bộ phận một cửa, trả tại quầy.`, event.code);
      } else {
        postalEntry(tx, dossier, now, `${note} (số hiệu ${item}).`, event.code);
      }
      return;
    case ShipmentStatus.CANCELLED:
      postalEntry(tx, dossier, now, `${note} (số hiệu ${item}).`, event.code);
      return;
    case ShipmentStatus.REQUESTED:
    case ShipmentStatus.REFUSED:
      return;
  }
}

/** The post delivered a result: what it collected pays what is owed (thu hộ), and the dossier is RETURNED, as the post's act. */
async function resultDelivered(tx: EntityManager, shipment: PostalShipment, dossier: Dossier, event: PostalEvent, deps: PostalDependencies): Promise<void> {
  const item = shipment.itemCode ?? shipment.orderNumber;
  const collected = event.codCollected ?? 0;
  shipment.codCollected = collected;
  if (dossier.status !== DossierStatus.RESULT_READY) {
    postalEntry(tx, dossier, deps.clock.now(), `Bưu điện phát thành công (số hiệu ${item}).`, event.code);
    return;
  }
  const moves = new DossierMoves(new DocumentService(tx, deps.documents), { clock: deps.clock, officeHours: deps.officeHours, ...(deps.onMoved ? { onMoved: deps.onMoved } : {}) });
  // The post hands the result over at the one-stop door's behalf: it acts as the receiving counter.
  const party = { actor: POSTAL_ACTOR, facts: { roles: new Set([Role.OFFICER]), isApplicant: false, isReceivingAgencyOfficer: true, isCurrentAgencyOfficer: false, isPostalService: true } };
  const owed = (await outstandingObligations(tx, dossier)).reduce((sum, fee) => sum + fee.amount, 0);
  if (owed > 0 && collected >= owed) await moves.apply(tx, dossier, DossierAction.RECORD_PAYMENT, { postalCollection: { itemCode: item } }, party);
  if (collected > owed) shipment.flag = `Bưu điện thu hộ ${vnd(collected)} nhưng hồ sơ chỉ còn phải nộp ${vnd(owed)}: hoàn trả phần chênh lệch`;
  if (owed > collected) shipment.flag = `Bưu điện thu hộ ${vnd(collected)} nhưng hồ sơ còn phải nộp ${vnd(owed)}: cần thu bổ sung`;
  await moves.apply(tx, dossier, DossierAction.RETURN, { note: `Bưu điện phát thành công (số hiệu ${item})${event.note ? `: ${event.note}` : ''}.`, externalStatus: event.code }, party);
}

/** What the callback endpoint did with a status callback. */
export type CallbackOutcome = 'APPLIED' | 'REPEAT' | 'REFUSED';

/** A status callback from the post: checked (signature, customer, known order), then applied like tracking. */
export async function applyPostalCallback(raw: string, signature: string | undefined, deps: PostalDependencies): Promise<CallbackOutcome> {
  const callback = deps.port.callbacks.read(raw, signature);
  if (!callback.valid) {
    deps.logger.warn({ reason: callback.reason }, 'postal callback refused');
    return 'REFUSED';
  }
  const found = await deps.database.fork().findOne(PostalShipment, { orderNumber: callback.orderNumber });
  if (!found || (found.itemCode !== null && found.itemCode !== callback.itemCode)) {
    deps.logger.warn({ orderNumber: callback.orderNumber }, 'postal callback for an unknown order');
    return 'REFUSED';
  }
  return deps.database.fork().transactional(async (tx) => {
    const locked = await lockShipment(tx, found.id);
    if (!locked) return 'REFUSED';
    locked.shipment.itemCode ??= callback.itemCode;
    const added = await applyPostalEvents(tx, locked.shipment, locked.dossier, [callback.event], deps);
    return added > 0 ? 'APPLIED' : 'REPEAT';
  });
}

/** Parcels asked about per run of the tracking job. */
const TRACKING_BATCH = 200;

/**
 * The tracking job: every parcel on its way is asked of the post and what
 * it reports is applied, so a lost callback never leaves a delivered
 * result unreturned. Each parcel in its own transaction; one that fails is
 * logged and the others go on. Answers how many parcels changed.
 */
export async function trackShipments(deps: PostalDependencies): Promise<number> {
  const onTheirWay = await deps.database
    .fork()
    .find(
      PostalShipment,
      { status: { $in: ACTIVE_SHIPMENT.filter((s) => s !== ShipmentStatus.REQUESTED) }, itemCode: { $ne: null } },
      { orderBy: { lastEventAt: 'asc nulls first' }, limit: TRACKING_BATCH },
    );
  let changed = 0;
  for (const candidate of onTheirWay) {
    try {
      const events = await deps.port.track(candidate.itemCode ?? '');
      const added = await deps.database.fork().transactional(async (tx) => {
        const locked = await lockShipment(tx, candidate.id);
        return locked ? applyPostalEvents(tx, locked.shipment, locked.dossier, events, deps) : 0;
      });
      if (added > 0) changed += 1;
    } catch (error) {
      deps.logger.warn({ err: error, itemCode: candidate.itemCode }, 'parcel not tracked: tried again at the next run');
    }
  }
  return changed;
}
