// Copies the data files tsc does not emit (catalogue JSON, WSDLs, registered operations) next to the compiled code.
import { cpSync, existsSync } from 'node:fs';

const assets = [
  ['src/catalog/data', 'dist/src/catalog/data'],
  ['schema/wsdl', 'dist/schema/wsdl'],
  ['schema/trusted-documents.json', 'dist/schema/trusted-documents.json'],
  ['connectors/department/simulated', 'dist/connectors/department/simulated'],
];
for (const [from, to] of assets) {
  if (existsSync(from)) cpSync(from, to, { recursive: true, filter: (source) => !source.endsWith('.md') });
}
