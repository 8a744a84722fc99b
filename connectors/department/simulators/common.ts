import { readFileSync } from 'node:fs';
import { createServer, ServerResponse, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as soap from 'soap';

/**
 * How a simulator answers, settable at any time: `normal`; `slow` (every
 * answer waits `slowMs` first); `down` (HTTP 503 with a plain-text body, no
 * SOAP, as a proxy in front of a stopped system answers); `fault` (every
 * operation is a SOAP Fault LOI_HE_THONG, as a system under maintenance).
 * The WSDL (`?wsdl`) is served in every mode but `down`.
 */
export type SimulatorMode = 'normal' | 'slow' | 'down' | 'fault';

export interface DepartmentSimulatorOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The WS-Security UsernameToken (PasswordText) it accepts. */
  username: string;
  password: string;
  /** A received dossier is finished, with a result document, this long after it arrived. */
  processingMs: number;
  /** Default 'normal'. */
  mode?: SimulatorMode;
  /** How long every answer waits in 'slow' mode. Default 10000. */
  slowMs?: number;
}

/** A dossier a simulator took, once per sender's key. */
export interface ReceivedDossier {
  /** The sender's key (MaGiaoDich, KhoaGuiLai). */
  key: string;
  /** The hub's dossier code (MaHoSo, SoHoSo). */
  dossierCode: string;
  /** The simulator's own reference it answered (MaBienNhan, SoDen). */
  reference: string;
  receivedAt: Date;
  /** The request as the soap package parsed it (decimals kept as the exact strings sent). */
  request: Record<string, unknown>;
}

export interface DepartmentSimulator {
  /** The SOAP endpoint (the served WSDL's soap:address names it). */
  readonly url: string;
  /** Settable at any time; applies to the next request. */
  mode: SimulatorMode;
  /** The wait of every answer in 'slow' mode, settable at any time. */
  slowMs: number;
  /** Distinct dossiers received, in order (a repeated key is not added twice). */
  readonly received: readonly ReceivedDossier[];
  /** Finishes every received, unfinished dossier now (tests), as if processingMs had passed. */
  finishAll(): void;
  /** Clears every timer and closes every connection, a pending slow answer included. */
  stop(): Promise<void>;
}

export const DEFAULT_SLOW_MS = 10_000;

/** What a refusal carries: SOAP 1.1 fields, the code in detail/MaLoi, and the HTTP status. */
export interface SoapFault {
  Fault: { faultcode: string; faultstring: string; detail: { MaLoi: string }; statusCode: number };
}

/** The sender's request lacks a field or has one the system cannot read: the sender must act. */
export function invalidRequest(message: string): SoapFault {
  return { Fault: { faultcode: 'soap:Client', faultstring: message, detail: { MaLoi: 'DU_LIEU_KHONG_HOP_LE' }, statusCode: 500 } };
}

/** What every operation answers in 'fault' mode. */
export function maintenanceFault(): SoapFault {
  return { Fault: { faultcode: 'soap:Server', faultstring: 'Hệ thống đang bảo trì, vui lòng thử lại sau.', detail: { MaLoi: 'LOI_HE_THONG' }, statusCode: 500 } };
}

/** A non-empty trimmed string field, or null. */
export function text(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const trimmed = String(value).trim();
  return trimmed === '' ? null : trimmed;
}

/** The soap package hands a missing or empty body element over as undefined or ''. */
export function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** True when the WS-Security header carries this user name and PasswordText password. */
export function hasUsernameToken(security: unknown, username: string, password: string): boolean {
  const token = (security as { UsernameToken?: { Username?: string; Password?: string | { $value?: string } } } | undefined)?.UsernameToken;
  const sent = typeof token?.Password === 'object' ? token.Password.$value : token?.Password;
  return token?.Username === username && sent === password;
}

/** PDF text is Latin-1 in the standard fonts: Vietnamese without its marks, and the string delimiters escaped. */
function pdfString(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/[\\()]/g, (c) => `\\${c}`);
}

/**
 * A small one-page PDF 1.4 (a few hundred bytes, a correct cross-reference
 * table) whose text names the document and the dossier: what a department
 * attaches as its result, real enough for a viewer and for a check of the
 * first bytes.
 */
export function resultPdf(title: string, dossierCode: string): Buffer {
  const content = `BT /F1 14 Tf 72 770 Td (${pdfString(title)}) Tj 0 -24 Td (Ho so: ${pdfString(dossierCode)}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  // Every character is ASCII (pdfString saw to it), so string offsets are byte offsets.
  return Buffer.from(pdf, 'latin1');
}

/**
 * Every timer of a simulator: unref'd, so that a forgotten simulator does
 * not keep a test process alive, and cleared at once by stop(). A sleep
 * cut short by clear() resolves, so that nothing waits on it for ever.
 */
export class Timers {
  private readonly pending = new Map<NodeJS.Timeout, (() => void) | undefined>();
  private cleared = false;

  /** Whether clear() was called: nothing new is scheduled after. */
  get stopped(): boolean {
    return this.cleared;
  }

  /** Runs `run` after `ms`, or `onCancel` if the timers are cleared first. */
  after(ms: number, run: () => void, onCancel?: () => void): void {
    if (this.cleared) {
      onCancel?.();
      return;
    }
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      run();
    }, ms);
    timer.unref();
    this.pending.set(timer, onCancel);
  }

  /** Resolves after `ms`, or at once when the timers are cleared. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve, resolve));
  }

  clear(): void {
    this.cleared = true;
    const cancelled = [...this.pending];
    this.pending.clear();
    for (const [timer, onCancel] of cancelled) {
      clearTimeout(timer);
      onCancel?.();
    }
  }
}

/** What an operation may ask of the exchange it serves. */
export interface Exchange {
  /** Runs `run` once the answer has gone (or the connection closed): a report must not overtake the answer it follows. */
  afterAnswer(run: () => void): void;
}

/** One SOAP operation: the parsed body element in, the answer object out (or a thrown SoapFault). */
export type Operation = (args: Record<string, unknown>, exchange: Exchange) => unknown;

export interface SoapEndpointConfig {
  options: DepartmentSimulatorOptions;
  /** The URL path, e.g. "/motcua". */
  path: string;
  wsdlFile: string;
  /** The WSDL's service and port names. */
  service: string;
  port: string;
  operations: Record<string, Operation>;
  /** Read at every request, so that tests can change the mode at any time. */
  settings: { mode: SimulatorMode; slowMs: number };
  timers: Timers;
}

export interface SoapEndpoint {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * What every department simulator's handle has: its URL, its live mode
 * and delay, what it received, and a stop that clears its timers; the
 * simulator adds `finishAll` and its own extras with Object.assign (the
 * getters stay live).
 */
export class SimulatorControls {
  constructor(
    private readonly endpoint: SoapEndpoint,
    private readonly settings: { mode: SimulatorMode; slowMs: number },
    readonly received: readonly ReceivedDossier[],
    private readonly timers: Timers,
  ) {}

  get url(): string {
    return this.endpoint.url;
  }

  get mode(): SimulatorMode {
    return this.settings.mode;
  }

  set mode(mode: SimulatorMode) {
    this.settings.mode = mode;
  }

  get slowMs(): number {
    return this.settings.slowMs;
  }

  set slowMs(ms: number) {
    this.settings.slowMs = ms;
  }

  stop(): Promise<void> {
    this.timers.clear();
    return this.endpoint.stop();
  }
}

/** soap.listen, resolved once its listener is on the server (the WSDL is parsed on the next tick). */
export async function listenSoap(server: Server, options: soap.IServerOptions): Promise<soap.Server> {
  let ready: (error: unknown) => void = () => undefined;
  const parsed = new Promise<void>((resolve, reject) => {
    ready = (error) => (error ? reject(error instanceof Error ? error : new Error('the WSDL could not be parsed')) : resolve());
  });
  const soapServer = soap.listen(server, { ...options, callback: (error: unknown) => ready(error) });
  await parsed;
  return soapServer;
}

/** Listens on host:port (0: a free one) and answers the address the server got. */
export async function listenHttp(server: Server, host: string, port: number): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/**
 * A department system's SOAP endpoint, as the population simulator serves
 * its own: a node:http server, soap.listen with the WSDL whose soap:address
 * is rewritten to the real URL, the WS-Security check, the simulator's
 * operations. In front of the soap package sits the mode: 'down' and
 * 'slow' act on the HTTP request before any SOAP is read, 'fault' replaces
 * every operation.
 */
export async function startSoapEndpoint(config: SoapEndpointConfig): Promise<SoapEndpoint> {
  const { options, path, settings, timers } = config;
  const host = options.host ?? '127.0.0.1';
  const server: Server = createServer();
  const port = await listenHttp(server, host, options.port ?? 0);
  const url = `http://${host}:${port}${path}`;
  const wsdl = readFileSync(config.wsdlFile, 'utf8').replace(/<soap:address location="[^"]*"\/>/, `<soap:address location="${url}"/>`);

  const operations: Record<string, soap.ISoapServiceMethod> = {};
  for (const [name, operation] of Object.entries(config.operations)) {
    operations[name] = (args: unknown, _callback: unknown, _headers: unknown, _req: unknown, res: unknown) => {
      // The soap package sends a thrown { Fault } object as a SOAP fault.
      // eslint-disable-next-line @typescript-eslint/only-throw-error
      if (settings.mode === 'fault') throw maintenanceFault();
      const exchange: Exchange = {
        afterAnswer: (run) => (res instanceof ServerResponse ? res.once('close', run) : timers.after(0, run, run)),
      };
      return operation(record(args), exchange);
    };
  }
  const soapServer = await listenSoap(server, {
    path,
    services: { [config.service]: { [config.port]: operations } },
    xml: wsdl,
    suppressStack: true,
    // Keeps xsd:decimal as the exact text sent (a fee of 1500000.50 stays "1500000.50"), not a binary float.
    customDeserializer: { decimal: (value: string) => value },
  } as soap.IServerOptions);
  soapServer.authenticate = (security: unknown) => hasUsernameToken(security, options.username, options.password);

  // soap.listen put its own listener on the server; the mode goes in front of it.
  const soapListeners = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  const toSoap = (req: IncomingMessage, res: ServerResponse): void => {
    for (const listener of soapListeners) listener.call(server, req, res);
  };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const pathname = new URL(req.url ?? '/', url).pathname.replace(/\/$/, '');
    if (pathname !== path) {
      res.statusCode = 404;
      res.end();
      return;
    }
    switch (settings.mode) {
      case 'down':
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('Hệ thống tạm ngừng hoạt động (503 Service Unavailable).\n');
        return;
      case 'slow':
        // The body waits unread in the socket; stop() clears the timer and drops the connection.
        timers.after(settings.slowMs, () => toSoap(req, res));
        return;
      case 'normal':
      case 'fault':
        toSoap(req, res);
        return;
    }
  });

  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
