import type { AuthConfig } from '../config';
import { localSecret } from './secret';
import { createTokenVerifier, TokenError } from './token-verifier';
import { ANONYMOUS, type Viewer } from './viewer';

export type Authenticate = (authorization: string | undefined) => Promise<Viewer>;

/** Where the hub's signing key comes from, for the start-up log. */
export type KeySource = { kind: 'jwks'; url: string } | { kind: 'secret' } | { kind: 'local-secret'; file: string };

/**
 * Turns an Authorization header into a viewer. No header: anonymous. A bad
 * or expired token: anonymous with the reason kept, so that public fields
 * still answer and protected ones say UNAUTHENTICATED.
 */
export function createAuthenticator(config: AuthConfig, dataDir: string): { authenticate: Authenticate; keySource: KeySource } {
  let secret = config.jwtSecret;
  let keySource: KeySource = config.jwksUrl ? { kind: 'jwks', url: config.jwksUrl } : { kind: 'secret' };
  if (!config.jwksUrl && secret === undefined) {
    const local = localSecret(dataDir);
    secret = local.secret;
    keySource = { kind: 'local-secret', file: local.file };
  }
  const verify = createTokenVerifier({ secret, jwksUrl: config.jwksUrl, issuer: config.issuer, audience: config.audience });
  return {
    keySource,
    async authenticate(authorization) {
      if (authorization === undefined || authorization.trim() === '') return ANONYMOUS;
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match?.[1]) return { kind: 'anonymous', tokenError: 'the Authorization header is not "Bearer <token>"' };
      try {
        return await verify(match[1]);
      } catch (error) {
        return { kind: 'anonymous', tokenError: error instanceof TokenError ? error.message : 'the token could not be verified' };
      }
    },
  };
}
