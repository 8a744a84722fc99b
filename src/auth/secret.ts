import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The HS256 secret when JWT_SECRET is not set: one generated on first
 * start and kept in DATA_DIR/jwt-secret (readable by the owner only), so
 * that `npm start` works out of the box and `npm run token` can mint tokens
 * for trying the API. Deployments set JWT_SECRET or JWT_JWKS_URL.
 */
export function localSecret(dataDir: string): { secret: string; file: string; created: boolean } {
  const file = path.resolve(dataDir, 'jwt-secret');
  try {
    return { secret: readFileSync(file, 'utf8').trim(), file, created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
    return { secret, file, created: true };
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { secret: readFileSync(file, 'utf8').trim(), file, created: false };
    throw error;
  }
}
