import 'reflect-metadata';
import { runCli } from './run-cli';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { trustedDocumentsJson, trustedDocumentsOfProject } from '../graphql/trusted-documents';
import { buildHubSchema, schemaSdl } from '../schema';

/**
 * `npm run schema:emit`: writes schema/schema.graphql from the resolvers and
 * schema/trusted-documents.json from the registered operations (a test
 * fails while either is stale).
 */
async function main(): Promise<void> {
  const root = process.cwd();
  const files = [
    [path.resolve(root, 'schema/schema.graphql'), schemaSdl(await buildHubSchema())],
    [path.resolve(root, 'schema/trusted-documents.json'), trustedDocumentsJson(trustedDocumentsOfProject(root))],
  ] as const;
  for (const [file, text] of files) {
    writeFileSync(file, text);
    console.log(`wrote ${path.relative(root, file)}`);
  }
}

runCli(main, { what: 'schema:emit failed' });
