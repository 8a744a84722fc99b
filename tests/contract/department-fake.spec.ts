import { describe, expect, it } from 'vitest';
import { DepartmentRefusedError } from '../../src/departments/department.port';
import { UpstreamError } from '../../src/errors';
import { FAKE_STATUSES, InMemoryDepartmentSystem } from '../support/fakes/department.fake';
import { describeDepartmentContract, outgoingDossier } from './department.contract';

describeDepartmentContract('InMemoryDepartmentSystem', () => {
  const system = new InMemoryDepartmentSystem();
  return Promise.resolve({ system, finishAll: () => system.finishAll(), doneStatus: FAKE_STATUSES.done, stop: () => Promise.resolve() });
});

describe('InMemoryDepartmentSystem, beyond the contract', () => {
  it('keeps a copy of each dossier by its sending key', async () => {
    const fake = new InMemoryDepartmentSystem();
    const dossier = outgoingDossier();
    const { reference } = await fake.send(dossier);
    dossier.note = 'changed after sending';
    expect(fake.received.get(dossier.sendingKey)).toMatchObject({ reference, status: FAKE_STATUSES.received, dossier: { code: dossier.code, note: 'Hồ sơ liên thông từ Trung tâm Phục vụ hành chính công.' } });
  });

  it('reports RECEIVED, PROCESSING, DONE with numeric cursors, and a returned dossier is not finished', async () => {
    const at = new Date('2026-12-01T03:00:00.000Z');
    const fake = new InMemoryDepartmentSystem({ now: () => at });
    const kept = outgoingDossier();
    const returned = outgoingDossier();
    await fake.send(kept);
    await fake.send(returned);
    fake.returnDossier(returned.sendingKey, 'Thiếu bản đồ địa chính.');
    fake.finishAll();
    const changes = await fake.changes(null);
    expect(changes.map((r) => [r.cursor, r.dossierCode, r.status])).toEqual([
      ['1', kept.code, FAKE_STATUSES.received],
      ['2', returned.code, FAKE_STATUSES.received],
      ['3', returned.code, FAKE_STATUSES.returned],
      ['4', kept.code, FAKE_STATUSES.processing],
      ['5', kept.code, FAKE_STATUSES.done],
    ]);
    expect(changes.every((r) => r.at.getTime() === at.getTime())).toBe(true);
  });

  it('refuses a dossier without a code, rejects a cursor that is not its own, and plays down', async () => {
    const fake = new InMemoryDepartmentSystem();
    await expect(fake.send(outgoingDossier({ code: ' ' }))).rejects.toBeInstanceOf(DepartmentRefusedError);
    await expect(fake.changes('not-a-number')).rejects.toBeInstanceOf(UpstreamError);
    fake.down = true;
    await expect(fake.send(outgoingDossier())).rejects.toBeInstanceOf(UpstreamError);
    await expect(fake.ping()).rejects.toBeInstanceOf(UpstreamError);
    fake.down = false;
    await expect(fake.ping({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(UpstreamError);
    expect(fake.received.size).toBe(0);
  });
});
