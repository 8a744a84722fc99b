import { normalizedExecutor } from '@graphql-tools/executor';
import { createGraphQLError, getDirectiveExtensions, type ExecutionRequest } from '@graphql-tools/utils';
import { XMLParser } from 'fast-xml-parser';
import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  isObjectType,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import type { SoapCallAnnotation } from './wsdl-source';

/**
 * The gateway's transport for the `lienthong-soap` kind (mesh/wsdl-source.ts
 * writes it): a document/literal SOAP 1.1 call per root field. Answers are
 * read as text and converted by the field's GraphQL type only (Int, Boolean;
 * every other scalar stays the department's exact text: "01" stays "01",
 * "1500000.00" stays "1500000.00"). WS-Security UsernameToken (PasswordText)
 * comes from the environment variables the department's file names. A
 * fault, an HTTP error, a timeout or an unreadable answer is a GraphQL error
 * with a code and the department's name only: no upstream body, URL or
 * stack reaches the client; the gateway logs the detail.
 */

const SOAP_ENVELOPE = 'http://schemas.xmlsoap.org/soap/envelope/';
const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const PASSWORD_TEXT = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText';
/** An answer larger than this is refused (a register entry is a few KB). */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export const DEFAULT_SOAP_TIMEOUT_MS = 10_000;

const answerParser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
});

const escapeXml = (text: string): string => text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);

/** An argument value as XML elements in the request's namespace, children in the XSD sequence's order. */
function valueXml(name: string, value: unknown, type: GraphQLInputType): string {
  if (value === null || value === undefined) return '';
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    return (Array.isArray(value) ? value : [value]).map((item) => valueXml(name, item, nullable.ofType)).join('');
  }
  const named = getNamedType(type);
  if (isInputObjectType(named)) {
    const record = value as Record<string, unknown>;
    const inner = Object.entries(named.getFields())
      .map(([field, def]) => valueXml(field, record[field], def.type))
      .join('');
    return `<d:${name}>${inner}</d:${name}>`;
  }
  const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  return `<d:${name}>${escapeXml(text)}</d:${name}>`;
}

export function soapEnvelope(call: SoapCallAnnotation, body: string, env: NodeJS.ProcessEnv): string {
  const username = call.usernameEnv ? env[call.usernameEnv] : undefined;
  const password = call.passwordEnv ? env[call.passwordEnv] : undefined;
  const header =
    username !== undefined && password !== undefined
      ? `<soap:Header><wsse:Security xmlns:wsse="${WSSE}" soap:mustUnderstand="1"><wsse:UsernameToken><wsse:Username>${escapeXml(username)}</wsse:Username><wsse:Password Type="${PASSWORD_TEXT}">${escapeXml(password)}</wsse:Password></wsse:UsernameToken></wsse:Security></soap:Header>`
      : '';
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP_ENVELOPE}" xmlns:d="${escapeXml(call.namespace)}">${header}<soap:Body><d:${call.requestElement}>${body}</d:${call.requestElement}></soap:Body></soap:Envelope>`;
}

/** Reads a value of the answer as the field's type asks: a list, an Int, a Boolean, or text. */
const answerFieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, args, _context, info) => {
  const raw = (source as Record<string, unknown> | null)?.[info.fieldName];
  // A root field: the operation's call.
  if (typeof raw === 'function') return (raw as (args: Record<string, unknown>) => unknown)(args as Record<string, unknown>);
  const root = getNullableType(info.returnType);
  const convert = (value: unknown): unknown => {
    if (value === '' && !isObjectType(getNamedType(info.returnType))) return getNamedType(info.returnType).name === 'String' ? '' : null;
    switch (getNamedType(info.returnType).name) {
      case 'Int': {
        const n = Number(value);
        return Number.isInteger(n) ? n : null;
      }
      case 'Boolean':
        return value === 'true' || value === '1';
      default:
        return isObjectType(getNamedType(info.returnType)) && typeof value !== 'object' ? {} : value;
    }
  };
  if (raw === undefined || raw === null) return isListType(root) ? [] : null;
  if (isListType(root)) return (Array.isArray(raw) ? raw : [raw]).map(convert);
  return convert(Array.isArray(raw) ? raw[0] : raw);
};

export interface SoapTransportOptions {
  /** Where to call instead of the annotation's endpoint (the gateway's transport entry for the subgraph). */
  location?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
  env?: NodeJS.ProcessEnv;
  /** Where the detail of a failed call goes (the gateway's log); never to the client. */
  onFailure?: (detail: { subgraph: string; operation: string; reason: string }) => void;
}

function failure(call: SoapCallAnnotation, code: string, message: string) {
  return createGraphQLError(message, { extensions: { code, department: call.subgraph } });
}

/** The executor of one SOAP subgraph: each root field calls its operation. */
export function createSoapExecutor(subgraph: GraphQLSchema, options: SoapTransportOptions = {}) {
  const doFetch = options.fetch ?? fetch;
  const env = options.env ?? process.env;
  const timeoutMs = options.timeoutMs ?? DEFAULT_SOAP_TIMEOUT_MS;
  const rootValue: Record<string, (args: Record<string, unknown>) => Promise<unknown>> = {};
  const queryType = subgraph.getQueryType();
  for (const [name, field] of Object.entries(queryType?.getFields() ?? {})) {
    const [call] = (getDirectiveExtensions<{ soapCall: SoapCallAnnotation }>(field, subgraph)?.soapCall ?? []);
    if (!call) continue;
    const endpoint = options.location ?? call.endpoint;
    rootValue[name] = async (args) => {
      const body = field.args.map((arg) => valueXml(arg.name, args[arg.name], arg.type)).join('');
      const report = (reason: string) => options.onFailure?.({ subgraph: call.subgraph, operation: call.requestElement, reason });
      let response: Response;
      try {
        response = await doFetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${call.soapAction}"` },
          body: soapEnvelope(call, body, env),
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        });
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
        report(timedOut ? `no answer within ${timeoutMs} ms` : error instanceof Error ? error.message : String(error));
        return failure(call, timedOut ? 'DEPARTMENT_TIMEOUT' : 'DEPARTMENT_UNAVAILABLE', `Hệ thống của ${call.subgraph} không trả lời.`);
      }
      const text = await response.text();
      if (text.length > MAX_ANSWER_BYTES) {
        report(`answer of ${text.length} bytes`);
        return failure(call, 'DEPARTMENT_BAD_ANSWER', `Hệ thống của ${call.subgraph} trả lời không đọc được.`);
      }
      let parsed: Record<string, unknown>;
      try {
        parsed = answerParser.parse(text) as Record<string, unknown>;
      } catch (error) {
        report(`unreadable answer (HTTP ${response.status}): ${error instanceof Error ? error.message : String(error)}`);
        return failure(call, 'DEPARTMENT_BAD_ANSWER', `Hệ thống của ${call.subgraph} trả lời không đọc được.`);
      }
      const envelope = parsed.Envelope as Record<string, unknown> | undefined;
      const soapBody = envelope?.Body as Record<string, unknown> | undefined;
      if (soapBody?.Fault !== undefined) {
        const fault = soapBody.Fault as Record<string, unknown>;
        const faultText = (value: unknown): string => (typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value));
        report(`SOAP fault ${faultText(fault.faultcode)}: ${faultText(fault.faultstring)}`);
        return failure(call, 'DEPARTMENT_FAULT', `Hệ thống của ${call.subgraph} từ chối yêu cầu.`);
      }
      if (!response.ok || soapBody === undefined) {
        report(`HTTP ${response.status} without a SOAP answer`);
        return failure(call, 'DEPARTMENT_UNAVAILABLE', `Hệ thống của ${call.subgraph} không trả lời.`);
      }
      const answer = soapBody[call.responseElement];
      if (answer === undefined) {
        report(`the answer has no ${call.responseElement}`);
        return failure(call, 'DEPARTMENT_BAD_ANSWER', `Hệ thống của ${call.subgraph} trả lời không đọc được.`);
      }
      return typeof answer === 'object' && answer !== null ? answer : {};
    };
  }
  return function soapExecutor(request: ExecutionRequest) {
    return normalizedExecutor({
      schema: subgraph,
      document: request.document as DocumentNode,
      rootValue,
      contextValue: request.context as unknown,
      variableValues: request.variables as Record<string, unknown> | undefined,
      fieldResolver: answerFieldResolver,
    });
  };
}

/** The transport module the gateway loads for kind `lienthong-soap`. */
export function soapTransport(options: Omit<SoapTransportOptions, 'location'> = {}) {
  return {
    getSubgraphExecutor({ transportEntry, subgraph }: { transportEntry: { location?: string }; subgraph: GraphQLSchema }) {
      return createSoapExecutor(subgraph, { ...options, ...(transportEntry.location ? { location: transportEntry.location } : {}) });
    },
  };
}
