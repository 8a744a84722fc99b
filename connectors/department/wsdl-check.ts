import * as soap from 'soap';
import type { OutgoingDossier } from '../../src/departments/department.port';
import type { DepartmentInstanceConfig } from './department.config';
import { compileMapping, fieldsRead, mapToObject } from './department.mapping';

/** A dossier with every field filled, so that a request mapping writes every element it can. */
export const SAMPLE_DOSSIER: OutgoingDossier = {
  sendingKey: 'kiem-tra-cau-hinh',
  code: '000.00.80.H56-261201-0001',
  step: { order: 1, name: 'Thẩm định hồ sơ', dueAt: '2026-12-08T10:00:00.000Z', startedAt: '2026-12-01T02:00:00.000Z' },
  procedure: { code: '1.115505', name: 'Thủ tục mẫu' },
  applicant: { fullName: 'Nguyễn Văn An', personalId: '038090000123', phone: '0912345678', email: 'an@example.vn', address: 'Phường Hạc Thành, Thanh Hóa' },
  receivingAgency: { code: '000.00.80.H56', name: 'Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa' },
  receivedAt: '2026-12-01T02:00:00.000Z',
  dueAt: '2026-12-15T10:00:00.000Z',
  channel: 'COUNTER',
  fees: [{ code: 'LP01', name: 'Lệ phí', amount: 135000 }],
  feeTotal: 135000,
  components: [{ code: 'TP01', name: 'Đơn đề nghị', kind: 'SUBMITTED', fileName: 'don.pdf', contentType: 'application/pdf', sizeBytes: 4, contentBase64: 'JVBERg==' }],
  note: 'Ghi chú',
};

/** soap's `describe()` of a message: element name (with [] when repeated) → type name or nested description. */
type Description = { [element: string]: string | Description };

/** Keys `describe()` adds that are not elements, and keys the soap package reads specially in arguments. */
const META = new Set(['targetNSAlias', 'targetNamespace']);
const SPECIAL_ARGUMENTS = new Set(['attributes', '$value', '$xml', '$attributes']);

interface OperationDescription {
  input: Description;
  output: Description;
}

function findOperation(described: Record<string, Record<string, Record<string, OperationDescription>>>, name: string): OperationDescription | null {
  for (const ports of Object.values(described)) {
    for (const operations of Object.values(ports)) {
      if (operations[name]) return operations[name];
    }
  }
  return null;
}

function operationNames(described: Record<string, Record<string, Record<string, OperationDescription>>>): string[] {
  return [...new Set(Object.values(described).flatMap((ports) => Object.values(ports).flatMap((operations) => Object.keys(operations))))];
}

/** Every element name anywhere in a description (what a reading mapping may name). */
function elementNames(description: Description, into = new Set<string>()): Set<string> {
  for (const [key, value] of Object.entries(description)) {
    if (META.has(key)) continue;
    into.add(key.replace(/\[\]$/, ''));
    if (typeof value === 'object') elementNames(value, into);
  }
  return into;
}

/** The paths of `args` that the operation's input does not have. */
function unknownPaths(args: Record<string, unknown>, description: Description, prefix = ''): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(args)) {
    if (SPECIAL_ARGUMENTS.has(key) || value === undefined) continue;
    const here = prefix ? `${prefix}.${key}` : key;
    const child = description[key] ?? description[`${key}[]`];
    if (child === undefined) {
      problems.push(here);
      continue;
    }
    const values = Array.isArray(value) ? (value as unknown[]) : [value];
    for (const item of values) {
      if (item !== null && typeof item === 'object' && typeof child === 'object') problems.push(...unknownPaths(item as Record<string, unknown>, child, here));
      else if (item !== null && typeof item === 'object' && typeof child === 'string') problems.push(`${here} (a ${child}, given an object)`);
    }
  }
  return problems;
}

/**
 * Checks a department file against its WSDL before it is used (npm run
 * department:check): every operation it names exists; every element a
 * request mapping writes (evaluated on a full sample) exists in that
 * operation's input; every field an answer mapping reads exists in that
 * operation's output. Answers the problems, each naming the file's field;
 * an empty list means the file fits the WSDL.
 */
export async function checkAgainstWsdl(config: DepartmentInstanceConfig): Promise<string[]> {
  let client: soap.Client;
  try {
    client = await soap.createClientAsync(config.wsdl, { disableCache: true });
  } catch (error) {
    return [`wsdl ${config.wsdl} cannot be read as a WSDL: ${error instanceof Error ? error.message : String(error)}`];
  }
  const described = client.describe() as Record<string, Record<string, Record<string, OperationDescription>>>;
  const known = operationNames(described);
  const problems: string[] = [];
  const operationOf = (field: string, name: string): OperationDescription | null => {
    const found = findOperation(described, name);
    if (!found) problems.push(`${field} "${name}" is not an operation of the WSDL (it has: ${known.join(', ')})`);
    return found;
  };
  const checkRequest = async (field: string, expression: string, input: unknown, operation: OperationDescription, name: string) => {
    try {
      const args = await mapToObject(compileMapping(expression), input, field);
      for (const path of unknownPaths(args, operation.input)) problems.push(`${field} writes ${path}, which is not an element of ${name}'s input`);
    } catch (error) {
      problems.push(`${field}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const checkReading = (field: string, expression: string, operation: OperationDescription, name: string) => {
    const available = elementNames(operation.output);
    for (const read of fieldsRead(compileMapping(expression))) {
      if (!available.has(read)) problems.push(`${field} reads ${read}, which is not an element of ${name}'s answer`);
    }
  };

  const send = operationOf('send.operation', config.send.operation);
  if (send) {
    await checkRequest('send.request', config.send.request, SAMPLE_DOSSIER, send, config.send.operation);
    checkReading('send.reference', config.send.reference, send, config.send.operation);
  }
  if (config.pull) {
    const pull = operationOf('pull.operation', config.pull.operation);
    if (pull) {
      await checkRequest('pull.request', config.pull.request, { cursor: null }, pull, config.pull.operation);
      await checkRequest('pull.request', config.pull.request, { cursor: '42' }, pull, config.pull.operation);
      checkReading('pull.reports', config.pull.reports, pull, config.pull.operation);
    }
  }
  if (config.health) {
    const health = operationOf('health.operation', config.health.operation);
    if (health) {
      await checkRequest('health.request', config.health.request, {}, health, config.health.operation);
      if (config.health.ok) checkReading('health.ok', config.health.ok, health, config.health.operation);
    }
  }
  if (config.gateway?.record) {
    const { record } = config.gateway;
    const lookup = operationOf('gateway.record.operation', record.operation);
    if (lookup) {
      await checkRequest('gateway.record.request', record.request, { reference: 'REF-000001' }, lookup, record.operation);
      checkReading('gateway.record.answer', record.answer, lookup, record.operation);
    }
  }
  for (const [i, exposed] of (config.gateway?.expose ?? []).entries()) operationOf(`gateway.expose[${i}]`, exposed);
  return [...new Set(problems)];
}
