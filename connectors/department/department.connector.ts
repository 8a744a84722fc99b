import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DepartmentRefusedError, type DepartmentReport, type DepartmentSystem, type OutgoingDossier, type SentDossier } from '../../src/departments/department.port';
import { UpstreamError } from '../../src/errors';
import type { CallOptions } from '../../src/integration/call-options';
import { digestMessage, type ExchangeRecorder } from '../../src/integration/exchange.port';
import { MalformedAnswerError, SoapTransport, UnhealthyAnswerError, type Failure, type SoapFault, type UpstreamCategory } from '../soap/soap-transport';
import type { DepartmentInstanceConfig } from './department.config';
import { compileMapping, mapToList, mapToObject, mapToValue, MappingResultError, type Mapping } from './department.mapping';

/** The fixed texts callers and officers get, by category, naming the department's system (never its own words). */
export function departmentMessages(system: string, credentials: { usernameEnv: string | null; passwordEnv: string | null }): Record<UpstreamCategory, string> {
  const variables = credentials.usernameEnv && credentials.passwordEnv ? `${credentials.usernameEnv} / ${credentials.passwordEnv}` : 'the department file\'s credentials';
  return {
    UNAVAILABLE: `Hệ thống của ${system} đang không phản hồi; việc gửi, nhận sẽ được thử lại tự động. (Department system unavailable.)`,
    TIMEOUT: `Hệ thống của ${system} không trả lời kịp thời; việc gửi, nhận sẽ được thử lại tự động. (Department system: no answer in time.)`,
    CREDENTIALS_REFUSED: `Hệ thống của ${system} từ chối tài khoản kết nối của Liên thông; cần quản trị viên kiểm tra. (Department system refused the hub's credentials: check ${variables}.)`,
    MALFORMED: `Hệ thống của ${system} trả lời không đúng định dạng đã cấu hình. (Department system answered in an unexpected shape.)`,
  };
}

/** The most of a department's refusal kept for supervisors (on the dead-letter list). */
const REFUSAL_TEXT_MAX = 500;

const text = z.union([z.string(), z.number()]).transform(String);
const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/** What a pull mapping must give for each change: the hub's words for a report. */
const reportShape = z.object({
  id: text.nullish(),
  cursor: text.nullish(),
  dossierCode: z.string().trim().min(1),
  reference: text.nullish(),
  status: text.pipe(z.string().trim().min(1)),
  at: z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be a date-time'),
  note: z.string().nullish(),
  results: z
    .array(z.object({ name: z.string().min(1), fileName: z.string().min(1), contentType: z.string().min(1), content: z.string().regex(BASE64, 'must be base64') }))
    .nullish(),
});

/** Reads one mapped report, or says which field of which change is wrong. */
export function readReport(value: unknown, index: number): DepartmentReport {
  const parsed = reportShape.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MalformedAnswerError(`change ${index}: ${issue.path.join('.') || '(the change)'} ${issue.message}`);
  }
  const r = parsed.data;
  return {
    id: r.id ?? null,
    cursor: r.cursor ?? null,
    dossierCode: r.dossierCode.trim(),
    reference: r.reference ?? null,
    status: r.status.trim(),
    at: new Date(r.at),
    note: r.note ?? null,
    results: (r.results ?? []).map((d) => ({ name: d.name, fileName: d.fileName, contentType: d.contentType, content: Buffer.from(d.content, 'base64') })),
  };
}

/** A client fault (SOAP 1.1 Client, 1.2 Sender): the department refuses what it was sent. */
const isClientFault = (fault: SoapFault): boolean => typeof fault.faultcode === 'string' && /(^|:)(Client|Sender)(\.|$)/.test(fault.faultcode);

/**
 * A department's SOAP system, made from its file alone: the operations it
 * names, the JSONata mappings both ways, WS-Security from the
 * environment, over the shared SOAP transport (size cap, namespace check,
 * exchange log). A client fault on sending is the department's refusal
 * (DepartmentRefusedError: no retry mends it); everything else is an
 * UpstreamError, retried by the outbox and the resilience wrapper.
 */
export class SoapDepartmentSystem implements DepartmentSystem {
  private readonly transport: SoapTransport;
  private readonly mappings: {
    sendRequest: Mapping;
    sendReference: Mapping;
    pullRequest: Mapping | null;
    pullReports: Mapping | null;
    healthRequest: Mapping | null;
    healthOk: Mapping | null;
  };
  private readonly system: string;

  constructor(
    private readonly config: DepartmentInstanceConfig & { url: string },
    private readonly deps: { instance: string; system: string; recorder?: ExchangeRecorder },
  ) {
    this.system = deps.system;
    this.transport = new SoapTransport({
      wsdl: config.wsdl,
      url: config.url,
      credentials: { username: config.credentials.username, password: config.credentials.password },
      maxAnswerBytes: config.maxAnswerBytes,
      ...(deps.recorder ? { recorder: deps.recorder } : {}),
      instance: deps.instance,
      messages: departmentMessages(deps.system, config.credentials),
      classifyFault: (fault, error, detail): Failure | null => {
        if (!isClientFault(fault)) return null;
        const reason = typeof fault.faultstring === 'string' ? fault.faultstring.slice(0, REFUSAL_TEXT_MAX) : 'không nêu lý do';
        return { outcome: 'FAULT', error: new DepartmentRefusedError(deps.instance, `${deps.system} từ chối yêu cầu: ${reason}`, { cause: error }), detail };
      },
    });
    this.mappings = {
      sendRequest: compileMapping(config.send.request),
      sendReference: compileMapping(config.send.reference),
      pullRequest: config.pull ? compileMapping(config.pull.request) : null,
      pullReports: config.pull ? compileMapping(config.pull.reports) : null,
      healthRequest: config.health ? compileMapping(config.health.request) : null,
      healthOk: config.health?.ok ? compileMapping(config.health.ok) : null,
    };
  }

  /** A mapping that cannot make a request of the hub's record is the file's fault: refused for good, named for the operator. */
  private async request(mapping: Mapping, input: unknown, where: string): Promise<Record<string, unknown>> {
    try {
      return await mapToObject(mapping, input, where);
    } catch (error) {
      const reason = error instanceof MappingResultError ? error.message : `the mapping ${where} failed: ${error instanceof Error ? error.message : String(error)}`;
      throw new DepartmentRefusedError(this.deps.instance, `${reason} (${this.config.configFile})`, { cause: error });
    }
  }

  async send(dossier: OutgoingDossier, options: CallOptions = {}): Promise<SentDossier> {
    const args = await this.request(this.mappings.sendRequest, dossier, 'send.request');
    return this.transport.call(this.config.send.operation, { requestId: dossier.sendingKey, dossierCode: dossier.code }, args, options, async (answer) => {
      const reference = await mapToValue(this.mappings.sendReference, answer);
      if ((typeof reference !== 'string' && typeof reference !== 'number') || String(reference).trim() === '') {
        throw new MalformedAnswerError('send.reference found no reference in the answer');
      }
      return { reference: String(reference).trim().slice(0, 200) };
    });
  }

  async changes(cursor: string | null, options: CallOptions = {}): Promise<DepartmentReport[]> {
    const { pull } = this.config;
    if (!pull || !this.mappings.pullRequest || !this.mappings.pullReports) {
      throw new UpstreamError(this.deps.instance, `${this.system}: no pull operation is configured (the department pushes)`);
    }
    const reportsMapping = this.mappings.pullReports;
    const args = await this.request(this.mappings.pullRequest, { cursor }, 'pull.request').catch((error: unknown) => {
      // Pulling is the hub's own schedule: a mapping that cannot make a request is an operator's problem, retried at the next tick.
      throw new UpstreamError(this.deps.instance, error instanceof Error ? error.message : String(error), { cause: error });
    });
    return this.transport.call(pull.operation, { requestId: `pull-${randomUUID()}`, dossierCode: null }, args, options, async (answer) => {
      const items = await mapToList(reportsMapping, answer);
      return items.map((item, index) => readReport(item, index));
    });
  }

  async ping(options: CallOptions = {}): Promise<void> {
    const { health } = this.config;
    if (!health || !this.mappings.healthRequest) return this.fetchWsdl(options);
    const okMapping = this.mappings.healthOk;
    const args = await mapToObject(this.mappings.healthRequest, {}, 'health.request').catch((error: unknown) => {
      throw new UpstreamError(this.deps.instance, `${error instanceof Error ? error.message : 'the mapping health.request failed'} (${this.config.configFile})`, { cause: error });
    });
    await this.transport.call(health.operation, { requestId: `ping-${randomUUID()}`, dossierCode: null }, args, options, async (answer) => {
      if (okMapping && !(await mapToValue(okMapping, answer))) throw new UnhealthyAnswerError('health.ok is false for the answer');
    });
  }

  /** No health operation configured: the endpoint proves it answers by serving its WSDL. */
  private async fetchWsdl(options: CallOptions): Promise<void> {
    const url = `${this.config.url}?wsdl`;
    const at = new Date();
    let status: number | null = null;
    let failure: unknown = null;
    try {
      const response = await fetch(url, { redirect: 'manual', ...(options.signal ? { signal: options.signal } : {}) });
      status = response.status;
      await response.body?.cancel();
      if (!response.ok) failure = new Error(`HTTP ${response.status}`);
    } catch (error) {
      failure = error;
    }
    await this.deps.recorder?.record({
      system: this.deps.instance,
      endpoint: this.config.url,
      operation: 'GET ?wsdl',
      outcome: failure === null ? 'OK' : options.signal?.aborted ? 'TIMEOUT' : 'UNAVAILABLE',
      requestId: null,
      dossierCode: null,
      request: digestMessage('', at),
      response: status === null ? null : { ...digestMessage('', new Date()), httpStatus: status },
      detail: failure === null ? null : failure instanceof Error ? failure.message : 'the WSDL request failed',
    });
    if (failure !== null) throw this.transport.upstream(options.signal?.aborted ? 'TIMEOUT' : 'UNAVAILABLE', failure);
  }
}
