import { describe, expect, it } from 'vitest';
import { createLogger, maskPersonalIds } from './logger';

describe('logs never carry a whole personal id', () => {
  it('masks 12-digit ids, leaving other numbers alone', () => {
    expect(maskPersonalIds('tra cứu 038095001234 cho hồ sơ 000.00.91.H56-261123-0001')).toBe('tra cứu 038*******34 cho hồ sơ 000.00.91.H56-261123-0001');
    expect(maskPersonalIds('time 1795313378332 and 12345678901 stay')).toBe('time 1795313378332 and 12345678901 stay');
  });

  it('masks ids wherever they are in a log line: message, fields, errors; redacts consent codes', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info' }, { write: (line: string) => lines.push(line) });
    logger.info({ personalId: '038095001234', consentToken: '123456', payload: { dossier: 'x', personalId: '001203004567' } }, 'lookup 038195012345');
    logger.error({ err: new Error('no answer for 079305000999') }, 'failed');
    const all = lines.join('');
    expect(all).not.toMatch(/038095001234|001203004567|038195012345|079305000999|123456/);
    expect(all).toContain('038*******34');
    expect(all).toContain('[masked]');
  });
});
