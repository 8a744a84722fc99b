import { readFileSync, statSync } from 'node:fs';

/** A secret file that may not be used; the message names the file and what to do. */
export class SecretFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretFileError';
  }
}

/**
 * Reads a file that holds a secret, refusing it unless only its owner may
 * read or write it (no group or other bits: 0600 or 0400) and it holds
 * something. Returns its text without the trailing newline(s).
 * `describe` says what the file is for messages ("JWT_SECRET_FILE (/run/secrets/jwt)").
 */
export function readSecretFile(file: string, describe: string): string {
  let mode: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new SecretFileError(`${describe} is not a file`);
    mode = stat.mode & 0o777;
  } catch (error) {
    if (error instanceof SecretFileError) throw error;
    throw new SecretFileError(`${describe} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if ((mode & 0o077) !== 0) {
    throw new SecretFileError(
      `${describe} may be read or written by other users (mode ${mode.toString(8).padStart(3, '0')}): the secret may have been read; replace it and run chmod 600 on the file`,
    );
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SecretFileError(`${describe} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const secret = text.replace(/[\r\n]+$/, '');
  if (secret.trim() === '') throw new SecretFileError(`${describe} is empty`);
  return secret;
}
