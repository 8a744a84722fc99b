import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** One subscription's answers as they come, with a way to wait for the next. */
export interface Watched<T> {
  /** Every answer so far (data), in order. */
  readonly values: T[];
  /** Errors the hub answered (GraphQL errors or a refused connection). */
  readonly errors: unknown[];
  /** Resolves with the `n`-th answer (1-based) when it has come, or rejects after `timeoutMs`. */
  nth(n: number, timeoutMs?: number): Promise<T>;
  /** Resolves with the first answer that `accept` takes, however many came before it, or rejects after `timeoutMs`. */
  when(accept: (value: T) => boolean, timeoutMs?: number): Promise<T>;
  /** Resolves when the hub ended the operation with an error, with that error. */
  failed(timeoutMs?: number): Promise<unknown>;
  close(): Promise<void>;
}

/** A graphql-ws client to a test hub's /graphql, with a token when given. */
export function wsClient(httpUrl: string, authorization?: string, origin?: string): Client {
  const url = `${httpUrl.replace(/^http/, 'ws')}/graphql`;
  return createClient({
    url,
    webSocketImpl: origin ? class extends WebSocket { constructor(address: string, protocols?: string | string[]) { super(address, protocols, { origin }); } } : WebSocket,
    connectionParams: authorization ? { authorization } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

export function watch<T = Record<string, unknown>>(client: Client, query: string, variables: Record<string, unknown> = {}): Watched<T> {
  const values: T[] = [];
  const errors: unknown[] = [];
  const waiters: Array<() => void> = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        if (result.data) values.push(result.data);
        wake();
      },
      error: (error) => {
        // GraphQL errors come as an array; a closed socket as its CloseEvent.
        if (Array.isArray(error)) errors.push(...(error as unknown[]));
        else errors.push(error);
        wake();
      },
      complete: () => wake(),
    },
  );
  const until = (done: () => boolean, timeoutMs: number, what: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${what} within ${timeoutMs} ms (values: ${JSON.stringify(values)}, errors: ${JSON.stringify(errors)})`)), timeoutMs);
      const check = () => {
        if (done()) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(check);
      };
      check();
    });
  return {
    values,
    errors,
    async nth(n, timeoutMs = 5000) {
      await until(() => values.length >= n, timeoutMs, `answer ${n}`);
      return values[n - 1];
    },
    async when(accept, timeoutMs = 5000) {
      await until(() => values.some(accept), timeoutMs, 'an answer as wanted');
      return values.find(accept)!;
    },
    async failed(timeoutMs = 5000) {
      await until(() => errors.length > 0, timeoutMs, 'error');
      return errors[0];
    },
    async close() {
      dispose();
      await client.dispose();
    },
  };
}
