/** A row the database must hold because a foreign key points at it; its absence is a bug, not a user error. */
export function required<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`Missing ${what}: a foreign key points at nothing`);
  return value;
}
