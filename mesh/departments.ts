import { readFileSync } from 'node:fs';
import { departmentConfigSchema, SIMULATOR_PASSWORD, SIMULATOR_USERNAME, type DepartmentInstanceConfig } from '../connectors/department/department.config';
import { readDepartmentsDir, SIMULATED_DEPARTMENTS_DIR } from '../src/config/departments-dir';

/**
 * What the gateway knows of each department system: the same files as the
 * hub (DEPARTMENTS_DIR, or the two simulated departments), checked by the
 * same schema, and their optional `gateway` section (what may be read from
 * the system directly: its own record of a dossier, its public registers).
 */
export interface GatewayDepartment {
  name: string;
  agencyCode: string;
  system: string;
  wsdl: string;
  /** The file's `url`; null for a simulated department (its address is known once the hub started it). */
  url: string | null;
  credentials: { usernameEnv: string | null; passwordEnv: string | null };
  statuses: DepartmentInstanceConfig['statuses'];
  record: { operation: string; request: string; answer: string } | null;
  expose: string[];
  timeoutMs: number;
}

/** Where a department's calls go at compose time when the file has no url (replaced at run time, mesh/gateway.ts). */
export const UNSTARTED_SIMULATOR = 'http://127.0.0.1:9/simulated-department';

export function readGatewayDepartments(dir: string | undefined, env: NodeJS.ProcessEnv): GatewayDepartment[] {
  const problems: string[] = [];
  const entries = readDepartmentsDir(dir ?? SIMULATED_DEPARTMENTS_DIR, env, { simulatorProcessingMs: 30_000 }, problems);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  const departments: GatewayDepartment[] = [];
  for (const entry of entries) {
    const parsed = departmentConfigSchema.safeParse({ ...entry.settings });
    if (!parsed.success) {
      throw new Error(`${entry.origin}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    }
    const config = parsed.data;
    if (!config.gateway) continue;
    departments.push({
      name: entry.name,
      agencyCode: config.agencyCode,
      system: config.system ?? entry.name,
      wsdl: config.wsdl,
      url: config.url ?? null,
      credentials: { usernameEnv: config.credentials.usernameEnv, passwordEnv: config.credentials.passwordEnv },
      statuses: config.statuses,
      record: config.gateway.record ?? null,
      expose: config.gateway.expose,
      timeoutMs: config.resilience.timeoutMs,
    });
  }
  return departments;
}


/** The department's WSDL text, from its file or its URL. */
export async function readWsdl(department: GatewayDepartment): Promise<string> {
  if (!/^https?:\/\//.test(department.wsdl)) return readFileSync(department.wsdl, 'utf8');
  const response = await fetch(department.wsdl, { signal: AbortSignal.timeout(department.timeoutMs) });
  if (!response.ok) throw new Error(`${department.name}: the WSDL at ${department.wsdl} answered HTTP ${response.status}`);
  return response.text();
}

/**
 * The environment the SOAP transport reads credentials from: the process's,
 * plus, for a simulated department whose variables are unset, the
 * credentials the hub's simulators accept (as the hub itself does).
 */
export function credentialsEnvironment(departments: readonly GatewayDepartment[], env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const department of departments) {
    if (department.url !== null) continue;
    const { usernameEnv, passwordEnv } = department.credentials;
    if (usernameEnv && !out[usernameEnv]) out[usernameEnv] = SIMULATOR_USERNAME;
    if (passwordEnv && !out[passwordEnv]) out[passwordEnv] = SIMULATOR_PASSWORD;
  }
  return out;
}
