// GraphQL for the screens: typed documents (./generated) over HTTP POST /graphql, and subscriptions over graphql-ws.
import { createClient, type Client } from 'graphql-ws';
import type { TypedDocumentString } from '../generated/graphql';

/** An error the hub answered, with its code (NOT_FOUND, FORBIDDEN, RATE_LIMITED…) and its Vietnamese message. */
export class HubError extends Error {
  constructor(
    message: string,
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

interface GraphqlAnswer<R> {
  data?: R | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

const TOKEN_KEY = 'lienthong.token';

/** The signed-in user's token (the dashboard), kept for the browser tab only. */
export function currentToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function signIn(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token.trim().replace(/^Bearer\s+/i, ''));
  resetSocket();
}

export function signOut(): void {
  sessionStorage.removeItem(TOKEN_KEY);
  resetSocket();
}

function firstError<R>(answer: GraphqlAnswer<R>): HubError | null {
  const error = answer.errors?.[0];
  return error ? new HubError(error.message, error.extensions?.code ?? null) : null;
}

/** Runs a query or mutation; a GraphQL error becomes a HubError. */
export async function request<R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<R> {
  const token = currentToken();
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch {
    throw new HubError('Không kết nối được với hệ thống; vui lòng thử lại.', 'NETWORK');
  }
  const answer = (await response.json().catch(() => ({}))) as GraphqlAnswer<R>;
  const error = firstError(answer);
  if (error) throw error;
  if (!answer.data) throw new HubError('Hệ thống không trả lời; vui lòng thử lại.', `HTTP_${response.status}`);
  return answer.data;
}

type ConnectionListener = (connected: boolean) => void;
const connectionListeners = new Set<ConnectionListener>();
let socket: Client | null = null;

function resetSocket(): void {
  void socket?.dispose();
  socket = null;
}

/** One WebSocket for the page, opened when a subscription starts, and opened again (with a growing delay) when it drops. */
function liveSocket(): Client {
  socket ??= createClient({
    url: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    connectionParams: () => {
      const token = currentToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    keepAlive: 15_000,
    on: {
      connected: () => connectionListeners.forEach((l) => l(true)),
      closed: () => connectionListeners.forEach((l) => l(false)),
    },
  });
  return socket;
}

/** Tells `listener` when the live connection opens or drops; returns how to stop. */
export function onConnection(listener: ConnectionListener): () => void {
  connectionListeners.add(listener);
  return () => connectionListeners.delete(listener);
}

/** Runs a subscription: `onData` at each answer, `onError` when the hub refuses it. Returns how to stop. */
export function subscribe<R, V>(document: TypedDocumentString<R, V>, variables: V, onData: (data: R) => void, onError: (error: HubError) => void): () => void {
  return liveSocket().subscribe<R>(
    { query: document.toString(), variables: variables as Record<string, unknown> },
    {
      next: (answer) => {
        const error = firstError(answer as GraphqlAnswer<R>);
        if (error) onError(error);
        else if (answer.data) onData(answer.data);
      },
      error: (error) => {
        const first = Array.isArray(error) ? (error[0] as { message?: string; extensions?: { code?: string } } | undefined) : undefined;
        onError(new HubError(first?.message ?? 'Mất kết nối cập nhật trực tiếp.', first?.extensions?.code ?? 'NETWORK'));
      },
      complete: () => undefined,
    },
  );
}
