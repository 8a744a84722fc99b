import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { isPersonalId } from '../shared/personal-id';
import { Role, type User } from './viewer';

export interface TokenVerifierConfig {
  /** HS256 secret (at least 32 characters). */
  secret: string | undefined;
  /** RS256 keys; when set, tokens are verified against it instead of the secret. */
  jwksUrl: string | undefined;
  issuer: string | undefined;
  audience: string | undefined;
}

/** Why a token was refused, fit for a log line (never echoes the token). */
export class TokenError extends Error {
  override name = 'TokenError';
}

const ROLES = new Set<string>(Object.values(Role));

/** Maps verified claims to a user; a claim set the contract does not allow is refused. */
export function userFromClaims(claims: JWTPayload): User {
  const sub = claims.sub;
  if (typeof sub !== 'string' || sub === '') throw new TokenError('token has no sub');
  const roles = new Set<Role>();
  if (Array.isArray(claims.roles)) {
    for (const role of claims.roles) if (typeof role === 'string' && ROLES.has(role)) roles.add(role as Role);
  }
  if (roles.size === 0) throw new TokenError('token has no known role');
  const agencyCode = typeof claims.agency === 'string' && claims.agency !== '' ? claims.agency : null;
  const personalId = typeof claims.personalId === 'string' ? claims.personalId : null;
  if (roles.has(Role.OFFICER) && agencyCode === null) throw new TokenError('an officer token needs the agency claim');
  if (roles.has(Role.CITIZEN) && !isPersonalId(personalId)) {
    throw new TokenError('a citizen token needs a 12-digit personalId claim');
  }
  return {
    kind: 'user',
    id: sub,
    name: typeof claims.name === 'string' && claims.name !== '' ? claims.name : sub,
    roles,
    agencyCode,
    personalId: isPersonalId(personalId) ? personalId : null,
  };
}

/**
 * Verifies bearer tokens with jose: RS256 against the JWKS at `jwksUrl`
 * where set, else HS256 with `secret`. Expiry is required.
 */
export function createTokenVerifier(config: TokenVerifierConfig): (token: string) => Promise<User> {
  const options = {
    requiredClaims: ['exp', 'sub'],
    ...(config.issuer !== undefined ? { issuer: config.issuer } : {}),
    ...(config.audience !== undefined ? { audience: config.audience } : {}),
  };
  let verify: (token: string) => Promise<{ payload: JWTPayload }>;
  if (config.jwksUrl !== undefined) {
    const keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(config.jwksUrl));
    verify = (token) => jwtVerify(token, keys, { ...options, algorithms: ['RS256'] });
  } else if (config.secret !== undefined) {
    const secret = new TextEncoder().encode(config.secret);
    verify = (token) => jwtVerify(token, secret, { ...options, algorithms: ['HS256'] });
  } else {
    throw new Error('No JWT key: set JWT_SECRET or JWT_JWKS_URL');
  }
  return async (token) => {
    try {
      const { payload } = await verify(token);
      return userFromClaims(payload);
    } catch (error) {
      if (error instanceof TokenError) throw error;
      throw new TokenError(error instanceof Error ? error.message : String(error));
    }
  };
}
