import { registerEnumType } from 'type-graphql';

/** What a token lets its holder be (contract README, "Who calls"). */
export enum Role {
  CITIZEN = 'CITIZEN',
  OFFICER = 'OFFICER',
  SUPERVISOR = 'SUPERVISOR',
}
registerEnumType(Role, { name: 'Role' });

/** A caller proved by a valid token. */
export interface User {
  readonly kind: 'user';
  /** The token's `sub`. */
  readonly id: string;
  readonly name: string;
  readonly roles: ReadonlySet<Role>;
  /** Officers: the code of their agency. */
  readonly agencyCode: string | null;
  /** Citizens: their 12-digit personal id. */
  readonly personalId: string | null;
}

/** A caller without a token, or whose token failed (and why, for protected fields). */
export interface Anonymous {
  readonly kind: 'anonymous';
  /** Why the token given was refused; null when none was given. */
  readonly tokenError: string | null;
}

export type Viewer = User | Anonymous;

export const ANONYMOUS: Anonymous = { kind: 'anonymous', tokenError: null };

export function hasRole(viewer: Viewer, role: Role): viewer is User {
  return viewer.kind === 'user' && viewer.roles.has(role);
}
