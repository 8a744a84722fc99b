import { describe, expect, it } from 'vitest';
import type { Address, CitizenRecord, Gender, PersonName } from '../../src/citizens/population.port';
import { fromId, isCalendarDate } from '../../tests/contract/population.contract';
import { PROVINCES } from './provinces';
import { birthFromId, isInRegistry, syntheticCitizen } from './synthetic-citizen';

/**
 * The names the generator may use, written out again by hand so that the
 * generator is checked against the list it is meant to draw from (adding a
 * name there means adding it here). Middle names are the gendered ones
 * Vietnamese families give: a man is never "Thị", a woman never "Văn".
 */
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Lò', 'Hà', 'Mai', 'Trịnh'];
const MIDDLE: Record<Gender, string[]> = {
  MALE: ['Văn', 'Hữu', 'Đức', 'Minh', 'Quang', 'Công', 'Xuân', 'Thành', 'Đình', 'Ngọc'],
  FEMALE: ['Thị', 'Ngọc', 'Thu', 'Minh', 'Thanh', 'Hồng', 'Kim', 'Phương', 'Diệu', 'Bảo'],
};
const GIVEN: Record<Gender, string[]> = {
  MALE: ['An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Hải', 'Hiếu', 'Hoàng', 'Hùng', 'Khánh', 'Long', 'Minh', 'Nam', 'Phong', 'Quân', 'Sơn', 'Thắng', 'Trung', 'Tuấn', 'Vinh'],
  FEMALE: ['Anh', 'Chi', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'Ngân', 'Nhung', 'Oanh', 'Phượng', 'Quỳnh', 'Thảo', 'Trang', 'Vân', 'Yến'],
};

/** A small seeded generator (mulberry32): the same 2,000 ids on every run, so a failure can be replayed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const digits = (random: () => number, n: number): string =>
  Array.from({ length: n }, () => String(Math.floor(random() * 10))).join('');

/**
 * 2,000 well-formed ids: every century digit 0–9 in turn, the province part
 * drawn from all of 000–099 (real province codes and gaps between them) and
 * a few from 100–999, any birth year, and one in twenty ending in 000.
 */
function generateIds(count: number): string[] {
  const random = seeded(20_250_701);
  return Array.from({ length: count }, (_, i) => {
    const province = i % 10 === 9 ? digits(random, 3) : `0${digits(random, 2)}`;
    const century = String(i % 10);
    const year = digits(random, 2);
    const serial = i % 20 === 7 ? `${digits(random, 3)}000` : digits(random, 6);
    return `${province}${century}${year}${serial}`;
  });
}

const IDS = generateIds(2_000);
const HELD = IDS.filter((id) => !id.endsWith('000'));

/** Every held id with its citizen, computed once for the whole file. */
const CITIZENS: [string, CitizenRecord][] = HELD.map((id) => {
  const citizen = syntheticCitizen(id);
  if (citizen === null) throw new Error(`${id} should be in the registry`);
  return [id, citizen];
});

/** The first id (and what went wrong) for which `check` fails; undefined when it holds for all. */
function counterexample(check: (id: string, citizen: CitizenRecord) => string | null): string | undefined {
  for (const [id, citizen] of CITIZENS) {
    const problem = check(id, citizen);
    if (problem !== null) return `${id}: ${problem}`;
  }
  return undefined;
}

const addresses = (c: CitizenRecord): [string, Address][] => [
  ['birthRegistrationPlace', c.birthRegistrationPlace],
  ['hometown', c.hometown],
  ['permanentAddress', c.permanentAddress],
  ['currentAddress', c.currentAddress],
];

function nameProblem(name: PersonName, gender: Gender, what: string): string | null {
  if (!FAMILY.includes(name.family)) return `${what} family name ${name.family} is not in the list`;
  if (name.middle === null || !MIDDLE[gender].includes(name.middle)) return `${what} middle name ${String(name.middle)} is not a ${gender} one`;
  if (!GIVEN[gender].includes(name.given)) return `${what} given name ${name.given} is not a ${gender} one`;
  if (name.full !== `${name.family} ${name.middle} ${name.given}`) return `${what} full name ${name.full} is not family + middle + given`;
  return null;
}

describe('the generated ids', () => {
  it('cover every century digit, many province prefixes and both kinds of id', () => {
    expect(new Set(IDS.map((id) => id[3]))).toEqual(new Set('0123456789'));
    expect(new Set(IDS.map((id) => id.slice(0, 3))).size).toBeGreaterThan(80);
    const realProvinces = new Set(IDS.map((id) => id.slice(1, 3)).filter((code) => PROVINCES[code] !== undefined));
    expect(realProvinces.size).toBeGreaterThan(50);
    expect(IDS.length - HELD.length).toBeGreaterThanOrEqual(100);
    expect(IDS.every((id) => /^\d{12}$/.test(id))).toBe(true);
  });
});

describe('syntheticCitizen', () => {
  it('is deterministic: the same id gives the same person, whatever was asked in between', () => {
    const again = [...HELD].reverse().map((id) => [id, syntheticCitizen(id)] as const);
    const byId = new Map(CITIZENS);
    for (const [id, citizen] of again) expect(citizen, id).toEqual(byId.get(id));
  });

  it('gives different people for different ids (the draws depend on the whole id)', () => {
    const names = new Set(CITIZENS.map(([, c]) => `${c.name.full}|${c.dateOfBirth}`));
    expect(names.size).toBeGreaterThan(CITIZENS.length * 0.95);
  });

  it('keeps the personal id it was asked for', () => {
    expect(counterexample((id, c) => (c.personalId === id ? null : `personalId ${c.personalId}`))).toBeUndefined();
  });

  it('is born in the year and has the sex that the id says (DOMAIN.md §5)', () => {
    expect(
      counterexample((id, c) => {
        const { year, gender } = fromId(id);
        if (Number(c.dateOfBirth.slice(0, 4)) !== year) return `born ${c.dateOfBirth}, the id says ${year}`;
        if (c.gender !== gender) return `${c.gender}, the id says ${gender}`;
        return null;
      }),
    ).toBeUndefined();
  });

  it('is born on a day of the calendar (no 31 February, no 29 February outside leap years)', () => {
    expect(counterexample((_, c) => (isCalendarDate(c.dateOfBirth) ? null : `dateOfBirth ${c.dateOfBirth}`))).toBeUndefined();
  });

  it('is born on days all over the year, including the ends of months', () => {
    const months = new Set(CITIZENS.map(([, c]) => c.dateOfBirth.slice(5, 7)));
    const days = new Set(CITIZENS.map(([, c]) => c.dateOfBirth.slice(8, 10)));
    expect(months.size).toBe(12);
    expect(days).toContain('31');
  });

  // Leap days are rare among random ids, so these look at 3,000 people born in one year each.
  const bornIn = (prefix: string): string[] =>
    Array.from({ length: 3_000 }, (_, i) => `${prefix}${String(i + 1).padStart(6, '0')}`).filter((id) => !id.endsWith('000'));
  it.each([
    ['1900 (not a leap year)', '038000', false],
    ['2100 (not a leap year)', '038400', false],
    ['2000 (a leap year)', '038200', true],
    ['1996 (a leap year)', '038196', true],
  ] as const)('people born in %s have a 29 February only in leap years', (_, prefix, leap) => {
    const dates = bornIn(prefix).map((id) => syntheticCitizen(id)?.dateOfBirth ?? 'missing');
    expect(dates.every(isCalendarDate)).toBe(true);
    expect(dates.some((date) => date.endsWith('-02-29'))).toBe(leap);
    expect(dates.some((date) => date.endsWith('-02-28'))).toBe(true);
  });

  it('was registered at birth in the province the id names, when that is a real province code', () => {
    expect(
      counterexample((id, c) => {
        const code = id.slice(1, 3);
        const place = c.birthRegistrationPlace;
        if (PROVINCES[code] !== undefined && place.provinceCode !== code) return `registered in ${place.provinceCode}, the id says ${code}`;
        if (PROVINCES[place.provinceCode] === undefined) return `registered in ${place.provinceCode}, not a province`;
        return null;
      }),
    ).toBeUndefined();
  });

  it('lives at addresses in real provinces, named as provinces.ts names them, with a one-line text', () => {
    expect(
      counterexample((_, c) => {
        for (const [what, a] of addresses(c)) {
          if (PROVINCES[a.provinceCode] !== a.provinceName) return `${what}: ${a.provinceCode} is not ${a.provinceName}`;
          if (a.wardCode !== null && !a.wardCode.startsWith(a.provinceCode)) return `${what}: ward ${a.wardCode} outside ${a.provinceCode}`;
          if (a.text !== [a.detail, a.wardName, a.provinceName].filter((part) => part !== null).join(', ')) return `${what}: text ${a.text}`;
        }
        return null;
      }),
    ).toBeUndefined();
  });

  it('has Vietnamese names from the lists, the middle and given names fitting the sex', () => {
    expect(counterexample((_, c) => nameProblem(c.name, c.gender, 'own'))).toBeUndefined();
  });

  it('has a father of the same family name and a mother, each with names fitting their sex', () => {
    expect(
      counterexample((_, c) => {
        if (c.father === null || c.mother === null) return 'a parent is missing';
        if (c.father.name.family !== c.name.family) return `father's family ${c.father.name.family}`;
        return nameProblem(c.father.name, 'MALE', 'father') ?? nameProblem(c.mother.name, 'FEMALE', 'mother');
      }),
    ).toBeUndefined();
  });

  it('has a spouse of the other sex only when an adult in 2026, and heads a household only then', () => {
    expect(
      counterexample((id, c) => {
        const adult = 2026 - fromId(id).year >= 18;
        if (c.spouse !== null) {
          if (!adult) return 'a minor is married';
          const problem = nameProblem(c.spouse.name, c.gender === 'MALE' ? 'FEMALE' : 'MALE', 'spouse');
          if (problem) return problem;
        }
        if (adult && c.householdHead?.personalId !== id) return 'an adult is not their own household head';
        if (!adult && c.householdHead !== c.father) return 'a minor is not in their father\'s household';
        return null;
      }),
    ).toBeUndefined();
  });

  it('has a 9-digit old identity card number exactly when born before 2000', () => {
    expect(
      counterexample((id, c) => {
        const before2000 = fromId(id).year < 2000;
        if (before2000 && !/^\d{9}$/.test(c.oldIdNumber ?? '')) return `old id ${String(c.oldIdNumber)}`;
        if (!before2000 && c.oldIdNumber !== null) return `old id ${c.oldIdNumber} for someone born in ${fromId(id).year}`;
        return null;
      }),
    ).toBeUndefined();
  });
});

describe('birthFromId', () => {
  it('agrees with DOMAIN.md §5 for every generated id', () => {
    const disagreements = IDS.filter((id) => {
      const { year, gender } = birthFromId(id);
      const expected = fromId(id);
      return year !== expected.year || gender !== expected.gender;
    });
    expect(disagreements).toEqual([]);
  });

  it.each([
    ['038095001234', 1995, 'MALE'],
    ['038195012345', 1995, 'FEMALE'],
    ['001203004567', 2003, 'MALE'],
    ['079305000999', 2005, 'FEMALE'],
    ['001400000001', 2100, 'MALE'],
    ['001599000001', 2199, 'FEMALE'],
    ['001600000001', 2200, 'MALE'],
    ['001899000001', 2399, 'MALE'],
    ['001999000001', 2399, 'FEMALE'],
  ] as const)('%s → %i, %s', (id, year, gender) => {
    expect(birthFromId(id)).toEqual({ year, gender });
  });
});

describe('who is in the registry', () => {
  it('every generated id ending in 000 is out, every other one is in', () => {
    const wrong = IDS.filter((id) => isInRegistry(id) === id.endsWith('000') || (syntheticCitizen(id) === null) !== id.endsWith('000'));
    expect(wrong).toEqual([]);
  });

  it.each([
    ['empty', ''],
    ['11 digits', '03809500123'],
    ['13 digits', '0380950012345'],
    ['a letter', '03809500123a'],
    ['a leading space', ' 038095001234'],
    ['a trailing space', '038095001234 '],
    ['a trailing newline', '038095001234\n'],
    ['dashes', '038-095-001234'],
    ['a sign', '+38095001234'],
    ['full-width digits', '０３８０９５００１２３４'],
    ['Arabic-Indic digits', '٠٣٨٠٩٥٠٠١٢٣٤'],
    ['9 digits (an old identity card number)', '123456789'],
  ])('a malformed id (%s) is not in the registry and has no citizen', (_, id) => {
    expect(isInRegistry(id)).toBe(false);
    expect(syntheticCitizen(id)).toBeNull();
  });

  it.each(['038095001000', '000000000000', '999999999000'])('%s (ending in 000) is not in the registry', (id) => {
    expect(isInRegistry(id)).toBe(false);
    expect(syntheticCitizen(id)).toBeNull();
  });

  it.each(['038095000001', '038095000100', '000000000100', '999999999999'])('%s (not ending in 000) is', (id) => {
    expect(isInRegistry(id)).toBe(true);
    expect(syntheticCitizen(id)?.personalId).toBe(id);
  });
});
