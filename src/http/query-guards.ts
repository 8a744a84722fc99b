import type { ApolloServerPlugin } from '@apollo/server';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, OperationTypeNode, visit, type GraphQLSchema, type ValidationContext, type ValidationRule } from 'graphql';
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

/**
 * Estimates each operation's cost with its variables (known only once the
 * operation is resolved) and refuses it above the limit, before any
 * resolver runs.
 */
export function costLimitPlugin(schema: GraphQLSchema, limits: QueryLimits): ApolloServerPlugin {
  const estimator = pageAwareEstimator(limits.maxPageSize);
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document }) {
          let cost: number;
          try {
            cost = getComplexity({ schema, query: document, variables: request.variables ?? {}, ...(request.operationName ? { operationName: request.operationName } : {}), estimators: [estimator] });
          } catch {
            // Variables that do not fit their types: graphql-js refuses them with its own clear error right after.
            return Promise.resolve();
          }
          if (cost > limits.maxCost) {
            throw new GraphQLError(`Truy vấn quá lớn (chi phí ước tính ${cost}, tối đa ${limits.maxCost}); hãy chia nhỏ hoặc giảm số bản ghi mỗi trang.`, {
              extensions: { code: ErrorCode.QUERY_TOO_COMPLEX, cost, maxCost: limits.maxCost, http: { status: 400 } },
            });
          }
          return Promise.resolve();
        },
      });
    },
  };
}

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 64 || value === null || typeof value !== 'object') return false;
  return Object.values(value as Record<string, unknown>).some((v) => hasNul(v, depth + 1));
}

/**
 * Refuses, before anything runs, what the hub cannot execute and would
 * otherwise answer as a bug: a subscription (the schema has none yet), and
 * a NUL character anywhere in an operation's strings (variables or
 * literals), which PostgreSQL cannot store in text; an operation that would
 * fail there must not first call an outside system (a population lookup,
 * written to the access log).
 */
export function operationGuardPlugin(schema: GraphQLSchema): ApolloServerPlugin {
  const refuse = (message: string) => new GraphQLError(message, { extensions: { code: ErrorCode.INVALID_INPUT, http: { status: 400 } } });
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document, operation }) {
          if (operation?.operation === OperationTypeNode.SUBSCRIPTION && !schema.getSubscriptionType()) {
            throw refuse('Hệ thống chưa hỗ trợ đăng ký theo dõi (subscription).');
          }
          let literal = false;
          visit(document, {
            StringValue(node) {
              if (node.value.includes('\u0000')) literal = true;
            },
          });
          if (literal || hasNul(request.variables)) throw refuse('Dữ liệu đầu vào chứa ký tự NUL (\\u0000), không được chấp nhận.');
          return Promise.resolve();
        },
      });
    },
  };
}
