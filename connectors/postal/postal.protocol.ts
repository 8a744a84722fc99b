import { createHmac, timingSafeEqual } from 'node:crypto';
import type { PostalEventKind } from '../../src/postal/postal.port';

/**
 * Vietnam Post's order API as provinces reach it through the NGSP/LGSP
 * gateway (DOMAIN.md §5; OpenCPS calls `…/apiVNPostNGSP/p1.0/order/{post|cancel|tracking}`),
 * shared by the adapter and the simulator.
 *
 * - Token: `POST /token`, form `grant_type=client_credentials`, the client's
 *   id and secret as HTTP Basic (OAuth2 client credentials, as WSO2 gateways
 *   serve it); answers `{ access_token, token_type: "Bearer", expires_in }`.
 * - Every order call carries `Authorization: Bearer <token>`; an expired or
 *   unknown token is HTTP 401.
 * - Answers carry `Status` ("100" done; other codes below) and `Message`.
 * - Status callbacks to the centre: the same fields as a tracking event,
 *   with the order's numbers, signed by `X-Signature`: HMAC-SHA256 (hex) of
 *   the raw body with the client secret.
 *
 * The sources name the order fields (CustomerCode, OrderNumber, CODAmount,
 * sender and receiver name, address, phone, province and district) and the
 * three operations, not the answers, the status codes or the callback's
 * signature: those below are this hub's reading, in one place to change
 * when the centre's contract with the post says otherwise.
 */

export const BASE_PATH = '/apiVNPostNGSP/p1.0/order';
export const TOKEN_PATH = '/token';
export const SIGNATURE_HEADER = 'x-signature';

/** Answer codes (Status). */
export const STATUS_OK = '100';
export const STATUS_INVALID = '201';
export const STATUS_UNKNOWN_CUSTOMER = '202';
/** Cancel refused: the parcel has been picked up already. */
export const STATUS_TOO_LATE = '203';
export const STATUS_NOT_FOUND = '204';

/** ServiceCode: carrying a result home, or collecting a paper dossier (thu gom). */
export const SERVICE_DELIVERY = 'PHAT_KQ_TTHC';
export const SERVICE_PICKUP = 'THU_GOM_HS_TTHC';

export interface OrderRequest {
  CustomerCode: string;
  OrderNumber: string;
  ServiceCode: string;
  /** Whole VND collected on delivery (thu hộ), as digits. */
  CODAmount: string;
  SenderName: string;
  SenderAddress: string;
  SenderTel: string;
  SenderEmail: string;
  SenderProvince: string;
  SenderDistrict: string;
  SenderDesc: string;
  Description: string;
  ReceiverName: string;
  ReceiverAddress: string;
  ReceiverTel: string;
  ReceiverEmail: string;
  ReceiverProvince: string;
  ReceiverDistrict: string;
}

export interface OrderAnswer {
  Status: string;
  Message?: string;
  OrderNumber?: string;
  /** The tracking number (số hiệu bưu gửi) from the customer's pre-allocated pool. */
  ItemCode?: string;
  /** The postal fee (cước), whole VND, as digits. */
  TotalFee?: string;
}

export interface CancelRequest {
  CustomerCode: string;
  OrderNumber: string;
}

export interface TrackingRequest {
  CustomerCode: string;
  ItemCode: string;
}

export interface TrackingEventMessage {
  StatusCode: string;
  StatusName: string;
  /** yyyyMMddHHmmss, the centre's time. */
  EventTime: string;
  Note: string;
  /** DELIVERED: what was collected (thu hộ), digits; otherwise "0". */
  CODAmount: string;
}

export interface TrackingAnswer {
  Status: string;
  Message?: string;
  ItemCode?: string;
  OrderNumber?: string;
  Events?: TrackingEventMessage[];
}

export type CallbackMessage = TrackingEventMessage & { CustomerCode: string; OrderNumber: string; ItemCode: string };

/** The post's event codes, and what each means to the hub (data: one table to change). */
export const EVENT_CODES: Readonly<Record<string, { kind: PostalEventKind; label: string }>> = {
  '1': { kind: 'ACCEPTED', label: 'Đã nhận đơn hàng' },
  '2': { kind: 'PICKED_UP', label: 'Đã nhận bưu gửi' },
  '3': { kind: 'IN_TRANSIT', label: 'Đang vận chuyển' },
  '4': { kind: 'IN_TRANSIT', label: 'Đang phát' },
  '5': { kind: 'DELIVERED', label: 'Phát thành công' },
  '6': { kind: 'FAILED', label: 'Phát không thành công' },
  '7': { kind: 'RETURNED_TO_SENDER', label: 'Chuyển hoàn' },
  '8': { kind: 'LOST', label: 'Bưu gửi thất lạc' },
  '9': { kind: 'CANCELLED', label: 'Đã hủy đơn hàng' },
};

/** The code of each kind the simulator reports (the first in the table). */
export const CODE_OF = (kind: PostalEventKind): string => Object.entries(EVENT_CODES).find(([, e]) => e.kind === kind)?.[0] ?? '';

/** X-Signature of a callback body. */
export function signCallback(rawBody: string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex');
}

/** Whether `given` is the body's signature, compared in constant time. */
export function validCallbackSignature(rawBody: string, given: string | undefined, secret: string): boolean {
  if (typeof given !== 'string' || !/^[0-9a-f]{64}$/i.test(given)) return false;
  return timingSafeEqual(Buffer.from(given.toLowerCase(), 'hex'), Buffer.from(signCallback(rawBody, secret), 'hex'));
}
