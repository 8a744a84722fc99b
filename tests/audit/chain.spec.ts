import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseExchangeRecorder, ExchangeLogEntry, verifyChain, verifyChains, type ChainName } from '../../src/audit';
import { digestMessage } from '../../src/integration/exchange.port';
import { createLogger } from '../../src/shared/logger';
import { PROCEDURES, receive } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { CITIZEN_ID, officer, OTHER_CITIZEN_ID, registryName } from '../support/tokens';

/**
 * Issue 7, Deliver 3: the dossier history and the exchange log are hash
 * chains that the database links as rows are written; `verifyChain` (what
 * `npm run audit:verify` runs) finds a changed row, a deleted one, and
 * says nothing is wrong when nothing is.
 */
describe('the tamper-evident log', () => {
  let t: TestHub;
  let police: Record<string, string>;
  const em = (): EntityManager => t.hub.database.fork();
  const sql = <T extends Array<Record<string, unknown>> = Array<Record<string, unknown>>>(query: string, params: unknown[] = []) => em().getConnection().execute<T>(query, params);

  /** Runs `statements` with the table's user triggers off (as its owner can), as an attacker with database access would. */
  async function tamper(table: ChainName, statements: (tx: EntityManager) => Promise<unknown>): Promise<void> {
    await em().transactional(async (tx) => {
      await tx.getConnection().execute(`alter table ${table} disable trigger user`, [], 'run', tx.getTransactionContext());
      await statements(tx);
      await tx.getConnection().execute(`alter table ${table} enable trigger user`, [], 'run', tx.getTransactionContext());
    });
  }
  const run = (tx: EntityManager, query: string, params: unknown[] = []) => tx.getConnection().execute(query, params, 'run', tx.getTransactionContext());

  beforeAll(async () => {
    t = await startTestHub();
    police = await officer(PROCEDURES.drivingLicence.agency);
    for (const personalId of [CITIZEN_ID, OTHER_CITIZEN_ID, CITIZEN_ID]) await receive(t, police, PROCEDURES.drivingLicence, { personalId });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('a clean chain verifies, and its last hash is the chain head\'s', async () => {
    const reports = await verifyChains(em());
    expect(reports.map((r) => [r.chain, r.intact, r.changed, r.missing, r.brokenLink])).toEqual([
      ['dossier_history', true, null, null, null],
      ['exchange_log', true, null, null, null],
    ]);
    const heads = await sql<Array<{ name: string; seq: string; head_hash: string }>>('select name, seq, head_hash from audit_chain order by name');
    for (const report of reports) {
      const head = heads.find((h) => h.name === report.chain)!;
      expect(report.entries).toBe(Number(head.seq));
      expect(report.entries).toBeGreaterThanOrEqual(3);
      expect(report.last).toEqual({ seq: Number(head.seq), hash: head.head_hash });
    }
  });

  it('the exchanges of a real population lookup through the simulator are in the exchange log: digests, never the bodies', async () => {
    const dossier = await receive(t, police, PROCEDURES.drivingLicence, { personalId: OTHER_CITIZEN_ID });
    const [access] = await sql<Array<{ request_id: string }>>('select request_id from citizen_access_log where dossier_code = ?', [dossier.code]);
    const rows = await em().find(ExchangeLogEntry, { requestId: access.request_id }, { orderBy: { chainSeq: 'asc' } });
    expect(rows.map((r) => [r.system, r.operation, r.direction, r.outcome, r.httpStatus])).toEqual([
      ['population', 'TraCuuCongDan', 'OUT', 'OK', null],
      ['population', 'TraCuuCongDan', 'IN', 'OK', 200],
    ]);
    expect(rows[0].exchangeId).toBe(rows[1].exchangeId);
    expect(Number(rows[1].chainSeq)).toBe(Number(rows[0].chainSeq) + 1);
    expect(rows[1].prevHash).toBe(rows[0].hash);
    for (const row of rows) {
      expect(row.bodySha256).toMatch(/^[0-9a-f]{64}$/);
      expect(row.sizeBytes).toBeGreaterThan(200);
      expect(row.endpoint).toBe(t.hub.populationSimulator!.url);
    }
    expect(rows[1].durationMs).toBeGreaterThanOrEqual(0);
    // Data minimisation (Law 91/2025): neither the id looked up nor anything the registry said about the citizen is kept.
    const everything = JSON.stringify(await sql('select * from exchange_log'));
    expect(everything).not.toContain(OTHER_CITIZEN_ID);
    expect(everything).not.toContain(registryName(OTHER_CITIZEN_ID));
  });

  it('both logs are append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    for (const table of ['exchange_log', 'dossier_history']) {
      await expect(sql(`update ${table} set at = at + interval '1 second'`)).rejects.toThrow(/append-only/);
      await expect(sql(`delete from ${table}`)).rejects.toThrow(/append-only/);
      await expect(sql(`truncate ${table}`)).rejects.toThrow(/append-only/);
    }
    expect((await verifyChains(em())).every((r) => r.intact)).toBe(true);
  });

  it('an UPDATE of one history row (triggers bypassed) is reported at that row; undoing it makes the chain whole again', async () => {
    const [row] = await sql<Array<{ id: string; note: string | null }>>('select id, note from dossier_history where chain_seq = 2');
    await tamper('dossier_history', (tx) => run(tx, "update dossier_history set note = 'Hồ sơ đã trả kết quả' where id = ?", [row.id]));
    const report = await verifyChain(em(), 'dossier_history');
    expect(report).toMatchObject({ intact: false, changed: { seq: 2, id: row.id }, missing: null, brokenLink: null });

    await tamper('dossier_history', (tx) => run(tx, 'update dossier_history set note = ? where id = ?', [row.note, row.id]));
    expect(await verifyChain(em(), 'dossier_history')).toMatchObject({ intact: true, changed: null });
  });

  it('a DELETE of a middle row is reported as missing at its place; a deleted newest row is found against the chain head', async () => {
    const [saved] = await sql<Array<{ row: Record<string, unknown> }>>('select row_to_json(e) as row from exchange_log e where chain_seq = 2');
    await tamper('exchange_log', (tx) => run(tx, 'delete from exchange_log where chain_seq = 2'));
    const report = await verifyChain(em(), 'exchange_log');
    expect(report).toMatchObject({ intact: false, changed: null, missing: { seq: 2, id: null }, brokenLink: null });
    expect(report.missing?.detail).toMatch(/entries 2–2 are missing/);

    // Put it back as it was: the chain is whole again (what was hashed is exactly what is stored).
    await tamper('exchange_log', (tx) => run(tx, 'insert into exchange_log select * from json_populate_record(null::exchange_log, ?::json)', [JSON.stringify(saved.row)]));
    expect(await verifyChain(em(), 'exchange_log')).toMatchObject({ intact: true });

    const [{ last }] = await sql<Array<{ last: string }>>('select max(chain_seq)::text as last from dossier_history');
    await tamper('dossier_history', (tx) => run(tx, 'delete from dossier_history where chain_seq = ?', [Number(last)]));
    expect(await verifyChain(em(), 'dossier_history')).toMatchObject({ intact: false, missing: { seq: Number(last), id: null }, changed: null });
  });
});

describe('concurrent writers', () => {
  let t: TestHub;

  beforeAll(async () => {
    t = await startTestHub();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('receptions, recorded exchanges and rolled-back writes at once still give gapless, valid chains', async () => {
    const police = await officer(PROCEDURES.drivingLicence.agency);
    const recorder = new DatabaseExchangeRecorder(t.hub.database, createLogger({ level: 'silent' }));
    const exchange = (n: number) => ({
      system: 'test',
      endpoint: 'http://127.0.0.1/none',
      operation: `op-${n}`,
      outcome: 'OK' as const,
      requestId: `concurrent-${n}`,
      dossierCode: null,
      request: digestMessage(`request ${n}`, new Date()),
      response: { ...digestMessage(`answer ${n}`, new Date()), httpStatus: 200 },
      detail: null,
    });
    // A writer whose transaction rolls back after its insert: its number must be given back.
    const rolledBack = (n: number) =>
      t.hub.database
        .fork()
        .transactional(async (tx) => {
          await tx.insert(ExchangeLogEntry, { id: crypto.randomUUID(), exchangeId: crypto.randomUUID(), at: new Date(), system: 'test', endpoint: 'x', operation: `rollback-${n}`, direction: 'OUT', outcome: 'OK' });
          throw new Error('rolled back on purpose');
        })
        .catch(() => 'rolled back');
    const receptions = Array.from({ length: 6 }, () => receive(t, police, PROCEDURES.drivingLicence, { personalId: CITIZEN_ID }));
    const records = Array.from({ length: 20 }, (_, n) => recorder.record(exchange(n)));
    const rollbacks = Array.from({ length: 5 }, (_, n) => rolledBack(n));
    await Promise.all([...receptions, ...records, ...rollbacks]);

    const reports = await verifyChains(t.hub.database.fork());
    expect(reports.map((r) => [r.chain, r.intact])).toEqual([
      ['dossier_history', true],
      ['exchange_log', true],
    ]);
    const seqs = await t.hub.database.fork().getConnection().execute<Array<{ chain_seq: string }>>('select chain_seq from exchange_log order by chain_seq');
    expect(seqs.map((r) => Number(r.chain_seq))).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    // 6 lookups and 20 recorded exchanges, two rows each; nothing of the rolled-back writers.
    expect(seqs).toHaveLength(2 * 6 + 2 * 20);
    expect(reports[0].entries).toBe(6);
  });
});
