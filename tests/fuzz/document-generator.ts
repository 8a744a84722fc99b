import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { misspelledEnum, scalarValue, wrongKindValue, type KnownValues } from './hostile-values';
import type { Random } from './random';

/**
 * typed: arguments and variables of the types the schema asks for (values
 * may still be hostile: NUL bytes, huge strings, year 0); mistyped: wrong
 * kinds, nulls where non-null, misspelled enums, unknown fields and
 * arguments, wrong variable types; broken: no parsable document.
 */
export type DocumentKind = 'typed' | 'mistyped' | 'broken';

export interface GraphqlBody {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

export interface GeneratedDocument {
  kind: DocumentKind;
  body: GraphqlBody;
}

export interface RootField {
  operation: 'query' | 'mutation';
  type: GraphQLObjectType;
  field: GraphQLField<unknown, unknown>;
}

/** Every field of Query and Mutation. */
export function rootFields(schema: GraphQLSchema): RootField[] {
  const roots: RootField[] = [];
  for (const [operation, type] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) roots.push({ operation, type, field });
  }
  return roots;
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** A JavaScript value as a GraphQL literal; strings in an enum position print bare when they can. */
function literal(value: unknown, type: GraphQLInputType | undefined): string {
  if (value === null || value === undefined) return 'null';
  const named = type ? getNamedType(type) : undefined;
  if (typeof value === 'string') {
    if (named && isEnumType(named) && NAME.test(value) && !['true', 'false', 'null'].includes(value)) return value;
    return JSON.stringify(value);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const item = type && isNonNullType(type) ? type.ofType : type;
    const itemType = item && isListType(item) ? (item.ofType) : item;
    return `[${value.map((v) => literal(v, itemType)).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const fields = named && isInputObjectType(named) ? named.getFields() : {};
    return `{${Object.entries(value).map(([key, v]) => `${key}: ${literal(v, fields[key]?.type)}`).join(', ')}}`;
  }
  return JSON.stringify(typeof value === 'bigint' || typeof value === 'symbol' ? value.toString() : '');
}

const WRONG_VARIABLE_TYPES = ['String', 'Int!', '[String]', 'Boolean', 'NoSuchType', 'ID!', 'DossierStatus', '[[Int!]!]!'];
const BROKEN_TOKENS = ['{', '}', '(', ')', '$', '"', '"""', '\u0000', '...', '@', ':', '!', '#', '\\', '\uFFFF', '💥', '&', '=', '[', 'fragment'];

/** Generates documents and variables for one root field of the schema, from one Random stream per document. */
export class DocumentGenerator {
  constructor(private readonly known: KnownValues) {}

  generate(root: RootField, random: Random): GeneratedDocument {
    const roll = random.next();
    const kind: DocumentKind = roll < 0.6 ? 'typed' : roll < 0.88 ? 'mistyped' : 'broken';
    if (kind === 'broken') return { kind, body: this.broken(root, random) };
    return { kind, body: new DocumentBuilder(this.known, random, kind === 'mistyped').build(root) };
  }

  /** Not a parsable document, or a request no server should run. */
  private broken(root: RootField, random: Random): GraphqlBody {
    const base = new DocumentBuilder(this.known, random, false).build(root);
    const text = base.query;
    const at = random.int(0, text.length);
    switch (random.int(0, 9)) {
      case 0:
        return { ...base, query: text.slice(0, at) };
      case 1: {
        const closing = [...text.matchAll(/[})\]]/g)].map((m) => m.index);
        const cut = closing.length > 0 ? random.pick(closing) : at;
        return { ...base, query: text.slice(0, cut) + text.slice(cut + 1) };
      }
      case 2:
        return { ...base, query: text.slice(0, at) + random.pick(BROKEN_TOKENS) + text.slice(at) };
      case 3:
        return { ...base, query: text.replace(/^(query|mutation)/, 'subscription') };
      case 4:
        // Two anonymous operations: which one to run?
        return { ...base, query: `${text}\n${text}` };
      case 5: {
        const depth = random.pick([100, 1000, 5000]);
        return { query: `query { ${'a { '.repeat(depth)}b${' }'.repeat(depth)} }` };
      }
      case 6: {
        const depth = random.pick([100, 1000, 5000]);
        return { query: `query { ${root.field.name}(x: ${'['.repeat(depth)}1${']'.repeat(depth)}) { __typename } }` };
      }
      case 7:
        return { query: random.pick(['', '   ', '# only a comment', '{}', 'query', '{ __typename', '\u0000', 'query Q($a: Int = $a) { __typename }', 'fragment F on Query { ...F } query { ...F }']) };
      case 8:
        return { ...base, operationName: random.pick(['NoSuchOperation', '', '\u0000']) };
      default:
        return { ...base, query: text.replace(/[A-Za-z]/, (c) => (c === 'q' ? 'Q' : c.toUpperCase())) };
    }
  }
}

/** Builds one document: its variables, fragments and selections. */
class DocumentBuilder {
  private readonly definitions: string[] = [];
  private readonly variables: Record<string, unknown> = {};
  private readonly fragments: string[] = [];
  private counter = 0;

  constructor(
    private readonly known: KnownValues,
    private readonly random: Random,
    private readonly mistyped: boolean,
  ) {}

  build(root: RootField): GraphqlBody {
    const { random } = this;
    const selections = [this.field(root.field, 0, random.chance(0.15))];
    if (random.chance(0.12)) {
      const other = random.pick(Object.values(root.type.getFields()));
      selections.push(this.field(other, 0, true));
    }
    if (random.chance(0.1)) selections.push('__typename');
    let operation: string = root.operation;
    if (this.mistyped && random.chance(0.08)) operation = root.operation === 'query' ? 'mutation' : 'query';
    const named = random.chance(0.3);
    const name = named ? `Fuzz${random.int(1, 999)}` : '';
    const head = this.definitions.length > 0 || named ? `${operation} ${name}${this.definitions.length > 0 ? `(${this.definitions.join(', ')})` : ''} ` : `${operation} `;
    const query = [`${head}{ ${selections.join(' ')} }`, ...this.fragments].join('\n');
    const body: GraphqlBody = { query, variables: this.variables };
    if (named) body.operationName = this.mistyped && random.chance(0.1) ? 'SomeOtherName' : name;
    return body;
  }

  private next(): number {
    this.counter += 1;
    return this.counter;
  }

  private field(field: GraphQLField<unknown, unknown>, depth: number, alias: boolean): string {
    const { random } = this;
    const args = this.arguments(field.args);
    const directives = this.mistyped ? [' @include(if: true)', ' @skip(if: true)', ' @deprecated', ' @include(if: "yes")', ' @skip(if: $undeclared)', ' @nope'] : [' @include(if: true)', ' @skip(if: false)', ' @skip(if: true)'];
    const directive = random.chance(0.05) ? random.pick(directives) : '';
    const prefix = alias ? `${random.pick(['a', 'b', 'x', '__'])}${this.next()}: ` : '';
    return `${prefix}${field.name}${args}${directive}${this.selection(field.type, depth + 1)}`;
  }

  private arguments(args: readonly GraphQLArgument[]): string {
    const { random, mistyped } = this;
    const parts: string[] = [];
    for (const arg of args) {
      const required = isNonNullType(arg.type);
      if (required ? mistyped && random.chance(0.12) : !random.chance(0.6)) continue;
      const value = this.value(arg.type, arg.name);
      if (random.chance(0.5)) {
        const variable = `v${this.next()}`;
        const declared = mistyped && random.chance(0.2) ? random.pick(WRONG_VARIABLE_TYPES) : String(arg.type);
        this.definitions.push(`$${variable}: ${declared}`);
        if (!(mistyped && random.chance(0.1))) this.variables[variable] = value;
        parts.push(`${arg.name}: $${variable}`);
      } else {
        parts.push(`${arg.name}: ${literal(value, arg.type)}`);
      }
    }
    if (mistyped && random.chance(0.08)) parts.push(`${random.pick(['bogus', 'where', 'limit', 'orderBy'])}: ${literal(wrongKindValue(random), undefined)}`);
    if (mistyped && random.chance(0.05)) parts.push(`$undeclared`);
    return parts.length > 0 ? `(${parts.join(', ')})` : '';
  }

  /** A value of `type`; in mistyped documents, now and then one of the wrong kind. */
  private value(type: GraphQLInputType, argName: string, depth = 0): unknown {
    const { random, mistyped, known } = this;
    if (mistyped && random.chance(0.15)) {
      if (isNonNullType(type)) return null;
      const named = getNamedType(type);
      if (isEnumType(named)) return misspelledEnum(random.pick(named.getValues()).name, random);
      return wrongKindValue(random);
    }
    if (isNonNullType(type)) return this.value(type.ofType, argName, depth);
    if (random.chance(0.08)) return null;
    if (isListType(type)) {
      const item = type.ofType;
      // A single item where a list is expected is legal (list coercion).
      if (random.chance(0.15)) return this.value(item, argName, depth + 1);
      const leafItems = isLeafType(getNamedType(item));
      const length = random.pick(leafItems ? [0, 1, 1, 2, 3, 60] : [0, 1, 1, 2, 3]);
      return Array.from({ length }, () => this.value(item, argName, depth + 1));
    }
    if (isEnumType(type)) return random.pick(type.getValues()).name;
    if (isInputObjectType(type)) {
      const object: Record<string, unknown> = {};
      for (const field of Object.values(type.getFields())) {
        const include = isNonNullType(field.type) ? !(mistyped && random.chance(0.1)) : random.chance(0.5);
        if (include && depth < 4) object[field.name] = this.value(field.type, field.name, depth + 1);
      }
      if (mistyped && random.chance(0.1)) {
        const extra = random.pick(['unknownField', '__proto__', 'constructor', 'id']);
        if (extra === '__proto__') Object.defineProperty(object, extra, { value: { polluted: true }, enumerable: true });
        else object[extra] = wrongKindValue(random);
      }
      return object;
    }
    if (isScalarType(type)) return scalarValue(type.name, argName, random, known);
    return null;
  }

  private selection(type: GraphQLOutputType, depth: number): string {
    const { random, mistyped } = this;
    const named = getNamedType(type);
    if (!isObjectType(named)) return mistyped && random.chance(0.05) ? ' { code }' : '';
    if (mistyped && random.chance(0.04)) return '';
    const fields = Object.values(named.getFields());
    const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
    const pool = depth >= 4 ? leaves : fields;
    const parts: string[] = [];
    if (pool.length === 0) {
      parts.push('__typename');
    } else {
      for (const f of random.some(pool, random.int(1, Math.min(4, pool.length)))) parts.push(this.field(f, depth, random.chance(0.1)));
    }
    if (random.chance(0.15)) parts.push('__typename');
    if (mistyped && random.chance(0.1)) parts.push(random.pick(['notAField', 'password', 'id', '__schema { types { name } }']));
    if (random.chance(0.08) && leaves.length > 0) parts.push(`... on ${named.name} { ${random.pick(leaves).name} }`);
    if (random.chance(0.06) && leaves.length > 0) {
      const fragment = `F${this.next()}`;
      this.fragments.push(`fragment ${fragment} on ${mistyped && random.chance(0.2) ? 'Query' : named.name} { ${random.some(leaves, 2).map((f) => f.name).join(' ')} }`);
      parts.push(`...${fragment}`);
    }
    return ` { ${parts.join(' ')} }`;
  }
}
