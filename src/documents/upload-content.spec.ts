import { describe, expect, it } from 'vitest';
import { decodeBase64Upload, describeSize, looksLikeMarkup, matchesDeclaredType } from './upload-content';

const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');
const pdf = (body: string) => Buffer.from(`%PDF-1.7\n${body}\n%%EOF\n`);
const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9]);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('decodeBase64Upload', () => {
  it('decodes padded base64, ignoring line breaks', () => {
    const result = decodeBase64Upload(`${b64('xin chào').slice(0, 4)}\r\n${b64('xin chào').slice(4)}`, 100);
    expect(result).toEqual({ ok: true, content: Buffer.from('xin chào') });
  });

  it.each([
    ['empty', ''],
    ['not a multiple of 4', 'QUJD R'],
    ['a character outside the alphabet', 'QU*D'],
    ['padding in the middle', 'QQ==QUJD'],
    ['three padding characters', 'Q==='],
    ['base64url', '-_-_'],
  ])('refuses %s as not base64', (_label, text) => {
    expect(decodeBase64Upload(text, 100)).toEqual({ ok: false, problem: { kind: 'not-base64' } });
  });

  it('takes exactly maxBytes and refuses one more, for every padding', () => {
    for (const max of [3, 4, 5]) {
      expect(decodeBase64Upload(b64(Buffer.alloc(max, 7)), max)).toMatchObject({ ok: true });
      expect(decodeBase64Upload(b64(Buffer.alloc(max + 1, 7)), max)).toEqual({ ok: false, problem: { kind: 'too-large', maxBytes: max } });
    }
  });

  it('checks 6 MB of base64 (past where the old regular expression overflowed the stack)', () => {
    const content = Buffer.alloc(6 * 1024 * 1024, 0x41);
    const result = decodeBase64Upload(b64(content), 10 * 1024 * 1024);
    expect(result.ok && result.content.equals(content)).toBe(true);
  });
});

describe('describeSize', () => {
  it('names the limit in MB, KB or bytes, with the exact figure', () => {
    expect(describeSize(10 * 1024 * 1024)).toBe('10 MB (10485760 byte)');
    expect(describeSize(2048)).toBe('2 KB (2048 byte)');
    expect(describeSize(100)).toBe('100 byte');
  });
});

describe('content checks', () => {
  it('a PDF starts with %PDF- and its version and has %%EOF in its last KiB', () => {
    expect(matchesDeclaredType('application/pdf', pdf('1 0 obj << >> endobj'))).toBe(true);
    expect(matchesDeclaredType('application/pdf', Buffer.from('%PDF-1.7 no end'))).toBe(false);
    expect(matchesDeclaredType('application/pdf', Buffer.from('%PDF-\n%%EOF'))).toBe(false);
    expect(matchesDeclaredType('application/pdf', Buffer.concat([pdf('x'), Buffer.alloc(2048, 0x20)]))).toBe(false);
  });

  it('a JPEG starts with FF D8 FF and ends with FF D9 (padding after it allowed)', () => {
    expect(matchesDeclaredType('image/jpeg', jpeg)).toBe(true);
    expect(matchesDeclaredType('image/jpeg', Buffer.concat([jpeg, Buffer.from([0, 0, 0x0a])]))).toBe(true);
    expect(matchesDeclaredType('image/jpeg', jpeg.subarray(0, -1))).toBe(false);
    expect(matchesDeclaredType('image/jpeg', Buffer.from([0xff, 0xd8, 0xff]))).toBe(false);
  });

  it('a PNG starts with the full 8-byte signature', () => {
    expect(matchesDeclaredType('image/png', png)).toBe(true);
    expect(matchesDeclaredType('image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]))).toBe(false);
  });

  it.each([
    ['HTML after a PDF header', Buffer.from('%PDF-1.7\n<html><body onload="alert(1)"></body></html>\n%%EOF')],
    ['a doctype', Buffer.from('<!DOCTYPE html><p>x</p>')],
    ['a script', Buffer.concat([jpeg.subarray(0, 4), Buffer.from('<SCRIPT>alert(1)</SCRIPT>')])],
    ['an SVG', Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['HTML in UTF-16', Buffer.from('\ufeff<html>', 'utf16le')],
  ])('%s looks like markup', (_label, content) => {
    expect(looksLikeMarkup(content)).toBe(true);
  });

  it('documents and pictures do not look like markup, nor does markup after the first KiB', () => {
    expect(looksLikeMarkup(pdf('BT /F1 12 Tf (xin chao) Tj ET'))).toBe(false);
    expect(looksLikeMarkup(jpeg)).toBe(false);
    expect(looksLikeMarkup(Buffer.concat([pdf(''), Buffer.alloc(1024), Buffer.from('<html>')]))).toBe(false);
  });
});
