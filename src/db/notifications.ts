import { ExponentialBackoff, handleAll, retry } from 'cockatiel';
import pg from 'pg';

/** Receives a notification's payload. */
export type NotificationHandler = (payload: string) => void;

/** What `Database.listen` gives back: stop listening. */
export type StopListening = () => void;

/** A channel name as PostgreSQL takes it unquoted: LISTEN cannot bind a parameter. */
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

export function checkChannel(channel: string): string {
  if (!CHANNEL.test(channel)) throw new Error(`Not a notification channel name: ${channel}`);
  return channel;
}

/**
 * The channels this process listens on and who hears them. Notifications
 * arrive by whichever connection PostgreSQL sends them to (see the two
 * sources below); `deliver` passes each one to the handlers of its channel,
 * and `resume` tells them that the connection was lost and is back, so that
 * what was sent in between may have been missed.
 */
export class NotificationRouter {
  private readonly handlers = new Map<string, Set<NotificationHandler>>();
  private readonly resumeHandlers = new Set<() => void>();

  channels(): string[] {
    return [...this.handlers.keys()];
  }

  add(channel: string, handler: NotificationHandler, onResume?: () => void): StopListening {
    let set = this.handlers.get(channel);
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    if (onResume) this.resumeHandlers.add(onResume);
    return () => {
      set.delete(handler);
      if (onResume) this.resumeHandlers.delete(onResume);
    };
  }

  deliver(channel: string, payload: string | undefined): void {
    for (const handler of this.handlers.get(channel) ?? []) handler(payload ?? '');
  }

  resume(): void {
    for (const handler of this.resumeHandlers) handler();
  }
}

/**
 * A PostgreSQL server: one connection of its own that only listens (the
 * pool's connections are lent to transactions and returned; a listener must
 * stay). When it drops, it is opened again with a growing delay, LISTEN is
 * sent again and the handlers are told to catch up.
 */
export class ServerListener {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly router: NotificationRouter,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Makes sure the connection is open and listens on every channel of the router. */
  async listen(channel: string): Promise<void> {
    if (this.client) {
      await this.client.query(`LISTEN ${checkChannel(channel)}`);
      return;
    }
    await this.connect(false);
  }

  private connect(resumed: boolean): Promise<void> {
    this.connecting ??= retry(handleAll, { maxAttempts: resumed ? Number.MAX_SAFE_INTEGER : 3, backoff: new ExponentialBackoff({ initialDelay: 200, maxDelay: 10_000 }) })
      .execute(async () => {
        if (this.stopped) return;
        const client = new pg.Client({ connectionString: this.url, application_name: 'lienthong-listener' });
        client.on('error', (error) => this.lost(client, error));
        client.on('end', () => this.lost(client, null));
        client.on('notification', (message) => this.router.deliver(message.channel, message.payload));
        try {
          await client.connect();
          for (const channel of this.router.channels()) await client.query(`LISTEN ${checkChannel(channel)}`);
        } catch (error) {
          client.removeAllListeners('end');
          await client.end().catch(() => undefined);
          throw error;
        }
        this.client = client;
        if (resumed) this.router.resume();
      })
      .finally(() => {
        this.connecting = null;
      });
    return this.connecting;
  }

  private lost(client: pg.Client, error: unknown): void {
    if (this.client !== client) return;
    this.client = null;
    if (this.stopped) return;
    if (error) this.onError(error);
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    this.connect(true).catch((reason: unknown) => this.onError(reason));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = null;
    await this.connecting?.catch(() => undefined);
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
  }
}

/**
 * The embedded PGlite is one session: a notification goes out on the
 * connection whose statement raised it, when its transaction commits,
 * whichever connection sent LISTEN. So the pool's own connections carry
 * them: each one, when the pool opens it, is tapped and sends LISTEN.
 */
export function tapPoolConnection(router: NotificationRouter) {
  return (connection: pg.Client, done: (error: Error | null, connection: pg.Client) => void): void => {
    connection.on('notification', (message) => router.deliver(message.channel, message.payload));
    const channels = router.channels();
    if (channels.length === 0) return done(null, connection);
    connection.query(channels.map((c) => `LISTEN ${checkChannel(c)}`).join('; '), (error: Error | null) => done(error, connection));
  };
}
