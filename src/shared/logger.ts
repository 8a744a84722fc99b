import pino, { type LogFn, type Logger } from 'pino';

export type { Logger };

/**
 * Twelve digits in a row, not part of a longer number: kept as 038*******34
 * (DOMAIN.md §7: mask IDs in logs). Digits, not word boundaries, delimit
 * it, so an id right after a letter or a JSON escape (`\n038...`) is masked too.
 */
const PERSONAL_ID = /(?<!\d)(\d{3})\d{7}(\d{2})(?!\d)/g;

/**
 * Vietnamese phone numbers: 0 or +84, then 9 or 10 digits, maybe grouped by
 * spaces, dots or dashes. Not inside a word (a uuid or a hash), except right
 * after a JSON escape such as `\n`. Each attempt looks at 25 characters at
 * most, so the scan stays linear.
 */
const PHONE = /(?<![.+-]|(?<!\\)\w)(?:\+84|0)(?:[ .-]?\d){9,10}(?![\w])/g;

export function maskPersonalIds(text: string): string {
  return text.replace(PERSONAL_ID, '$1*******$2');
}

function maskPhones(text: string): string {
  return text.replace(PHONE, (phone) => `${phone.slice(0, 3)}*****${phone.slice(-2)}`);
}

const isLocalPart = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
const isDomainPart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45;
const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * E-mail addresses, kept as h***@***.vn. A scan around each `@` rather than
 * a regular expression: an address pattern backtracks quadratically on long
 * runs of letters or dots (issue 7, finding 2), and a log line may hold a
 * whole base64 document.
 */
function maskEmails(text: string): string {
  let out = '';
  let copied = 0;
  let at = text.indexOf('@');
  while (at !== -1) {
    let start = at;
    while (start > copied && isLocalPart(text.charCodeAt(start - 1))) start--;
    let end = at + 1;
    while (end < text.length && isDomainPart(text.charCodeAt(end))) end++;
    while (end > at + 1 && !isLetter(text.charCodeAt(end - 1)) && !isDigit(text.charCodeAt(end - 1))) end--;
    let lastDot = end - 1;
    while (lastDot > at + 1 && text.charCodeAt(lastDot) !== 46) lastDot--;
    const tld = text.charCodeAt(lastDot) === 46 && lastDot > at + 1 ? text.slice(lastDot + 1, end) : '';
    if (start < at && tld.length >= 2 && [...tld].every((ch) => isLetter(ch.charCodeAt(0)))) {
      out += `${text.slice(copied, start)}${text[start]}***@***.${tld}`;
      copied = end;
    }
    at = text.indexOf('@', Math.max(at + 1, end));
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Personal ids, phone numbers and e-mail addresses in free text, masked. */
export function maskPersonalData(text: string): string {
  return maskEmails(maskPhones(maskPersonalIds(text)));
}

/**
 * A SQL statement with its values replaced by `?`: string literals (plain
 * and E'...'), numbers. Identifiers, keywords and placeholders stay, so the
 * statement still says what failed. One pass, no regular expression.
 */
export function stripSqlValues(sql: string): string {
  let out = '';
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const ch = sql.charAt(i);
    const prev = i > 0 ? sql.charAt(i - 1) : ' ';
    const startsEString = (ch === 'E' || ch === 'e') && sql[i + 1] === "'" && !/\w/.test(prev);
    if (ch === "'" || startsEString) {
      const escapes = startsEString;
      i += startsEString ? 2 : 1;
      while (i < n) {
        if (escapes && sql[i] === '\\') i += 2;
        else if (sql[i] === "'" && sql[i + 1] === "'") i += 2;
        else if (sql[i] === "'") break;
        else i++;
      }
      i++;
      out += '?';
    } else if (ch === '"') {
      const close = sql.indexOf('"', i + 1);
      const end = close === -1 ? n : close + 1;
      out += sql.slice(i, end);
      i = end;
    } else if (/\d/.test(ch) && !/[\w$]/.test(prev)) {
      while (i < n && /[\d.]/.test(sql.charAt(i))) i++;
      out += '?';
    } else if (/[\w$]/.test(ch)) {
      const start = i;
      while (i < n && /[\w$]/.test(sql.charAt(i))) i++;
      out += sql.slice(start, i);
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** A database error's message that begins with the failed statement. */
const SQL_START = /^\s*(?:select|insert|update|delete|with|merge|copy|create|alter|drop|truncate|begin|commit|rollback|savepoint|release|set|lock|call)\s/i;
/** A statement logged as a message. */
const SQL_STATEMENT = /^\s*(?:select|insert|update|delete)\s/i;
/** SQL in free text (a statement, or a message that wraps a database error's). */
const SQL_TEXT = /^\s*(?:select|insert|update|delete)\s|\b(?:insert\s+into|delete\s+from|update\s+"?[\w.]+"?\s+set|values\s*\()/i;

/** Fields of an error that carry statements, parameters, request or response bodies, or rows: never logged. */
const UNSAFE_FIELDS = new Set([
  'query',
  'sql',
  'params',
  'parameters',
  'bindings',
  'values',
  'body',
  'rawBody',
  'detail',
  'hint',
  'where',
  'internalQuery',
  'request',
  'response',
  'headers',
  'config',
  'raw',
]);
/** What the log keeps of a PostgreSQL error besides its code (never the row, the detail or the parameters). */
const DATABASE_FIELDS = ['severity', 'schema', 'table', 'column', 'dataType', 'constraint', 'routine'] as const;
const SQLSTATE = /^[0-9A-Z]{5}$/;
/** A stack frame line, and nothing else (a message line smuggled into a stack does not pass). */
const STACK_FRAME = /^\s+at (?:async )?(?:\S[^\n]*? \((?:[^()\n]*:\d+:\d+|native|<anonymous>|index \d+)\)|[^\s()]+:\d+:\d+|<anonymous>)$/;
const MAX_TEXT = 2000;

type ErrorLike = Error & Record<string, unknown>;

/** What `safeError` made: already safe, never reworked (it looks like an error: a message and a stack). */
const MADE_SAFE = new WeakSet<object>();

function isErrorLike(value: unknown): value is ErrorLike {
  if (value instanceof Error) return true;
  if (typeof value !== 'object' || value === null || MADE_SAFE.has(value)) return false;
  return typeof (value as { message?: unknown }).message === 'string' && typeof (value as { stack?: unknown }).stack === 'string';
}

function truncate(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

/** Free text fit for a log: SQL values stripped where it holds SQL, personal data masked. */
export function sanitizeText(text: string): string {
  return maskPersonalData(truncate(SQL_TEXT.test(text) ? stripSqlValues(text) : text));
}

/**
 * The parts of a database error's message. The driver's message is the
 * failed statement with its parameters written in, " - ", PostgreSQL's
 * message, then "\n - detail: ..." (the row, the key values) and
 * "\n - hint: ...". Returns the statement without its values and the
 * PostgreSQL message; the detail and hint are dropped.
 */
function splitDatabaseMessage(message: string): { statement: string | undefined; text: string } {
  const withoutDetail = message.split(/\n - (?:detail|hint): /)[0] ?? '';
  if (!SQL_START.test(withoutDetail)) return { statement: undefined, text: withoutDetail };
  const stripped = stripSqlValues(withoutDetail);
  // PostgreSQL's message follows the last " - " (values are gone, so none of theirs is left to mislead).
  const cut = stripped.lastIndexOf(' - ');
  if (cut === -1) return { statement: stripped, text: '' };
  return { statement: stripped.slice(0, cut), text: stripped.slice(cut + 3) };
}

/**
 * PostgreSQL quotes the offending value in some messages (`invalid input
 * syntax for type date: "..."`); only the names the error itself reports
 * (constraint, table, column, ...) stay quoted as they are.
 */
function maskQuotedValues(text: string, names: ReadonlySet<string>): string {
  return text.replace(/"((?:[^"]|"")*)"/g, (quoted, inner: string) => (names.has(inner) ? quoted : '"?"'));
}

/** A plain object for the log: what a developer needs, never SQL values, bodies or personal data. */
export interface SafeError {
  type: string;
  message: string;
  stack?: string;
  code?: string | number;
  sqlState?: string;
  statement?: string;
  cause?: SafeError;
  errors?: SafeError[];
  [field: string]: unknown;
}

/**
 * An error as the log may show it. A database error keeps its SQLSTATE,
 * its constraint, table and column, PostgreSQL's message and the statement
 * without values; every error loses the fields that carry statements,
 * parameters, bodies or rows; all text is masked (personal ids, phone
 * numbers, e-mail addresses); causes are made safe the same way.
 */
export function safeError(error: unknown, depth = 0): SafeError {
  if (!isErrorLike(error)) return { type: typeof error, message: sanitizeText(String(error)) };
  const type = typeof error.constructor === 'function' && error.constructor.name ? error.constructor.name : error.name;
  const code = error.code;
  const isDatabase = typeof code === 'string' && SQLSTATE.test(code) && (typeof error.severity === 'string' || typeof error.routine === 'string');
  const safe: SafeError = { type, message: '' };
  if (isDatabase) {
    const names = new Set<string>();
    for (const field of DATABASE_FIELDS) {
      const value = error[field];
      if (typeof value === 'string' && value !== '') {
        safe[field] = value;
        names.add(value);
      }
    }
    const { statement, text } = splitDatabaseMessage(error.message);
    safe.sqlState = code;
    safe.message = maskPersonalData(truncate(maskQuotedValues(text, names)));
    if (statement !== undefined) safe.statement = maskPersonalData(truncate(statement));
  } else {
    const { statement, text } = splitDatabaseMessage(error.message);
    safe.message = statement === undefined ? sanitizeText(error.message) : maskPersonalData(truncate(text));
    if (statement !== undefined) safe.statement = maskPersonalData(truncate(statement));
    for (const [key, value] of Object.entries(error)) {
      if (key in safe || key === 'cause' || key === 'errors' || key === 'stack' || key === 'message' || UNSAFE_FIELDS.has(key)) continue;
      if (typeof value === 'string') safe[key] = sanitizeText(value);
      else if (typeof value === 'number' || typeof value === 'boolean') safe[key] = value;
    }
    if (typeof code === 'string' || typeof code === 'number') safe.code = typeof code === 'string' ? sanitizeText(code) : code;
  }
  const frames = (typeof error.stack === 'string' ? error.stack : '').split('\n').filter((line) => STACK_FRAME.test(line));
  safe.stack = [`${type}: ${safe.message}`, ...frames].map(maskPersonalData).join('\n');
  if (depth < 5) {
    if (error.cause !== undefined) safe.cause = safeError(error.cause, depth + 1);
    if (Array.isArray(error.errors)) safe.errors = (error.errors as unknown[]).slice(0, 10).map((inner) => safeError(inner, depth + 1));
  }
  MADE_SAFE.add(safe);
  return safe;
}

/** One line for a console: the error's type and safe message, with its SQLSTATE and its causes'. */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: SafeError | undefined = safeError(error);
  while (current) {
    const { message, sqlState, constraint } = current;
    const text = sqlState ? `${message} (SQLSTATE ${sqlState}${typeof constraint === 'string' ? `, ${constraint}` : ''})` : message;
    // A wrapper often repeats its cause's message: say it once.
    if (message === '' ? sqlState : !parts.some((part) => part.includes(message))) parts.push(text);
    current = current.cause;
  }
  return parts.join(': ');
}

/** Replaces every error found in a log object (at any depth, in arrays too) by its safe form; copies, never mutates. */
function withSafeErrors(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (isErrorLike(value)) return safeError(value);
  if (typeof value !== 'object' || value === null || depth > 6 || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) {
    let changed = false;
    const copy = value.map((item) => {
      const safe = withSafeErrors(item, depth + 1, seen);
      changed ||= safe !== item;
      return safe;
    });
    return changed ? copy : value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const safe = withSafeErrors(item, depth + 1, seen);
    if (safe !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = safe;
  }
  return copy ?? value;
}

const serializeError = (value: unknown): unknown => (isErrorLike(value) ? safeError(value) : value);

/**
 * The hub's structured logger (JSON lines on stdout). Every path is masked:
 * errors anywhere in a log object become their safe form (`safeError`: no
 * SQL values, parameters, bodies or rows); a message defaulted from an
 * error is its safe message; string arguments that hold SQL lose their
 * values; and every line, whatever it carries, is masked as it is written
 * (personal ids, phone numbers, e-mail addresses). Consent codes and tokens
 * are redacted.
 */
/** The logger's settings (LOG_LEVEL). */
export interface LogConfig {
  level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

export function createLogger(config: LogConfig, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.level,
    base: { service: 'lienthong' },
    redact: { paths: ['req.headers.authorization', '*.consentToken', 'consentToken', '*.token'], censor: '[masked]' },
    serializers: { err: serializeError, error: serializeError },
    formatters: { log: (object) => withSafeErrors(object, 0, new WeakSet()) as Record<string, unknown> },
    hooks: {
      logMethod(this: Logger, args: Parameters<LogFn>, method: LogFn) {
        const [first, ...rest] = args as unknown[];
        const carried = isErrorLike(first) ? first : typeof first === 'object' && first !== null ? (first as { err?: unknown }).err : undefined;
        // pino would write the raw error message as the line's message.
        if (rest.length === 0 && isErrorLike(carried)) return method.call(this, first as object, describeError(carried));
        return method.apply(this, args.map((arg) => (typeof arg === 'string' && SQL_STATEMENT.test(arg) ? stripSqlValues(arg) : arg)) as Parameters<LogFn>);
      },
      streamWrite: maskPersonalData,
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
