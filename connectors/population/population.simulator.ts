import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as soap from 'soap';
import { citizenToXml } from './population.mapping';
import { syntheticCitizen } from './synthetic-citizen';
import { POPULATION_WSDL } from './wsdl';


export interface PopulationSimulatorOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The WS-Security UsernameToken it accepts. */
  username: string;
  password: string;
}

/** What the simulator was asked, for tests and demos (no personal data beyond the synthetic ids). */
export interface SimulatorRequest {
  requestId: string;
  personalId: string;
  consentKind: string | null;
  answer: 'FOUND' | 'NOT_FOUND' | 'CONSENT_REFUSED' | 'INVALID';
}

export interface PopulationSimulator {
  /** The SOAP endpoint, e.g. http://127.0.0.1:4101/dancu */
  readonly url: string;
  readonly requests: readonly SimulatorRequest[];
  stop(): Promise<void>;
}

interface XacNhan {
  HinhThuc?: string;
  GiaTri?: string;
}

interface TraCuuCongDanArgs {
  MaYeuCau?: string;
  SoDinhDanh?: string;
  MaCanBo?: string;
  TenCanBo?: string;
  MaDonVi?: string;
  MucDich?: string;
  MaHoSo?: string;
  XacNhan?: XacNhan;
}

/** A SOAP 1.1 fault the client sees with its code in `detail.MaLoi`. */
function fault(code: 'CONSENT_REQUIRED' | 'INVALID_REQUEST', message: string): { Fault: Record<string, unknown> } {
  return { Fault: { faultcode: 'soap:Client', faultstring: message, detail: { MaLoi: code }, statusCode: 500 } };
}

/** Why the consent proof is not acceptable, or null when it is (the simulator's rules, documented in the README). */
function consentProblem(args: TraCuuCongDanArgs): string | null {
  const proof = args.XacNhan;
  if (!proof?.HinhThuc) return 'Thiếu xác nhận đồng ý của công dân (XacNhan).';
  const value = (proof.GiaTri ?? '').trim();
  switch (proof.HinhThuc) {
    case 'OTP':
      return /^\d{6}$/.test(value) ? null : 'Mã OTP phải gồm 6 chữ số.';
    case 'DINH_DANH':
      return value !== '' ? null : 'Thiếu định danh điện tử của công dân.';
    case 'CO_SO_PHAP_LY':
      return value !== '' && (args.MucDich ?? '').trim() !== '' && (args.MaCanBo ?? '').trim() !== '' ? null : 'Cơ sở pháp lý cần mục đích và cán bộ yêu cầu.';
    default:
      return `Hình thức xác nhận ${proof.HinhThuc} không được hỗ trợ.`;
  }
}

/**
 * A SOAP server that speaks schema/wsdl/population.wsdl like the national
 * population database: WS-Security UsernameToken, a consent proof in every
 * lookup, a deterministic synthetic citizen for every well-formed id (none
 * for ids ending in 000).
 */
export async function startPopulationSimulator(options: PopulationSimulatorOptions): Promise<PopulationSimulator> {
  const requests: SimulatorRequest[] = [];
  const server: Server = createServer((req, res) => {
    // soap.listen answers its own paths; anything else is not here.
    if (!req.url?.startsWith('/dancu')) {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}/dancu`;
  const wsdl = readFileSync(POPULATION_WSDL, 'utf8').replace(/<soap:address location="[^"]*"\/>/, `<soap:address location="${url}"/>`);

  const service = {
    DanCuService: {
      DanCuPort: {
        TraCuuCongDan(args: TraCuuCongDanArgs) {
          const requestId = args.MaYeuCau ?? '';
          const personalId = args.SoDinhDanh ?? '';
          const record = (answer: SimulatorRequest['answer']) => requests.push({ requestId, personalId, consentKind: args.XacNhan?.HinhThuc ?? null, answer });
          if (!/^\d{12}$/.test(personalId) || !requestId || !args.MaCanBo || !args.MaDonVi || !args.MucDich?.trim()) {
            record('INVALID');
            // The soap package sends a thrown { Fault } object as a SOAP fault.
            // eslint-disable-next-line @typescript-eslint/only-throw-error
            throw fault('INVALID_REQUEST', 'Yêu cầu thiếu số định danh 12 chữ số, mã yêu cầu, cán bộ, đơn vị hoặc mục đích.');
          }
          const problem = consentProblem(args);
          if (problem) {
            record('CONSENT_REFUSED');
            // eslint-disable-next-line @typescript-eslint/only-throw-error
            throw fault('CONSENT_REQUIRED', problem);
          }
          const citizen = syntheticCitizen(personalId);
          record(citizen ? 'FOUND' : 'NOT_FOUND');
          return { MaYeuCau: requestId, CongdanCollection: citizen ? { CongDan: citizenToXml(citizen) } : {} };
        },
        KiemTraKetNoi() {
          return { TrangThai: 'OK' };
        },
      },
    },
  };
  const soapServer = soap.listen(server, { path: '/dancu', services: service, xml: wsdl, suppressStack: true });
  soapServer.authenticate = (security: unknown) => {
    const token = (security as { UsernameToken?: { Username?: string; Password?: string | { $value?: string } } } | undefined)?.UsernameToken;
    const password = typeof token?.Password === 'object' ? token.Password.$value : token?.Password;
    return token?.Username === options.username && password === options.password;
  };
  return {
    url,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
