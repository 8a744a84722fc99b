import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ConnectorInstanceEntry } from './connectors-file';

/**
 * The department files the hub ships: the two simulated departments
 * (connectors/department/simulated/), used when DEPARTMENTS_DIR is unset.
 * Only a path: configuration never loads connector code.
 */
export const SIMULATED_DEPARTMENTS_DIR = path.resolve(__dirname, '../../connectors/department/simulated');

/** Names an instance may take (as in the CONNECTORS file). */
const NAME = /^[a-z][a-z0-9-]{0,39}$/;
/** Credential blocks whose values come from the environment. */
const CREDENTIAL_BLOCKS = ['credentials', 'push'] as const;

/**
 * Reads one department file: a JSON object with `name` and the fields of
 * connectors/department/README.md. Credentials are never in the file: it
 * names environment variables (`usernameEnv`, `passwordEnv`), whose
 * values are added here as `username` and `password`. Problems are pushed
 * naming the file and the field; the kind's schema checks the rest when
 * the hub starts.
 */
export function readDepartmentFile(file: string, env: NodeJS.ProcessEnv, defaults: { simulatorProcessingMs: number }, problems: string[]): ConnectorInstanceEntry | null {
  const describe = `department file ${file}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${describe} cannot be read as JSON (${error instanceof Error ? error.message : String(error)})`);
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    problems.push(`${describe} must hold one JSON object, like { "name": "so-nnmt", "agencyCode": "000.00.84.H56", ... }`);
    return null;
  }
  const { name, kind, ...settings } = parsed as Record<string, unknown>;
  if (typeof name !== 'string' || !NAME.test(name)) {
    problems.push(`${describe}: name must be a lower-case name like "so-nnmt" (letters, digits and -, 40 at most; got ${JSON.stringify(name)})`);
    return null;
  }
  const origin = `${describe} ("${name}")`;
  if (kind !== undefined && kind !== 'department') {
    problems.push(`${origin}.kind must be "department" or absent (got ${JSON.stringify(kind)})`);
    return null;
  }
  for (const block of CREDENTIAL_BLOCKS) {
    const value = settings[block];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const given = value as Record<string, unknown>;
    for (const secret of ['username', 'password'] as const) {
      if (secret in given) {
        problems.push(`${origin}.${block}.${secret} must not be in the file: name the environment variable that holds it in ${block}.${secret}Env`);
        continue;
      }
      const variable = given[`${secret}Env`];
      const found = typeof variable === 'string' ? env[variable] : undefined;
      if (found !== undefined && found !== '') given[secret] = found;
    }
  }
  return {
    name,
    kind: 'department',
    origin,
    settings: { simulatorProcessingMs: defaults.simulatorProcessingMs, ...settings, configFile: path.resolve(file) },
  };
}

/** Every `*.json` file of `dir`, in name order, as department instances. */
export function readDepartmentsDir(dir: string, env: NodeJS.ProcessEnv, defaults: { simulatorProcessingMs: number }, problems: string[]): ConnectorInstanceEntry[] {
  let files: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => path.join(dir, f));
  } catch (error) {
    problems.push(`DEPARTMENTS_DIR (${dir}) must be a directory of department files (${error instanceof Error ? error.message : String(error)})`);
    return [];
  }
  if (files.length === 0) {
    problems.push(`DEPARTMENTS_DIR (${dir}) holds no department file (*.json); set DEPARTMENTS_ENABLED=false to run without department systems`);
    return [];
  }
  return files.map((file) => readDepartmentFile(file, env, defaults, problems)).filter((entry): entry is ConnectorInstanceEntry => entry !== null);
}
