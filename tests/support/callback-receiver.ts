import { createServer } from 'node:http';
import { listen, stopServer } from '../../connectors/shared/simulator-http';

/** A callback as it arrived: the raw body and its X-Signature header. */
export interface ReceivedCallback {
  body: string;
  signature: string | undefined;
}

export interface CallbackReceiver {
  /** Where to send callbacks. */
  readonly url: string;
  readonly received: ReceivedCallback[];
  stop(): Promise<void>;
}

/** A local HTTP server standing for the hub's callback endpoint: it keeps every body and signature, and answers 200. */
export async function startCallbackReceiver(path = '/postal/callback'): Promise<CallbackReceiver> {
  const received: ReceivedCallback[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const signature = req.headers['x-signature'];
      received.push({ body, signature: typeof signature === 'string' ? signature : undefined });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const url = `${await listen(server, {})}${path}`;
  return { url, received, stop: () => stopServer(server, new Set()) };
}
