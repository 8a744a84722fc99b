import { readSecretFile, SecretFileError } from '../shared/secret-file';

/**
 * One configured connector instance, before its settings are validated
 * against its kind's schema (the composition root does that, as only it
 * knows the kinds: see src/integration/connector-instances.ts).
 */
export interface ConnectorInstanceEntry {
  /** The instance's name: its line in /readyz and `connectors`, its exchange-log `system`. */
  name: string;
  /** The connector kind, e.g. "population" (connectors/index.ts lists them). */
  kind: string;
  /** Where it was configured, for messages: "POPULATION_* settings", or "CONNECTORS (/etc/lienthong/connectors.json) [1]". */
  origin: string;
  /** Everything but `name` and `kind`, as written. */
  settings: Record<string, unknown>;
}

/** Names an instance may take: short, lower-case, stable (they appear in logs, /readyz and the exchange log). */
const NAME = /^[a-z][a-z0-9-]{0,39}$/;
/** Taken: `population` by the POPULATION_* settings, `database` by /readyz's own check. */
const RESERVED = new Set(['population', 'database']);

/**
 * The instances listed in the CONNECTORS file: a JSON array of
 * `{ "name": ..., "kind": ..., ...settings }`. The file may hold
 * credentials, so it is read like a secret file (owner-only mode, not
 * empty). Problems are pushed naming the file, the entry and the field.
 */
export function readConnectorsFile(file: string, problems: string[]): ConnectorInstanceEntry[] {
  const describe = `CONNECTORS (${file})`;
  let text: string;
  try {
    text = readSecretFile(file, describe);
  } catch (error) {
    if (!(error instanceof SecretFileError)) throw error;
    problems.push(error.message);
    return [];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    problems.push(`${describe} is not JSON (${error instanceof Error ? error.message : String(error)})`);
    return [];
  }
  if (!Array.isArray(parsed)) {
    problems.push(`${describe} must hold a JSON array of instances like [{ "name": "population-hn", "kind": "population", ... }]`);
    return [];
  }
  const entries: ConnectorInstanceEntry[] = [];
  const seen = new Set<string>();
  parsed.forEach((item: unknown, index) => {
    const at = `${describe} [${index}]`;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      problems.push(`${at} must be an object with "name" and "kind"`);
      return;
    }
    const { name, kind, ...settings } = item as Record<string, unknown>;
    if (typeof name !== 'string' || !NAME.test(name)) {
      problems.push(`${at}.name must be a lower-case name like "population-hn" (letters, digits and -, 40 at most; got ${JSON.stringify(name)})`);
      return;
    }
    if (RESERVED.has(name)) {
      problems.push(`${at}.name "${name}" is taken (${name === 'population' ? 'by the POPULATION_* settings' : "by /readyz's database check"})`);
      return;
    }
    if (seen.has(name)) {
      problems.push(`${at}.name "${name}" is used by another instance`);
      return;
    }
    seen.add(name);
    if (typeof kind !== 'string' || kind === '') {
      problems.push(`${at} "${name}".kind must name a connector kind (got ${JSON.stringify(kind)})`);
      return;
    }
    if (kind === 'department') {
      problems.push(`${at} "${name}": department systems are configured by one file each in DEPARTMENTS_DIR (see connectors/department/README.md), not in CONNECTORS`);
      return;
    }
    entries.push({ name, kind, origin: `${at} "${name}"`, settings });
  });
  return entries;
}
