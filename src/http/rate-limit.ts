import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, visit, type DocumentNode } from 'graphql';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Viewer } from '../auth';
import type { RateLimitConfig } from '../config';
import { ErrorCode } from '../errors';


/** A refusal, with how long the caller should wait (sent as Retry-After). */
export class RateLimited {
  constructor(readonly retryAfterSeconds: number) {}
}

/**
 * The hub's rate limits, kept in this process's memory: each hub process
 * counts its own callers (behind a load balancer of N processes a caller
 * gets up to N times the limit; the limits are a guard against floods and
 * guessing, not an accounting).
 */
export class RateLimits {
  private readonly byAddress: RateLimiterMemory;
  private readonly byToken: RateLimiterMemory;
  private readonly lookups: RateLimiterMemory;

  constructor(config: RateLimitConfig) {
    this.byAddress = new RateLimiterMemory({ keyPrefix: 'address', points: config.perAddress, duration: config.windowSeconds });
    this.byToken = new RateLimiterMemory({ keyPrefix: 'token', points: config.perToken, duration: config.windowSeconds });
    this.lookups = new RateLimiterMemory({ keyPrefix: 'lookup', points: config.lookups, duration: config.windowSeconds });
  }

  /** Counts one request: against the token's subject when it has a valid one, else against its address. */
  request(viewer: Viewer, address: string): Promise<RateLimited | null> {
    return viewer.kind === 'user' ? take(this.byToken, viewer.id, 1) : take(this.byAddress, address, 1);
  }

  /** Counts `count` dossier-code lookups of one request. */
  lookup(viewer: Viewer, address: string, count: number): Promise<RateLimited | null> {
    return take(this.lookups, viewer.kind === 'user' ? `user:${viewer.id}` : `address:${address}`, count);
  }
}

async function take(limiter: RateLimiterMemory, key: string, points: number): Promise<RateLimited | null> {
  try {
    await limiter.consume(key, points);
    return null;
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) return new RateLimited(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)));
    throw refusal;
  }
}

/** Fields that look a dossier up by its code; each one in a document (aliases included) counts as one lookup. */
const LOOKUP_FIELDS = new Set(['trackDossier', 'dossierTracking']);

/** Lookups per parsed document (Apollo keeps one per query text): each document is walked once. */
const lookupsPerDocument = new WeakMap<DocumentNode, number>();

export function countLookups(document: DocumentNode): number {
  const known = lookupsPerDocument.get(document);
  if (known !== undefined) return known;
  let count = 0;
  visit(document, {
    Field(node) {
      if (LOOKUP_FIELDS.has(node.name.value)) count += 1;
    },
  });
  lookupsPerDocument.set(document, count);
  return count;
}

/** Refuses, with 429 and Retry-After, an operation whose dossier-code lookups go over the caller's budget. */
export function lookupLimitPlugin(limits: RateLimits): ApolloServerPlugin<{ viewer: Viewer; clientAddress: string }> {
  return {
    requestDidStart() {
      return Promise.resolve({
        async didResolveOperation({ document, contextValue }) {
          const count = countLookups(document);
          if (count === 0) return;
          const refused = await limits.lookup(contextValue.viewer, contextValue.clientAddress, count);
          if (refused) {
            // Apollo reads `http.headers` as a Map; the gateway's typings (graphql-yoga) declare the same key as a record,
            // so the extensions are built untyped.
            const extensions: Record<string, unknown> = {
              code: ErrorCode.RATE_LIMITED,
              http: { status: 429, headers: new Map([['retry-after', String(refused.retryAfterSeconds)]]) },
            };
            throw new GraphQLError(`Tra cứu quá nhiều mã hồ sơ; vui lòng thử lại sau ${refused.retryAfterSeconds} giây.`, { extensions });
          }
        },
      });
    },
  };
}
