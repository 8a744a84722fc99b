import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildHubSchema, schemaSdl } from './schema';

/** `npm run schema:emit`: writes schema/schema.graphql from the resolvers (a test fails while it is stale). */
async function main(): Promise<void> {
  const file = path.resolve(process.cwd(), 'schema/schema.graphql');
  writeFileSync(file, schemaSdl(await buildHubSchema()));
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
