/**
 * What no answer of the hub may carry, whatever it was sent: a stack trace
 * or source path, SQL or a database error, internal JavaScript error text,
 * a seeded citizen's personal data the caller may not see, and, for a bad
 * request, INTERNAL_SERVER_ERROR (every bad input is a client error).
 */

/** One request sent to the hub and what came back. */
export interface Exchange {
  /** Who sent it and the case's name, e.g. "anonymous query dossiers #2". */
  name: string;
  /** The request as sent (body, and any header that matters): text found here is an echo, not a leak. */
  requestText: string;
  status: number;
  contentType: string;
  bodyText: string;
  ms: number;
}

/** A seeded citizen's personal data: the 12-digit id, the full name, the birth date. */
export interface PersonalData {
  personalId: string;
  values: string[];
}

export interface LeakPolicy {
  /** Personal data the caller may not see anywhere in an answer. */
  nowhere: PersonalData[];
  /** Personal data that must never be inside `errors` (every seeded citizen, for every caller). */
  notInErrors: PersonalData[];
}

interface GraphqlError {
  message?: unknown;
  path?: unknown;
  extensions?: { code?: unknown };
}

export interface GraphqlJson {
  data?: Record<string, unknown> | null;
  errors?: GraphqlError[];
}

/** HTTP statuses a well-behaved hub answers a GraphQL request with: success, the client's fault, method, size or type refused. */
export const EXPECTED_STATUSES: ReadonlySet<number> = new Set([200, 400, 405, 413, 415]);

/** A request slower than this blocked the hub (event loop, database, or an unbounded computation). */
export const SLOW_MS = 5000;

const STACK_TRACE: readonly RegExp[] = [
  /node_modules/,
  /\.[cm]?[jt]sx?:\d+(?::\d+)?/,
  /(?:\\n|\n)\s*at\s/,
  /\bat (?:async )?[\w$.<>[\] ]+ \([^)]*:\d+:\d+\)/,
  /file:\/\//,
];

const INTERNAL_TEXT: readonly RegExp[] = [
  /\b(?:Type|Range|Reference)Error\b/,
  /Cannot read propert(?:y|ies) of/,
  /is not a function/,
  /Maximum call stack/,
  /\b(?:ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND)\b/,
  /socket hang up/,
  /\bMikroORM\b|\bDriverException\b|\bknex\b/i,
];

const SQL: readonly RegExp[] = [
  /\bselect\s+[\w"*.,\s()]+?\s+from\s/i,
  /\binsert\s+into\b/i,
  /\bupdate\s+"?\w+"?\s+set\b/i,
  /\bdelete\s+from\b/i,
  /syntax error at or near/i,
  /SQLSTATE/i,
  /invalid byte sequence for encoding/i,
  /violates [\w-]+ constraint/i,
  /duplicate key value/i,
  /invalid input syntax for type/i,
  /out of range for type/i,
  /relation "[^"]+" does not exist/i,
  /column "[^"]+"/i,
  /"code"\s*:\s*"(?:08|0A|21|22|23|25|28|2B|3D|3F|40|42|53|54|55|57|58|XX)[0-9A-Z]{3}"/,
];

/** Table names of the hub that contain an underscore: such text in an error came from the database. */
export const TABLE_NAMES = /\b(?:dossier_(?:history|step|fee|component|apology|rating|overdue_event|code_counter)|citizen_access_log|outbox_message|document_blob|calendar_day|procedure_(?:channel|component|fee|step)|mikro_orm_migrations)\b/;

function firstMatch(text: string, patterns: readonly RegExp[], echoed: (found: string) => boolean): string | undefined {
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (match && !echoed(match[0])) return match[0];
  }
  return undefined;
}

/** A readable excerpt around `found` in `text`. */
function around(text: string, found: string): string {
  const at = text.indexOf(found);
  return JSON.stringify(text.slice(Math.max(0, at - 60), at + found.length + 60));
}

/** The body as GraphQL JSON, or why it is not. */
export function graphqlJson(exchange: Exchange): GraphqlJson | string {
  if (!/application\/(?:graphql-response\+)?json/.test(exchange.contentType)) return `the body is not JSON (content-type "${exchange.contentType}"): ${JSON.stringify(exchange.bodyText.slice(0, 160))}`;
  try {
    const parsed: unknown = JSON.parse(exchange.bodyText);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return `the body is JSON but not an object: ${exchange.bodyText.slice(0, 160)}`;
    return parsed;
  } catch {
    return `the body does not parse as JSON: ${JSON.stringify(exchange.bodyText.slice(0, 160))}`;
  }
}

/** The error codes of a GraphQL answer. */
export function errorCodes(json: GraphqlJson): string[] {
  return (json.errors ?? []).map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : 'NO_CODE'));
}

/**
 * Everything wrong with one answer. `everSent` tells whether a text was
 * sent by the fuzzer at some point (a hostile string stored by an earlier
 * request comes back as data, and is no leak).
 */
export function problemsOf(exchange: Exchange, policy: LeakPolicy, everSent: (text: string) => boolean = () => false): string[] {
  const problems: string[] = [];
  const echoed = (found: string) => exchange.requestText.includes(found) || everSent(found);
  if (exchange.status === 429) problems.push('rate-limited (429): the fuzz run must not be throttled; raise the RATE_LIMIT_* settings of its hub');
  else if (!EXPECTED_STATUSES.has(exchange.status)) problems.push(`HTTP ${exchange.status}`);
  if (exchange.ms > SLOW_MS) problems.push(`took ${exchange.ms} ms`);
  const stack = firstMatch(exchange.bodyText, STACK_TRACE, echoed);
  if (stack) problems.push(`stack trace or source path: ${around(exchange.bodyText, stack)}`);
  const sql = firstMatch(exchange.bodyText, SQL, echoed);
  if (sql) problems.push(`SQL or database error text: ${around(exchange.bodyText, sql)}`);
  const internal = firstMatch(exchange.bodyText, INTERNAL_TEXT, echoed);
  if (internal) problems.push(`internal error text: ${around(exchange.bodyText, internal)}`);
  const json = graphqlJson(exchange);
  if (typeof json === 'string') {
    problems.push(json);
    return problems;
  }
  const errorsText = JSON.stringify(json.errors ?? []);
  const table = TABLE_NAMES.exec(errorsText);
  if (table && !echoed(table[0])) problems.push(`table name in errors: ${around(errorsText, table[0])}`);
  if (errorCodes(json).includes('INTERNAL_SERVER_ERROR')) problems.push('INTERNAL_SERVER_ERROR');
  for (const person of policy.nowhere) {
    for (const value of person.values) {
      if (exchange.bodyText.includes(value) && !echoed(value)) problems.push(`personal data of ${person.personalId} the caller may not see: ${around(exchange.bodyText, value)}`);
    }
  }
  for (const person of policy.notInErrors) {
    for (const value of person.values) {
      if (errorsText.includes(value) && !echoed(value)) problems.push(`personal data of ${person.personalId} inside errors: ${around(errorsText, value)}`);
    }
  }
  return problems;
}

/** A request body fit for a failure message: long strings shortened, NUL and other controls escaped. */
export function showRequest(text: string, max = 1200): string {
  let shown = text;
  try {
    shown = JSON.stringify(JSON.parse(text) as unknown, (_key, value: unknown) =>
      typeof value === 'string' && value.length > 120 ? `${value.slice(0, 40)}…(${value.length} chars)` : value,
    );
  } catch {
    shown = JSON.stringify(text);
  }
  return shown.length > max ? `${shown.slice(0, max)}…(${shown.length} chars)` : shown;
}
