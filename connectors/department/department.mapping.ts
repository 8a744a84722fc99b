import jsonata from 'jsonata';

/**
 * The declarative mappings of a department file: JSONata expressions
 * (https://jsonata.org), compiled once at start, evaluated on plain data.
 * Requests are built from the hub's record (`OutgoingDossier`, or
 * `{ cursor }` for a pull); answers are read from the object the `soap`
 * package makes of the SOAP body. No code per department.
 */
export type Mapping = ReturnType<typeof jsonata>;

/** A mapping that does not compile, named by where it is (e.g. "send.request"). */
export class MappingSyntaxError extends Error {
  override name = 'MappingSyntaxError';
}

/** A mapping that ran but gave what the hub cannot use (not an object, a missing field): the department file's fault. */
export class MappingResultError extends Error {
  override name = 'MappingResultError';
}

/** Compiles `text`, or says why not (JSONata's message and the character it stopped at). */
export function compileMapping(text: string): Mapping {
  try {
    return jsonata(text);
  } catch (error) {
    const e = error as { message?: string; position?: number };
    throw new MappingSyntaxError(`is not a JSONata expression: ${e.message ?? String(error)}${e.position !== undefined ? ` (at character ${e.position})` : ''}`);
  }
}

/** JSONata's sequences are arrays with extra flags; plain JSON values are what SOAP and zod expect. */
function plain(value: unknown): unknown {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as unknown);
}

/** A request without its null fields: an absent value is an element left out (minOccurs="0"), never an empty or nil one. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, withoutNulls(v)]));
}

/** Evaluates a mapping whose result must be an object (a SOAP request's arguments, without its null fields). */
export async function mapToObject(mapping: Mapping, input: unknown, where: string): Promise<Record<string, unknown>> {
  const result = withoutNulls(plain(await mapping.evaluate(input)));
  if (result === null || typeof result !== 'object' || Array.isArray(result)) {
    throw new MappingResultError(`the mapping ${where} gave ${result === undefined ? 'nothing' : Array.isArray(result) ? 'a list' : typeof result}, not an object of the operation's fields`);
  }
  return result as Record<string, unknown>;
}

/** Evaluates a mapping whose result is a list (one match gives a list of one; none, an empty list). */
export async function mapToList(mapping: Mapping, input: unknown): Promise<unknown[]> {
  const result = plain(await mapping.evaluate(input));
  if (result === undefined || result === null) return [];
  return Array.isArray(result) ? (result as unknown[]) : [result];
}

/** Evaluates a mapping to a single value (a reference, a health state). */
export async function mapToValue(mapping: Mapping, input: unknown): Promise<unknown> {
  return plain(await mapping.evaluate(input));
}

interface AstNode {
  type?: string;
  value?: unknown;
  [key: string]: unknown;
}

/**
 * The field names a mapping reads (the `name` steps of its paths), for
 * checking them against the WSDL. Variables, functions and literal keys
 * of object constructors are not fields.
 */
export function fieldsRead(mapping: Mapping): Set<string> {
  const names = new Set<string>();
  const seen = new Set<unknown>();
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    const n = node as AstNode;
    if (n.type === 'name' && typeof n.value === 'string') names.add(n.value);
    for (const [key, child] of Object.entries(n)) {
      if (key !== 'position') walk(child);
    }
  };
  walk(mapping.ast());
  return names;
}
