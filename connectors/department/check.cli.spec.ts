import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkDepartmentFiles, runDepartmentCheck } from './check.cli';
import { DEPARTMENT_WSDLS } from './wsdl';

const SO_NNMT_FILE = path.join(__dirname, 'simulated', 'so-nnmt.json');
const UBND_TINH_FILE = path.join(__dirname, 'simulated', 'ubnd-tinh.json');

type Json = Record<string, unknown>;

/** A string that begins with `text` (taken literally). */
const startingWith = (text: string): unknown => expect.stringMatching(new RegExp('^' + text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'department-check-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes `name` in the temp dir: so-nnmt.json with its WSDL path made absolute and `change` applied. */
function brokenCopy(name: string, change: (json: Json) => Json): string {
  const json = JSON.parse(readFileSync(SO_NNMT_FILE, 'utf8')) as Json;
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(change({ ...json, wsdl: DEPARTMENT_WSDLS.polled })));
  return file;
}

describe('checkDepartmentFiles', () => {
  it('finds both built-in files fit, with their operations and WSDLs', async () => {
    await expect(checkDepartmentFiles([SO_NNMT_FILE, UBND_TINH_FILE], {})).resolves.toEqual([
      { file: SO_NNMT_FILE, problems: [], operations: ['TiepNhanHoSoLienThong', 'LayDanhSachThayDoi', 'KiemTraKetNoi'], wsdl: DEPARTMENT_WSDLS.polled },
      { file: UBND_TINH_FILE, problems: [], operations: ['NopHoSoTrinh', 'Ping'], wsdl: DEPARTMENT_WSDLS.pushing },
    ]);
  });

  it('reports a copy whose operation and answer mapping do not fit the WSDL, each problem naming the file and the field', async () => {
    const file = brokenCopy('wsdl-mismatch.json', (json) => ({
      ...json,
      send: { ...(json.send as Json), operation: 'TiepNhanHoSo' },
      pull: { ...(json.pull as Json), reports: "DanhSachThayDoi.ThayDoi.{ 'cursor': $string(SoThuTuSai), 'dossierCode': MaHoSo, 'status': MaTrangThai, 'at': ThoiDiem }" },
    }));
    const [check] = await checkDepartmentFiles([file], {});
    expect(check.problems).toHaveLength(2);
    expect(check.problems[0]).toEqual(startingWith(`${file} send.operation "TiepNhanHoSo" is not an operation of the WSDL`));
    expect(check.problems[1]).toBe(`${file} pull.reports reads SoThuTuSai, which is not an element of LayDanhSachThayDoi's answer`);
  });

  it('reports the schema\'s issues as "<file> <path> <message>", and does not go on to the WSDL', async () => {
    const file = brokenCopy('bad-fields.json', (json) => ({
      ...json,
      url: 'https://motcua.sonnmt.thanhhoa.gov.vn/lienthong',
      pull: { ...(json.pull as Json), cron: 'every 20 seconds', operation: 'KhongCo' },
    }));
    const [check] = await checkDepartmentFiles([file], { SO_NNMT_USERNAME: 'lienthong-hub' });
    expect(check.operations).toEqual([]);
    expect(check.wsdl).toBeNull();
    expect(check.problems).toHaveLength(2);
    expect(check.problems).toContainEqual(startingWith(`${file} pull.cron must be a cron expression`));
    expect(check.problems).toContainEqual(`${file} credentials.passwordEnv names SO_NNMT_PASSWORD, which is not set (the WS-Security password the hub sends)`);
  });

  it('reports a file that is not JSON, and still checks the others', async () => {
    const file = path.join(dir, 'not-json.json');
    writeFileSync(file, '{ "name": "so-nnmt", ');
    const checks = await checkDepartmentFiles([file, SO_NNMT_FILE], {});
    expect(checks[0].problems).toEqual([expect.stringContaining(`department file ${file} cannot be read as JSON`)]);
    expect(checks[1].problems).toEqual([]);
  });
});

describe('runDepartmentCheck (the command)', () => {
  const printed = () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    return { out: () => log.mock.calls.map((c) => c.join(' ')), err: () => error.mock.calls.map((c) => c.join(' ')) };
  };
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('without a file is a usage error (exit 2)', async () => {
    const output = printed();
    await expect(runDepartmentCheck([], {})).resolves.toBe(2);
    expect(output.err().join('\n')).toContain('usage: npm run department:check -- <department file.json>');
    await expect(runDepartmentCheck(['--fix', SO_NNMT_FILE], {})).resolves.toBe(2);
    expect(output.out()).toEqual([]);
  });

  it('prints a line per file that fits and exits 0', async () => {
    const output = printed();
    await expect(runDepartmentCheck([SO_NNMT_FILE, UBND_TINH_FILE], {})).resolves.toBe(0);
    expect(output.out()).toEqual([
      `✓ ${SO_NNMT_FILE}: 3 operations and their mappings fit ${DEPARTMENT_WSDLS.polled}`,
      `✓ ${UBND_TINH_FILE}: 2 operations and their mappings fit ${DEPARTMENT_WSDLS.pushing}`,
    ]);
    expect(output.err()).toEqual([]);
  });

  it('prints every problem of a file that does not fit and exits 1', async () => {
    const file = brokenCopy('misspelt.json', (json) => ({ ...json, health: { ...(json.health as Json), operation: 'KiemTraKetNoii' } }));
    const output = printed();
    await expect(runDepartmentCheck([UBND_TINH_FILE, file], {})).resolves.toBe(1);
    expect(output.out()).toEqual([expect.stringContaining(`✓ ${UBND_TINH_FILE}`)]);
    expect(output.err()).toEqual([
      startingWith(`✗ ${file} health.operation "KiemTraKetNoii" is not an operation`),
      '1 of 2 department file(s) do not fit',
    ]);
  });
});
