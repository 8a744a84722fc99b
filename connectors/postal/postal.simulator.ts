import { randomBytes, randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { centreTime } from '../shared/centre-time';
import { listen, readBody, sendJson, stopServer } from '../shared/simulator-http';
import {
  BASE_PATH,
  CODE_OF,
  EVENT_CODES,
  SERVICE_DELIVERY,
  SERVICE_PICKUP,
  signCallback,
  SIGNATURE_HEADER,
  STATUS_INVALID,
  STATUS_NOT_FOUND,
  STATUS_OK,
  STATUS_TOO_LATE,
  STATUS_UNKNOWN_CUSTOMER,
  TOKEN_PATH,
  type CallbackMessage,
  type OrderRequest,
  type TrackingEventMessage,
} from './postal.protocol';

/**
 * Vietnam Post's order API, simulated (issue 12): a real HTTP server with
 * the OAuth2 token endpoint, order, cancel and tracking
 * (postal.protocol.ts). A parcel is picked up a quarter of the way through
 * `deliveryMs`, is in transit, then meets its outcome at `deliveryMs`:
 * delivered (with what it collected on delivery), failed and sent back,
 * reported lost, or never heard of again after pickup (silent). With a
 * callback URL, each event is also sent to the centre, signed, as it
 * happens.
 */

/** What becomes of a parcel (fixed when it is ordered). */
export type ParcelOutcome = 'DELIVERED' | 'FAILED' | 'LOST' | 'SILENT';
export const PARCEL_OUTCOMES: readonly ParcelOutcome[] = ['DELIVERED', 'FAILED', 'LOST', 'SILENT'];

export interface PostalSimulatorOptions {
  host?: string;
  port?: number;
  clientId: string;
  clientSecret: string;
  customerCode: string;
  /** From order to outcome. */
  deliveryMs?: number;
  outcome?: ParcelOutcome;
  /** Lifetime of the tokens it issues. */
  tokenLifetimeSeconds?: number;
  /** Where status callbacks go (the hub's endpoint); settable later with `callbackUrl`. */
  callbackUrl?: string;
}

export interface SimulatedOrder {
  request: OrderRequest;
  itemCode: string;
  fee: number;
  placedAt: number;
  outcome: ParcelOutcome;
  deliveryMs: number;
  cancelledAt: number | null;
}

export interface SentPostalCallback {
  orderNumber: string;
  statusCode: string;
  httpStatus: number | null;
  error: string | null;
}

export interface PostalSimulator {
  url: string;
  callbackUrl: string | null;
  /** Applies to orders placed from now on. */
  deliveryMs: number;
  outcome: ParcelOutcome;
  /** One order's outcome, set before it is placed (by order number). */
  readonly outcomes: Map<string, ParcelOutcome>;
  readonly orders: ReadonlyMap<string, SimulatedOrder>;
  readonly callbacks: readonly SentPostalCallback[];
  /** Every token issued so far stops working (as a gateway restart does). */
  expireTokens(): void;
  /** Resolves once every callback due so far has been sent. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** The cost of carrying (cước), whole VND: a flat rate per service and 1 % of what is collected on delivery (10,000 at least). */
export function postalFee(serviceCode: string, codAmount: number): number {
  const base = serviceCode === SERVICE_PICKUP ? 18_000 : 22_000;
  return base + (codAmount > 0 ? Math.max(10_000, Math.round(codAmount / 100)) : 0);
}

/** The parcel's events up to `now`, oldest first. */
export function parcelEvents(order: SimulatedOrder, now: number): TrackingEventMessage[] {
  return parcelTimeline(order)
    .filter((e) => e.at <= now)
    .map((e) => e.event);
}

/** Every event the parcel will have (unless cancelled later), each with when it happens. */
function parcelTimeline(order: SimulatedOrder): Array<{ at: number; event: TrackingEventMessage }> {
  const at = (fraction: number) => order.placedAt + Math.round(order.deliveryMs * fraction);
  const cod = order.request.CODAmount;
  const timeline: Array<{ at: number; code: string; note: string; cod?: string }> = [
    { at: order.placedAt, code: CODE_OF('ACCEPTED'), note: '' },
    { at: at(0.25), code: CODE_OF('PICKED_UP'), note: order.request.ServiceCode === SERVICE_PICKUP ? 'Bưu tá đã nhận hồ sơ tại địa chỉ người gửi' : 'Bưu tá đã nhận kết quả tại bộ phận một cửa' },
    { at: at(0.5), code: CODE_OF('IN_TRANSIT'), note: '' },
  ];
  switch (order.outcome) {
    case 'DELIVERED':
      timeline.push({ at: at(1), code: CODE_OF('DELIVERED'), note: `Người nhận: ${order.request.ReceiverName}`, cod });
      break;
    case 'FAILED':
      timeline.push({ at: at(1), code: CODE_OF('FAILED'), note: 'Người nhận vắng nhà, đã phát lại không thành công' }, { at: at(1), code: CODE_OF('RETURNED_TO_SENDER'), note: 'Chuyển hoàn về người gửi' });
      break;
    case 'LOST':
      timeline.push({ at: at(1), code: CODE_OF('LOST'), note: 'Bưu gửi thất lạc trong quá trình vận chuyển' });
      break;
    case 'SILENT':
      break;
  }
  const cancelledAt = order.cancelledAt;
  const events = cancelledAt === null ? timeline : [...timeline.filter((e) => e.at < cancelledAt || e.code === CODE_OF('ACCEPTED')), { at: cancelledAt, code: CODE_OF('CANCELLED'), note: 'Hủy theo yêu cầu của khách hàng' }];
  return events.map((e) => ({ at: e.at, event: { StatusCode: e.code, StatusName: EVENT_CODES[e.code]?.label ?? '', EventTime: centreTime(new Date(e.at)), Note: e.note, CODAmount: e.cod ?? '0' } }));
}

const REQUIRED: ReadonlyArray<keyof OrderRequest> = ['OrderNumber', 'ServiceCode', 'SenderName', 'SenderAddress', 'ReceiverName', 'ReceiverAddress', 'ReceiverTel'];

/** What is wrong with an order, as the post says it; null when it can be placed. */
function orderProblem(request: Partial<OrderRequest>): string | null {
  for (const field of REQUIRED) {
    const value = request[field];
    if (typeof value !== 'string' || value.trim() === '') return `Thiếu ${field}`;
  }
  if (!/^[A-Za-z0-9._-]{1,60}$/.test(request.OrderNumber ?? '')) return 'OrderNumber không hợp lệ';
  if (request.ServiceCode !== SERVICE_DELIVERY && request.ServiceCode !== SERVICE_PICKUP) return 'ServiceCode không hợp lệ';
  if (!/^\+?\d{9,12}$/.test((request.ReceiverTel ?? '').replace(/[\s.-]/g, ''))) return 'ReceiverTel không hợp lệ';
  if (typeof request.CODAmount !== 'string' || !/^\d{1,12}$/.test(request.CODAmount)) return 'CODAmount không hợp lệ';
  return null;
}

const sameOrder = (a: OrderRequest, b: Partial<OrderRequest>) => JSON.stringify(a) === JSON.stringify({ ...a, ...b });

export async function startPostalSimulator(options: PostalSimulatorOptions): Promise<PostalSimulator> {
  const orders = new Map<string, SimulatedOrder>();
  const byItem = new Map<string, SimulatedOrder>();
  const outcomes = new Map<string, ParcelOutcome>();
  const tokens = new Map<string, number>();
  const callbacks: SentPostalCallback[] = [];
  const inFlight = new Set<Promise<void>>();
  const chains = new Map<string, Promise<void>>();
  // A pool of tracking numbers as the post allocates them (UPU S10: two letters, nine digits, VN).
  let nextItem = randomInt(100_000_000, 800_000_000);
  const timers = new Set<NodeJS.Timeout>();
  // The simulator's settings are its own fields: a test changes them on the object it was given.
  const simulator: PostalSimulator = {
    url: '',
    callbackUrl: options.callbackUrl ?? null,
    deliveryMs: options.deliveryMs ?? 60_000,
    outcome: options.outcome ?? 'DELIVERED',
    outcomes,
    orders,
    callbacks,
    expireTokens() {
      tokens.clear();
    },
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    stop: () => stopServer(server, timers),
  };

  const sendCallback = async (order: SimulatedOrder, event: TrackingEventMessage): Promise<void> => {
    const record: SentPostalCallback = { orderNumber: order.request.OrderNumber, statusCode: event.StatusCode, httpStatus: null, error: null };
    callbacks.push(record);
    if (!simulator.callbackUrl) {
      record.error = 'no callback URL';
      return;
    }
    const message: CallbackMessage = { CustomerCode: options.customerCode, OrderNumber: order.request.OrderNumber, ItemCode: order.itemCode, ...event };
    const body = JSON.stringify(message);
    try {
      const response = await fetch(simulator.callbackUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signCallback(body, options.clientSecret) },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      record.httpStatus = response.status;
      await response.text();
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    }
  };

  /** Each event of the parcel, sent when it happens. */
  const scheduleCallbacks = (order: SimulatedOrder): void => {
    // Events of one moment share one timer, in the timeline's order: two timers for one moment, each given its delay
    // a millisecond apart, could fire in the other order (seen: RETURNED_TO_SENDER before FAILED).
    const moments = new Map<number, TrackingEventMessage[]>();
    for (const { at, event } of parcelTimeline(order)) moments.set(at, [...(moments.get(at) ?? []), event]);
    const now = Date.now();
    for (const [at, events] of moments) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        // A parcel cancelled meanwhile reports nothing more.
        if (order.cancelledAt !== null) return;
        for (const event of events) {
          // One parcel's callbacks go one after the other, in the order they happened.
          const previous = chains.get(order.itemCode) ?? Promise.resolve();
          const p = previous.then(() => sendCallback(order, event)).finally(() => inFlight.delete(p));
          chains.set(order.itemCode, p);
          inFlight.add(p);
        }
      }, Math.max(0, at - now));
      timers.add(timer);
    }
  };

  const authorised = (req: IncomingMessage): boolean => {
    const match = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '');
    const expiresAt = match ? tokens.get(match[1] ?? '') : undefined;
    return expiresAt !== undefined && expiresAt > Date.now();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    if (req.method === 'POST' && url.pathname === TOKEN_PATH) {
      const form = new URLSearchParams(await readBody(req));
      const basic = /^Basic (\S+)$/.exec(req.headers.authorization ?? '');
      const [id, secret] = basic ? Buffer.from(basic[1] ?? '', 'base64').toString('utf8').split(':').map(decodeURIComponent) : [];
      if (form.get('grant_type') !== 'client_credentials') return sendJson(res, 400, { error: 'unsupported_grant_type' });
      if (id !== options.clientId || secret !== options.clientSecret) return sendJson(res, 401, { error: 'invalid_client' });
      const token = randomBytes(24).toString('base64url');
      const lifetime = options.tokenLifetimeSeconds ?? 3600;
      tokens.set(token, Date.now() + lifetime * 1000);
      return sendJson(res, 200, { access_token: token, token_type: 'Bearer', expires_in: lifetime });
    }
    if (req.method !== 'POST' || !url.pathname.startsWith(`${BASE_PATH}/`)) return sendJson(res, 404, { Status: STATUS_NOT_FOUND, Message: 'Không có' });
    if (!authorised(req)) return sendJson(res, 401, { error: 'invalid_token' });
    const body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    if (body.CustomerCode !== options.customerCode) return sendJson(res, 200, { Status: STATUS_UNKNOWN_CUSTOMER, Message: 'Mã khách hàng không hợp lệ' });
    switch (url.pathname.slice(BASE_PATH.length)) {
      case '/post': {
        const request = body as Partial<OrderRequest>;
        const problem = orderProblem(request);
        if (problem) return sendJson(res, 200, { Status: STATUS_INVALID, Message: problem });
        const known = orders.get(request.OrderNumber ?? '');
        if (known) {
          if (!sameOrder(known.request, request)) return sendJson(res, 200, { Status: STATUS_INVALID, Message: 'OrderNumber đã dùng cho đơn hàng khác' });
          return sendJson(res, 200, { Status: STATUS_OK, Message: 'Đơn hàng đã có', OrderNumber: known.request.OrderNumber, ItemCode: known.itemCode, TotalFee: String(known.fee) });
        }
        const placed = request as OrderRequest;
        nextItem += 1;
        const order: SimulatedOrder = {
          request: placed,
          itemCode: `${placed.ServiceCode === SERVICE_PICKUP ? 'RR' : 'EL'}${nextItem}VN`,
          fee: postalFee(placed.ServiceCode, Number(placed.CODAmount)),
          placedAt: Date.now(),
          outcome: outcomes.get(placed.OrderNumber) ?? simulator.outcome,
          deliveryMs: simulator.deliveryMs,
          cancelledAt: null,
        };
        orders.set(placed.OrderNumber, order);
        byItem.set(order.itemCode, order);
        scheduleCallbacks(order);
        return sendJson(res, 200, { Status: STATUS_OK, Message: 'Thành công', OrderNumber: placed.OrderNumber, ItemCode: order.itemCode, TotalFee: String(order.fee) });
      }
      case '/cancel': {
        const order = orders.get(String(body.OrderNumber));
        if (!order) return sendJson(res, 200, { Status: STATUS_NOT_FOUND, Message: 'Không có đơn hàng' });
        if (order.cancelledAt !== null) return sendJson(res, 200, { Status: STATUS_OK, Message: 'Đơn hàng đã hủy trước đó' });
        const pickedUp = parcelEvents(order, Date.now()).some((e) => e.StatusCode !== CODE_OF('ACCEPTED'));
        if (pickedUp) return sendJson(res, 200, { Status: STATUS_TOO_LATE, Message: 'Bưu gửi đã được nhận, không hủy được' });
        order.cancelledAt = Date.now();
        return sendJson(res, 200, { Status: STATUS_OK, Message: 'Đã hủy' });
      }
      case '/tracking': {
        const order = byItem.get(String(body.ItemCode));
        if (!order) return sendJson(res, 200, { Status: STATUS_NOT_FOUND, Message: 'Không có bưu gửi' });
        return sendJson(res, 200, { Status: STATUS_OK, ItemCode: order.itemCode, OrderNumber: order.request.OrderNumber, Events: parcelEvents(order, Date.now()) });
      }
      default:
        return sendJson(res, 404, { Status: STATUS_NOT_FOUND, Message: 'Không có' });
    }
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 400, { Status: STATUS_INVALID, Message: 'Yêu cầu không hợp lệ' });
    });
  });
  simulator.url = await listen(server, options);
  return simulator;
}
