import { randomBytes } from 'node:crypto';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readSecretFile, SecretFileError } from '../shared/secret-file';

/** Shortest HS256 secret accepted, in characters (JWT_SECRET's own rule). */
export const MIN_SECRET_LENGTH = 32;

/**
 * The HS256 secret when JWT_SECRET is not set: one generated on first
 * start and kept in DATA_DIR/jwt-secret (0600, 64 characters of
 * randomness), so that `npm start` works out of the box and `npm run token`
 * can mint tokens for trying the API. Deployments set JWT_SECRET or
 * JWT_JWKS_URL. A file found there that is open to other users or shorter
 * than MIN_SECRET_LENGTH is refused, never used nor repaired: a token
 * signed with it could have been forged.
 */
export function localSecret(dataDir: string): { secret: string; file: string; created: boolean } {
  const file = path.resolve(dataDir, 'jwt-secret');
  const existing = readLocalSecret(file);
  if (existing !== undefined) return { secret: existing, file, created: false };
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return { secret, file, created: true };
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { secret: readLocalSecret(file) ?? secret, file, created: false };
    throw error;
  }
}

function readLocalSecret(file: string): string | undefined {
  if (statSync(file, { throwIfNoEntry: false }) === undefined) return undefined;
  const describe = `The token secret ${file}`;
  const remedy = 'delete it to have a new one generated (tokens signed with it stop working), or set JWT_SECRET';
  let secret: string;
  try {
    secret = readSecretFile(file, describe).trim();
  } catch (error) {
    if (error instanceof SecretFileError) throw new SecretFileError(`${error.message}; or ${remedy}`);
    throw error;
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new SecretFileError(`${describe} is too short (${secret.length} characters; at least ${MIN_SECRET_LENGTH}): ${remedy}`);
  }
  return secret;
}
