import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONNECTOR_KINDS } from '../../connectors';
import { loadConfig } from '../../src/config';
import { ConfigError } from '../../src/errors';
import { resolveConnectorInstances } from '../../src/integration/connector-instances';
import { departmentsDir, departmentSimulator } from '../support/departments';
import { supervisor } from '../support/tokens';
import { startTestHub } from '../support/hub';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A DEPARTMENTS_DIR of the built-in files with one of them changed (or added). */
function dirWith(change: (name: string, file: Record<string, unknown>) => Record<string, unknown>, extra: Array<Record<string, unknown>> = []): string {
  const dir = departmentsDir({ change, extra });
  dirs.push(dir);
  return dir;
}

/** The problems a start with these settings stops on, before the database: reading the files, then each instance against its kind. */
function problems(env: Record<string, string>): string[] {
  try {
    resolveConnectorInstances(loadConfig({ DEPARTMENTS_ENABLED: 'true', ...env }).connectors.instances, CONNECTOR_KINDS);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

const land = (change: (file: Record<string, unknown>) => Record<string, unknown>) => (name: string, file: Record<string, unknown>) => (name === 'so-nnmt' ? change(file) : file);

describe('department files, checked when the hub starts', () => {
  it('by default the two simulated departments are connected, after population; DEPARTMENTS_ENABLED=false connects none', () => {
    const names = (env: Record<string, string>) => resolveConnectorInstances(loadConfig(env).connectors.instances, CONNECTOR_KINDS).map((i) => `${i.name}:${i.definition.kind}`);
    expect(names({})).toEqual(['population:population', 'payment:payment', 'postal:postal', 'portal:portal', 'so-nnmt:department', 'ubnd-tinh:department']);
    expect(names({ DEPARTMENTS_ENABLED: 'false' })).toEqual(['population:population', 'payment:payment', 'postal:postal', 'portal:portal']);
  });

  it.each([
    ['a JSONata syntax error', land((f) => ({ ...f, send: { ...(f.send as object), request: "{ 'MaHoSo': code " } })), /so-nnmt\.json \("so-nnmt"\)\.send\.request is not a JSONata expression: .*\(at character \d+\)/],
    ['a status meaning the hub does not know', land((f) => ({ ...f, statuses: { '04': { meaning: 'FINISHED', label: 'Xong' } } })), /\("so-nnmt"\)\.statuses\.04\.meaning must be one of RECEIVED, PROCESSING, DONE, RETURNED/],
    ['no status meaning DONE', land((f) => ({ ...f, statuses: { '01': { meaning: 'RECEIVED', label: 'Nhận' } } })), /\("so-nnmt"\)\.statuses must map at least one status code to DONE/],
    ['a bad pull schedule', land((f) => ({ ...f, pull: { ...(f.pull as object), cron: 'mỗi 20 giây' } })), /\("so-nnmt"\)\.pull\.cron must be a cron expression/],
    ['a mistyped field', land((f) => ({ ...f, sned: f.send })), /\("so-nnmt"\).*sned/],
    ['a real system without credentials', land((f) => ({ ...f, url: 'https://motcua.snnmt.example.gov.vn/ws', credentials: undefined })), /\("so-nnmt"\)\.credentials must be set when url is set/],
    ['a real system whose password variable is unset', land((f) => ({ ...f, url: 'https://motcua.snnmt.example.gov.vn/ws' })), /\("so-nnmt"\)\.credentials\.passwordEnv names SO_NNMT_PASSWORD, which is not set/],
    ['a password written in the file', land((f) => ({ ...f, credentials: { usernameEnv: 'SO_NNMT_USERNAME', passwordEnv: 'SO_NNMT_PASSWORD', password: 'lo-ra-roi' } })), /\("so-nnmt"\)\.credentials\.password must not be in the file: name the environment variable that holds it in credentials\.passwordEnv/],
    ['neither url nor simulator', land((f) => ({ ...f, simulator: undefined })), /\("so-nnmt"\)\.url must be set: the URL of the department's SOAP endpoint/],
    ['a name taken by another file', land((f) => ({ ...f, name: 'ubnd-tinh' })), /ubnd-tinh\.json \("ubnd-tinh"\): name "ubnd-tinh" is taken by department file .*so-nnmt\.json/],
  ])('%s stops the start, naming the file and the field', (_what, change, message) => {
    const found = problems({ DEPARTMENTS_DIR: dirWith(change) });
    expect(found.some((p) => message.test(p)), found.join('\n')).toBe(true);
    // Never the value of a secret in a message.
    expect(found.join('\n')).not.toContain('lo-ra-roi');
  });

  it('a real system with its credentials in the environment passes', () => {
    const dir = dirWith(land((f) => ({ ...f, url: 'https://motcua.snnmt.example.gov.vn/ws' })));
    expect(problems({ DEPARTMENTS_DIR: dir, SO_NNMT_USERNAME: 'lienthong', SO_NNMT_PASSWORD: 'bi-mat' })).toEqual([]);
  });

  it('a directory that is missing, empty, or holds a file that is not JSON is named', () => {
    expect(problems({ DEPARTMENTS_DIR: '/khong/co/thu-muc-nay' })).toEqual([expect.stringMatching(/^DEPARTMENTS_DIR \(\/khong\/co\/thu-muc-nay\) must be a directory of department files/)]);
    const empty = mkdtempSync(path.join(tmpdir(), 'lienthong-departments-empty-'));
    dirs.push(empty);
    expect(problems({ DEPARTMENTS_DIR: empty })).toEqual([expect.stringMatching(/holds no department file \(\*\.json\); set DEPARTMENTS_ENABLED=false/)]);
    writeFileSync(path.join(empty, 'hong.json'), '{ "name": "hong", ');
    expect(problems({ DEPARTMENTS_DIR: empty })).toEqual([expect.stringMatching(/^department file .*hong\.json cannot be read as JSON/)]);
  });

  it('an agency the catalogue does not know, or two systems for one agency, stop the start of the hub', async () => {
    const unknown = dirWith(land((f) => ({ ...f, agencyCode: '000.00.99.H56' })));
    await expect(startTestHub({ env: { DEPARTMENTS_ENABLED: 'true', DEPARTMENTS_DIR: unknown } })).rejects.toThrow(/so-nnmt\.json \("so-nnmt"\)\.agencyCode "000\.00\.99\.H56" is not an agency of the catalogue/);
    const twice = dirWith((_name, file) => file, [{ name: 'so-nnmt-2', agencyCode: '000.00.84.H56', wsdl: '/dev/null', simulator: 'polled', send: { operation: 'X', request: '{}', reference: 'X' }, statuses: { '1': { meaning: 'DONE', label: 'Xong' } } }]);
    await expect(startTestHub({ env: { DEPARTMENTS_ENABLED: 'true', DEPARTMENTS_DIR: twice } })).rejects.toThrow(/agencyCode "000\.00\.84\.H56" is already served by/);
  });

  it('a simulated department can be started slow, down or faulting by its file, to try the hub against it', async () => {
    const dir = dirWith((name, file) => (name === 'ubnd-tinh' ? { ...file, simulatorMode: 'fault' } : file));
    const t = await startTestHub({ env: { DEPARTMENTS_ENABLED: 'true', DEPARTMENTS_DIR: dir, HEALTH_CACHE_MS: '0' } });
    try {
      expect(departmentSimulator(t, 'ubnd-tinh').mode).toBe('fault');
      expect(departmentSimulator(t, 'so-nnmt').mode).toBe('normal');
      const res = await t.gql<{ departmentSystems: Array<{ name: string; ok: boolean; error: string | null }> }>('{ departmentSystems { name ok error } }', {}, await supervisor());
      expect(res.data?.departmentSystems).toEqual([
        { name: 'so-nnmt', ok: true, error: null },
        { name: 'ubnd-tinh', ok: false, error: expect.stringMatching(/^Hệ thống của Hệ thống quản lý văn bản và điều hành UBND tỉnh đang không phản hồi/) as string },
      ]);
    } finally {
      await t.stop();
    }
    expect(problems({ DEPARTMENTS_DIR: dirWith(land((f) => ({ ...f, simulatorMode: 'broken' }))) })).toEqual([expect.stringMatching(/\("so-nnmt"\)\.simulatorMode must be "normal", "slow", "down" or "fault"/)]);
  });

  it('the simulated departments on a catalogue without their agencies are left out, and the hub starts', async () => {
    const t = await startTestHub({ env: { DEPARTMENTS_ENABLED: 'true', SEED_CATALOG: 'false' } });
    try {
      expect(t.hub.departments.directory.entries).toEqual([]);
    } finally {
      await t.stop();
    }
  });
});
