import { createHash } from 'node:crypto';
import type { Address, CitizenRecord, Gender, PersonName, RelatedPerson } from '../../src/citizens/population.port';
import { PROVINCES } from './provinces';

/**
 * Deterministic synthetic citizens for the simulator: the same personal id
 * always gives the same person, consistent with what the id itself says
 * (DOMAIN.md §5): digits 1–3 the birth-registration province, digit 4 the
 * century and sex (0/1 1900s male/female, 2/3 2000s, 4/5 2100s, 6/7 2200s,
 * 8/9 2300s), digits 5–6 the last two digits of the birth year. Ids ending
 * in 000 are not in the registry. Nothing here is real personal data.
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
const WARDS = ['Phường Bắc Sơn', 'Phường Tân Hòa', 'Xã Yên Thịnh', 'Xã Quảng Phú', 'Phường Đông Hải', 'Xã Tân Lập', 'Phường Hòa Bình', 'Xã Thống Nhất', 'Phường Quang Trung', 'Xã Hồng Phong'];
const STREETS = ['Lê Lợi', 'Trần Phú', 'Quang Trung', 'Nguyễn Trãi', 'Lý Thường Kiệt', 'Hai Bà Trưng', 'Phan Chu Trinh', 'Bà Triệu'];

/** A stream of small numbers drawn from the id: the same id, the same draws. */
function draws(personalId: string): (n: number) => number {
  let counter = 0;
  return (n: number) => {
    const digest = createHash('sha256').update(`${personalId}:${counter}`).digest();
    counter += 1;
    return digest.readUInt32BE(0) % n;
  };
}

function pick<T>(items: readonly T[], draw: (n: number) => number): T {
  return items[draw(items.length)];
}

function nameOf(family: string, middle: string, given: string): PersonName {
  return { family, middle, given, full: `${family} ${middle} ${given}` };
}

const PROVINCE_CODES = Object.keys(PROVINCES);

/** The year ages are reckoned at, fixed so that answers never change with the calendar. */
const REFERENCE_YEAR = 2026;

function address(provinceCode: string, draw: (n: number) => number, withStreet: boolean): Address {
  const provinceName = PROVINCES[provinceCode] ?? 'Tỉnh Thanh Hóa';
  const wardIndex = draw(WARDS.length);
  const wardName = WARDS[wardIndex] ?? WARDS[0];
  const wardCode = `${provinceCode}${String(100 + wardIndex * 37).padStart(3, '0')}`;
  const detail = withStreet ? `Số ${1 + draw(199)} ${pick(STREETS, draw)}` : null;
  return { provinceCode, provinceName, wardCode, wardName, detail, text: [detail, wardName, provinceName].filter(Boolean).join(', ') };
}

/** Century of birth and sex from the id's fourth digit. */
export function birthFromId(personalId: string): { year: number; gender: Gender } {
  const digit = Number(personalId[3]);
  const centuries = [1900, 1900, 2000, 2000, 2100, 2100, 2200, 2200, 2300, 2300];
  return { year: (centuries[digit] ?? 1900) + Number(personalId.slice(4, 6)), gender: digit % 2 === 0 ? 'MALE' : 'FEMALE' };
}

export function isInRegistry(personalId: string): boolean {
  return /^\d{12}$/.test(personalId) && !personalId.endsWith('000');
}

/** The synthetic citizen of a well-formed id, or null for ids the registry does not hold. */
export function syntheticCitizen(personalId: string): CitizenRecord | null {
  if (!isInRegistry(personalId)) return null;
  const draw = draws(personalId);
  const { year, gender } = birthFromId(personalId);
  const idProvince = personalId.slice(1, 3);
  const province = PROVINCES[idProvince] ? idProvince : pick(PROVINCE_CODES, draw);
  const family = pick(FAMILY, draw);
  const name = nameOf(family, pick(MIDDLE[gender], draw), pick(GIVEN[gender], draw));
  const month = 1 + draw(12);
  const day = 1 + draw(new Date(Date.UTC(year, month, 0)).getUTCDate());
  const home = address(province, draw, true);
  const father: RelatedPerson = { name: nameOf(family, pick(MIDDLE.MALE, draw), pick(GIVEN.MALE, draw)), personalId: null };
  const mother: RelatedPerson = { name: nameOf(pick(FAMILY, draw), pick(MIDDLE.FEMALE, draw), pick(GIVEN.FEMALE, draw)), personalId: null };
  const adult = REFERENCE_YEAR - year >= 18;
  const married = adult && draw(3) > 0;
  const spouseGender: Gender = gender === 'MALE' ? 'FEMALE' : 'MALE';
  const spouse: RelatedPerson | null = married
    ? { name: nameOf(pick(FAMILY, draw), pick(MIDDLE[spouseGender], draw), pick(GIVEN[spouseGender], draw)), personalId: null }
    : null;
  const moved = draw(4) === 0;
  return {
    personalId,
    oldIdNumber: year < 2000 ? String(100_000_000 + draw(899_999_999)) : null,
    name,
    gender,
    ethnicity: 'Kinh',
    religion: 'Không',
    nationality: 'Việt Nam',
    dateOfBirth: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    birthRegistrationPlace: address(province, draw, false),
    hometown: address(province, draw, false),
    permanentAddress: home,
    currentAddress: moved ? address(pick(PROVINCE_CODES, draw), draw, true) : home,
    father,
    mother,
    spouse,
    householdHead: adult ? { name, personalId } : father,
    householdBookNumber: null,
  };
}
