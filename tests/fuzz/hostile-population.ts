import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { citizenToXml } from '../../connectors/population/population.mapping';
import { syntheticCitizen } from '../../connectors/population/synthetic-citizen';

/**
 * A hostile stand-in for the national population database: it answers the
 * hub's population connector with whatever the running scenario says
 * (faults naming internal hosts, Oracle errors, foreign personal ids,
 * broken or huge XML, entity bombs, wrong content types, slow or cut
 * answers, redirects). Everything it says that a client of the hub must
 * never see is in UPSTREAM_MARKERS.
 */

const TNS = 'urn:lienthong:csdlqg-dancu:v1';
const SOAP_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';

export const INTERNAL_HOST = 'csdl-dancu-db01.c06.bca.internal';
export const INTERNAL_IP = '10.12.0.7';
export const ORACLE_ERROR = 'ORA-00942: table or view does not exist';
/** A 12-digit personal id the hub never sent: it can only come from the upstream. */
export const FOREIGN_ID = '079201009999';
export const CREDENTIALS = { username: 'hub-fuzz', password: 'hub-fuzz-password' };

/** This machine's name, which the XXE scenario tries to read from /etc/hostname (when long enough to be told apart). */
function hostname(): string | undefined {
  try {
    const text = readFileSync('/etc/hostname', 'utf8').trim();
    return text.length >= 8 ? text : undefined;
  } catch {
    return undefined;
  }
}
const LOCAL_HOSTNAME = hostname();

/** Text that only the upstream says: none of it may reach a client of the hub. */
export const UPSTREAM_MARKERS: ReadonlyArray<string | RegExp> = [
  INTERNAL_HOST,
  INTERNAL_IP,
  'ORA-',
  FOREIGN_ID,
  'java.lang',
  'ldap://',
  'nginx',
  'lollol',
  '&lol',
  '&xxe',
  'root:x:0',
  CREDENTIALS.password,
  /<\?xml|<!DOCTYPE|<!ENTITY/i,
  /<\/?(?:soap|SOAP-ENV|tns|env|html|body):?[A-Za-z]*[\s>/]/,
  ...(LOCAL_HOSTNAME ? [LOCAL_HOSTNAME] : []),
];

/** The first upstream marker in `text`, with some context, or undefined. */
export function upstreamTextIn(text: string): string | undefined {
  for (const marker of UPSTREAM_MARKERS) {
    const at = typeof marker === 'string' ? text.indexOf(marker) : text.search(marker);
    if (at >= 0) return `${String(marker)} in ${JSON.stringify(text.slice(Math.max(0, at - 60), at + 80))}`;
  }
  return undefined;
}

/** One call of the hub, as the hostile server read it. */
export interface SoapCall {
  operation: 'TraCuuCongDan' | 'KiemTraKetNoi' | 'unknown';
  requestId: string;
  personalId: string;
}

export interface HostileScenario {
  name: string;
  /**
   * refuse: every lookup must fail cleanly (UPSTREAM_UNAVAILABLE, or a
   * userError in the hub's own words) and save nothing; either: the answer
   * may also be taken (a valid answer with an odd label); valid: the
   * control, every lookup must succeed.
   */
  expect: 'refuse' | 'either' | 'valid';
  /** The operations to run (default all): slow and huge scenarios run fewer, to keep the suite's time bounded. */
  operations?: ReadonlyArray<'lookup' | 'submit' | 'receive' | 'health'>;
  respond(call: SoapCall, res: ServerResponse, server: HostilePopulationServer): void | Promise<void>;
}

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Elements of `value` in the service's namespace (elementFormDefault qualified). */
function elements(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return escapeXml(String(value));
  if (typeof value !== 'object') return '';
  return Object.entries(value as Record<string, unknown>)
    .map(([key, v]) => `<tns:${key}>${elements(v)}</tns:${key}>`)
    .join('');
}

export function envelope(body: string, namespace = TNS, prolog = '<?xml version="1.0" encoding="utf-8"?>'): string {
  return `${prolog}<soap:Envelope xmlns:soap="${SOAP_ENV}" xmlns:tns="${namespace}"><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

/** The CongDan element of a personal id's synthetic citizen; `name` replaces the given name (raw XML). */
function congDan(personalId: string, givenNameXml?: string): string {
  const citizen = syntheticCitizen(personalId) ?? syntheticCitizen('038095001234')!;
  const xml = elements(citizenToXml({ ...citizen, personalId }));
  return `<tns:CongDan>${givenNameXml === undefined ? xml : xml.replace(/<tns:Ten>[^<]*<\/tns:Ten>/, `<tns:Ten>${givenNameXml}</tns:Ten>`)}</tns:CongDan>`;
}

export function lookupAnswer(call: SoapCall, collection: string): string {
  return `<tns:TraCuuCongDanResponse><tns:MaYeuCau>${escapeXml(call.requestId)}</tns:MaYeuCau><tns:CongdanCollection>${collection}</tns:CongdanCollection></tns:TraCuuCongDanResponse>`;
}

function pingAnswer(state: string): string {
  return `<tns:KiemTraKetNoiResponse><tns:TrangThai>${state}</tns:TrangThai></tns:KiemTraKetNoiResponse>`;
}

/** The valid answer to a call: its citizen, or OK to a health check. */
function validBody(call: SoapCall, namespace = TNS): string {
  return envelope(call.operation === 'KiemTraKetNoi' ? pingAnswer('OK') : lookupAnswer(call, congDan(call.personalId)), namespace);
}

function fault(code: string, message: string, detail: string): string {
  return envelope(`<soap:Fault><faultcode>${code}</faultcode><faultstring>${escapeXml(message)}</faultstring><detail>${detail}</detail></soap:Fault>`);
}

function send(res: ServerResponse, status: number, contentType: string, body: string, extra: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': contentType, ...extra });
  res.end(body);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

/** Streams `head`, then `filler` until about `bytes`, then `tail`, honouring back-pressure (the body is never held whole). */
async function stream(res: ServerResponse, head: string, filler: string, bytes: number, tail: string): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
  res.write(head);
  const chunk = Buffer.from(filler.repeat(Math.ceil(65_536 / filler.length)));
  for (let sent = 0; sent < bytes && !res.destroyed; sent += chunk.length) {
    if (!res.write(chunk)) await drained(res);
  }
  if (!res.destroyed) res.end(tail);
}

const LEAKY_MESSAGE = `${ORACLE_ERROR} (${INTERNAL_HOST} ${INTERNAL_IP}) SoDinhDanh=${FOREIGN_ID}`;
const JAVA_STACK = `java.lang.NullPointerException\n\tat vn.gov.bca.dancu.TraCuuService.traCuu(TraCuuService.java:42) on ${INTERNAL_HOST}`;
const LOL_DTD = `<!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]>`;
const XXE_DTD = '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/hostname"><!ENTITY xxe2 SYSTEM "file:///etc/passwd">]>';

/** The scenarios, the control first. */
export const SCENARIOS: readonly HostileScenario[] = [
  { name: 'a valid answer (control)', expect: 'valid', respond: (call, res) => send(res, 200, 'text/xml; charset=utf-8', validBody(call)) },
  {
    name: 'a SOAP fault naming an internal host, an Oracle error and a personal id',
    expect: 'refuse',
    respond: (_call, res) => send(res, 500, 'text/xml; charset=utf-8', fault('soap:Server', LEAKY_MESSAGE, `<stack>${escapeXml(JAVA_STACK)}</stack>`)),
  },
  {
    name: 'a consent fault whose message carries upstream text',
    expect: 'refuse',
    respond: (_call, res) => send(res, 500, 'text/xml; charset=utf-8', fault('soap:Client', `Từ chối: ${LEAKY_MESSAGE}`, '<MaLoi>CONSENT_REQUIRED</MaLoi>')),
  },
  {
    name: 'an INVALID_REQUEST fault whose message carries upstream text',
    expect: 'refuse',
    respond: (_call, res) => send(res, 500, 'text/xml; charset=utf-8', fault('soap:Client', LEAKY_MESSAGE, '<MaLoi>INVALID_REQUEST</MaLoi>')),
  },
  {
    name: 'XML that is not well-formed',
    expect: 'refuse',
    respond: (_call, res) => send(res, 200, 'text/xml; charset=utf-8', `<?xml version="1.0"?><soap:Envelope xmlns:soap="${SOAP_ENV}"><soap:Body><tns:TraCuuCongDanResponse><<${ORACLE_ERROR} &&& </soap:Body>`),
  },
  {
    name: 'an envelope cut off mid-body (connection closed before Content-Length)',
    expect: 'refuse',
    respond: (call, res) => {
      const body = validBody(call);
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) });
      res.write(body.slice(0, Math.floor(body.length / 2)));
      setTimeout(() => res.destroy(), 20);
    },
  },
  {
    name: 'an envelope that simply ends halfway',
    expect: 'refuse',
    respond: (call, res) => {
      const body = validBody(call);
      send(res, 200, 'text/xml; charset=utf-8', body.slice(0, Math.floor(body.length / 2)));
    },
  },
  { name: 'an empty 200 answer', expect: 'refuse', respond: (_call, res) => send(res, 200, 'text/xml; charset=utf-8', '') },
  {
    name: 'an answer in another namespace',
    expect: 'refuse',
    respond: (call, res) => send(res, 200, 'text/xml; charset=utf-8', validBody(call, 'urn:attacker:csdl-dancu:v9')),
  },
  {
    name: 'an answer about another citizen, naming a foreign personal id',
    expect: 'refuse',
    respond: (call, res) =>
      send(res, 200, 'text/xml; charset=utf-8', call.operation === 'KiemTraKetNoi' ? validBody(call) : envelope(lookupAnswer(call, congDan(FOREIGN_ID)))),
  },
  {
    name: 'an XML entity bomb (billion laughs)',
    expect: 'refuse',
    respond: (call, res) =>
      send(res, 200, 'text/xml; charset=utf-8', envelope(call.operation === 'KiemTraKetNoi' ? pingAnswer('&lol9;') : lookupAnswer(call, congDan(call.personalId, '&lol9;')), TNS, `<?xml version="1.0"?>${LOL_DTD}`)),
  },
  {
    name: 'an XXE attempt (external entities naming local files)',
    expect: 'refuse',
    respond: (call, res) =>
      send(res, 200, 'text/xml; charset=utf-8', envelope(call.operation === 'KiemTraKetNoi' ? pingAnswer('&xxe;') : lookupAnswer(call, congDan(call.personalId, '&xxe;&xxe2;')), TNS, `<?xml version="1.0"?>${XXE_DTD}`)),
  },
  {
    name: 'a 24 MB answer (upstream text in one huge element)',
    expect: 'refuse',
    operations: ['lookup', 'health'],
    respond: async (call, res) => {
      const filler = `${ORACLE_ERROR} ${INTERNAL_HOST} `;
      const [head, tail] = (call.operation === 'KiemTraKetNoi' ? envelope(pingAnswer('\u0001')) : envelope(lookupAnswer(call, congDan(call.personalId, '\u0001')))).split('\u0001');
      await stream(res, head, filler, 24 * 1024 * 1024, tail);
    },
  },
  {
    name: 'XML nested 100,000 levels deep',
    expect: 'refuse',
    respond: async (_call, res) => {
      const [head, tail] = envelope('\u0001').split('\u0001');
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
      res.write(head);
      const open = Buffer.from('<a>'.repeat(10_000));
      const close = Buffer.from('</a>'.repeat(10_000));
      for (let i = 0; i < 10 && !res.destroyed; i += 1) if (!res.write(open)) await drained(res);
      for (let i = 0; i < 10 && !res.destroyed; i += 1) if (!res.write(close)) await drained(res);
      if (!res.destroyed) res.end(tail);
    },
  },
  {
    name: "a proxy's HTML error page naming the internal host",
    expect: 'refuse',
    respond: (_call, res) => send(res, 502, 'text/html', `<html><body><h1>502 Bad Gateway</h1><p>upstream ${INTERNAL_HOST} (${INTERNAL_IP}) timed out</p><hr>nginx/1.18.0</body></html>`),
  },
  {
    name: 'JSON instead of XML',
    expect: 'refuse',
    respond: (_call, res) => send(res, 200, 'application/json', JSON.stringify({ error: ORACLE_ERROR, host: INTERNAL_HOST, soDinhDanh: FOREIGN_ID })),
  },
  { name: 'a valid answer labelled text/html', expect: 'either', respond: (call, res) => send(res, 200, 'text/html', validBody(call)) },
  {
    name: 'HTTP 500 with a Java stack trace in plain text',
    expect: 'refuse',
    respond: (_call, res) => send(res, 500, 'text/plain', JAVA_STACK),
  },
  {
    name: 'HTTP 401 naming the directory server',
    expect: 'refuse',
    respond: (_call, res) => send(res, 401, 'text/plain', `LDAP bind failed for ${CREDENTIALS.username} at ldap://ldap01.c06.bca.internal (${INTERNAL_IP})`, { 'www-authenticate': `Basic realm="${INTERNAL_HOST}"` }),
  },
  {
    name: 'an answer slower than the timeout',
    expect: 'refuse',
    operations: ['lookup', 'submit', 'health'],
    respond: async (call, res) => {
      await sleep(2500);
      send(res, 200, 'text/xml; charset=utf-8', validBody(call));
    },
  },
  {
    name: 'an answer that trickles in a few bytes at a time',
    expect: 'refuse',
    operations: ['lookup', 'submit', 'health'],
    respond: async (call, res) => {
      const body = validBody(call);
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
      for (let i = 0; i < 30 && !res.destroyed; i += 1) {
        res.write(body.slice(i * 4, i * 4 + 4));
        await sleep(100);
      }
      if (!res.destroyed) res.end(body.slice(120));
    },
  },
  {
    name: 'a redirect (307) to another server',
    expect: 'refuse',
    respond: (_call, res, server) => send(res, 307, 'text/plain', 'moved', { location: server.redirectTarget }),
  },
  { name: 'a connection closed without an answer', expect: 'refuse', respond: (_call, res) => res.socket?.destroy() },
  {
    name: 'a health check answering an Oracle error (lookups valid)',
    expect: 'either',
    respond: (call, res) =>
      send(res, 200, 'text/xml; charset=utf-8', call.operation === 'KiemTraKetNoi' ? envelope(pingAnswer(escapeXml(`ORA-12541: TNS:no listener (${INTERNAL_HOST})`))) : validBody(call)),
  },
];

function readBody(req: IncomingMessage, limit = 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseCall(body: string, soapAction: string): SoapCall {
  const operation = /KiemTraKetNoi/.test(soapAction) || /:KiemTraKetNoi\b/.test(body) ? 'KiemTraKetNoi' : /TraCuuCongDan/.test(soapAction) || /:TraCuuCongDan\b/.test(body) ? 'TraCuuCongDan' : 'unknown';
  const field = (name: string) => new RegExp(`<(?:\\w+:)?${name}>([^<]*)</`).exec(body)?.[1] ?? '';
  return { operation, requestId: field('MaYeuCau'), personalId: field('SoDinhDanh') };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/** The hostile server, and a second one that a redirect points to (nothing should ever reach it). */
export class HostilePopulationServer {
  scenario: HostileScenario = SCENARIOS[0];
  readonly calls: SoapCall[] = [];
  /** Requests that reached the redirect target, with their bodies (the hub's WS-Security credentials, if it followed). */
  readonly redirected: string[] = [];
  private readonly server: Server;
  private readonly target: Server;
  private port = 0;
  private targetPort = 0;

  constructor() {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch(() => res.destroy());
    });
    this.target = createServer((req, res) => {
      void readBody(req).then((body) => {
        this.redirected.push(`${req.method} ${req.url} ${body.slice(0, 2000)}`);
        send(res, 200, 'text/xml; charset=utf-8', envelope(pingAnswer('OK')));
      });
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const call = parseCall(body, String(req.headers.soapaction ?? ''));
    this.calls.push(call);
    await this.scenario.respond(call, res, this);
  }

  async start(): Promise<this> {
    this.port = await listen(this.server);
    this.targetPort = await listen(this.target);
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/dancu`;
  }

  get redirectTarget(): string {
    return `http://127.0.0.1:${this.targetPort}/collect`;
  }

  /** Settings that point a hub at this server. */
  env(): Record<string, string> {
    return { POPULATION_URL: this.url, POPULATION_USERNAME: CREDENTIALS.username, POPULATION_PASSWORD: CREDENTIALS.password };
  }

  async stop(): Promise<void> {
    for (const server of [this.server, this.target]) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}
