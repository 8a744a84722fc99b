import type { Exchange } from './response-checks';

export interface RawRequest {
  method?: 'GET' | 'POST';
  /** Path and query, e.g. /graphql or /graphql?query=... */
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** Sends one request to the hub as given (no JSON encoding of our own) and records what came back. */
export async function exchange(baseUrl: string, name: string, request: RawRequest): Promise<Exchange> {
  const { method = 'POST', path = '/graphql', headers = {}, body } = request;
  const started = Date.now();
  const requestText = [path, JSON.stringify(headers), typeof body === 'string' ? body : (body?.toString('latin1') ?? '')].join('\n');
  try {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      // A Buffer as bytes (the gateway's typings bring the DOM's BodyInit, which names no Buffer).
      ...(body !== undefined ? { body: typeof body === 'string' ? body : new Uint8Array(body) } : {}),
      signal: AbortSignal.timeout(20_000),
    });
    const bodyText = await response.text();
    return { name, requestText, status: response.status, contentType: response.headers.get('content-type') ?? '', bodyText, ms: Date.now() - started };
  } catch (error) {
    // No answer at all (connection reset, or none within 20 s): status 0, which no check accepts.
    return { name, requestText, status: 0, contentType: '', bodyText: `no answer: ${error instanceof Error ? error.message : String(error)}`, ms: Date.now() - started };
  }
}

/** POSTs a GraphQL body as JSON. */
export function postGraphql(baseUrl: string, name: string, body: unknown, headers: Record<string, string> = {}): Promise<Exchange> {
  return exchange(baseUrl, name, { headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
