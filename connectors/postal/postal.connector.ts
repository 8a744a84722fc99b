import { UpstreamError } from '../../src/errors';
import type { CallOptions } from '../../src/integration/call-options';
import type { ExchangeRecorder } from '../../src/integration/exchange.port';
import { PostalRefusedError, type PlacedOrder, type PostalCallback, type PostalEvent, type PostalOrder, type PostalService } from '../../src/postal/postal.port';
import { parseCentreTime } from '../shared/centre-time';
import { postJson } from '../shared/json-exchange';
import {
  BASE_PATH,
  EVENT_CODES,
  SERVICE_DELIVERY,
  SERVICE_PICKUP,
  STATUS_OK,
  TOKEN_PATH,
  validCallbackSignature,
  type CallbackMessage,
  type CancelRequest,
  type OrderAnswer,
  type OrderRequest,
  type TrackingAnswer,
  type TrackingEventMessage,
  type TrackingRequest,
} from './postal.protocol';

export interface PostalAdapterConfig {
  /** The gateway's base URL (token at /token, the order API under /apiVNPostNGSP/p1.0/order). */
  url: string;
  clientId: string;
  clientSecret: string;
  customerCode: string;
  instance: string;
  recorder?: ExchangeRecorder;
}

/** A token is renewed this long before the gateway says it expires. */
const TOKEN_MARGIN_MS = 30_000;
const LABEL = 'Dịch vụ bưu chính công ích';

const digits = (value: unknown): number | null => (typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : null);

/**
 * Vietnam Post's order API over the province's gateway (postal.protocol.ts):
 * an OAuth2 client-credentials token, kept until shortly before it expires
 * and renewed once when the gateway answers 401; orders, cancellations and
 * tracking as JSON; every exchange in the exchange log (digests, never
 * bodies). Retries and timeouts wrap it from outside.
 */
export class HttpPostalService implements PostalService {
  readonly callbacks: PostalService['callbacks'];
  private token: { value: string; expiresAt: number; renewBefore: number } | null = null;
  private pendingToken: Promise<string> | null = null;

  constructor(private readonly config: PostalAdapterConfig) {
    this.callbacks = { read: (raw, signature) => readCallback(raw, signature, config) };
  }

  async order(order: PostalOrder, options: CallOptions = {}): Promise<PlacedOrder> {
    const request: OrderRequest = {
      CustomerCode: this.config.customerCode,
      OrderNumber: order.orderNumber,
      ServiceCode: order.kind === 'DELIVERY' ? SERVICE_DELIVERY : SERVICE_PICKUP,
      CODAmount: String(order.codAmount),
      SenderName: order.sender.name,
      SenderAddress: order.sender.address,
      SenderTel: order.sender.phone,
      SenderEmail: order.sender.email ?? '',
      // Addresses go as text: since the 2025 reform (no districts, new wards) the post sorts them itself.
      SenderProvince: '',
      SenderDistrict: '',
      SenderDesc: '',
      Description: order.description,
      ReceiverName: order.receiver.name,
      ReceiverAddress: order.receiver.address,
      ReceiverTel: order.receiver.phone,
      ReceiverEmail: order.receiver.email ?? '',
      ReceiverProvince: '',
      ReceiverDistrict: '',
    };
    const answer = await this.call<OrderAnswer>('ORDER', '/post', request, order.dossierCode, options);
    const fee = digits(answer.TotalFee);
    if (answer.Status !== STATUS_OK) throw refused(answer, 'Bưu điện từ chối đơn hàng');
    if (typeof answer.ItemCode !== 'string' || !/^[A-Z0-9]{6,20}$/.test(answer.ItemCode) || fee === null) {
      throw new UpstreamError(this.config.instance, 'Bưu điện nhận đơn nhưng không trả số hiệu bưu gửi hoặc cước hợp lệ.');
    }
    return { itemCode: answer.ItemCode, fee };
  }

  async cancel(orderNumber: string, options: CallOptions = {}): Promise<void> {
    const request: CancelRequest = { CustomerCode: this.config.customerCode, OrderNumber: orderNumber };
    const answer = await this.call<OrderAnswer>('CANCEL', '/cancel', request, null, options);
    if (answer.Status !== STATUS_OK) throw refused(answer, 'Bưu điện không hủy được đơn hàng');
  }

  async track(itemCode: string, options: CallOptions = {}): Promise<PostalEvent[]> {
    const request: TrackingRequest = { CustomerCode: this.config.customerCode, ItemCode: itemCode };
    const answer = await this.call<TrackingAnswer>('TRACKING', '/tracking', request, null, options);
    if (answer.Status !== STATUS_OK) throw refused(answer, 'Bưu điện không tra cứu được bưu gửi');
    if (!Array.isArray(answer.Events)) throw new UpstreamError(this.config.instance, 'Bưu điện trả lời tra cứu không có danh sách sự kiện.');
    // An event of a code the table does not know is left out (and shown in the exchange log's answer), never guessed.
    return answer.Events.map(readEvent).filter((event): event is PostalEvent => event !== null);
  }

  /** One call of the order API with the current token; a 401 renews the token once and tries again. */
  private async call<T>(operation: string, path: string, body: unknown, dossierCode: string | null, options: CallOptions): Promise<T> {
    const send = async (token: string) =>
      postJson<T>(
        {
          instance: this.config.instance,
          label: LABEL,
          recorder: this.config.recorder,
          endpoint: `${this.base()}${BASE_PATH}${path}`,
          operation,
          dossierCode,
          body: JSON.stringify(body),
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          readStatuses: [401],
        },
        options,
      );
    const token = await this.accessToken(options);
    let result = await send(token);
    if (result.status === 401) {
      // Forgotten only if no other call has renewed it meanwhile.
      if (this.token?.value === token) this.token = null;
      result = await send(await this.accessToken(options));
      if (result.status === 401) throw new UpstreamError(this.config.instance, 'Cổng kết nối bưu chính không chấp nhận mã truy cập của trung tâm.');
    }
    return result.answer;
  }

  private base(): string {
    return this.config.url.replace(/\/$/, '');
  }

  /** The token in hand, or a new one (one request at a time however many calls wait for it). */
  private async accessToken(options: CallOptions): Promise<string> {
    if (this.token && this.token.expiresAt - this.token.renewBefore > Date.now()) return this.token.value;
    this.pendingToken ??= this.fetchToken(options).finally(() => (this.pendingToken = null));
    return this.pendingToken;
  }

  private async fetchToken(options: CallOptions): Promise<string> {
    const basic = Buffer.from(`${encodeURIComponent(this.config.clientId)}:${encodeURIComponent(this.config.clientSecret)}`).toString('base64');
    const { status, answer } = await postJson<{ access_token?: unknown; token_type?: unknown; expires_in?: unknown }>(
      {
        instance: this.config.instance,
        label: LABEL,
        recorder: this.config.recorder,
        endpoint: `${this.base()}${TOKEN_PATH}`,
        operation: 'TOKEN',
        dossierCode: null,
        body: 'grant_type=client_credentials',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
        readStatuses: [400, 401],
      },
      options,
    );
    if (status !== 200) throw new UpstreamError(this.config.instance, 'Cổng kết nối bưu chính từ chối cấp mã truy cập: kiểm tra POSTAL_CLIENT_ID và POSTAL_CLIENT_SECRET.');
    if (typeof answer.access_token !== 'string' || answer.access_token === '' || String(answer.token_type).toLowerCase() !== 'bearer') {
      throw new UpstreamError(this.config.instance, 'Cổng kết nối bưu chính trả mã truy cập không hợp lệ.');
    }
    const lifetime = typeof answer.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in : 300;
    // Renewed a little before it expires: 30 s before, or half its life for a short-lived token.
    this.token = { value: answer.access_token, expiresAt: Date.now() + lifetime * 1000, renewBefore: Math.min(TOKEN_MARGIN_MS, lifetime * 500) };
    return answer.access_token;
  }
}

function refused(answer: { Status?: unknown; Message?: unknown }, what: string): PostalRefusedError {
  const code = typeof answer.Status === 'string' ? answer.Status : '';
  const message = typeof answer.Message === 'string' && answer.Message.trim() ? `: ${answer.Message.trim().slice(0, 300)}` : '';
  return new PostalRefusedError(code, `${what} (mã ${code})${message}`);
}

function readEvent(message: TrackingEventMessage): PostalEvent | null {
  const code = String(message.StatusCode);
  // Only the table's own codes: "constructor" or "__proto__" is unknown, never an event.
  const known = Object.hasOwn(EVENT_CODES, code) ? EVENT_CODES[code] : undefined;
  const at = parseCentreTime(message.EventTime);
  if (!known || !at) return null;
  return {
    kind: known.kind,
    code,
    label: typeof message.StatusName === 'string' && message.StatusName.trim() ? message.StatusName.trim().slice(0, 200) : known.label,
    at,
    note: typeof message.Note === 'string' && message.Note.trim() ? message.Note.trim().slice(0, 500) : null,
    codCollected: known.kind === 'DELIVERED' ? digits(message.CODAmount) : null,
  };
}

/** A status callback as the post sent it, believed only once its signature over the raw body matches. */
function readCallback(raw: string, signature: string | undefined, config: { customerCode: string; clientSecret: string }): PostalCallback {
  if (!validCallbackSignature(raw, signature, config.clientSecret)) return { valid: false, reason: 'signature does not match' };
  let message: Partial<CallbackMessage>;
  try {
    message = JSON.parse(raw) as Partial<CallbackMessage>;
  } catch {
    return { valid: false, reason: 'not JSON' };
  }
  if (message === null || typeof message !== 'object') return { valid: false, reason: 'not a JSON object' };
  if (message.CustomerCode !== config.customerCode) return { valid: false, reason: 'another customer' };
  if (typeof message.OrderNumber !== 'string' || typeof message.ItemCode !== 'string') return { valid: false, reason: 'order or item missing' };
  const event = readEvent(message as TrackingEventMessage);
  if (!event) return { valid: false, reason: 'unknown status code or time' };
  return { valid: true, orderNumber: message.OrderNumber, itemCode: message.ItemCode, event };
}
