import { XMLParser } from 'fast-xml-parser';
import {
  GraphQLBoolean,
  GraphQLDirective,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  DirectiveLocation,
  type GraphQLFieldConfigArgumentMap,
  type GraphQLFieldConfigMap,
  type GraphQLInputFieldConfigMap,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLScalarType,
} from 'graphql';

/**
 * The compose-time source handler for a department's SOAP system (issue 11).
 * `../shared/STACK.md` (pitfall 16): the SOAP loader our registry serves
 * (`@omnigraph/soap` 0.96) lacks what the Mesh v1 runtime needs and pulls in
 * peers two major versions old; its runtime transport also reads every
 * number-looking text as a number (status "01" became 1, "1500000.00"
 * became 1500000). So the hub reads the WSDL itself, for the subset of XSD
 * that document/literal department systems use, and refuses anything else
 * by name rather than guessing:
 *
 * - each exposed operation becomes a Query field whose arguments are the
 *   request element's children (readable: `traCuuHoSo(MaBienNhan: ...)`)
 *   and whose type is the response element;
 * - `xsd:decimal` and `xsd:long` are `String` (money and 64-bit numbers
 *   exactly as the department wrote them, never a `Float`);
 * - each field carries `@soapCall` (endpoint, SOAPAction, namespaces, the
 *   element names, the list of fields that are lists) and the schema
 *   `@transport(kind: "lienthong-soap")`, which mesh/soap-transport.ts
 *   serves at run time, with WS-Security from `soapHeaders` (environment
 *   variables named in configuration).
 */

const XSD = 'http://www.w3.org/2001/XMLSchema';
export const SOAP_TRANSPORT_KIND = 'lienthong-soap';

/** What a field of the subgraph carries for the transport to call the operation. */
export interface SoapCallAnnotation {
  subgraph: string;
  endpoint: string;
  soapAction: string;
  /** The request and response elements' namespace (document/literal, elementFormDefault qualified). */
  namespace: string;
  requestElement: string;
  responseElement: string;
  /** WS-Security UsernameToken from these environment variables, when set. */
  usernameEnv: string | null;
  passwordEnv: string | null;
}

export interface WsdlSourceOptions {
  /** The subgraph's name (the department file's `name`). */
  name: string;
  /** The WSDL's text. */
  wsdl: string;
  /** Where the operations are called (the file's `url`, or its simulator's); replaceable at run time. */
  endpoint: string;
  /** Operations to expose, by their WSDL name; any other is left out of the subgraph. */
  operations: readonly string[];
  credentials: { usernameEnv: string | null; passwordEnv: string | null };
}

export class WsdlSourceError extends Error {
  constructor(source: string, message: string) {
    super(`${source}: ${message}`);
    this.name = 'WsdlSourceError';
  }
}

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: false,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => /(?:^|:)(element|complexType|message|operation|part|port|service|schema|binding|portType)$/.test(name),
});

const asArray = (value: unknown): Node[] => (Array.isArray(value) ? (value as Node[]) : value === undefined ? [] : [value as Node]);
const attr = (node: Node, name: string): string | undefined => (typeof node[`@${name}`] === 'string' ? (node[`@${name}`] as string) : undefined);

/** The children of `node` named `local` in namespace `ns`, whatever prefix the document gave it. */
function children(node: Node, prefixes: Map<string, string>, ns: string, local: string): Node[] {
  const out: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('@')) continue;
    const [prefix, name] = key.includes(':') ? (key.split(':') as [string, string]) : ['', key];
    if (name === local && prefixes.get(prefix) === ns) out.push(...asArray(value));
  }
  return out;
}

/** Local name of a QName like `tns:HoSo`. */
const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

const SCALARS: Record<string, GraphQLScalarType> = {
  string: GraphQLString,
  normalizedString: GraphQLString,
  token: GraphQLString,
  anyURI: GraphQLString,
  base64Binary: GraphQLString,
  dateTime: GraphQLString,
  date: GraphQLString,
  time: GraphQLString,
  decimal: GraphQLString,
  long: GraphQLString,
  integer: GraphQLString,
  unsignedLong: GraphQLString,
  int: GraphQLInt,
  short: GraphQLInt,
  byte: GraphQLInt,
  unsignedShort: GraphQLInt,
  boolean: GraphQLBoolean,
};

const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
const WSDL_SOAP_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';

export const SOAP_CALL_DIRECTIVE = new GraphQLDirective({
  name: 'soapCall',
  locations: [DirectiveLocation.FIELD_DEFINITION],
  args: Object.fromEntries(
    ['subgraph', 'endpoint', 'soapAction', 'namespace', 'requestElement', 'responseElement', 'usernameEnv', 'passwordEnv'].map((name) => [name, { type: GraphQLString }]),
  ),
});

export const TRANSPORT_DIRECTIVE = new GraphQLDirective({
  name: 'transport',
  isRepeatable: true,
  locations: [DirectiveLocation.SCHEMA],
  args: { kind: { type: new GraphQLNonNull(GraphQLString) }, subgraph: { type: new GraphQLNonNull(GraphQLString) }, location: { type: new GraphQLNonNull(GraphQLString) } },
});

/** A department's name as its types are prefixed: `so-nnmt` → `SoNnmt`. */
export const typePrefix = (name: string): string =>
  name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

/** `TraCuuHoSo` → `traCuuHoSo`. */
const fieldName = (operation: string): string => operation.charAt(0).toLowerCase() + operation.slice(1);

/** Builds the subgraph of one department's exposed operations from its WSDL. */
export function buildWsdlSubgraph(options: WsdlSourceOptions): GraphQLSchema {
  const fail = (message: string): never => {
    throw new WsdlSourceError(options.name, message);
  };
  const doc = parser.parse(options.wsdl) as Node;
  const rootKey = Object.keys(doc).find((key) => key.endsWith('definitions'));
  if (rootKey === undefined) fail('not a WSDL 1.1 document (no definitions element)');
  const root = doc[rootKey as string] as Node;
  // Namespace prefixes as the document declares them (on definitions, then on the schema).
  const prefixes = new Map<string, string>();
  const declare = (node: Node) => {
    for (const [key, value] of Object.entries(node)) {
      if (key === '@xmlns') prefixes.set('', value as string);
      else if (key.startsWith('@xmlns:')) prefixes.set(key.slice(7), value as string);
    }
  };
  declare(root);
  const [types] = children(root, prefixes, WSDL_NS, 'types');
  const schemas = types ? children(types, prefixes, XSD, 'schema') : [];
  if (schemas.length !== 1) fail(`expected one xsd:schema in wsdl:types, found ${schemas.length}`);
  const schema = schemas[0];
  declare(schema);
  const namespace = attr(schema, 'targetNamespace') ?? fail('the schema has no targetNamespace');
  if (attr(schema, 'elementFormDefault') !== 'qualified') fail('the schema must say elementFormDefault="qualified" (the only form this handler writes)');

  const elements = new Map(children(schema, prefixes, XSD, 'element').map((el) => [attr(el, 'name') ?? '', el]));
  const complexTypes = new Map(children(schema, prefixes, XSD, 'complexType').map((ct) => [attr(ct, 'name') ?? '', ct]));
  const prefix = typePrefix(options.name);

  const outputTypes = new Map<string, GraphQLObjectType>();
  const inputTypes = new Map<string, GraphQLInputObjectType>();

  /** The sequence of a complexType, as (name, element) pairs; anything but a plain sequence is refused by name. */
  const sequenceOf = (complexType: Node, where: string): Node[] => {
    const unsupported = ['choice', 'all', 'attribute', 'complexContent', 'simpleContent', 'any', 'group', 'attributeGroup'];
    for (const kind of unsupported) if (children(complexType, prefixes, XSD, kind).length > 0) fail(`${where}: xsd:${kind} is not supported (only xsd:sequence of xsd:element)`);
    const [sequence] = children(complexType, prefixes, XSD, 'sequence');
    if (!sequence) return [];
    for (const kind of ['choice', 'any', 'group', 'sequence']) if (children(sequence, prefixes, XSD, kind).length > 0) fail(`${where}: xsd:${kind} inside a sequence is not supported`);
    return children(sequence, prefixes, XSD, 'element');
  };

  const scalarOf = (qname: string, where: string): GraphQLScalarType | null => {
    const [p] = qname.includes(':') ? qname.split(':') : [''];
    if (prefixes.get(p ?? '') !== XSD) return null;
    return SCALARS[localName(qname)] ?? fail(`${where}: the XSD type ${qname} is not supported`);
  };

  const isList = (el: Node) => (attr(el, 'maxOccurs') ?? '1') !== '1';
  const isOptional = (el: Node) => attr(el, 'minOccurs') === '0';

  const outputOf = (el: Node, typeName: string, where: string): GraphQLOutputType => {
    const named = attr(el, 'type');
    let type: GraphQLOutputType;
    if (named !== undefined) {
      type = scalarOf(named, where) ?? objectType(localName(named), complexTypes.get(localName(named)) ?? fail(`${where}: no complexType ${named}`));
    } else {
      const [inline] = children(el, prefixes, XSD, 'complexType');
      type = objectType(typeName, inline ?? fail(`${where}: an element needs a type or an inline complexType`));
    }
    return isList(el) ? new GraphQLList(new GraphQLNonNull(type)) : type;
  };

  function objectType(name: string, complexType: Node): GraphQLObjectType {
    const known = outputTypes.get(name);
    if (known) return known;
    const type: GraphQLObjectType = new GraphQLObjectType({
      name: `${prefix}_${name}`,
      description: `${options.name}: XSD ${name}`,
      fields: () => {
        const fields: GraphQLFieldConfigMap<unknown, unknown> = {};
        for (const el of sequenceOf(complexType, name)) {
          const child = attr(el, 'name') ?? fail(`${name}: an element without a name`);
          fields[child] = { type: outputOf(el, `${name}_${child}`, `${name}.${child}`), description: decimalNote(el) };
        }
        if (Object.keys(fields).length === 0) fields._empty = { type: GraphQLBoolean, description: 'The element has no content' };
        return fields;
      },
    });
    outputTypes.set(name, type);
    return type;
  }

  const inputOf = (el: Node, typeName: string, where: string): GraphQLInputType => {
    const named = attr(el, 'type');
    let type: GraphQLInputType;
    if (named !== undefined) {
      type = scalarOf(named, where) ?? inputType(localName(named), complexTypes.get(localName(named)) ?? fail(`${where}: no complexType ${named}`));
    } else {
      const [inline] = children(el, prefixes, XSD, 'complexType');
      type = inputType(typeName, inline ?? fail(`${where}: an element needs a type or an inline complexType`));
    }
    if (isList(el)) type = new GraphQLList(new GraphQLNonNull(type));
    return isOptional(el) ? type : new GraphQLNonNull(type);
  };

  function inputType(name: string, complexType: Node): GraphQLInputObjectType {
    const known = inputTypes.get(name);
    if (known) return known;
    const type: GraphQLInputObjectType = new GraphQLInputObjectType({
      name: `${prefix}_${name}Input`,
      fields: () => {
        const fields: GraphQLInputFieldConfigMap = {};
        for (const el of sequenceOf(complexType, name)) {
          const child = attr(el, 'name') ?? fail(`${name}: an element without a name`);
          fields[child] = { type: inputOf(el, `${name}_${child}`, `${name}.${child}`) };
        }
        return fields;
      },
    });
    inputTypes.set(name, type);
    return type;
  }

  // Operations: portType (messages, elements) and binding (soapAction, style).
  const messages = new Map(children(root, prefixes, WSDL_NS, 'message').map((m) => [attr(m, 'name') ?? '', m]));
  const elementOfMessage = (qname: string | undefined, where: string): string => {
    const message = messages.get(localName(qname ?? '')) ?? fail(`${where}: no message ${qname}`);
    const parts = children(message, prefixes, WSDL_NS, 'part');
    if (parts.length !== 1 || attr(parts[0], 'element') === undefined) fail(`${where}: a document/literal message has one part with an element`);
    return localName(attr(parts[0], 'element') as string);
  };
  const [portType] = children(root, prefixes, WSDL_NS, 'portType');
  const [binding] = children(root, prefixes, WSDL_NS, 'binding');
  if (!portType || !binding) fail('no portType or binding');
  const [soapBinding] = children(binding, prefixes, WSDL_SOAP_NS, 'binding');
  if (!soapBinding) fail('the binding is not a SOAP 1.1 binding (soap:binding)');
  if ((attr(soapBinding, 'style') ?? 'document') !== 'document') fail('only document/literal bindings are supported');
  const actions = new Map(
    children(binding, prefixes, WSDL_NS, 'operation').map((op) => {
      const [soapOperation] = children(op, prefixes, WSDL_SOAP_NS, 'operation');
      return [attr(op, 'name') ?? '', soapOperation ? (attr(soapOperation, 'soapAction') ?? '') : ''];
    }),
  );
  const portOperations = new Map(children(portType, prefixes, WSDL_NS, 'operation').map((op) => [attr(op, 'name') ?? '', op]));

  const query: GraphQLFieldConfigMap<unknown, unknown> = {};
  for (const operation of options.operations) {
    const op = portOperations.get(operation) ?? fail(`the WSDL has no operation ${operation} (it has ${[...portOperations.keys()].join(', ')})`);
    const [input] = children(op, prefixes, WSDL_NS, 'input');
    const [output] = children(op, prefixes, WSDL_NS, 'output');
    const requestElement = elementOfMessage(input ? attr(input, 'message') : undefined, `${operation} input`);
    const responseElement = elementOfMessage(output ? attr(output, 'message') : undefined, `${operation} output`);
    const request = elements.get(requestElement) ?? fail(`${operation}: no element ${requestElement}`);
    const response = elements.get(responseElement) ?? fail(`${operation}: no element ${responseElement}`);
    const [requestType] = children(request, prefixes, XSD, 'complexType');
    const args: GraphQLFieldConfigArgumentMap = {};
    for (const el of sequenceOf(requestType ?? fail(`${requestElement}: needs an inline complexType`), requestElement)) {
      const child = attr(el, 'name') ?? fail(`${requestElement}: an element without a name`);
      args[child] = { type: inputOf(el, `${requestElement}_${child}`, `${requestElement}.${child}`) };
    }
    const annotation: SoapCallAnnotation = {
      subgraph: options.name,
      endpoint: options.endpoint,
      soapAction: actions.get(operation) ?? '',
      namespace,
      requestElement,
      responseElement,
      usernameEnv: options.credentials.usernameEnv,
      passwordEnv: options.credentials.passwordEnv,
    };
    query[fieldName(operation)] = {
      type: outputOf(response, responseElement, responseElement),
      args,
      description: `${options.name}: ${operation} (SOAP, ${annotation.soapAction})`,
      extensions: { directives: { soapCall: [annotation] } },
    };
  }
  if (Object.keys(query).length === 0) fail('no operation to expose');
  return new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: query }),
    directives: [SOAP_CALL_DIRECTIVE, TRANSPORT_DIRECTIVE],
    extensions: { directives: { transport: [{ kind: SOAP_TRANSPORT_KIND, subgraph: options.name, location: options.endpoint }] } },
  });
}

function decimalNote(el: Node): string | undefined {
  const type = attr(el, 'type') ?? '';
  if (/(^|:)decimal$/.test(type)) return 'xsd:decimal exactly as the department wrote it (money: never a Float)';
  if (/(^|:)(long|integer|unsignedLong)$/.test(type)) return `${localName(type)}: a 64-bit number, as text`;
  return undefined;
}
