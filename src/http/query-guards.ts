import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, Kind, OperationTypeNode, visit, type DocumentNode, type GraphQLSchema, type TypeNode, type ValidationContext, type ValidationRule } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import type { QueryLimits } from '../config';
import { ErrorCode } from '../errors';


const tooComplex = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX } });

/** graphql-armor reports through callbacks; ours report a validation error with the hub's code instead of throwing. */
function report(message: (limit: number) => string, limit: number) {
  return {
    n: limit,
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null) => context?.reportError(tooComplex(message(limit)))],
  };
}

/** The validation rules that refuse a document by its shape, before anything runs. */
export function shapeRules(limits: QueryLimits): ValidationRule[] {
  return [
    maxDepthRule({ ...report((n) => `Truy vấn lồng quá sâu (tối đa ${n} cấp).`, limits.maxDepth), ignoreIntrospection: true, flattenFragments: true }),
    maxAliasesRule(report((n) => `Truy vấn có quá nhiều bí danh (alias; tối đa ${n}).`, limits.maxAliases)),
    maxDirectivesRule(report((n) => `Truy vấn có quá nhiều chỉ thị (directive; tối đa ${n}).`, limits.maxDirectives)),
  ];
}

/**
 * One point per field, and a page costs what its nodes cost times the
 * number asked for (`first`, or the largest page when left out), so that
 * 1,000 aliases of `procedures(first: 100)` cost 100,000 times a field,
 * while one page of 100 with its nested fields stays well inside the limit.
 */
export function pageAwareEstimator(maxPageSize: number): ComplexityEstimator {
  return ({ args, childComplexity, field }) => {
    if (!field.args.some((arg) => arg.name === 'first')) return 1 + childComplexity;
    const first = typeof args.first === 'number' && args.first >= 0 ? Math.min(args.first, maxPageSize) : maxPageSize;
    return 1 + Math.max(first, 1) * childComplexity;
  };
}

const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));

/**
 * What an operation's cost can depend on besides its document: the values
 * of its Int variables (a page's `first`) and Boolean ones (`@include`,
 * `@skip`). A lookup by code costs the same whatever the code.
 */
function costKey(document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): string {
  const operation = document.definitions.find(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION && (operationName === undefined || definition.name?.value === operationName),
  );
  const names =
    operation?.kind === Kind.OPERATION_DEFINITION
      ? (operation.variableDefinitions ?? []).filter((v) => ['Int', 'Boolean'].includes(namedType(v.type))).map((v) => v.variable.name.value)
      : [];
  return JSON.stringify([operationName ?? null, names.map((name) => variables[name] ?? null)]);
}

/** Costs remembered per parsed document (Apollo keeps one per query text) and per costKey, a few keys each. */
const COSTS_PER_DOCUMENT = 32;

/**
 * Estimates each operation's cost with its variables (known only once the
 * operation is resolved) and refuses it above the limit, before any
 * resolver runs. The estimate is remembered per document and costKey:
 * the same question with another dossier code is not walked again.
 */
export function costLimitPlugin(schema: GraphQLSchema, limits: QueryLimits): ApolloServerPlugin {
  const estimator = pageAwareEstimator(limits.maxPageSize);
  const known = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document }) {
          const variables = request.variables ?? {};
          const key = costKey(document, request.operationName ?? undefined, variables);
          let costs = known.get(document);
          let cost = costs?.get(key);
          if (cost === undefined) {
            try {
              cost = getComplexity({ schema, query: document, variables, ...(request.operationName ? { operationName: request.operationName } : {}), estimators: [estimator] });
            } catch {
              // Variables that do not fit their types: graphql-js refuses them with its own clear error right after.
              return Promise.resolve();
            }
            if (costs === undefined) {
              costs = new Map();
              known.set(document, costs);
            }
            if (costs.size >= COSTS_PER_DOCUMENT) costs.clear();
            costs.set(key, cost);
          }
          if (cost > limits.maxCost) throw tooCostly(cost, limits);
          return Promise.resolve();
        },
      });
    },
  };
}

/** The estimated cost of one operation, as the HTTP endpoint counts it (for subscriptions over WebSocket); null when its variables do not fit. */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>, limits: QueryLimits): number | null {
  try {
    return getComplexity({ schema, query: document, variables, ...(operationName ? { operationName } : {}), estimators: [pageAwareEstimator(limits.maxPageSize)] });
  } catch {
    return null;
  }
}

/** The message of an operation over the cost limit. */
export function tooCostly(cost: number, limits: QueryLimits): GraphQLError {
  return new GraphQLError(`Truy vấn quá lớn (chi phí ước tính ${cost}, tối đa ${limits.maxCost}); hãy chia nhỏ hoặc giảm số bản ghi mỗi trang.`, {
    extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, cost, maxCost: limits.maxCost, http: { status: 400 } },
  });
}

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  return Object.values(value as Record<string, unknown>).some((v) => hasNul(v, depth + 1));
}

/** Whether a parsed document holds a NUL in a literal: walked once per document (Apollo keeps one per query text). */
const nulLiterals = new WeakMap<DocumentNode, boolean>();
function hasNulLiteral(document: DocumentNode): boolean {
  let literal = nulLiterals.get(document);
  if (literal === undefined) {
    let found = false;
    visit(document, {
      StringValue(node) {
        if (node.value.includes('\u0000')) found = true;
      },
    });
    literal = found;
    nulLiterals.set(document, literal);
  }
  return literal;
}

/** A NUL character anywhere in an operation's strings (literals or variables), which PostgreSQL cannot store in text. */
export function nulInOperation(document: DocumentNode, variables: unknown): boolean {
  return hasNulLiteral(document) || hasNul(variables);
}

export function nulRefused(): GraphQLError {
  return new GraphQLError('Dữ liệu đầu vào chứa ký tự NUL (\\u0000), không được chấp nhận.', { extensions: { code: ErrorCode.INVALID_INPUT, http: { status: 400 } } });
}

/**
 * Refuses, before anything runs, what the hub cannot execute and would
 * otherwise answer as a bug: a subscription (they run over WebSocket), and
 * a NUL character anywhere in an operation's strings (variables or
 * literals), which PostgreSQL cannot store in text; an operation that would
 * fail there must not first call an outside system (a population lookup,
 * written to the access log).
 */
export function operationGuardPlugin(): ApolloServerPlugin {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document, operation }) {
          // Subscriptions run over WebSocket (src/http/subscriptions.ts): over HTTP graphql-js would run their resolvers once, with no event.
          if (operation?.operation === OperationTypeNode.SUBSCRIPTION) {
            throw new GraphQLError('Subscription chạy qua WebSocket (giao thức graphql-ws) tại cùng địa chỉ /graphql, không qua HTTP POST.', {
              extensions: { code: ErrorCode.BAD_REQUEST, http: { status: 400 } },
            });
          }
          if (nulInOperation(document, request.variables)) throw nulRefused();
          return Promise.resolve();
        },
      });
    },
  };
}

/** Brackets nested deeper than this refuse the document before it is parsed (well above any real operation's). */
export const MAX_NESTING = 64;

/**
 * The deepest nesting of `{`, `[` and `(` in a document's text, strings and
 * comments aside: one pass, no recursion. graphql-js parses nested lists
 * and objects recursively, so a few thousand `[` overflow Node's stack
 * before the token limit is reached ("Maximum call stack size exceeded",
 * found by tests/fuzz).
 */
export function nestingDepth(source: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (ch === '#') {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i += 1;
    } else if (ch === '"') {
      if (source.startsWith('"""', i)) {
        const close = source.indexOf('"""', i + 3);
        i = close === -1 ? source.length : close + 2;
      } else {
        i += 1;
        while (i < source.length && source[i] !== '"' && source[i] !== '\n') i += source[i] === '\\' ? 2 : 1;
      }
    } else if (ch === '{' || ch === '[' || ch === '(') {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (ch === '}' || ch === ']' || ch === ')') {
      depth = Math.max(0, depth - 1);
    }
  }
  return deepest;
}
