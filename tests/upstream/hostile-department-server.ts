import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { streamHugeAnswer } from './hostile-soap-server';

/** What the hostile department answers every request with, until changed. */
export type HostileDepartmentAnswer =
  /** This status and body, as they are. */
  | { kind: 'answer'; status: number; body: string; contentType?: string }
  /** `bytes` of well-formed-looking XML, streamed in chunks until done or the client hangs up. */
  | { kind: 'huge'; bytes: number };

/** The namespace of Sở NN&MT's one-stop system (schema/wsdl/so-nnmt-motcua.wsdl). */
export const MOTCUA_NAMESPACE = 'urn:thanhhoa:so-nnmt:motcua:v2';

export { envelope, soapFault } from './hostile-soap-server';

/** `<m:element>` in the one-stop system's namespace, its children written unprefixed in the same namespace. */
export const motCuaElement = (element: string, children: string, namespace = MOTCUA_NAMESPACE): string =>
  `<m:${element} xmlns:m="${namespace}" xmlns="${namespace}">${children}</m:${element}>`;

/** One request as it reached the server. */
export interface HostileRequest {
  method: string;
  url: string;
  /** The SOAP operation, from the SOAPAction header ('' for none). */
  operation: string;
  body: string;
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/**
 * A node:http server that plays a department's system badly: faults in
 * its own words, HTTP errors, bodies that are not XML or not in the WSDL's
 * namespace, DOCTYPEs with entities, answers of many megabytes. It never
 * reads the request as SOAP: it answers what the test set.
 */
export class HostileDepartmentServer {
  answer: HostileDepartmentAnswer = { kind: 'answer', status: 503, body: 'not set' };
  readonly requests: HostileRequest[] = [];
  private server: Server | undefined;

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch(() => res.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    return this;
  }

  get url(): string {
    if (!this.server) throw new Error('the hostile department server is not started');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/motcua`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const action = String(req.headers.soapaction ?? '').replaceAll('"', '');
    this.requests.push({ method: req.method ?? '', url: req.url ?? '', operation: action.slice(action.indexOf('#') + 1), body });
    const answer = this.answer;
    switch (answer.kind) {
      case 'answer':
        res.writeHead(answer.status, { 'content-type': answer.contentType ?? 'text/xml; charset=utf-8' }).end(answer.body);
        return;
      case 'huge':
        await streamHugeAnswer(res, answer.bytes);
        return;
    }
  }
}
