import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { departmentConnector } from '../../connectors';
import type { DepartmentSimulator } from '../../connectors/department/simulators/polled.simulator';
import type { PushingDepartmentSimulator } from '../../connectors/department/simulators/pushing.simulator';
import { SIMULATED_DEPARTMENTS_DIR } from '../../src/config';
import { OutboxMessage, OutboxStatus } from '../../src/outbox';
import { PROCEDURES, receive, transition } from './flows';
import type { TestHub } from './hub';
import { CITIZEN_ID } from './tokens';

/** The land department (Sở NN&MT): the polled simulator. */
export const LAND = '000.00.84.H56';
/** The provincial People's Committee: the pushing simulator. */
export const PROVINCE = '000.00.93.H56';

/** A hub with the two simulated departments connected; the outbox and jobs are run by the test, for determinism. */
export const DEPARTMENT_ENV = {
  DEPARTMENTS_ENABLED: 'true',
  OUTBOX_ENABLED: 'false',
  SIM_DEPARTMENT_PROCESSING_MS: '3600000',
} as const;

/** A department's built-in simulator, as the hub started it. */
export function departmentSimulator(t: TestHub, name: 'so-nnmt'): DepartmentSimulator;
export function departmentSimulator(t: TestHub, name: 'ubnd-tinh'): PushingDepartmentSimulator;
export function departmentSimulator(t: TestHub, name: string): DepartmentSimulator {
  const running = t.hub.connectors.get(departmentConnector, name).simulator;
  if (!running) throw new Error(`${name} has no simulator`);
  return running.simulator;
}

/** Delivers every pending message of the departments' topics now (what the outbox workers do), oldest first; answers how many went. */
export async function deliverSendings(t: TestHub): Promise<number> {
  const pending = await t.hub.database.fork().find(OutboxMessage, { status: OutboxStatus.PENDING, topic: { $like: '%.send-dossier' } }, { orderBy: { createdAt: 'asc' } });
  for (const message of pending) await t.hub.delivery.deliver(message.id);
  return pending.length;
}

/** A small PDF, as an officer would attach one. */
export const SAMPLE_PDF_BASE64 = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n').toString('base64');

/** The dossier with its steps' department sync, history and components (not a contract operation: the officers' detail view). */
export const DossierDetail = `query DossierDetail($code: String!) {
  dossier(code: $code) {
    code status version currentAgency { code }
    steps { order status agency { code } externalReference departmentSync { system received reference sentAt status statusLabel statusAt lastSyncAt error } }
    history { action fromStatus toStatus actor note externalStatus at }
    components { code name kind fileName }
  }
}`;

export interface DetailStep {
  order: number;
  status: string;
  agency: { code: string };
  externalReference: string | null;
  departmentSync: { system: string; received: boolean; reference: string | null; sentAt: string | null; status: string | null; statusLabel: string | null; statusAt: string | null; lastSyncAt: string | null; error: string | null } | null;
}

export interface Detail {
  dossier: {
    code: string;
    status: string;
    version: number;
    currentAgency: { code: string };
    steps: DetailStep[];
    history: Array<{ action: string; fromStatus: string | null; toStatus: string; actor: string; note: string | null; externalStatus: string | null; at: string }>;
    components: Array<{ code: string; name: string; kind: string; fileName: string | null }>;
  } | null;
}

/**
 * A DEPARTMENTS_DIR in a temporary directory: copies of the built-in
 * department files (their WSDL paths made absolute), each changed by
 * `change`, and any extra files. Returns the directory.
 */
export function departmentsDir(options: { change?: (name: string, file: Record<string, unknown>) => Record<string, unknown>; extra?: Array<Record<string, unknown>> } = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lienthong-departments-'));
  for (const name of readdirSync(SIMULATED_DEPARTMENTS_DIR).filter((f) => f.endsWith('.json'))) {
    const source = path.join(SIMULATED_DEPARTMENTS_DIR, name);
    const file = JSON.parse(readFileSync(source, 'utf8')) as Record<string, unknown>;
    file.wsdl = path.resolve(SIMULATED_DEPARTMENTS_DIR, String(file.wsdl));
    writeFileSync(path.join(dir, name), JSON.stringify(options.change ? options.change(String(file.name), file) : file, null, 2));
  }
  for (const extra of options.extra ?? []) writeFileSync(path.join(dir, `${String(extra.name)}.json`), JSON.stringify(extra, null, 2));
  return dir;
}

/** The WSDL of the polled simulator's kind of system (a real department's file names its own). */
export const POLLED_WSDL = path.resolve(SIMULATED_DEPARTMENTS_DIR, '../../../schema/wsdl/so-nnmt-motcua.wsdl');

/** Receives a dossier of 1.115505 at the land counter and FORWARDs it: its first step is at the land department. Answers its code. */
export async function receiveAndForwardLand(t: TestHub, land: Record<string, string>, personalId = CITIZEN_ID): Promise<string> {
  const { code } = await receive(t, land, PROCEDURES.landTransfer, { personalId });
  const forwarded = await transition(t, land, code, 'FORWARD', 1);
  if (forwarded.data?.transitionDossier.dossier?.status !== 'PROCESSING') throw new Error(`FORWARD failed: ${JSON.stringify(forwarded)}`);
  return code;
}

/** Takes a dossier through the land system (sent, finished, pulled): its second step is then at the People's Committee, sent there too. */
export async function throughLand(t: TestHub, code: string): Promise<void> {
  await deliverSendings(t);
  departmentSimulator(t, 'so-nnmt').finishAll();
  await t.hub.departments.pull('so-nnmt');
  await deliverSendings(t);
  await departmentSimulator(t, 'ubnd-tinh').idle();
  if (!departmentSimulator(t, 'ubnd-tinh').received.some((r) => r.dossierCode === code)) throw new Error(`${code} did not reach the People's Committee`);
}
