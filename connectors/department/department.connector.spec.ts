import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readDepartmentFile } from '../../src/config/departments-dir';
import { DepartmentRefusedError, StepReportMeaning } from '../../src/departments/department.port';
import { UpstreamError } from '../../src/errors';
import type { Exchange, ExchangeRecorder } from '../../src/integration/exchange.port';
import { describeDepartmentContract, outgoingDossier } from '../../tests/contract/department.contract';
import { envelope, HostileDepartmentServer, motCuaElement, soapFault } from '../../tests/upstream/hostile-department-server';
import { departmentConfigSchema, SIMULATOR_PASSWORD, SIMULATOR_USERNAME, type DepartmentInstanceConfig } from './department.config';
import { SoapDepartmentSystem } from './department.connector';
import { startPolledDepartmentSimulator, type DepartmentSimulator } from './simulators/polled.simulator';
import { startPushingDepartmentSimulator } from './simulators/pushing.simulator';

const SO_NNMT_FILE = path.join(__dirname, 'simulated', 'so-nnmt.json');
const UBND_TINH_FILE = path.join(__dirname, 'simulated', 'ubnd-tinh.json');
/** What the built-in files send when their credential variables are unset, and what the simulators accept here. */
const SIMULATOR_CREDENTIALS = { username: SIMULATOR_USERNAME, password: SIMULATOR_PASSWORD };
const SYSTEM = 'Sở NN&MT';

/** A department file's settings as the hub reads them (no credential variable set). */
function settingsOf(file: string): Record<string, unknown> {
  const problems: string[] = [];
  const entry = readDepartmentFile(file, {}, { simulatorProcessingMs: 50 }, problems);
  if (!entry) throw new Error(problems.join('\n'));
  return entry.settings;
}

/** The file's config through the kind's schema, with `change` applied to its settings first. */
function configOf(file: string, change: (settings: Record<string, unknown>) => Record<string, unknown> = (s) => s): DepartmentInstanceConfig {
  return departmentConfigSchema.parse(change(settingsOf(file)));
}

/** The settings with some fields of the `send` block changed. */
const withSend = (more: Record<string, unknown>) => (settings: Record<string, unknown>) => ({ ...settings, send: { ...(settings.send as Record<string, unknown>), ...more } });

/** The status code a config maps to DONE. */
function doneStatusOf(config: DepartmentInstanceConfig): string {
  const done = Object.entries(config.statuses).find(([, status]) => status.meaning === StepReportMeaning.DONE);
  if (!done) throw new Error('no DONE status');
  return done[0];
}

/** An exchange log that keeps what it is handed. */
class RecordingExchanges implements ExchangeRecorder {
  readonly exchanges: Exchange[] = [];
  record(exchange: Exchange): Promise<void> {
    this.exchanges.push(exchange);
    return Promise.resolve();
  }
}

function adapter(config: DepartmentInstanceConfig, url: string, recorder?: ExchangeRecorder, instance = 'so-nnmt'): SoapDepartmentSystem {
  return new SoapDepartmentSystem({ ...config, url }, { instance, system: SYSTEM, ...(recorder ? { recorder } : {}) });
}

/** What the call rejected with (the test fails if it resolved). */
async function failure(call: Promise<unknown>): Promise<Error> {
  const outcome = await call.then(
    (value) => ({ resolved: value }),
    (error: unknown) => ({ error }),
  );
  if ('resolved' in outcome) throw new Error(`expected a rejection, got ${JSON.stringify(outcome.resolved)}`);
  expect(outcome.error).toBeInstanceOf(Error);
  return outcome.error as Error;
}

describeDepartmentContract('SoapDepartmentSystem from so-nnmt.json, against the polled simulator (SOAP over HTTP)', async () => {
  const config = configOf(SO_NNMT_FILE);
  const simulator = await startPolledDepartmentSimulator({ port: 0, ...SIMULATOR_CREDENTIALS, processingMs: config.simulatorProcessingMs });
  return {
    system: adapter(config, simulator.url),
    finishAll: () => simulator.finishAll(),
    doneStatus: doneStatusOf(config),
    stop: () => simulator.stop(),
  };
});

describe('SoapDepartmentSystem', () => {
  describe('ubnd-tinh.json, a department that pushes', () => {
    it('sends to the pushing simulator and gets the same SoDen for the same key; it has no pull, so changes rejects', async () => {
      const config = configOf(UBND_TINH_FILE);
      const simulator = await startPushingDepartmentSimulator({ port: 0, ...SIMULATOR_CREDENTIALS, processingMs: 60_000 });
      try {
        const recorder = new RecordingExchanges();
        const ubnd = new SoapDepartmentSystem({ ...config, url: simulator.url }, { instance: 'ubnd-tinh', system: 'UBND tỉnh', recorder });
        const dossier = outgoingDossier();
        const first = await ubnd.send(dossier);
        expect(first.reference).toMatch(/^VB-\d{4}-\d{5}$/);
        await expect(ubnd.send(dossier)).resolves.toEqual(first);
        expect(simulator.received.map((d) => [d.key, d.dossierCode, d.reference])).toEqual([[dossier.sendingKey, dossier.code, first.reference]]);

        const error = await failure(ubnd.changes(null));
        expect(error).toBeInstanceOf(UpstreamError);
        expect((error as UpstreamError).system).toBe('ubnd-tinh');
        await expect(ubnd.ping()).resolves.toBeUndefined();
        expect(recorder.exchanges.map((e) => [e.system, e.operation, e.dossierCode, e.outcome])).toEqual([
          ['ubnd-tinh', 'NopHoSoTrinh', dossier.code, 'OK'],
          ['ubnd-tinh', 'NopHoSoTrinh', dossier.code, 'OK'],
          ['ubnd-tinh', 'Ping', null, 'OK'],
        ]);
      } finally {
        await simulator.stop();
      }
    });
  });

  describe('against the polled simulator', () => {
    const config = configOf(SO_NNMT_FILE);
    let simulator: DepartmentSimulator;

    beforeAll(async () => {
      simulator = await startPolledDepartmentSimulator({ port: 0, ...SIMULATOR_CREDENTIALS, processingMs: 60_000 });
    });
    afterEach(() => {
      simulator.mode = 'normal';
    });
    afterAll(async () => {
      await simulator.stop();
    });

    it('hands every exchange to the recorder: the instance, the operation, the endpoint, and the dossier code and key of a send', async () => {
      const recorder = new RecordingExchanges();
      const soNnmt = adapter(config, simulator.url, recorder);
      const dossier = outgoingDossier();
      await soNnmt.send(dossier);
      await soNnmt.changes(null);
      await soNnmt.ping();
      expect(recorder.exchanges.map((e) => [e.system, e.operation, e.dossierCode, e.outcome, e.endpoint])).toEqual([
        ['so-nnmt', 'TiepNhanHoSoLienThong', dossier.code, 'OK', simulator.url],
        ['so-nnmt', 'LayDanhSachThayDoi', null, 'OK', simulator.url],
        ['so-nnmt', 'KiemTraKetNoi', null, 'OK', simulator.url],
      ]);
      const [sent] = recorder.exchanges;
      expect(sent.requestId).toBe(dossier.sendingKey);
      expect(sent.request.sizeBytes).toBeGreaterThan(0);
      expect(sent.response?.httpStatus).toBe(200);
      expect(sent.response?.sha256).toMatch(/^[0-9a-f]{64}$/);
    });

    it('writes the dossier as the file maps it: the key, the code, the fee with two decimals', async () => {
      const dossier = outgoingDossier();
      const { reference } = await adapter(config, simulator.url).send(dossier);
      const received = simulator.received.find((d) => d.key === dossier.sendingKey);
      expect(received).toMatchObject({ dossierCode: dossier.code, reference });
      expect(received?.request).toMatchObject({ MaGiaoDich: dossier.sendingKey, HoSo: { MaHoSo: dossier.code, MaBuoc: 2, LePhi: '1500000.00', ChuHoSo: { HoTen: dossier.applicant.fullName } } });
    });

    it('a request mapping that gives a non-object is the file\'s fault: DepartmentRefusedError naming send.request, and nothing is sent', async () => {
      const broken = configOf(SO_NNMT_FILE, withSend({ request: "'text'" }));
      const before = simulator.received.length;
      const error = await failure(adapter(broken, simulator.url).send(outgoingDossier()));
      expect(error).toBeInstanceOf(DepartmentRefusedError);
      expect(error).not.toBeInstanceOf(UpstreamError);
      expect(error.message).toContain('send.request');
      expect(error.message).toContain(SO_NNMT_FILE);
      expect(simulator.received).toHaveLength(before);
    });

    it('a refusal of the simulator (a soap:Client fault for a dossier without its code) is DepartmentRefusedError', async () => {
      const error = await failure(adapter(config, simulator.url).send(outgoingDossier({ code: '' })));
      expect(error).toBeInstanceOf(DepartmentRefusedError);
      expect((error as DepartmentRefusedError).system).toBe('so-nnmt');
      expect(error.message).toContain('MaHoSo');
    });

    it('a wrong password is an UpstreamError naming the credential variables', async () => {
      const wrong = { ...config, credentials: { ...config.credentials, password: 'sai-mat-khau' } };
      const error = await failure(adapter(wrong, simulator.url).send(outgoingDossier()));
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error.message).toContain('SO_NNMT_USERNAME / SO_NNMT_PASSWORD');
    });

    describe('ping', () => {
      it('with the health operation (KiemTraKetNoi, TrangThai = \'OK\') resolves, and rejects when the system is down or faulting', async () => {
        const recorder = new RecordingExchanges();
        const soNnmt = adapter(config, simulator.url, recorder);
        await expect(soNnmt.ping()).resolves.toBeUndefined();
        for (const mode of ['down', 'fault'] as const) {
          simulator.mode = mode;
          const error = await failure(soNnmt.ping());
          expect(error, mode).toBeInstanceOf(UpstreamError);
          expect(error.message, mode).toContain(SYSTEM);
          expect(error.message, mode).not.toContain('bảo trì');
        }
        simulator.mode = 'normal';
        await expect(soNnmt.ping()).resolves.toBeUndefined();
        expect(recorder.exchanges.map((e) => [e.operation, e.outcome])).toEqual([
          ['KiemTraKetNoi', 'OK'],
          ['KiemTraKetNoi', 'UNAVAILABLE'],
          ['KiemTraKetNoi', 'FAULT'],
          ['KiemTraKetNoi', 'OK'],
        ]);
      });

      it('without a health operation, fetches ?wsdl: resolves, and rejects when the system is down', async () => {
        const withoutHealth = configOf(SO_NNMT_FILE, (s) => ({ ...s, health: undefined }));
        expect(withoutHealth.health).toBeNull();
        const recorder = new RecordingExchanges();
        const soNnmt = adapter(withoutHealth, simulator.url, recorder);
        await expect(soNnmt.ping()).resolves.toBeUndefined();
        simulator.mode = 'down';
        await expect(soNnmt.ping()).rejects.toBeInstanceOf(UpstreamError);
        expect(recorder.exchanges.map((e) => [e.operation, e.outcome, e.response?.httpStatus])).toEqual([
          ['GET ?wsdl', 'OK', 200],
          ['GET ?wsdl', 'UNAVAILABLE', 503],
        ]);
      });
    });
  });

  describe('a hostile department', () => {
    /** Words of the department's own that no caller may see (only a client fault's reason reaches the supervisors). */
    const INTERNAL_HOST = 'db-noibo.sonnmt.thanhhoa.gov.vn';
    const ORACLE = 'ORA-12541';
    const config = configOf(SO_NNMT_FILE);
    let hostile: HostileDepartmentServer;
    let recorder: RecordingExchanges;
    let soNnmt: SoapDepartmentSystem;

    const expectNoUpstreamWords = (error: Error, ...words: string[]): void => {
      for (const word of [INTERNAL_HOST, ORACLE, ...words]) expect(error.message).not.toContain(word);
    };
    const lastOutcome = () => recorder.exchanges.at(-1)?.outcome;

    beforeAll(async () => {
      hostile = await new HostileDepartmentServer().start();
    });
    beforeEach(() => {
      recorder = new RecordingExchanges();
      soNnmt = adapter(config, hostile.url, recorder);
    });
    afterAll(async () => {
      await hostile.stop();
    });

    it('the canned answers are read when they are right: a reference in the WSDL\'s namespace', async () => {
      hostile.answer = { kind: 'answer', status: 200, body: envelope(motCuaElement('TiepNhanHoSoLienThongResponse', '<MaBienNhan>NNMT-777777</MaBienNhan>')) };
      await expect(soNnmt.send(outgoingDossier())).resolves.toEqual({ reference: 'NNMT-777777' });
      expect(hostile.requests.at(-1)?.operation).toBe('TiepNhanHoSoLienThong');
    });

    it('a soap:Client fault on send is DepartmentRefusedError carrying the department\'s reason, not an UpstreamError', async () => {
      const reason = 'Hồ sơ thiếu bản vẽ sơ đồ thửa đất (TP03).';
      hostile.answer = { kind: 'answer', status: 500, body: soapFault('soap:Client', reason, 'DU_LIEU_KHONG_HOP_LE') };
      const error = await failure(soNnmt.send(outgoingDossier()));
      expect(error).toBeInstanceOf(DepartmentRefusedError);
      expect(error).not.toBeInstanceOf(UpstreamError);
      expect((error as DepartmentRefusedError).system).toBe('so-nnmt');
      expect(error.message).toContain(reason);
      expect(lastOutcome()).toBe('FAULT');
    });

    it('a soap:Server fault is an UpstreamError in the hub\'s words, naming the system, not the fault\'s', async () => {
      hostile.answer = { kind: 'answer', status: 500, body: soapFault('soap:Server', `${ORACLE}: TNS:no listener at ${INTERNAL_HOST}`, 'LOI_HE_THONG') };
      const error = await failure(soNnmt.send(outgoingDossier()));
      expect(error).toBeInstanceOf(UpstreamError);
      expect((error as UpstreamError).system).toBe('so-nnmt');
      expect(error.message).toContain(SYSTEM);
      expectNoUpstreamWords(error, 'TNS', 'LOI_HE_THONG');
      expect(lastOutcome()).toBe('FAULT');
    });

    it('HTTP 503 with plain text is an UpstreamError', async () => {
      hostile.answer = { kind: 'answer', status: 503, body: `Service Unavailable: ${INTERNAL_HOST} ${ORACLE}`, contentType: 'text/plain; charset=utf-8' };
      const error = await failure(soNnmt.send(outgoingDossier()));
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error.message).toContain(SYSTEM);
      expectNoUpstreamWords(error);
      expect(lastOutcome()).toBe('UNAVAILABLE');
    });

    it('HTTP 401 is an UpstreamError naming the credential variables (SO_NNMT_USERNAME / SO_NNMT_PASSWORD)', async () => {
      hostile.answer = { kind: 'answer', status: 401, body: `<html>Unauthorized by ${INTERNAL_HOST}</html>`, contentType: 'text/html' };
      const error = await failure(soNnmt.send(outgoingDossier()));
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error.message).toContain('SO_NNMT_USERNAME / SO_NNMT_PASSWORD');
      expectNoUpstreamWords(error);
      expect(lastOutcome()).toBe('CREDENTIALS_REFUSED');
    });

    it.each([
      ['plain text', `ERROR ${ORACLE} at ${INTERNAL_HOST}`, 'text/plain'],
      ['JSON', JSON.stringify({ MaBienNhan: 'NNMT-555555', loi: `${ORACLE} at ${INTERNAL_HOST}` }), 'application/json'],
    ])('a 200 answer that is not XML (%s) is an UpstreamError', async (_, body, contentType) => {
      hostile.answer = { kind: 'answer', status: 200, body, contentType };
      const error = await failure(soNnmt.send(outgoingDossier()));
      expect(error).toBeInstanceOf(UpstreamError);
      expectNoUpstreamWords(error, 'NNMT-555555');
      expect(lastOutcome()).toBe('MALFORMED');
    });

    it('an answer whose body element is in another namespace is an UpstreamError (malformed)', async () => {
      hostile.answer = { kind: 'answer', status: 200, body: envelope(motCuaElement('TiepNhanHoSoLienThongResponse', '<MaBienNhan>NNMT-666666</MaBienNhan>', 'urn:attacker:motcua')) };
      const error = await failure(soNnmt.send(outgoingDossier()));
      expect(error).toBeInstanceOf(UpstreamError);
      expectNoUpstreamWords(error, 'NNMT-666666', 'urn:attacker');
      expect(lastOutcome()).toBe('MALFORMED');
    });

    it('an answer with a DOCTYPE and an external entity is an UpstreamError; nothing of /etc/passwd comes back', async () => {
      // The assertion below means something only where the file has what it looks for.
      const passwd = existsSync('/etc/passwd') ? readFileSync('/etc/passwd', 'utf8') : 'root:x:0:0:root:/root:/bin/sh';
      expect(passwd).toContain('root:');
      hostile.answer = {
        kind: 'answer',
        status: 200,
        body: envelope(motCuaElement('TiepNhanHoSoLienThongResponse', '<MaBienNhan>&xxe;</MaBienNhan>'), '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'),
      };
      const outcome = await soNnmt.send(outgoingDossier()).then(
        (sent) => ({ reference: sent.reference }),
        (error: unknown) => ({ error }),
      );
      expect(JSON.stringify(outcome)).not.toContain('root:');
      if ('reference' in outcome) expect(outcome.reference).not.toContain('root:');
      expect('error' in outcome && outcome.error).toBeInstanceOf(UpstreamError);
      const error = (outcome as { error: Error }).error;
      expect(error.message).not.toContain('root:');
      expect(String(error.cause)).not.toContain('root:');
      for (const exchange of recorder.exchanges) expect(exchange.detail ?? '').not.toContain('root:');
    });

    it('a billion-laughs answer (10 levels of 10 entities) is an UpstreamError within a second, without a heap jump', async () => {
      const levels = [`<!ENTITY lol0 "lol">`];
      for (let level = 1; level <= 10; level += 1) levels.push(`<!ENTITY lol${level} "${`&lol${level - 1};`.repeat(10)}">`);
      hostile.answer = {
        kind: 'answer',
        status: 200,
        body: envelope(motCuaElement('TiepNhanHoSoLienThongResponse', '<MaBienNhan>&lol10;</MaBienNhan>'), `<!DOCTYPE lolz [${levels.join('')}]>`),
      };
      const heapBefore = process.memoryUsage().heapUsed;
      const started = performance.now();
      const error = await failure(soNnmt.send(outgoingDossier()));
      const elapsed = performance.now() - started;
      const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error.message).not.toContain('lol');
      expect(elapsed).toBeLessThan(1_000);
      expect(heapGrowth).toBeLessThan(50 * 1024 * 1024);
    });

    it('a 50 MB streamed answer is cut off at the size cap: an UpstreamError within seconds, logged as TOO_LARGE', async () => {
      hostile.answer = { kind: 'huge', bytes: 50 * 1024 * 1024 };
      const started = performance.now();
      const error = await failure(soNnmt.send(outgoingDossier()));
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(error).toBeInstanceOf(UpstreamError);
      expect(error.message).toContain(SYSTEM);
      expect(lastOutcome()).toBe('TOO_LARGE');
    });

    describe('pulled changes', () => {
      const NAME = 'Lê Văn Thẩm Định';
      const change = (fields: { maHoSo?: string; thoiDiem: string }) =>
        envelope(
          motCuaElement(
            'LayDanhSachThayDoiResponse',
            `<DanhSachThayDoi><ThayDoi><SoThuTu>7</SoThuTu>${fields.maHoSo === undefined ? '' : `<MaHoSo>${fields.maHoSo}</MaHoSo>`}<MaBienNhan>NNMT-424242</MaBienNhan><MaTrangThai>04</MaTrangThai><ThoiDiem>${fields.thoiDiem}</ThoiDiem><NoiDung>Cán bộ ${NAME} đã thẩm định</NoiDung></ThayDoi></DanhSachThayDoi>`,
          ),
        );

      it('a well-formed change is read', async () => {
        hostile.answer = { kind: 'answer', status: 200, body: change({ maHoSo: '000.00.80.H56-261201-4242', thoiDiem: '2026-12-02T03:00:00Z' }) };
        await expect(soNnmt.changes(null)).resolves.toEqual([
          {
            id: '7',
            cursor: '7',
            dossierCode: '000.00.80.H56-261201-4242',
            reference: 'NNMT-424242',
            status: '04',
            at: new Date('2026-12-02T03:00:00Z'),
            note: `Cán bộ ${NAME} đã thẩm định`,
            results: [],
          },
        ]);
      });

      it.each([
        ['lacks MaHoSo', change({ thoiDiem: '2026-12-02T03:00:00Z' })],
        ['has a ThoiDiem that is not a date', change({ maHoSo: '000.00.80.H56-261201-4242', thoiDiem: 'hôm qua lúc 10 giờ' })],
      ])('a change that %s is an UpstreamError (malformed) that names nothing of the answer', async (_, body) => {
        hostile.answer = { kind: 'answer', status: 200, body };
        const error = await failure(soNnmt.changes(null));
        expect(error).toBeInstanceOf(UpstreamError);
        expect(error.message).toContain(SYSTEM);
        expectNoUpstreamWords(error, 'NNMT-424242', '261201-4242', NAME, 'hôm qua');
        expect(lastOutcome()).toBe('MALFORMED');
      });
    });
  });
});
