import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, visit, type DefinitionNode, type DocumentNode, type FragmentDefinitionNode } from 'graphql';

/** The registered documents: schema/trusted-documents.json, written by `npm run schema:emit`. */
export const TRUSTED_DOCUMENTS_FILE = path.resolve(__dirname, '../../schema/trusted-documents.json');

/** Where the registered operations come from: the contract, and the hall screens' own (src/screens/web). */
export const TRUSTED_DOCUMENT_SOURCES = ['tests/contract/operations.graphql', 'src/screens/web/operations.graphql'];

/** One registered operation: what a client sends as `documentId` ("sha256:<hex>") and the text the hub runs. */
export interface TrustedDocument {
  id: string;
  operationName: string;
  source: string;
  document: string;
}

export function documentId(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

function fragmentsUsed(definition: DefinitionNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): FragmentDefinitionNode[] {
  const used: FragmentDefinitionNode[] = [];
  visit(definition, {
    FragmentSpread(node) {
      const fragment = fragments.get(node.name.value);
      if (!fragment || seen.has(fragment.name.value)) return;
      seen.add(fragment.name.value);
      used.push(fragment, ...fragmentsUsed(fragment, fragments, seen));
    },
  });
  return used;
}

/**
 * Splits source files into one document per operation (with the fragments
 * it spreads), printed in graphql-js's canonical form so that its id does
 * not depend on comments or spacing.
 */
export function trustedDocumentsFrom(sources: Array<{ name: string; text: string }>): TrustedDocument[] {
  const documents: TrustedDocument[] = [];
  for (const { name, text } of sources) {
    const parsed = parse(text, { noLocation: true });
    const fragments = new Map(parsed.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
    for (const definition of parsed.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      if (!definition.name) throw new Error(`${name}: every registered operation needs a name`);
      const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [definition, ...fragmentsUsed(definition, fragments)] };
      const printed = print(document);
      documents.push({ id: documentId(printed), operationName: definition.name.value, source: name, document: printed });
    }
  }
  return documents;
}

/** Reads the sources from the project's root (for `npm run schema:emit` and the staleness test). */
export function trustedDocumentsOfProject(root: string): TrustedDocument[] {
  return trustedDocumentsFrom(TRUSTED_DOCUMENT_SOURCES.map((name) => ({ name, text: readFileSync(path.join(root, name), 'utf8') })));
}

export function trustedDocumentsJson(documents: TrustedDocument[]): string {
  return `${JSON.stringify(documents, null, 2)}\n`;
}

/** The registry the hub serves from: by id, and by the canonical text's id (a client may send the registered text itself). */
export class TrustedDocuments {
  private readonly byId: Map<string, TrustedDocument>;

  constructor(documents: TrustedDocument[]) {
    this.byId = new Map(documents.map((d) => [d.id, d]));
  }

  static load(file = TRUSTED_DOCUMENTS_FILE): TrustedDocuments {
    return new TrustedDocuments(JSON.parse(readFileSync(file, 'utf8')) as TrustedDocument[]);
  }

  get size(): number {
    return this.byId.size;
  }

  /** `id` as "sha256:<hex>" or as the bare hex of Apollo's persisted-query extension. */
  byDocumentId(id: string): TrustedDocument | undefined {
    return this.byId.get(id.startsWith('sha256:') ? id : `sha256:${id}`);
  }

  /** The registered document whose canonical form is this text's; throws graphql-js's syntax error for text that does not parse. */
  byText(text: string, maxTokens: number): TrustedDocument | undefined {
    return this.byId.get(documentId(print(parse(text, { noLocation: true, maxTokens }))));
  }
}
