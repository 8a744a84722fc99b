import { describe, expect, it } from 'vitest';
import { soapBodyElement } from './soap-body';

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const NS = 'urn:lienthong:csdlqg-dancu:v1';

describe('soapBodyElement', () => {
  it.each([
    ['a prefix declared on the element', `<s:Envelope xmlns:s="${SOAP11}"><s:Body><t:Answer xmlns:t="${NS}"><t:X/></t:Answer></s:Body></s:Envelope>`, { localName: 'Answer', namespace: NS }],
    ['a default namespace', `<?xml version="1.0"?><soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><Answer xmlns="${NS}"/></soap:Body></soap:Envelope>`, { localName: 'Answer', namespace: NS }],
    ['a prefix declared on the Envelope, after a Header and comments', `<!-- hi --><e:Envelope xmlns:e="${SOAP11}" xmlns:t="${NS}"><e:Header><t:H a='1'/></e:Header><e:Body><!-- x --><t:Answer/></e:Body></e:Envelope>`, { localName: 'Answer', namespace: NS }],
    ['an unqualified element', `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><Answer/></soap:Body></soap:Envelope>`, { localName: 'Answer', namespace: null }],
    ['a prefix redeclared to another namespace', `<soap:Envelope xmlns:soap="${SOAP11}" xmlns:t="${NS}"><soap:Body><t:Answer xmlns:t="urn:other"/></soap:Body></soap:Envelope>`, { localName: 'Answer', namespace: 'urn:other' }],
    ['a SOAP 1.2 envelope', `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><a:Answer xmlns:a="${NS}"/></env:Body></env:Envelope>`, { localName: 'Answer', namespace: NS }],
  ])('resolves %s', (_, xml, expected) => {
    expect(soapBodyElement(xml)).toEqual(expected);
  });

  it.each([
    ['an empty Body', `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body></soap:Body></soap:Envelope>`],
    ['a Body outside the SOAP namespace', `<soap:Envelope xmlns:soap="urn:fake"><soap:Body><Answer/></soap:Body></soap:Envelope>`],
    ['a root that is not an Envelope', `<html><body>Bad gateway</body></html>`],
    ['a DOCTYPE (forbidden in SOAP)', `<!DOCTYPE x [<!ENTITY a "b">]><soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><Answer/></soap:Body></soap:Envelope>`],
    ['an undeclared prefix', `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><t:Answer/></soap:Body></soap:Envelope>`],
    ['text that is not XML', 'ORA-12541: TNS:no listener'],
    ['a cut-off tag', `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Body><t:Answer xmlns:t="${NS}`],
  ])('answers null for %s', (_, xml) => {
    expect(soapBodyElement(xml)).toBeNull();
  });

  it('scans a megabyte of Header in linear time', () => {
    const header = '<h a="1" b=\'2\'><!-- c --></h>'.repeat(40_000);
    const xml = `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Header>${header}</soap:Header><soap:Body><Answer xmlns="${NS}"/></soap:Body></soap:Envelope>`;
    const started = performance.now();
    expect(soapBodyElement(xml)).toEqual({ localName: 'Answer', namespace: NS });
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
