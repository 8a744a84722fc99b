import { describe, expect, it } from 'vitest';
import { credentialsEnvironment, readGatewayDepartments } from '../../mesh/departments';
import { departmentsDir } from '../support/departments';

describe('what the gateway reads of the department files', () => {
  it('takes each file\'s gateway section: the record operation and the registers it exposes', () => {
    const departments = readGatewayDepartments(undefined, {});
    expect(departments.map((d) => [d.name, d.record?.operation ?? null, d.expose])).toEqual([
      ['so-nnmt', 'TraCuuHoSo', ['TraCuuVanBan']],
      ['ubnd-tinh', 'TraCuuSoDen', []],
    ]);
    expect(departments.every((d) => d.url === null)).toBe(true);
  });

  it.each([
    ['the sending operation', 'TiepNhanHoSoLienThong'],
    ['the change feed', 'LayDanhSachThayDoi'],
  ])('refuses a file that would expose %s, naming the file and the field', (_what, operation) => {
    const dir = departmentsDir({ change: (name, file) => (name === 'so-nnmt' ? { ...file, gateway: { expose: [operation] } } : file) });
    expect(() => readGatewayDepartments(dir, {})).toThrow(new RegExp(`so-nnmt.*gateway\\.expose\\.0 must not be ${operation}: the gateway exposes reads of a register`));
  });

  it('refuses a record mapping that is not JSONata, naming the field', () => {
    const dir = departmentsDir({ change: (name, file) => (name === 'so-nnmt' ? { ...file, gateway: { record: { operation: 'TraCuuHoSo', request: '{ MaBienNhan: ', answer: 'HoSo' } } } : file) });
    expect(() => readGatewayDepartments(dir, {})).toThrow(/gateway\.record\.request/);
  });

  it('gives a simulated department the simulators\' credentials when its variables are unset, and never overrides what is set', () => {
    const departments = readGatewayDepartments(undefined, {});
    const env = credentialsEnvironment(departments, { SO_NNMT_PASSWORD: 'set-by-the-operator' });
    expect(env).toMatchObject({ SO_NNMT_USERNAME: 'lienthong-hub', SO_NNMT_PASSWORD: 'set-by-the-operator', UBND_TINH_USERNAME: 'lienthong-hub', UBND_TINH_PASSWORD: 'simulator' });
    // A real system (a url in its file) gets only what the operator set.
    const real = credentialsEnvironment(departments.map((d) => ({ ...d, url: 'https://motcua.example.gov.vn/ws' })), {});
    expect(real.SO_NNMT_USERNAME).toBeUndefined();
  });
});
