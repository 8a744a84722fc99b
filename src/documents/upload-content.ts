/**
 * The checks of an uploaded file's bytes, as plain functions: base64 text
 * to bytes within a size limit, and the content against its declared type.
 * Every check here runs in time linear in the input and in constant stack
 * (no backtracking regular expression over the upload: one over a 3 MB
 * string overflowed V8's regexp stack).
 */

/** Why an upload was refused; the service turns it into a user error on the right field. */
export type UploadProblem = { kind: 'not-base64' } | { kind: 'too-large'; maxBytes: number };

/** `maxBytes` for people: "10 MB (10485760 byte)". */
export function describeSize(maxBytes: number): string {
  const MiB = 1024 * 1024;
  const unit = maxBytes >= MiB ? `${Number((maxBytes / MiB).toFixed(1))} MB` : maxBytes >= 1024 ? `${Number((maxBytes / 1024).toFixed(1))} KB` : `${maxBytes} byte`;
  return unit.endsWith(' byte') ? unit : `${unit} (${maxBytes} byte)`;
}

function isBase64Char(code: number): boolean {
  return (
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x2b || // +
    code === 0x2f // /
  );
}

/**
 * Decodes standard, padded base64 (whitespace such as line breaks is
 * ignored). The size is computed from the text's length before anything is
 * decoded, so an oversized upload costs one pass over the text and no more.
 */
export function decodeBase64Upload(text: string, maxBytes: number): { ok: true; content: Buffer } | { ok: false; problem: UploadProblem } {
  const compact = /\s/.test(text) ? text.replace(/\s+/g, '') : text;
  const length = compact.length;
  if (length === 0 || length % 4 !== 0) return { ok: false, problem: { kind: 'not-base64' } };
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  for (let i = 0; i < length - padding; i++) {
    if (!isBase64Char(compact.charCodeAt(i))) return { ok: false, problem: { kind: 'not-base64' } };
  }
  const size = (length / 4) * 3 - padding;
  if (size > maxBytes) return { ok: false, problem: { kind: 'too-large', maxBytes } };
  return { ok: true, content: Buffer.from(compact, 'base64') };
}

/** Markers of a document a browser would run or render as a page: refused whatever type is declared. */
const ACTIVE_MARKERS = ['<html', '<!doctype', '<script', '<svg'];
const SNIFF_BYTES = 1024;

/** True when the first KiB looks like HTML, script or SVG (also in UTF-16, whose NUL bytes are skipped). */
export function looksLikeMarkup(content: Buffer): boolean {
  const head = content.subarray(0, SNIFF_BYTES).toString('latin1').toLowerCase();
  const withoutNul = head.replaceAll('\u0000', '');
  return ACTIVE_MARKERS.some((marker) => head.includes(marker) || withoutNul.includes(marker));
}

const PDF_HEADER = /^%PDF-\d\.\d/;
const PDF_TRAILER = Buffer.from('%%EOF');
const JPEG_START = Buffer.from([0xff, 0xd8, 0xff]);
const JPEG_END = Buffer.from([0xff, 0xd9]);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const TIFF_SIGNATURES = [Buffer.from([0x49, 0x49, 0x2a, 0x00]), Buffer.from([0x4d, 0x4d, 0x00, 0x2a])];

/** The content without the padding some writers leave after the end marker (NUL bytes, line ends, spaces). */
function withoutTrailingPadding(content: Buffer): Buffer {
  let end = content.length;
  while (end > 0 && [0x00, 0x0a, 0x0d, 0x20].includes(content[end - 1] ?? -1)) end--;
  return content.subarray(0, end);
}

/**
 * Whether the bytes are of the declared type, by the structure each format
 * has at both ends: a PDF starts with `%PDF-` and its version and has
 * `%%EOF` in its last KiB (where readers look for it); a JPEG starts with
 * FF D8 FF and ends with FF D9; a PNG starts with its 8-byte signature; a
 * TIFF with its byte-order mark. A type without a known structure passes.
 */
export function matchesDeclaredType(type: string, content: Buffer): boolean {
  switch (type) {
    case 'application/pdf':
      return PDF_HEADER.test(content.subarray(0, 8).toString('latin1')) && content.subarray(-SNIFF_BYTES).includes(PDF_TRAILER);
    case 'image/jpeg': {
      const body = withoutTrailingPadding(content);
      return body.length >= JPEG_START.length + JPEG_END.length && body.subarray(0, 3).equals(JPEG_START) && body.subarray(-2).equals(JPEG_END);
    }
    case 'image/png':
      return content.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE);
    case 'image/tiff':
      return TIFF_SIGNATURES.some((signature) => content.subarray(0, signature.length).equals(signature));
    default:
      return true;
  }
}
