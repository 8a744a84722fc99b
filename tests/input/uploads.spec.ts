import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClock } from '../support/clock';
import { PROCEDURES } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { contractOperation } from '../support/operations';
import { citizen } from '../support/tokens';

const SubmitDossier = contractOperation('SubmitDossier');
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

type Submitted = { submitDossier: { dossier: { code: string; components: Array<{ documentId: string | null }> } | null; userErrors: Array<{ field: string | null; code: string; message: string }> } };

/** A well-formed PDF of exactly `size` bytes (header, filler, trailer), different for each `seed`. */
function pdfOfSize(size: number, seed: string): Buffer {
  const content = Buffer.alloc(size, 0x20);
  content.write(`%PDF-1.7\n%${seed}\n`, 0, 'latin1');
  content.write('\n%%EOF', size - 6, 'latin1');
  return content;
}

/** Uploads with the default DOCUMENT_MAX_BYTES (10 MiB), over HTTP: the limit is the setting, and every refusal is INVALID_INPUT. */
describe('document uploads up to DOCUMENT_MAX_BYTES', () => {
  const clock = new TestClock('2026-11-25T09:00:00+07:00');
  let t: TestHub;
  let person: Record<string, string>;

  beforeAll(async () => {
    t = await startTestHub({ clock });
    person = await citizen();
  });
  afterAll(async () => {
    await t.stop();
  });

  const submit = (contentType: string, content: Buffer) =>
    t.gql<Submitted>(
      SubmitDossier,
      {
        input: {
          procedureCode: PROCEDURES.drivingLicence.code,
          components: [{ code: '3.000347.TP01', fileName: 'to-khai.pdf', contentType, contentBase64: content.toString('base64') }, { code: '3.000347.TP03' }],
        },
      },
      person,
    );
  const saved = async () => {
    const em = t.hub.database.fork();
    const [dossiers] = await em.execute<Array<{ n: string }>>('select count(*) as n from dossier');
    const [blobs] = await em.execute<Array<{ n: string }>>('select count(*) as n from document_blob');
    return { dossiers: Number(dossiers?.n), blobs: Number(blobs?.n) };
  };

  it('takes a 5 MB document (the old base64 check overflowed the stack above about 3.2 MB)', async () => {
    const res = await submit('application/pdf', pdfOfSize(5_000_000, 'five'));
    expect(res.errors).toBeUndefined();
    expect(res.data?.submitDossier.userErrors).toEqual([]);
    expect(res.data?.submitDossier.dossier?.components[0]?.documentId).toEqual(expect.any(String));
  });

  it('takes a document of exactly DOCUMENT_MAX_BYTES', async () => {
    const res = await submit('application/pdf', pdfOfSize(DEFAULT_MAX_BYTES, 'max'));
    expect(res.errors).toBeUndefined();
    expect(res.data?.submitDossier.userErrors).toEqual([]);
    const size = await t.gql<{ myDocuments: Array<{ size: number }> }>('query { myDocuments(first: 1) { size } }', {}, person);
    expect(size.data?.myDocuments[0]?.size).toBe(DEFAULT_MAX_BYTES);
  });

  it('refuses one byte more as INVALID_INPUT naming the limit, and saves nothing', async () => {
    const before = await saved();
    const res = await submit('application/pdf', pdfOfSize(DEFAULT_MAX_BYTES + 1, 'over'));
    expect(res.errors).toBeUndefined();
    expect(res.data?.submitDossier).toMatchObject({ dossier: null, userErrors: [{ code: 'INVALID_INPUT', field: 'components[0].contentBase64' }] });
    expect(res.data?.submitDossier.userErrors[0]?.message).toContain('10 MB');
    expect(await saved()).toEqual(before);
  });

  it.each([
    ['%PDF- followed by HTML', 'application/pdf', Buffer.from('%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF')],
    ['an SVG declared as PNG', 'image/png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('<svg onload="alert(1)"/>')])],
    ['a PDF without its %%EOF', 'application/pdf', Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n')],
    ['a JPEG cut short (no FF D9)', 'image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46])],
  ])('refuses %s as INVALID_INPUT and saves nothing', async (_label, contentType, content) => {
    const before = await saved();
    const res = await submit(contentType, content);
    expect(res.data?.submitDossier).toMatchObject({ dossier: null, userErrors: [{ code: 'INVALID_INPUT', field: 'components[0].contentBase64' }] });
    expect(await saved()).toEqual(before);
  });
});
