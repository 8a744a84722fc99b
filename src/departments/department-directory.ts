import { timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Agency } from '../catalog';
import { ConfigError } from '../errors';
import type { DepartmentProfile } from './department.port';

/** A department and the catalogue agency it serves, resolved at start. */
export interface DepartmentEntry extends DepartmentProfile {
  agencyId: string;
  agencyName: string;
  /** Where it was configured (its file), for messages. */
  origin: string;
}

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * The departments with a system of their own, by instance and by agency:
 * a step at an agency listed here is sent to its system; any other step
 * stays with officers.
 */
export class DepartmentDirectory {
  private readonly byAgency = new Map<string, DepartmentEntry>();
  private readonly byName = new Map<string, DepartmentEntry>();

  constructor(readonly entries: readonly DepartmentEntry[]) {
    for (const entry of entries) {
      this.byAgency.set(entry.agencyId, entry);
      this.byName.set(entry.instance, entry);
    }
  }

  /**
   * Resolves each profile's agency in the catalogue. A code the catalogue
   * does not know (unless `skipUnknownAgencies` hears it: the simulated
   * departments on an empty catalogue), or two departments for one agency,
   * stop the start with a message naming the file.
   */
  static async resolve(
    em: EntityManager,
    profiles: ReadonlyArray<DepartmentProfile & { origin: string }>,
    options: { skipUnknownAgencies?: (problem: string) => void } = {},
  ): Promise<DepartmentDirectory> {
    const problems: string[] = [];
    const entries: DepartmentEntry[] = [];
    const taken = new Map<string, string>();
    for (const profile of profiles) {
      const agency = await em.findOne(Agency, { code: profile.agencyCode });
      if (!agency) {
        const problem = `${profile.origin}.agencyCode "${profile.agencyCode}" is not an agency of the catalogue (npm run catalog:load adds agencies)`;
        if (options.skipUnknownAgencies) options.skipUnknownAgencies(problem);
        else problems.push(problem);
        continue;
      }
      const other = taken.get(agency.id);
      if (other) {
        problems.push(`${profile.origin}.agencyCode "${profile.agencyCode}" is already served by ${other}: one system per agency`);
        continue;
      }
      taken.set(agency.id, profile.origin);
      entries.push({ ...profile, agencyId: agency.id, agencyName: agency.name });
    }
    if (problems.length > 0) throw new ConfigError(problems);
    return new DepartmentDirectory(entries);
  }

  forAgency(agencyId: string): DepartmentEntry | null {
    return this.byAgency.get(agencyId) ?? null;
  }

  get(instance: string): DepartmentEntry | null {
    return this.byName.get(instance) ?? null;
  }

  /** The department whose push credentials these are (compared in constant time), or null. */
  authenticate(username: string, password: string): DepartmentEntry | null {
    let found: DepartmentEntry | null = null;
    for (const entry of this.entries) {
      // Every entry is compared, so the time taken does not tell which usernames exist.
      if (entry.push && same(entry.push.username, username) && same(entry.push.password, password)) found = entry;
    }
    return found;
  }
}
