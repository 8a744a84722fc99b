import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the hostile upstream does with the next requests. */
export type HostileMode =
  /** Forwards to the real simulator and passes its answer back unchanged. */
  | { kind: 'proxy' }
  /** Forwards to the simulator and moves every element of its answer to another namespace. */
  | { kind: 'foreign-namespace'; namespace: string }
  /** Answers this status and body, as they are. */
  | { kind: 'answer'; status: number; body: string; contentType?: string }
  /** Streams `bytes` of well-formed-looking XML, in chunks, until done or the client hangs up. */
  | { kind: 'huge'; bytes: number };

export const SOAP_NAMESPACE = 'urn:lienthong:csdlqg-dancu:v1';

/** A SOAP 1.1 envelope around `body`, after an optional prolog (a DOCTYPE, say). */
export const envelope = (body: string, prolog = ''): string =>
  `<?xml version="1.0" encoding="utf-8"?>${prolog}<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${body}</soap:Body></soap:Envelope>`;

/** A SOAP 1.1 fault, with the registry's error code in detail/MaLoi when given. */
export const soapFault = (faultcode: string, faultstring: string, maLoi?: string): string =>
  envelope(`<soap:Fault><faultcode>${faultcode}</faultcode><faultstring>${faultstring}</faultstring>${maLoi ? `<detail><MaLoi>${maLoi}</MaLoi></detail>` : ''}</soap:Fault>`);

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/**
 * A node:http server that plays the population database badly: faults that
 * name internal hosts, bodies of many megabytes, answers in the wrong
 * namespace. Counts the health checks (KiemTraKetNoi) it receives.
 */
export class HostileSoapServer {
  mode: HostileMode = { kind: 'proxy' };
  /** SOAP operations received, in order (from the SOAPAction header). */
  readonly operations: string[] = [];
  private server: Server | undefined;

  constructor(private readonly simulatorUrl: string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch(() => res.destroy());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/dancu`;
  }

  /** How many health checks reached it. */
  pings(): number {
    return this.operations.filter((operation) => operation === 'KiemTraKetNoi').length;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = await readBody(req);
    const action = String(req.headers.soapaction ?? '').replaceAll('"', '');
    this.operations.push(action.slice(action.indexOf('#') + 1));
    const mode = this.mode;
    switch (mode.kind) {
      case 'proxy':
      case 'foreign-namespace': {
        const upstream = await fetch(this.simulatorUrl, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: String(req.headers.soapaction ?? '') }, body: new Uint8Array(request) });
        let text = await upstream.text();
        if (mode.kind === 'foreign-namespace') text = text.replaceAll(SOAP_NAMESPACE, mode.namespace);
        res.writeHead(upstream.status, { 'content-type': 'text/xml; charset=utf-8' }).end(text);
        return;
      }
      case 'answer':
        res.writeHead(mode.status, { 'content-type': mode.contentType ?? 'text/xml; charset=utf-8' }).end(mode.body);
        return;
      case 'huge':
        await streamHugeAnswer(res, mode.bytes);
        return;
    }
  }
}

/** Streams `bytes` of well-formed-looking SOAP, in chunks, until done or the client hangs up (a size-cap attack). */
export async function streamHugeAnswer(res: ServerResponse, bytes: number): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
  const chunk = Buffer.alloc(64 * 1024, '<x>a</x>');
  let sent = 0;
  res.write('<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>');
  while (sent < bytes && !res.destroyed) {
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.once('drain', done);
        res.once('close', done);
      });
    }
    sent += chunk.length;
  }
  res.end('</soap:Body></soap:Envelope>');
}
