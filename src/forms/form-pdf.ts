import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

/**
 * The printed forms of a dossier (receipt, supplement request, refusal,
 * apology) as PDF, in Vietnamese: DejaVu Sans (npm `dejavu-fonts-ttf`)
 * carries every Vietnamese letter, which PDF's built-in fonts do not; the
 * dossier code is printed as a QR code beside its text.
 */

/** One printed form: who issues it, what it is, and its lines. */
export interface FormSpec {
  /** The issuing body, first line of the letterhead (the centre, or the receiving agency). */
  issuer: string;
  title: string;
  /** The dossier code, printed, and encoded in the QR code unless `qr` is given. */
  code: string;
  /** What the QR code holds: the dossier's lookup page (so that a phone or the kiosk opens it), else the code. */
  qr?: string;
  /** Label and value, one per line. */
  lines: ReadonlyArray<readonly [string, string]>;
  /** A list under its heading (components brought, items asked, reasons). */
  list?: { heading: string; items: readonly string[] };
  /** Closing text (signature line). */
  footer?: string;
}

const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

export async function renderForm(form: FormSpec): Promise<Buffer> {
  const qr = await QRCode.toBuffer(form.qr ?? form.code, { errorCorrectionLevel: 'M', margin: 1, width: 160 });
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `${form.title} – ${form.code}`, Author: form.issuer } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', FONT);
  doc.registerFont('bold', FONT_BOLD);
  const width = doc.page.width - 2 * 56;

  doc.font('bold').fontSize(11).text(form.issuer.toUpperCase(), 56, 56, { width: width - 110 });
  doc.font('body').fontSize(10).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM – Độc lập – Tự do – Hạnh phúc', { width: width - 110 });
  doc.image(qr, 56 + width - 96, 50, { width: 96 });
  doc.moveDown(2.5);
  doc.font('bold').fontSize(14).text(form.title.toUpperCase(), 56, Math.max(doc.y, 160), { width, align: 'center' });
  doc.font('body').fontSize(11).text(`Mã hồ sơ: ${form.code}`, { width, align: 'center' });
  doc.moveDown();
  for (const [label, value] of form.lines) {
    doc.font('bold').fontSize(11).text(`${label}: `, { continued: true, width }).font('body').text(value || '—');
  }
  if (form.list) {
    doc.moveDown(0.5);
    doc.font('bold').text(form.list.heading);
    form.list.items.forEach((item, index) => doc.font('body').text(`${index + 1}. ${item}`, { width, indent: 12 }));
  }
  if (form.footer) {
    doc.moveDown(2);
    doc.font('body').fontSize(11).text(form.footer, { width, align: 'right' });
  }
  doc.end();
  return done;
}
