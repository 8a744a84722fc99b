import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { PROCEDURES, receive, transition } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { contractOperation } from '../support/operations';
import { authHeaders, supervisor } from '../support/tokens';
import { Role } from '../../src/auth/viewer';

const POLICE = PROCEDURES.drivingLicence.agency;

describe('concurrency over HTTP', () => {
  const clock = new TestClock('2026-11-25T09:00:00+07:00');
  let t: TestHub;
  let first: Record<string, string>;
  let second: Record<string, string>;
  beforeAll(async () => {
    t = await startTestHub({ clock });
    first = await authHeaders({ sub: 'officer-a', name: 'Cán bộ A', roles: [Role.OFFICER], agency: POLICE });
    second = await authHeaders({ sub: 'officer-b', name: 'Cán bộ B', roles: [Role.OFFICER], agency: POLICE });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('two officers acting on the same version: exactly one wins, the other gets STALE_VERSION and changes nothing', async () => {
    for (let round = 0; round < 5; round += 1) {
      const dossier = await receive(t, first, PROCEDURES.drivingLicence);
      const [a, b] = await Promise.all([
        transition(t, first, dossier.code, 'FORWARD', dossier.version),
        transition(t, second, dossier.code, 'REQUEST_SUPPLEMENT', dossier.version, { reason: 'Thiếu ảnh' }),
      ]);
      const answers = [a.data!.transitionDossier, b.data!.transitionDossier];
      const won = answers.filter((x) => x.userErrors.length === 0);
      const lost = answers.filter((x) => x.userErrors.length > 0);
      expect(won).toHaveLength(1);
      expect(lost.map((x) => x.userErrors[0]?.code)).toEqual(['STALE_VERSION']);
      expect(won[0]?.dossier?.version).toBe(2);
      const history = await t.gql<{ dossier: { version: number; history: Array<{ action: string }> } }>(
        'query($code: String!) { dossier(code: $code) { version history { action } } }',
        { code: dossier.code },
        await supervisor(),
      );
      expect(history.data?.dossier.version).toBe(2);
      expect(history.data?.dossier.history).toHaveLength(2);
    }
  });

  it('50 receptions at once for one agency give 50 distinct, gapless codes', async () => {
    clock.set('2026-11-26T09:00:00+07:00');
    const received = await Promise.all(Array.from({ length: 50 }, () => receive(t, first, PROCEDURES.drivingLicence)));
    const numbers = received.map((d) => d.code);
    expect(new Set(numbers).size).toBe(50);
    expect(numbers.every((code) => code.startsWith(`${POLICE}-261126-`))).toBe(true);
    expect(numbers.map((code) => Number(code.split('-')[2])).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });

  it('the same idempotency key sent twice at once creates one dossier', async () => {
    const input = {
      procedureCode: PROCEDURES.drivingLicence.code,
      channel: 'COUNTER',
      applicant: { personalId: '038095001234', consentToken: '123456' },
      components: PROCEDURES.drivingLicence.components.map((code) => ({ code })),
      idempotencyKey: 'quay-3-phieu-0042',
    };
    const op = contractOperation('ReceiveDossier');
    const [a, b] = await Promise.all([t.gql<{ receiveDossier: { dossier: { code: string } } }>(op, { input }, first), t.gql<{ receiveDossier: { dossier: { code: string } } }>(op, { input }, first)]);
    expect(a.data?.receiveDossier.dossier.code).toBe(b.data?.receiveDossier.dossier.code);
  });
});
