import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDepartmentFile } from '../../src/config/departments-dir';
import { departmentConfigSchema, type DepartmentInstanceConfig } from './department.config';
import { checkAgainstWsdl } from './wsdl-check';

const SO_NNMT_FILE = path.join(__dirname, 'simulated', 'so-nnmt.json');
const UBND_TINH_FILE = path.join(__dirname, 'simulated', 'ubnd-tinh.json');

type Json = Record<string, unknown>;

/** A block of a department file (send, pull, statuses, ...), as an object. */
const block = (json: Json, name: string): Json => json[name] as Json;

let dir: string;
let copies = 0;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'department-wsdl-check-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A copy of a built-in file in the temp dir, its WSDL path made absolute, with `change` applied. */
function copyOf(file: string, change: (json: Json) => Json): string {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Json;
  const wsdl = path.resolve(path.dirname(file), json.wsdl as string);
  copies += 1;
  const copy = path.join(dir, `${copies}-${path.basename(file)}`);
  writeFileSync(copy, JSON.stringify(change({ ...json, wsdl })));
  return copy;
}

/** The file's settings as the hub reads them. */
function settingsOf(file: string, env: NodeJS.ProcessEnv = {}): Json {
  const problems: string[] = [];
  const entry = readDepartmentFile(file, env, { simulatorProcessingMs: 50 }, problems);
  expect(problems).toEqual([]);
  if (!entry) throw new Error(`${file} could not be read`);
  return entry.settings;
}

const configOf = (file: string): DepartmentInstanceConfig => departmentConfigSchema.parse(settingsOf(file));

/** The schema's issues for a file, as "path: message". */
function issuesOf(file: string, env: NodeJS.ProcessEnv = {}): Array<{ path: string; message: string; code: string }> {
  const parsed = departmentConfigSchema.safeParse(settingsOf(file, env));
  expect(parsed.success).toBe(false);
  return parsed.error?.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message, code: issue.code })) ?? [];
}

describe('checkAgainstWsdl', () => {
  it.each([
    ['so-nnmt.json', SO_NNMT_FILE],
    ['ubnd-tinh.json', UBND_TINH_FILE],
  ])('the built-in %s fits its WSDL', async (_, file) => {
    await expect(checkAgainstWsdl(configOf(file))).resolves.toEqual([]);
  });

  it('a misspelt send.operation is named, with the operations the WSDL has', async () => {
    const file = copyOf(SO_NNMT_FILE, (json) => ({ ...json, send: { ...block(json, 'send'), operation: 'TiepNhanHoSoLienThog' } }));
    const problems = await checkAgainstWsdl(configOf(file));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('send.operation "TiepNhanHoSoLienThog"');
    for (const operation of ['TiepNhanHoSoLienThong', 'LayDanhSachThayDoi', 'KiemTraKetNoi']) expect(problems[0]).toContain(operation);
  });

  it('a send.request that writes an element the input lacks is named with its path', async () => {
    const file = copyOf(SO_NNMT_FILE, (json) => ({ ...json, send: { ...block(json, 'send'), request: "{ 'MaGiaoDich': sendingKey, 'HoSo': { 'MaHoSoSai': code } }" } }));
    const problems = await checkAgainstWsdl(configOf(file));
    expect(problems).toEqual([expect.stringContaining('send.request writes HoSo.MaHoSoSai')]);
    expect(problems[0]).toContain('TiepNhanHoSoLienThong');
  });

  it('a pull.reports that reads a field the answer lacks is named', async () => {
    const file = copyOf(SO_NNMT_FILE, (json) => {
      const pull = block(json, 'pull');
      return { ...json, pull: { ...pull, reports: (pull.reports as string).replace("'id': $string(SoThuTu)", "'id': $string(SoThuTuSai)") } };
    });
    const problems = await checkAgainstWsdl(configOf(file));
    expect(problems).toEqual([expect.stringContaining('pull.reports reads SoThuTuSai')]);
    expect(problems[0]).toContain('LayDanhSachThayDoi');
  });

  it('the gateway section is checked too: its record mapping against the lookup operation, its registers against the WSDL', async () => {
    const file = copyOf(SO_NNMT_FILE, (json) => {
      const gateway = block(json, 'gateway');
      const record = gateway.record as Json;
      return { ...json, gateway: { record: { ...record, request: "{ 'SoBienNhan': reference }", answer: (record.answer as string).replace('HoSo.CanBoXuLy', 'HoSo.CanBo') }, expose: ['TraCuuGiayPhep'] } };
    });
    const problems = await checkAgainstWsdl(configOf(file));
    expect(problems).toEqual([
      expect.stringContaining('gateway.record.request writes SoBienNhan, which is not an element of TraCuuHoSo'),
      expect.stringContaining('gateway.record.answer reads CanBo'),
      expect.stringContaining('gateway.expose[0] "TraCuuGiayPhep" is not an operation of the WSDL'),
    ]);
  });

  it('a WSDL path that does not exist gives one problem naming it', async () => {
    const missing = path.join(dir, 'khong-co', 'motcua.wsdl');
    const file = copyOf(SO_NNMT_FILE, (json) => ({ ...json, wsdl: missing }));
    const problems = await checkAgainstWsdl(configOf(file));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(missing);
  });
});

describe('departmentConfigSchema', () => {
  it('a JSONata syntax error in send.request is named, with JSONata\'s message and the character', () => {
    const file = copyOf(SO_NNMT_FILE, (json) => ({ ...json, send: { ...block(json, 'send'), request: "{ 'MaGiaoDich': sendingKey, 'HoSo': " } }));
    const issues = issuesOf(file);
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe('send.request');
    expect(issues[0].message).toMatch(/JSONata/);
    expect(issues[0].message).toMatch(/at character \d+/);
  });

  it('an unknown meaning of a status is named, with the meanings there are', () => {
    const file = copyOf(SO_NNMT_FILE, (json) => ({ ...json, statuses: { ...block(json, 'statuses'), '03': { meaning: 'SIGNING', label: 'Chờ ký' } } }));
    const issues = issuesOf(file);
    expect(issues).toEqual([expect.objectContaining({ path: 'statuses.03.meaning' })]);
    expect(issues[0].message).toContain('RECEIVED, PROCESSING, DONE, RETURNED');
  });

  it('statuses without a DONE meaning are refused', () => {
    const file = copyOf(SO_NNMT_FILE, (json) => {
      const { '04': _done, ...statuses } = block(json, 'statuses');
      return { ...json, statuses };
    });
    const issues = issuesOf(file);
    expect(issues).toEqual([expect.objectContaining({ path: 'statuses' })]);
    expect(issues[0].message).toContain('DONE');
  });

  it('url without credentials is refused at credentials', () => {
    const file = copyOf(SO_NNMT_FILE, (json) => {
      const { credentials: _credentials, ...rest } = json;
      return { ...rest, url: 'https://motcua.sonnmt.thanhhoa.gov.vn/lienthong' };
    });
    const issues = issuesOf(file);
    expect(issues).toEqual([expect.objectContaining({ path: 'credentials' })]);
    expect(issues[0].message).toContain('url');
  });

  it('with url, a credentials.passwordEnv naming an unset variable is refused, naming it; both set, the values are used', () => {
    const file = copyOf(SO_NNMT_FILE, (json) => ({ ...json, url: 'https://motcua.sonnmt.thanhhoa.gov.vn/lienthong' }));
    const issues = issuesOf(file, { SO_NNMT_USERNAME: 'lienthong-hub' });
    expect(issues).toEqual([expect.objectContaining({ path: 'credentials.passwordEnv' })]);
    expect(issues[0].message).toContain('SO_NNMT_PASSWORD');

    const config = departmentConfigSchema.parse(settingsOf(file, { SO_NNMT_USERNAME: 'lienthong-hub', SO_NNMT_PASSWORD: 'mat-khau-that' }));
    expect(config.credentials).toEqual({ username: 'lienthong-hub', password: 'mat-khau-that', usernameEnv: 'SO_NNMT_USERNAME', passwordEnv: 'SO_NNMT_PASSWORD' });
  });

  it('a bad pull.cron is refused', () => {
    const file = copyOf(SO_NNMT_FILE, (json) => ({ ...json, pull: { ...block(json, 'pull'), cron: 'every 20 seconds' } }));
    const issues = issuesOf(file);
    expect(issues).toEqual([expect.objectContaining({ path: 'pull.cron' })]);
    expect(issues[0].message).toMatch(/cron/);
  });

  it('an unknown extra field is named (the schema is strict)', () => {
    const file = copyOf(SO_NNMT_FILE, (json) => ({ ...json, timeoutMs: 5000 }));
    const issues = issuesOf(file);
    expect(issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys' })]);
    expect(issues[0].message).toContain('timeoutMs');
  });

  it('neither simulator nor url is refused at url', () => {
    const file = copyOf(SO_NNMT_FILE, (json) => {
      const { simulator: _simulator, ...rest } = json;
      return rest;
    });
    const issues = issuesOf(file);
    expect(issues).toEqual([expect.objectContaining({ path: 'url' })]);
    expect(issues[0].message).toContain('simulator');
  });
});
