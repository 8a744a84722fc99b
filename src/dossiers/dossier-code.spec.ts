import { describe, expect, it } from 'vitest';
import { formatDossierCode, parseDossierCode } from './dossier-code';

describe('dossier code', () => {
  it('formats agency, local date and a four-digit daily number', () => {
    expect(formatDossierCode('000.00.12.H56', '2026-11-23', 7)).toBe('000.00.12.H56-261123-0007');
    expect(formatDossierCode('H56.14', '2025-07-08', 1)).toBe('H56.14-250708-0001');
    expect(formatDossierCode('000.00.12.H56', '2026-11-23', 12345)).toBe('000.00.12.H56-261123-12345');
  });

  it('parses what it formats', () => {
    expect(parseDossierCode('000.00.12.H56-261123-0007')).toEqual({ agencyCode: '000.00.12.H56', day: '2026-11-23', sequence: 7 });
    expect(parseDossierCode('H56.14-250708-10000')).toEqual({ agencyCode: 'H56.14', day: '2025-07-08', sequence: 10000 });
  });

  it.each([
    '',
    'abc',
    '000.00.12.H56-261123-007',
    '000.00.12.H56-261323-0007',
    '000.00.12.H56-260230-0001',
    '000.00.12.H56-261123-0000',
    '000.00.12.h56-261123-0001',
    'H56-261123-0001',
    '000.00.12.H56-261123-0001 ',
    "000.00.12.H56-261123-0001' or 1=1",
  ])('rejects %j', (code) => {
    expect(parseDossierCode(code)).toBeNull();
  });

  it('refuses to format bad parts', () => {
    expect(() => formatDossierCode('bad code', '2026-11-23', 1)).toThrow(RangeError);
    expect(() => formatDossierCode('000.00.12.H56', '1999-11-23', 1)).toThrow(RangeError);
    expect(() => formatDossierCode('000.00.12.H56', '2026-11-23', 0)).toThrow(RangeError);
  });
});
