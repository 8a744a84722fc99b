import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getNamedType, isNonNullType, isObjectType, printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildWsdlSubgraph, WsdlSourceError } from '../../mesh/wsdl-source';

const WSDL_DIR = path.resolve(__dirname, '../../schema/wsdl');
const polled = readFileSync(path.join(WSDL_DIR, 'so-nnmt-motcua.wsdl'), 'utf8');
const pushing = readFileSync(path.join(WSDL_DIR, 'ubnd-qlvb.wsdl'), 'utf8');
const build = (wsdl: string, operations: string[], name = 'so-nnmt') =>
  buildWsdlSubgraph({ name, wsdl, endpoint: 'http://127.0.0.1:4201/motcua', operations, credentials: { usernameEnv: 'SO_NNMT_USERNAME', passwordEnv: 'SO_NNMT_PASSWORD' } });

describe('the compose-time source handler for a department WSDL', () => {
  it('exposes only the named operations, under Query, with the request element\'s children as arguments', () => {
    const schema = build(polled, ['TraCuuVanBan']);
    const fields = schema.getQueryType()!.getFields();
    expect(Object.keys(fields)).toEqual(['traCuuVanBan']);
    expect(fields.traCuuVanBan.args.map((a) => [a.name, a.type.toString()])).toEqual([['SoVanBan', 'String!']]);
    expect(schema.getMutationType()).toBeUndefined();
    // The sending and the change feed are not in it.
    expect(printSchema(schema)).not.toMatch(/TiepNhanHoSoLienThong|LayDanhSachThayDoi/);
  });

  it('gives money and 64-bit numbers as String, never Float, and keeps optional elements nullable', () => {
    const schema = build(polled, ['TraCuuHoSo', 'LayDanhSachThayDoi']);
    const record = schema.getType('SoNnmt_HoSoTaiSo');
    if (!isObjectType(record)) throw new Error('no HoSoTaiSo');
    expect(record.getFields().PhiThucTe.type.toString()).toBe('String');
    expect(record.getFields().PhiThucTe.description).toMatch(/never a Float/);
    const change = schema.getType('SoNnmt_ThayDoi');
    if (!isObjectType(change)) throw new Error('no ThayDoi');
    expect(change.getFields().SoThuTu.type.toString()).toBe('String');
    expect(printSchema(schema)).not.toMatch(/:\s*\[?Float/);
    // xsd:long in a request is String too; minOccurs="0" is optional.
    const feed = schema.getQueryType()!.getFields().layDanhSachThayDoi;
    expect(feed.args.map((a) => [a.name, a.type.toString()])).toEqual([['TuSoThuTu', 'String!'], ['SoLuongToiDa', 'Int']]);
    expect(isNonNullType(feed.args[0].type)).toBe(true);
  });

  it('reads inline complex types and xsd:int, and annotates each field with its SOAP call and the schema with its transport', () => {
    const schema = build(pushing, ['TraCuuSoDen'], 'ubnd-tinh');
    const field = schema.getQueryType()!.getFields().traCuuSoDen;
    const answer = getNamedType(field.type);
    if (!isObjectType(answer)) throw new Error('no answer type');
    const entry = getNamedType(answer.getFields().VanBanDen.type);
    if (!isObjectType(entry)) throw new Error('no VanBanDen');
    expect(entry.getFields().TrangThai.type.toString()).toBe('Int');
    expect(field.extensions.directives).toEqual({
      soapCall: [
        {
          subgraph: 'ubnd-tinh',
          endpoint: 'http://127.0.0.1:4201/motcua',
          soapAction: 'urn:thanhhoa:ubnd:qlvb:v1#TraCuuSoDen',
          namespace: 'urn:thanhhoa:ubnd:qlvb:v1',
          requestElement: 'TraCuuSoDen',
          responseElement: 'TraCuuSoDenResponse',
          usernameEnv: 'SO_NNMT_USERNAME',
          passwordEnv: 'SO_NNMT_PASSWORD',
        },
      ],
    });
    expect(schema.extensions.directives).toEqual({ transport: [{ kind: 'lienthong-soap', subgraph: 'ubnd-tinh', location: 'http://127.0.0.1:4201/motcua' }] });
  });

  it.each([
    ['an operation the WSDL does not have', polled, ['XoaHoSo'], /has no operation XoaHoSo \(it has TiepNhanHoSoLienThong/],
    ['a schema without elementFormDefault="qualified"', polled.replace(' elementFormDefault="qualified"', ''), ['TraCuuVanBan'], /elementFormDefault="qualified"/],
    ['an xsd:choice', polled.replace('<xsd:element name="SoVanBan" type="xsd:string"/>\n          </xsd:sequence>', '<xsd:element name="SoVanBan" type="xsd:string"/>\n          </xsd:sequence>').replace('<xsd:complexType name="VanBan">\n        <xsd:sequence>', '<xsd:complexType name="VanBan">\n        <xsd:choice><xsd:element name="A" type="xsd:string"/></xsd:choice>\n        <xsd:sequence>'), ['TraCuuVanBan'], /xsd:choice is not supported/],
    ['an XSD type it does not know', polled.replace('<xsd:element name="NguoiKy" type="xsd:string"/>', '<xsd:element name="NguoiKy" type="xsd:duration"/>'), ['TraCuuVanBan'], /xsd:duration is not supported/],
    ['an rpc binding', polled.replace('style="document"', 'style="rpc"'), ['TraCuuVanBan'], /only document\/literal/],
    ['something that is not a WSDL', '<html><body>503</body></html>', ['TraCuuVanBan'], /not a WSDL 1.1 document/],
  ])('refuses %s by name, naming the department', (_what, wsdl, operations, message) => {
    expect(() => build(wsdl, operations)).toThrow(WsdlSourceError);
    expect(() => build(wsdl, operations)).toThrow(message);
    expect(() => build(wsdl, operations)).toThrow(/^so-nnmt: /);
  });
});
