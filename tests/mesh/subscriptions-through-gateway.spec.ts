import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../mesh/gateway';
import { PROCEDURES, receive } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { officer } from '../support/tokens';

const WORKLIST = 'subscription { worklistChanges { code toStatus dossier { code status } } }';

/** A subscription to the gateway as server-sent events: each `data:` of an event `next`, parsed, as it comes. */
interface Answer {
  data?: Record<string, unknown>;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

async function* events(response: Response): AsyncGenerator<Answer> {
  const reader = response.body!.getReader();
  let buffered = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffered += Buffer.from(value).toString();
      let end: number;
      while ((end = buffered.indexOf('\n\n')) !== -1) {
        const event = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const data = event.split('\n').find((line) => line.startsWith('data:'));
        if (event.includes('event: next') && data) yield JSON.parse(data.slice(5)) as Answer;
      }
    }
  } finally {
    await reader.cancel();
  }
}

async function firstEvent(response: Response, timeoutMs = 8000): Promise<Answer | undefined> {
  const stream = events(response);
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no event from the gateway')), timeoutMs));
  try {
    const next = await Promise.race([stream.next(), timeout]);
    return next.done ? undefined : next.value;
  } finally {
    void stream.return(undefined);
  }
}

/**
 * The hub's subscriptions through the gateway: the gateway serves them to
 * its clients as server-sent events and takes them from the hub over its
 * WebSocket, with the caller's token, so the hub decides as it does for a
 * client of its own.
 */
describe('subscriptions through the gateway', () => {
  let t: TestHub;
  let gateway: RunningGateway;

  beforeAll(async () => {
    t = await startTestHub({ env: { OUTBOX_ENABLED: 'false' } });
    gateway = await startGateway({ hubUrl: `${t.url}/graphql`, departments: [], departmentUrls: new Map(), host: '127.0.0.1', port: 0, log: () => undefined });
  });
  afterAll(async () => {
    await gateway?.stop();
    await t?.stop();
  });

  const subscribe = (headers: Record<string, string>) =>
    fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers }, body: JSON.stringify({ query: WORKLIST }) });

  it("an officer's worklist changes reach them through the gateway, with the dossier the hub lets them see", async () => {
    const police = await officer(PROCEDURES.drivingLicence.agency);
    const response = await subscribe(police);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const first = firstEvent(response);
    // The gateway opens its socket to the hub when the first subscription starts.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const dossier = await receive(t, police, PROCEDURES.drivingLicence);
    expect((await first)?.data).toEqual({ worklistChanges: { code: dossier.code, toStatus: 'RECEIVED', dossier: { code: dossier.code, status: 'RECEIVED' } } });
  });

  it('the public hall board needs no token through the gateway either', async () => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: `subscription { hallBoard(agencyCode: "${PROCEDURES.drivingLicence.agency}") { agency { code } receivedToday } }` }),
    });
    const event = await firstEvent(response);
    expect(event?.errors).toBeUndefined();
    expect(event?.data).toMatchObject({ hallBoard: { agency: { code: PROCEDURES.drivingLicence.agency } } });
  });

  it('without a token the hub refuses a worklist, and the gateway says so', async () => {
    const event = await firstEvent(await subscribe({}));
    expect(event?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
