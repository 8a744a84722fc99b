import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROCEDURES } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { contractOperation } from '../support/operations';
import { ControlledSimulator, eventually } from '../support/population';
import { CITIZEN_ID, officer, supervisor } from '../support/tokens';

interface Listed {
  outboxMessages: { totalCount: number; edges: Array<{ node: { id: string; topic: string; status: string; attempts: number; lastError: string | null; idempotencyKey: string; deadAt: string | null } }> };
}

/** Out of retries: the dead-letter list, and a supervisor's replay once the system is back. */
describe('outbox dead letters', () => {
  const simulator = new ControlledSimulator();
  let t: TestHub;
  let sup: Record<string, string>;
  let police: Record<string, string>;

  beforeAll(async () => {
    await simulator.start();
    await simulator.stop();
    t = await startTestHub({
      env: {
        ...simulator.env(),
        POPULATION_TIMEOUT_MS: '500',
        POPULATION_RETRIES: '0',
        OUTBOX_RETRY_LIMIT: '1',
        OUTBOX_RETRY_DELAY_SECONDS: '1',
        OUTBOX_POLL_SECONDS: '1',
      },
    });
    sup = await supervisor();
    police = await officer(PROCEDURES.drivingLicence.agency);
  });
  afterAll(async () => {
    await t.stop();
    await simulator.stop();
  });

  const list = (status: string) => t.gql<Listed>(`{ outboxMessages(status: ${status}) { totalCount edges { node { id topic status attempts lastError idempotencyKey deadAt } } } }`, {}, sup);

  it('a message whose deliveries all fail lands on the dead-letter list, with the last error', async () => {
    const received = await t.gql<{ receiveDossier: { dossier: { code: string } | null } }>(
      contractOperation('ReceiveDossier'),
      {
        input: {
          procedureCode: PROCEDURES.drivingLicence.code,
          channel: 'COUNTER',
          applicant: { personalId: CITIZEN_ID, consentToken: '135790', fullName: 'Lê Thị Hoa' },
          components: PROCEDURES.drivingLicence.components.map((code) => ({ code })),
        },
      },
      police,
    );
    expect(received.data?.receiveDossier.dossier).not.toBeNull();
    await eventually(async () => (await list('DEAD')).data!.outboxMessages.totalCount === 1, 30_000, 'dead letter');
    const [dead] = (await list('DEAD')).data!.outboxMessages.edges;
    expect(dead?.node).toMatchObject({ topic: 'population.verify-identity', status: 'DEAD', attempts: 2 });
    expect(dead?.node.lastError).toMatch(/UpstreamError/);
    expect(dead?.node.deadAt).not.toBeNull();
  });

  it('only supervisors see and replay it', async () => {
    expect((await t.gql('{ outboxMessages { totalCount } }', {}, police)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql('{ outboxMessages { totalCount } }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const id = (await list('DEAD')).data!.outboxMessages.edges[0].node.id;
    expect((await t.gql('mutation($id: ID!) { replayOutboxMessage(id: $id) { message { id } } }', { id }, police)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it.each([
    ['an unknown message', '00000000-0000-4000-8000-000000000000', 'NOT_FOUND'],
    ['a malformed id', 'nope', 'INVALID_INPUT'],
  ])('replaying %s is a user error', async (_label, id, code) => {
    const res = await t.gql<{ replayOutboxMessage: { userErrors: Array<{ code: string }> } }>('mutation($id: ID!) { replayOutboxMessage(id: $id) { message { id } userErrors { code field message } } }', { id }, sup);
    expect(res.data?.replayOutboxMessage.userErrors[0]?.code).toBe(code);
  });

  it('replayed once the system is back, it is delivered, with the same idempotency key', async () => {
    await simulator.start();
    const dead = (await list('DEAD')).data!.outboxMessages.edges[0].node;
    const res = await t.gql<{ replayOutboxMessage: { message: { status: string } | null; userErrors: unknown[] } }>(
      'mutation($id: ID!) { replayOutboxMessage(id: $id) { message { id status } userErrors { code } } }',
      { id: dead.id },
      sup,
    );
    expect(res.data?.replayOutboxMessage).toEqual({ message: { id: dead.id, status: 'PENDING' }, userErrors: [] });
    await eventually(async () => (await list('DELIVERED')).data!.outboxMessages.totalCount === 1, 20_000, 'delivery');
    const delivered = (await list('DELIVERED')).data!.outboxMessages.edges[0].node;
    expect(delivered).toMatchObject({ id: dead.id, idempotencyKey: dead.idempotencyKey, attempts: 3, lastError: null });
    const again = await t.gql<{ replayOutboxMessage: { userErrors: Array<{ code: string }> } }>('mutation($id: ID!) { replayOutboxMessage(id: $id) { userErrors { code } } }', { id: dead.id }, sup);
    expect(again.data?.replayOutboxMessage.userErrors[0]?.code).toBe('INVALID_TRANSITION');
  });
});
