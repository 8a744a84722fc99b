/** The SOAP 1.1 and 1.2 envelope namespaces. */
const ENVELOPE_NAMESPACES = new Set(['http://schemas.xmlsoap.org/soap/envelope/', 'http://www.w3.org/2003/05/soap-envelope']);

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };

/** The first element inside a SOAP Body: its local name and namespace URI (null when unqualified). */
export interface BodyElement {
  localName: string;
  namespace: string | null;
}

interface OpenElement {
  localName: string;
  namespace: string | null;
  scope: ReadonlyMap<string, string>;
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * Finds the element the SOAP Body carries and resolves its namespace
 * (the `soap` package reads XML without namespaces, so it cannot tell).
 * A single forward scan, linear in the text: it runs on what an upstream
 * sent, after the size cap. Returns null when the text is not a SOAP
 * envelope with an element in its Body; a DOCTYPE (forbidden in SOAP) also
 * gives null.
 */
export function soapBodyElement(xml: string): BodyElement | null {
  const stack: OpenElement[] = [];
  let scope: ReadonlyMap<string, string> = new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]);
  let i = 0;
  const skipTo = (from: number, end: string): number => {
    const at = xml.indexOf(end, from);
    return at < 0 ? -1 : at + end.length;
  };
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) return null;
    if (xml.startsWith('<!--', lt)) i = skipTo(lt + 4, '-->');
    else if (xml.startsWith('<![CDATA[', lt)) i = skipTo(lt + 9, ']]>');
    else if (xml.startsWith('<?', lt)) i = skipTo(lt + 2, '?>');
    else if (xml.startsWith('<!', lt)) return null;
    else if (xml.startsWith('</', lt)) {
      i = skipTo(lt + 2, '>');
      const closed = stack.pop();
      if (!closed) return null;
      scope = stack.at(-1)?.scope ?? scope;
    } else {
      // A start tag: its name, then name="value" pairs, then > or />.
      let j = lt + 1;
      while (j < xml.length && !isSpace(xml[j]) && xml[j] !== '>' && xml[j] !== '/') j += 1;
      const qname = xml.slice(lt + 1, j);
      const declared = new Map<string, string>();
      let selfClosing = false;
      for (;;) {
        while (j < xml.length && isSpace(xml[j])) j += 1;
        if (j >= xml.length) return null;
        if (xml[j] === '>') break;
        if (xml.startsWith('/>', j)) {
          selfClosing = true;
          j += 1;
          break;
        }
        const nameStart = j;
        while (j < xml.length && xml[j] !== '=' && !isSpace(xml[j]) && xml[j] !== '>') j += 1;
        const attribute = xml.slice(nameStart, j);
        while (j < xml.length && isSpace(xml[j])) j += 1;
        if (xml[j] !== '=') return null;
        j += 1;
        while (j < xml.length && isSpace(xml[j])) j += 1;
        const quote = xml[j];
        if (quote !== '"' && quote !== "'") return null;
        const close = xml.indexOf(quote, j + 1);
        if (close < 0) return null;
        const value = xml.slice(j + 1, close).replace(/&(?:amp|lt|gt|quot|apos);/g, (entity) => ENTITIES[entity]);
        j = close + 1;
        if (attribute === 'xmlns') declared.set('', value);
        else if (attribute.startsWith('xmlns:')) declared.set(attribute.slice(6), value);
      }
      i = j + 1;
      const elementScope = declared.size === 0 ? scope : new Map([...scope, ...declared]);
      const colon = qname.indexOf(':');
      const prefix = colon < 0 ? '' : qname.slice(0, colon);
      const localName = colon < 0 ? qname : qname.slice(colon + 1);
      const namespace = elementScope.get(prefix) || null;
      if (colon >= 0 && namespace === null) return null; // an undeclared prefix: not namespace-well-formed
      const [envelope, body] = stack;
      if (stack.length === 2 && isEnvelope(envelope, 'Envelope') && isEnvelope(body, 'Body')) return { localName, namespace };
      if (stack.length === 0 && !(localName === 'Envelope' && namespace !== null && ENVELOPE_NAMESPACES.has(namespace))) return null;
      if (!selfClosing) {
        stack.push({ localName, namespace, scope: elementScope });
        scope = elementScope;
      }
    }
    if (i < 0) return null;
  }
  return null;
}

function isEnvelope(element: OpenElement, localName: string): boolean {
  return element.localName === localName && element.namespace !== null && ENVELOPE_NAMESPACES.has(element.namespace);
}
