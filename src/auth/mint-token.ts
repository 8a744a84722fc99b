import { SignJWT } from 'jose';
import type { Role } from './viewer';

export interface TokenClaims {
  sub: string;
  name: string;
  roles: Role[];
  agency?: string;
  personalId?: string;
}

/** An HS256 token with the contract's claims; for trying the hub and for tests, not an identity provider. */
export async function mintToken(claims: TokenClaims, secret: string, expiresIn = '8h'): Promise<string> {
  return new SignJWT({
    name: claims.name,
    roles: claims.roles,
    ...(claims.agency ? { agency: claims.agency } : {}),
    ...(claims.personalId ? { personalId: claims.personalId } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
