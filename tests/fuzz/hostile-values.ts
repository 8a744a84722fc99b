import type { Random } from './random';

/** Values taken from the seeded hub, so that generated requests reach past "not found". */
export interface KnownValues {
  procedureCodes: string[];
  agencyCodes: string[];
  componentCodes: string[];
  dossierCodes: string[];
  documentIds: string[];
  outboxIds: string[];
  personalIds: string[];
  /** Cursors the hub itself gave out. */
  cursors: string[];
}

const base64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

/** An e-mail whose check was quadratic (issue 7, finding 2), kept short enough to cost at most a second then. */
const SLOW_EMAIL = `a@${'.'.repeat(20_000)}`;

/** Strings that have broken parsers, SQL, encodings and regular expressions elsewhere. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  'a',
  'abc\u0000def',
  '\u0000',
  'x'.repeat(100_000),
  'Nguyễn Thị Ánh Tuyết',
  'Nguye\u0302\u0303n',
  '🙂🇻🇳👩‍👩‍👧',
  '\u202Eevil\u202C',
  '\u200B\u200C\uFEFF',
  '\uD800',
  '\uFFFF\uFFFE',
  "' OR '1'='1' --",
  "'; drop table dossier; --",
  '%',
  '_',
  '\\',
  '%_\\%',
  '$1',
  '${7*7}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '0x41',
  '\r\n\r\nHTTP/1.1 200 OK',
  'a'.repeat(64) + '@' + 'b'.repeat(255) + '.vn',
  SLOW_EMAIL,
  `${'(a+)+'.repeat(50)}b`,
  'ä'.repeat(20_000),
];

const HOSTILE_IDS: readonly string[] = ['0', '-1', '1', '1.5', '9'.repeat(40), '00000000-0000-0000-0000-000000000000', 'not-a-uuid', 'abc\u0000', '', ' 1'];

const HOSTILE_PERSONAL_IDS: readonly string[] = ['000000000000', '999999999999', '03809500123', '0380950012345', '03809500123a', '038095001234\u0000', ' 038095001234', '038095001000', '123456789012'];

const HOSTILE_CODES: readonly string[] = ['000.00.91.H56-991231-9999', '000.00.91.H56-250101-0000', '000.00.91.H56-', '-', '%.%', '000.00.91.H56-250101-0001\u0000', '3.000347%', '3.000347\u0000'];

const HOSTILE_CURSORS: readonly string[] = [
  'not base64 !',
  base64url('not json'),
  base64url('[]'),
  base64url('["x","y"]'),
  base64url('[null,null]'),
  base64url('[1e308,-1]'),
  base64url('{"__proto__":{"polluted":true}}'),
  base64url('["a\u0000","b"]'),
  base64url(JSON.stringify(['x'.repeat(10_000)])),
  base64url('[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]'),
  'AAAA',
  '====',
];

const HOSTILE_DATES: readonly string[] = ['2026-11-23', '0000-01-01', '2026-02-30', '2026-13-01', '9999-12-31', '+275760-09-13', '2026-1-1', '23/11/2026', 'not a date', '', '2026-11-23T09:00:00+07:00'];

const HOSTILE_DATE_TIMES: readonly string[] = [
  '2026-11-23T09:00:00+07:00',
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999999999Z',
  '9999-12-31T23:00:00-07:00',
  '2026-11-23T25:00:00Z',
  '2026-02-30T09:00:00Z',
  '2026-11-23T09:00:00+99:99',
  '2026-11-23',
  '2026-11-23T09:00:00',
  'yesterday',
];

const HOSTILE_INTS: readonly unknown[] = [0, 1, -1, 2, 20, 100, 101, 1000, 2147483647, -2147483648, 2147483648, 1e15, 1.5, '1', null, true];

const HOSTILE_FLOATS: readonly unknown[] = [0, -0, 1.5, -1e308, 1e308, 5e-324, '1.0', false];

const BASE64_CONTENTS: readonly string[] = [
  Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64'),
  Buffer.from('%PDF-<html><script>alert(1)</script></html>').toString('base64'),
  Buffer.from('\x89PNG\r\n\x1a\n').toString('base64'),
  'not base64 at all!',
  '====',
  'QUJD',
  'A'.repeat(4 * 100_000),
];

/** A value of a named scalar, hostile or not; `argName` steers towards values that reach past validation. */
export function scalarValue(scalar: string, argName: string, random: Random, known: KnownValues): unknown {
  const name = argName.toLowerCase();
  const fromKnown = (values: string[]): string | undefined => (values.length > 0 && random.chance(0.6) ? random.pick(values) : undefined);
  switch (scalar) {
    case 'Int':
      if (name === 'first') return random.pick([...HOSTILE_INTS, 1, 5, 100]);
      return random.pick(HOSTILE_INTS);
    case 'Float':
      return random.pick(HOSTILE_FLOATS);
    case 'Boolean':
      return random.chance(0.9) ? random.chance(0.5) : random.pick(['true', 0, null]);
    case 'Date':
      return random.pick(HOSTILE_DATES);
    case 'DateTime':
      return random.pick(HOSTILE_DATE_TIMES);
    case 'JSON':
      return random.pick([{}, [], 1, 'x', { a: { b: [null] } }, JSON.parse('{"__proto__":{"polluted":true}}') as unknown]);
    case 'ID':
      if (name.includes('document')) return fromKnown(known.documentIds) ?? random.pick(HOSTILE_IDS);
      return fromKnown(known.outboxIds) ?? random.pick(HOSTILE_IDS);
    default:
      break;
  }
  // String and any other scalar: by what the argument means.
  if (name === 'after') return fromKnown(known.cursors) ?? random.pick(HOSTILE_CURSORS);
  if (name === 'personalid') return fromKnown(known.personalIds) ?? random.pick(HOSTILE_PERSONAL_IDS);
  if (name === 'procedurecode') return fromKnown(known.procedureCodes) ?? random.pick(HOSTILE_CODES);
  if (name === 'agencycode') return fromKnown(known.agencyCodes) ?? random.pick(HOSTILE_CODES);
  if (name === 'code' || name === 'dossiercode') return fromKnown([...known.dossierCodes, ...known.procedureCodes, ...known.agencyCodes, ...known.componentCodes]) ?? random.pick(HOSTILE_CODES);
  if (name === 'contentbase64') return random.pick(BASE64_CONTENTS);
  if (name === 'contenttype') return random.pick(['application/pdf', 'image/png', 'text/html', 'application/pdf; charset=\u0000', '', 'APPLICATION/PDF']);
  if (name === 'consenttoken') return random.pick(['123456', '000000', '12345', 'abcdef', '', '1234567']);
  if (name === 'email') return random.pick(['cong.dan@example.vn', 'a@b', '@', SLOW_EMAIL, 'x'.repeat(300) + '@example.vn']);
  if (name === 'phone') return random.pick(['0912345678', '+84912345678', '+12345678901234567890', '091', 'phone']);
  if (name === 'idempotencykey') return random.pick(['key-1', '', 'k'.repeat(10_000), 'key\u0000']);
  return random.pick(HOSTILE_STRINGS);
}

/** A misspelling of an enum value, or something that is no enum value at all. */
export function misspelledEnum(value: string, random: Random): unknown {
  return random.pick([value.toLowerCase(), `${value}X`, value.slice(0, -1), ` ${value}`, `${value}\u0000`, 'ÁCCEPT', '', 0, null, [value]]);
}

/** A value of the wrong kind for an argument: what a careless or hostile client sends. */
export function wrongKindValue(random: Random): unknown {
  return random.pick([{}, { nested: { deeper: [] } }, [], [[]], 'text', 42, -1.5, true, 'x'.repeat(1000)]);
}
