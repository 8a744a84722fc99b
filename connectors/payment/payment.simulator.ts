import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  CONFIRM_OK,
  CURRENCY,
  platformTime,
  QUERY_FAILED,
  QUERY_PAID,
  sameSignature,
  signConfirm,
  signInit,
  signQuery,
  signQueryAnswer,
  type ConfirmMessage,
  type InitRequest,
  type QueryRequest,
} from './payment.protocol';
import { listen, readBody, sendJson as json, stopServer } from '../shared/simulator-http';

/**
 * The national payment platform, simulated (issue 12): a real HTTP server
 * speaking the protocol of payment.protocol.ts. INIT (POST /api/init)
 * answers a checkout URL; the checkout page (GET) shows the amount and a
 * form that POSTs `action=pay` or `action=cancel` back to the same URL,
 * after which the platform sends the signed CONFIRM to the partner's
 * callback URL; QUERY (POST /api/query) tells where a payment stands. The
 * callback can be dropped, delayed or repeated, to try the hub against a
 * platform that loses, delays or replays its confirmations.
 */

/** What happens to a CONFIRM once the payer has paid or cancelled. */
export type CallbackMode = 'normal' | 'drop' | 'delay' | 'repeat';

export interface PaymentSimulatorOptions {
  host?: string;
  port?: number;
  partnerCode: string;
  secret: string;
  /** Where CONFIRM goes (the hub's endpoint); settable later with `callbackUrl`. */
  callbackUrl?: string;
  callbackMode?: CallbackMode;
  /** The wait of a 'delay' callback. */
  callbackDelayMs?: number;
}

export interface SimulatedPayment {
  reference: string;
  amount: string;
  status: 'PENDING' | 'PAID' | 'CANCELLED';
  transactionId: string | null;
  paidAt: string | null;
  token: string;
  description: string;
}

export interface SentCallback {
  reference: string;
  code: string;
  httpStatus: number | null;
  error: string | null;
}

export interface PaymentSimulator {
  url: string;
  callbackUrl: string | null;
  callbackMode: CallbackMode;
  callbackDelayMs: number;
  readonly payments: ReadonlyMap<string, SimulatedPayment>;
  /** Every CONFIRM sent (or attempted), in order. */
  readonly callbacks: readonly SentCallback[];
  /** Resolves once every callback in flight has been sent. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** MaLoi of a payment the payer cancelled. */
const CONFIRM_CANCELLED = '24';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export async function startPaymentSimulator(options: PaymentSimulatorOptions): Promise<PaymentSimulator> {
  const payments = new Map<string, SimulatedPayment>();
  const byToken = new Map<string, SimulatedPayment>();
  const callbacks: SentCallback[] = [];
  const inFlight = new Set<Promise<void>>();
  const timers = new Set<NodeJS.Timeout>();
  let sequence = 0;

  // The simulator's settings are its own fields: a test changes them on the object it was given.
  const simulator: PaymentSimulator = {
    url: '',
    callbackUrl: options.callbackUrl ?? null,
    callbackMode: options.callbackMode ?? 'normal',
    callbackDelayMs: options.callbackDelayMs ?? 2_000,
    payments,
    callbacks,
    async idle() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    stop: () => stopServer(server, timers),
  };


  const send = async (payment: SimulatedPayment, code: string): Promise<void> => {
    const message: Omit<ConfirmMessage, 'MaXacThuc'> = {
      LoaiBanTin: 'CONFIRM',
      MaLoi: code,
      MaDoiTac: options.partnerCode,
      MaThamChieu: payment.reference,
      SoTien: payment.amount,
      MaTienTe: CURRENCY,
      MaGiaoDich: payment.transactionId ?? '',
      MaNganHang: 'SIMBANK',
      ThoiGianGD: payment.paidAt ?? platformTime(new Date()),
      ThongTinGiaoDich: payment.description,
    };
    const body = JSON.stringify({ ...message, MaXacThuc: signConfirm(message, options.secret) });
    const record: SentCallback = { reference: payment.reference, code, httpStatus: null, error: null };
    callbacks.push(record);
    if (!simulator.callbackUrl) {
      record.error = 'no callback URL';
      return;
    }
    try {
      const response = await fetch(simulator.callbackUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(10_000) });
      record.httpStatus = response.status;
      await response.text();
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    }
  };

  const confirm = (payment: SimulatedPayment, code: string): void => {
    const track = (run: () => Promise<void>) => {
      const p = run().finally(() => inFlight.delete(p));
      inFlight.add(p);
    };
    switch (simulator.callbackMode) {
      case 'drop':
        callbacks.push({ reference: payment.reference, code, httpStatus: null, error: 'dropped (callbackMode drop)' });
        return;
      case 'delay': {
        let release: () => void = () => undefined;
        const waiting = new Promise<void>((resolve) => (release = resolve));
        const timer = setTimeout(() => {
          timers.delete(timer);
          release();
        }, simulator.callbackDelayMs);
        timers.add(timer);
        track(async () => {
          await waiting;
          await send(payment, code);
        });
        return;
      }
      case 'repeat':
        track(async () => {
          await send(payment, code);
          await send(payment, code);
        });
        return;
      case 'normal':
        track(() => send(payment, code));
    }
  };

  const page = (payment: SimulatedPayment, note = ''): string => `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Thanh toán trực tuyến</title></head>
<body><main>
<h1>Cổng thanh toán (mô phỏng)</h1>
<p>Mã tham chiếu: <strong id="reference">${escapeHtml(payment.reference)}</strong></p>
<p>Nội dung: ${escapeHtml(payment.description)}</p>
<p>Số tiền: <strong id="amount">${Number(payment.amount).toLocaleString('vi-VN')} đồng</strong></p>
<p id="status">${payment.status === 'PAID' ? 'Đã thanh toán' : payment.status === 'CANCELLED' ? 'Đã hủy' : 'Chờ thanh toán'}</p>
${note ? `<p id="note">${escapeHtml(note)}</p>` : ''}
${payment.status === 'PENDING' ? `<form method="post"><button name="action" value="pay">Thanh toán</button> <button name="action" value="cancel">Hủy</button></form>` : ''}
</main></body></html>`;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    if (req.method === 'POST' && url.pathname === '/api/init') {
      const init = JSON.parse(await readBody(req)) as Partial<InitRequest>;
      if (init.MaDoiTac !== options.partnerCode) return json(res, 200, { error_code: '11', message: 'Mã đối tác không hợp lệ' });
      if (!sameSignature(init.MaXacThuc, signInit(init as Omit<InitRequest, 'MaXacThuc'>, options.secret))) return json(res, 200, { error_code: '12', message: 'Sai mã xác thực' });
      if (typeof init.SoTien !== 'string' || !/^[1-9]\d{0,14}$/.test(init.SoTien) || init.MaTienTe !== CURRENCY) return json(res, 200, { error_code: '13', message: 'Số tiền hoặc loại tiền không hợp lệ' });
      if (typeof init.MaThamChieu !== 'string' || !/^[A-Za-z0-9._-]{1,50}$/.test(init.MaThamChieu)) return json(res, 200, { error_code: '14', message: 'Mã tham chiếu không hợp lệ' });
      const known = payments.get(init.MaThamChieu);
      if (known) {
        // The same reference again: the same checkout, if it is the same payment.
        if (known.amount !== init.SoTien) return json(res, 200, { error_code: '15', message: 'Mã tham chiếu đã dùng cho số tiền khác' });
        return json(res, 200, { error_code: '0', UrlThanhToan: `${simulator.url}/checkout/${known.token}` });
      }
      const payment: SimulatedPayment = {
        reference: init.MaThamChieu,
        amount: init.SoTien,
        status: 'PENDING',
        transactionId: null,
        paidAt: null,
        token: randomBytes(16).toString('hex'),
        description: String(init.ThongTinGiaoDich ?? ''),
      };
      payments.set(payment.reference, payment);
      byToken.set(payment.token, payment);
      return json(res, 200, { error_code: '0', UrlThanhToan: `${simulator.url}/checkout/${payment.token}` });
    }
    if (req.method === 'POST' && url.pathname === '/api/query') {
      const query = JSON.parse(await readBody(req)) as Partial<QueryRequest>;
      if (query.MaDoiTac !== options.partnerCode || !sameSignature(query.MaXacThuc, signQuery(query as Omit<QueryRequest, 'MaXacThuc'>, options.secret))) {
        return json(res, 200, { error_code: '12', message: 'Sai mã xác thực' });
      }
      const payment = payments.get(String(query.MaThamChieu));
      if (!payment) return json(res, 200, { error_code: '16', message: 'Không có giao dịch với mã tham chiếu này' });
      const answer = {
        error_code: '0',
        MaThamChieu: payment.reference,
        TrangThaiGD: payment.status === 'PAID' ? QUERY_PAID : payment.status === 'CANCELLED' ? QUERY_FAILED : '0',
        SoTien: payment.amount,
        MaGiaoDich: payment.transactionId ?? '',
        ThoiGianGD: payment.paidAt ?? '',
      };
      return json(res, 200, { ...answer, MaXacThuc: signQueryAnswer(answer, options.secret) });
    }
    const checkout = /^\/checkout\/([0-9a-f]{32})$/.exec(url.pathname);
    const payment = checkout ? byToken.get(checkout[1] ?? '') : undefined;
    if (checkout && payment && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(payment));
      return;
    }
    if (checkout && payment && req.method === 'POST') {
      const action = new URLSearchParams(await readBody(req)).get('action');
      if (payment.status !== 'PENDING') {
        res.writeHead(409, { 'content-type': 'text/html; charset=utf-8' }).end(page(payment, 'Giao dịch đã kết thúc.'));
        return;
      }
      if (action === 'pay') {
        sequence += 1;
        Object.assign(payment, { status: 'PAID', transactionId: `SIM${String(sequence).padStart(10, '0')}`, paidAt: platformTime(new Date()) });
        confirm(payment, CONFIRM_OK);
      } else if (action === 'cancel') {
        payment.status = 'CANCELLED';
        confirm(payment, CONFIRM_CANCELLED);
      } else {
        res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(page(payment, 'Thao tác không hợp lệ.'));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(payment));
      return;
    }
    json(res, 404, { error_code: '404', message: 'Không có' });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) json(res, 400, { error_code: '99', message: 'Yêu cầu không hợp lệ' });
    });
  });
  simulator.url = await listen(server, options);
  return simulator;
}
