import { UserError } from '../errors';

/**
 * The `userErrors` convention of mutation payloads, in one place: a mistake
 * the caller can fix (a `UserError`) is answered as an entry of the
 * payload's `userErrors`, nothing changed; any other error is thrown on, to
 * become a GraphQL error.
 */

/** One `userErrors` entry, as data (the GraphQL type is `graphql/user-error.type.ts`). */
export interface UserErrorEntry {
  /** Input path the error concerns, e.g. `components[1].code`; null when it concerns no one field. */
  field: string | null;
  /** Vietnamese, fit to show to a citizen or an officer. */
  message: string;
  code: string;
}

/** The `userErrors` entry of a caller's mistake. */
export function userErrorEntry(error: UserError): UserErrorEntry {
  return { field: error.field, message: error.message, code: error.code };
}

/**
 * Runs a mutation and answers its payload: what `run` returns with no
 * `userErrors`, or, when it throws a `UserError`, `failed` (the payload's
 * empty fields, e.g. `{ dossier: null }`) with that error as the one entry.
 */
export async function withUserErrors<T extends object, F extends object>(
  run: () => Promise<T>,
  failed: F,
): Promise<(T | F) & { userErrors: UserErrorEntry[] }> {
  try {
    return { ...(await run()), userErrors: [] };
  } catch (error) {
    if (error instanceof UserError) return { ...failed, userErrors: [userErrorEntry(error)] };
    throw error;
  }
}
