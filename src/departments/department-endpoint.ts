import { readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import * as soap from 'soap';
import type { Logger } from '../shared/logger';
import type { DepartmentDirectory } from './department-directory';
import type { DepartmentReports, RefusalCode } from './department-reports';
import { ReportChannel, ReportOutcome } from './department-sync.entity';
import type { DepartmentReport, DepartmentResultDocument } from './department.port';

/** Where departments report: the hub's own SOAP endpoint (its WSDL at `?wsdl`). */
export const DEPARTMENT_ENDPOINT_PATH = '/soap/lien-thong';

/** The hub's WSDL for departments (schema/wsdl/; the build copies it to dist/schema/wsdl). */
export const DEPARTMENT_ENDPOINT_WSDL = path.resolve(__dirname, '../../schema/wsdl/lienthong-departments.wsdl');

/** Why the endpoint refuses a message before or after reading it (detail/MaLoi of the fault). */
type FaultCode = RefusalCode | 'SAI_XAC_THUC';

const FAULT_STATUS: Record<FaultCode, number> = {
  SAI_XAC_THUC: 401,
  KHONG_TIM_THAY: 404,
  KHONG_THUOC_DON_VI: 403,
  TRANG_THAI_LA: 422,
  YEU_CAU_KHONG_HOP_LE: 400,
};

const escapeXml = (text: string): string => text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);

/** A SOAP 1.1 fault written by hand, for messages refused before the SOAP server reads them. */
function faultEnvelope(code: FaultCode, message: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>${escapeXml(message)}</faultstring><detail><MaLoi>${code}</MaLoi></detail></soap:Fault></soap:Body></soap:Envelope>`;
}

/** A refusal the `soap` server sends as a SOAP fault when a service method throws it (it reads `Fault`). */
class EndpointFault extends Error {
  override name = 'EndpointFault';
  readonly Fault: Record<string, unknown>;
  constructor(code: FaultCode, message: string) {
    super(message);
    this.Fault = { faultcode: 'soap:Client', faultstring: message, detail: { MaLoi: code }, statusCode: FAULT_STATUS[code] };
  }
}

const fault = (code: FaultCode, message: string): EndpointFault => new EndpointFault(code, message);

function sendFault(res: Response, code: FaultCode, message: string, status = FAULT_STATUS[code]): void {
  res.status(status).type('text/xml; charset=utf-8').send(faultEnvelope(code, message));
}

/** A DTD of any kind: forbidden in SOAP (1.1 §3), and the way to external entities and entity-expansion bombs. */
const DTD = /<!\s*(DOCTYPE|ENTITY)/i;

interface UsernameToken {
  Username?: unknown;
  Password?: unknown;
}

const textOf = (value: unknown): string | null => {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (value !== null && typeof value === 'object' && '$value' in value) return textOf((value).$value);
  return null;
};

interface ReportArgs {
  MaBaoCao?: unknown;
  MaHoSo?: unknown;
  MaThamChieu?: unknown;
  TrangThai?: unknown;
  ThoiDiem?: unknown;
  NoiDung?: unknown;
  KetQua?: unknown;
}

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/** The report a department sent, in the hub's words; throws a fault naming the first missing or malformed field. */
function readReport(args: ReportArgs): DepartmentReport {
  const required = (field: keyof ReportArgs, max: number): string => {
    const value = textOf(args[field])?.trim();
    if (!value) throw fault('YEU_CAU_KHONG_HOP_LE', `Thiếu ${field}.`);
    if (value.length > max) throw fault('YEU_CAU_KHONG_HOP_LE', `${field} dài quá ${max} ký tự.`);
    return value;
  };
  const at = args.ThoiDiem instanceof Date ? args.ThoiDiem : new Date(required('ThoiDiem', 40));
  if (Number.isNaN(at.getTime())) throw fault('YEU_CAU_KHONG_HOP_LE', 'ThoiDiem không phải thời điểm hợp lệ (xsd:dateTime).');
  const given: unknown[] = Array.isArray(args.KetQua) ? (args.KetQua as unknown[]) : args.KetQua === undefined ? [] : [args.KetQua];
  const results = given.map((item, index): DepartmentResultDocument => {
    const doc = (item ?? {}) as Record<string, unknown>;
    const field = (name: string) => {
      const value = textOf(doc[name])?.trim();
      if (!value) throw fault('YEU_CAU_KHONG_HOP_LE', `KetQua[${index}] thiếu ${name}.`);
      return value;
    };
    const content = field('NoiDung');
    if (!BASE64.test(content)) throw fault('YEU_CAU_KHONG_HOP_LE', `KetQua[${index}].NoiDung không phải base64.`);
    return { name: field('TenGiayTo').slice(0, 300), fileName: field('TenTep').slice(0, 255), contentType: field('LoaiTep'), content: Buffer.from(content, 'base64') };
  });
  const reference = textOf(args.MaThamChieu)?.trim() || null;
  const note = textOf(args.NoiDung)?.trim() || null;
  return {
    id: required('MaBaoCao', 180),
    cursor: null,
    dossierCode: required('MaHoSo', 60),
    reference: reference?.slice(0, 200) ?? null,
    status: required('TrangThai', 100),
    at,
    note: note?.slice(0, 2000) ?? null,
    results,
  };
}

export interface DepartmentEndpointDependencies {
  reports: DepartmentReports;
  directory: DepartmentDirectory;
  logger: Logger;
  /** Largest message accepted, in bytes (the body limit of HTTP_MAX_BODY_BYTES). */
  maxBodyBytes: number;
}

/**
 * Serves the hub's SOAP endpoint for departments that push
 * (schema/wsdl/lienthong-departments.wsdl) on the hub's HTTP server. Each
 * message is read within the body limit, refused if it carries a DTD
 * (external entities, entity bombs) or is not well-formed XML, and only
 * then handed to the `soap` server. A department proves itself with its
 * WS-Security UsernameToken (compared in constant time) and may report
 * only on steps at its own agency; every refusal is a SOAP fault with a
 * Vietnamese message and a code (detail/MaLoi), and changes nothing.
 */
export async function mountDepartmentEndpoint(app: Express, deps: DepartmentEndpointDependencies): Promise<void> {
  const wsdlText = readFileSync(DEPARTMENT_ENDPOINT_WSDL, 'utf8');
  const { reports, directory, logger } = deps;
  // The WSDL with the address the caller reached the hub at (behind TRUST_PROXY's proxies: theirs).
  app.get(DEPARTMENT_ENDPOINT_PATH, (req, res, next) => {
    if (!Object.keys(req.query).some((key) => key.toLowerCase() === 'wsdl')) return next();
    const location = `${req.protocol}://${req.get('host') ?? 'localhost'}${DEPARTMENT_ENDPOINT_PATH}`;
    res.type('text/xml; charset=utf-8').send(wsdlText.replace(/<soap:address location="[^"]*"\/>/, `<soap:address location="${escapeXml(location)}"/>`));
  });

  let server: soap.Server | undefined;
  app.post(
    DEPARTMENT_ENDPOINT_PATH,
    express.raw({ type: () => true, limit: deps.maxBodyBytes }),
    (req: Request, res: Response, next: NextFunction) => {
      const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      if (body.trim() === '') return sendFault(res, 'YEU_CAU_KHONG_HOP_LE', 'Yêu cầu trống: cần một thông điệp SOAP.');
      if (DTD.test(body)) return sendFault(res, 'YEU_CAU_KHONG_HOP_LE', 'Thông điệp SOAP không được chứa DTD (DOCTYPE, ENTITY).');
      try {
        // The same reader the soap server uses: a message it could not read is refused here, as a fault.
        const read = (server as unknown as { wsdl?: { xmlToObject(xml: string): unknown } } | undefined)?.wsdl?.xmlToObject(body) as { Body?: unknown } | undefined;
        if (!read?.Body) throw new Error('no SOAP Body');
      } catch {
        return sendFault(res, 'YEU_CAU_KHONG_HOP_LE', 'Thông điệp không phải XML SOAP hợp lệ.');
      }
      next();
    },
  );
  // Errors of the route itself (a body over the limit, a broken stream) are answered as faults too.
  app.use(DEPARTMENT_ENDPOINT_PATH, (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = (error as { status?: number }).status;
    if (status === 413) return sendFault(res, 'YEU_CAU_KHONG_HOP_LE', `Thông điệp lớn quá ${deps.maxBodyBytes} byte.`, 413);
    logger.warn({ err: error }, 'a department message could not be read');
    return sendFault(res, 'YEU_CAU_KHONG_HOP_LE', 'Không đọc được thông điệp.');
  });

  const service = {
    LienThongService: {
      LienThongPort: {
        async BaoCaoTienDo(args: ReportArgs, _callback: unknown, headers: { Security?: { UsernameToken?: UsernameToken } } | undefined) {
          const token = headers?.Security?.UsernameToken;
          const department = directory.authenticate(textOf(token?.Username) ?? '', textOf(token?.Password) ?? '');
          if (!department) throw fault('SAI_XAC_THUC', 'Sai tên đăng nhập hoặc mật khẩu WS-Security của hệ thống sở, ngành.');
          const report = readReport(args);
          const verdict = await reports.apply(department, report, ReportChannel.PUSH);
          if (verdict.outcome === ReportOutcome.REFUSED && !verdict.duplicate) throw fault(verdict.code, verdict.message);
          const answer = verdict.duplicate ? 'TRUNG_LAP' : verdict.outcome === ReportOutcome.APPLIED ? 'DA_AP_DUNG' : 'DA_GHI_NHAN';
          return { KetQua: answer, ThongBao: verdict.message };
        },
        KiemTraKetNoi(_args: unknown, _callback: unknown, headers: { Security?: { UsernameToken?: UsernameToken } } | undefined) {
          const token = headers?.Security?.UsernameToken;
          if (!directory.authenticate(textOf(token?.Username) ?? '', textOf(token?.Password) ?? '')) throw fault('SAI_XAC_THUC', 'Sai tên đăng nhập hoặc mật khẩu WS-Security của hệ thống sở, ngành.');
          return { TrangThai: 'OK' };
        },
      },
    },
  };
  await new Promise<void>((resolve, reject) => {
    server = soap.listen(app, {
      path: DEPARTMENT_ENDPOINT_PATH,
      services: service,
      xml: wsdlText,
      suppressStack: true,
      callback: (error: unknown) => (error ? reject(error instanceof Error ? error : new Error('the SOAP endpoint could not start')) : resolve()),
    });
  });
}
