import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConsentRefusedError,
  type Address,
  type CitizenRecord,
  type ConsentProof,
  type Gender,
  type LookupRequest,
  type PopulationRegistry,
} from '../../src/citizens/population.port';

/** One implementation of the port, ready to be asked, and how to put it away. */
export interface PopulationRegistryUnderTest {
  registry: PopulationRegistry;
  teardown: () => Promise<void>;
}

/** A six-digit one-time code, the consent a citizen gives at the counter. */
export const OTP: ConsentProof = { kind: 'OTP', code: '482913' };

let sequence = 0;

/** A lookup as an officer at a counter makes it; each one gets its own request id (MaYeuCau). */
export function lookupRequest(personalId: string, consent: ConsentProof | null = OTP, more: Partial<LookupRequest> = {}): LookupRequest {
  sequence += 1;
  return {
    requestId: `contract-${process.pid}-${sequence}`,
    personalId,
    requester: { id: 'CB-0042', name: 'Lê Thị Thu', agencyCode: 'H56.01' },
    purpose: 'Tiếp nhận hồ sơ đăng ký thường trú',
    dossierCode: null,
    consent,
    ...more,
  };
}

/**
 * What an id says about its holder, worked out here from DOMAIN.md §5 and
 * not from the code under test: digit 4 is the century and the sex (0/1 the
 * 1900s, 2/3 the 2000s, and so on; even male, odd female), digits 5–6 the
 * last two digits of the year of birth.
 */
export function fromId(personalId: string): { year: number; gender: Gender } {
  const digit = Number(personalId[3]);
  return {
    year: 1900 + 100 * Math.floor(digit / 2) + Number(personalId.slice(4, 6)),
    gender: digit % 2 === 0 ? 'MALE' : 'FEMALE',
  };
}

/** True when `iso` (YYYY-MM-DD) names a day of the calendar: no 31 February, no month 13. */
export function isCalendarDate(iso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

// Well-formed ids of people the registry holds, with what each one says.
const PEOPLE = [
  { id: '038095001234', year: 1995, gender: 'MALE' },
  { id: '038195012345', year: 1995, gender: 'FEMALE' },
  { id: '001203004567', year: 2003, gender: 'MALE' },
  { id: '079305000999', year: 2005, gender: 'FEMALE' },
  { id: '056178123456', year: 1978, gender: 'FEMALE' },
] as const satisfies readonly { id: string; year: number; gender: Gender }[];

// Ids the registry does not hold (the simulator's rule, kept by every implementation: they end in 000).
const UNKNOWN = ['038095123000', '001203004000', '079305000000'];

function expectAddress(address: Address): void {
  expect(address.provinceCode).toMatch(/\S/);
  expect(address.text.trim()).not.toBe('');
  if (address.provinceName !== '') expect(address.text).toContain(address.provinceName);
}

function expectCitizenOfId(citizen: CitizenRecord, personalId: string): void {
  const { year, gender } = fromId(personalId);
  expect(citizen.personalId).toBe(personalId);

  const { family, middle, given, full } = citizen.name;
  expect(family.trim()).not.toBe('');
  expect(given.trim()).not.toBe('');
  // Some people have no middle name; where there is one it is not blank.
  if (middle !== null) expect(middle.trim()).not.toBe('');
  expect(full).toBe([family, middle, given].filter((part) => part !== null).join(' '));

  expect(citizen.dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(isCalendarDate(citizen.dateOfBirth)).toBe(true);
  expect(Number(citizen.dateOfBirth.slice(0, 4))).toBe(year);
  expect(citizen.gender).toBe(gender);

  for (const address of [citizen.birthRegistrationPlace, citizen.hometown, citizen.permanentAddress, citizen.currentAddress]) expectAddress(address);
}

/** Contract cases an implementation may declare as a known bug (see `ContractOptions`). */
export type ContractCase = 'blank-identity-subject';

export interface ContractOptions {
  /**
   * Cases this implementation is known to get wrong, each with the reason.
   * They run as `it.fails`, so the suite stays green while the bug is open and
   * goes red, as a reminder to remove the entry, once it is fixed. Default: none.
   */
  knownBugs?: Partial<Record<ContractCase, string>>;
}

/**
 * The contract of `PopulationRegistry` (STYLE habit 9): what every
 * implementation must do, whether it speaks SOAP to the national database,
 * to the simulator, or keeps people in memory. Each spec supplies only a
 * factory; `setup` runs once before the cases and `teardown` once after.
 */
export function populationRegistryContract(name: string, setup: () => Promise<PopulationRegistryUnderTest>, options: ContractOptions = {}): void {
  /** `it`, or `it.fails` with the reason in the title when the case is a declared known bug. */
  const itUnless = (id: ContractCase, title: string, test: () => Promise<void>): void => {
    const bug = options.knownBugs?.[id];
    if (bug === undefined) it(title, test);
    else it.fails(`${title} [known bug: ${bug}]`, test);
  };

  describe(`PopulationRegistry contract: ${name}`, () => {
    let subject: PopulationRegistryUnderTest | undefined;
    const registry = (): PopulationRegistry => {
      if (!subject) throw new Error('setup did not run');
      return subject.registry;
    };

    beforeAll(async () => {
      subject = await setup();
    });

    afterAll(async () => {
      await subject?.teardown();
    });

    describe('a citizen the registry holds, with an OTP consent', () => {
      it.each(PEOPLE)('$id is found, born in $year, $gender, as the id says', async ({ id, year, gender }) => {
        const answer = await registry().lookup(lookupRequest(id));
        expect(answer.found).toBe(true);
        if (!answer.found) return;
        expectCitizenOfId(answer.citizen, id);
        // The table above and fromId() agree, so a slip in one of them shows here.
        expect(answer.citizen.dateOfBirth.slice(0, 4)).toBe(String(year));
        expect(answer.citizen.gender).toBe(gender);
      });

      it.each(PEOPLE)('$id gives the same answer twice', async ({ id }) => {
        const first = await registry().lookup(lookupRequest(id));
        const second = await registry().lookup(lookupRequest(id));
        expect(second).toEqual(first);
      });
    });

    it.each(UNKNOWN)('%s (ending in 000) is not found', async (id) => {
      await expect(registry().lookup(lookupRequest(id))).resolves.toEqual({ found: false });
    });

    describe('consent', () => {
      it('no consent at all is refused', async () => {
        await expect(registry().lookup(lookupRequest(PEOPLE[0].id, null))).rejects.toBeInstanceOf(ConsentRefusedError);
      });

      it('no consent is refused even for an id the registry does not hold (nothing is told without consent)', async () => {
        await expect(registry().lookup(lookupRequest(UNKNOWN[0], null))).rejects.toBeInstanceOf(ConsentRefusedError);
      });

      it.each(['', '12345', '1234567', 'abcdef', '12a456', '12 456'])('an OTP of %j (not six digits) is refused', async (code) => {
        await expect(registry().lookup(lookupRequest(PEOPLE[1].id, { kind: 'OTP', code }))).rejects.toBeInstanceOf(ConsentRefusedError);
      });

      it('the citizen\'s own identity login is consent', async () => {
        const answer = await registry().lookup(lookupRequest(PEOPLE[2].id, { kind: 'IDENTITY_LOGIN', subject: `vneid:${PEOPLE[2].id}` }));
        expect(answer.found).toBe(true);
        if (answer.found) expectCitizenOfId(answer.citizen, PEOPLE[2].id);
      });

      itUnless('blank-identity-subject', 'an identity login with a blank subject is refused (a missing consent)', async () => {
        await expect(registry().lookup(lookupRequest(PEOPLE[2].id, { kind: 'IDENTITY_LOGIN', subject: '   ' }))).rejects.toBeInstanceOf(ConsentRefusedError);
      });

      it('a legal basis with a purpose and a requester is consent', async () => {
        const request = lookupRequest(PEOPLE[3].id, { kind: 'LEGAL_BASIS', purpose: 'Xác minh nhân thân theo Nghị định 104/2022/NĐ-CP' });
        expect(request.requester.id).not.toBe('');
        const answer = await registry().lookup(request);
        expect(answer.found).toBe(true);
        if (answer.found) expectCitizenOfId(answer.citizen, PEOPLE[3].id);
      });

      it('any valid kind of consent gives the same record', async () => {
        const id = PEOPLE[4].id;
        const byOtp = await registry().lookup(lookupRequest(id));
        const byLogin = await registry().lookup(lookupRequest(id, { kind: 'IDENTITY_LOGIN', subject: `vneid:${id}` }));
        const byLaw = await registry().lookup(lookupRequest(id, { kind: 'LEGAL_BASIS', purpose: 'Giải quyết thủ tục hành chính' }));
        expect(byLogin).toEqual(byOtp);
        expect(byLaw).toEqual(byOtp);
      });
    });

    it('ping() answers', async () => {
      await expect(registry().ping()).resolves.toBeUndefined();
    });
  });
}
