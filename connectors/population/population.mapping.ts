import { MalformedAnswerError } from '../soap/soap-transport';
import type { Address, CitizenRecord, Gender, PersonName, RelatedPerson } from '../../src/citizens/population.port';

/** The XML shapes of schema/wsdl/population.wsdl, as the soap package reads and writes them. */
export interface DiaChiXml {
  MaTinh: string;
  TenTinh: string;
  MaXa?: string;
  TenXa?: string;
  ChiTiet?: string;
}
export interface HoVaTenXml {
  Ho: string;
  ChuDem?: string;
  Ten: string;
}
export interface NguoiLienQuanXml {
  HoVaTen: HoVaTenXml;
  SoDinhDanh?: string;
}
export interface CongDanXml {
  SoDinhDanh: string;
  SoCMND?: string;
  HoVaTen: HoVaTenXml;
  GioiTinh: string;
  DanToc: string;
  TonGiao: string;
  QuocTich: string;
  NgayThangNamSinh: string;
  NoiDangKyKhaiSinh: DiaChiXml;
  QueQuan: DiaChiXml;
  ThuongTru: DiaChiXml;
  NoiOHienTai: DiaChiXml;
  Cha?: NguoiLienQuanXml;
  Me?: NguoiLienQuanXml;
  VoChong?: NguoiLienQuanXml;
  ChuHo?: NguoiLienQuanXml;
  SoSoHoKhau?: string;
}

const omitEmpty = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined)) as T;

const nameToXml = (name: PersonName): HoVaTenXml => omitEmpty({ Ho: name.family, ChuDem: name.middle ?? undefined, Ten: name.given });
const addressToXml = (a: Address): DiaChiXml =>
  omitEmpty({ MaTinh: a.provinceCode, TenTinh: a.provinceName, MaXa: a.wardCode ?? undefined, TenXa: a.wardName ?? undefined, ChiTiet: a.detail ?? undefined });
const personToXml = (p: RelatedPerson | null): NguoiLienQuanXml | undefined =>
  p ? omitEmpty({ HoVaTen: nameToXml(p.name), SoDinhDanh: p.personalId ?? undefined }) : undefined;

export function citizenToXml(c: CitizenRecord): CongDanXml {
  return omitEmpty({
    SoDinhDanh: c.personalId,
    SoCMND: c.oldIdNumber ?? undefined,
    HoVaTen: nameToXml(c.name),
    GioiTinh: c.gender === 'MALE' ? '1' : '2',
    DanToc: c.ethnicity,
    TonGiao: c.religion,
    QuocTich: c.nationality,
    NgayThangNamSinh: c.dateOfBirth.replaceAll('-', ''),
    NoiDangKyKhaiSinh: addressToXml(c.birthRegistrationPlace),
    QueQuan: addressToXml(c.hometown),
    ThuongTru: addressToXml(c.permanentAddress),
    NoiOHienTai: addressToXml(c.currentAddress),
    Cha: personToXml(c.father),
    Me: personToXml(c.mother),
    VoChong: personToXml(c.spouse),
    ChuHo: personToXml(c.householdHead),
    SoSoHoKhau: c.householdBookNumber ?? undefined,
  });
}

export { MalformedAnswerError };

function text(value: unknown, what: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new MalformedAnswerError(`${what} is missing or not text`);
}
const optionalText = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

function nameFromXml(xml: unknown, what: string): PersonName {
  const x = (xml ?? {}) as Partial<HoVaTenXml>;
  const family = text(x.Ho, `${what}.Ho`);
  const given = text(x.Ten, `${what}.Ten`);
  const middle = optionalText(x.ChuDem);
  return { family, middle, given, full: [family, middle, given].filter(Boolean).join(' ') };
}

function addressFromXml(xml: unknown, what: string): Address {
  const x = (xml ?? {}) as Partial<DiaChiXml>;
  const provinceCode = text(x.MaTinh, `${what}.MaTinh`);
  const provinceName = text(x.TenTinh, `${what}.TenTinh`);
  const wardCode = optionalText(x.MaXa);
  const wardName = optionalText(x.TenXa);
  const detail = optionalText(x.ChiTiet);
  return { provinceCode, provinceName, wardCode, wardName, detail, text: [detail, wardName, provinceName].filter(Boolean).join(', ') };
}

function personFromXml(xml: unknown, what: string): RelatedPerson | null {
  if (xml === undefined || xml === null || xml === '') return null;
  const x = xml as Partial<NguoiLienQuanXml>;
  return { name: nameFromXml(x.HoVaTen, `${what}.HoVaTen`), personalId: optionalText(x.SoDinhDanh) };
}

export function citizenFromXml(xml: unknown): CitizenRecord {
  const x = (xml ?? {}) as Partial<CongDanXml>;
  const birth = text(x.NgayThangNamSinh, 'NgayThangNamSinh');
  if (!/^\d{8}$/.test(birth)) throw new MalformedAnswerError(`NgayThangNamSinh ${birth} is not yyyyMMdd`);
  const genderCode = text(x.GioiTinh, 'GioiTinh');
  const gender: Gender = genderCode === '1' ? 'MALE' : genderCode === '2' ? 'FEMALE' : (() => { throw new MalformedAnswerError(`GioiTinh ${genderCode}`); })();
  return {
    personalId: text(x.SoDinhDanh, 'SoDinhDanh'),
    oldIdNumber: optionalText(x.SoCMND),
    name: nameFromXml(x.HoVaTen, 'HoVaTen'),
    gender,
    ethnicity: text(x.DanToc, 'DanToc'),
    religion: text(x.TonGiao, 'TonGiao'),
    nationality: text(x.QuocTich, 'QuocTich'),
    dateOfBirth: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`,
    birthRegistrationPlace: addressFromXml(x.NoiDangKyKhaiSinh, 'NoiDangKyKhaiSinh'),
    hometown: addressFromXml(x.QueQuan, 'QueQuan'),
    permanentAddress: addressFromXml(x.ThuongTru, 'ThuongTru'),
    currentAddress: addressFromXml(x.NoiOHienTai, 'NoiOHienTai'),
    father: personFromXml(x.Cha, 'Cha'),
    mother: personFromXml(x.Me, 'Me'),
    spouse: personFromXml(x.VoChong, 'VoChong'),
    householdHead: personFromXml(x.ChuHo, 'ChuHo'),
    householdBookNumber: optionalText(x.SoSoHoKhau),
  };
}
