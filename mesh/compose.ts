import { getComposedSchemaFromConfig } from '@graphql-mesh/compose-cli';
import { DefaultLogger } from '@graphql-mesh/utils';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeConfig, ROOT, SUPERGRAPH_FILE } from './compose-config';
import { readGatewayDepartments } from './departments';

/** The composed schema (supergraph SDL) of the hub and the departments of `departmentsDir` (unset: the simulated ones). */
export async function composeSupergraph(departmentsDir: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const departments = readGatewayDepartments(departmentsDir, env);
  const logger = new DefaultLogger('mesh-compose', 0);
  return getComposedSchemaFromConfig(composeConfig(departments), logger);
}

/** `npm run mesh:compose`: writes schema/supergraph.graphql (checked in; tests/mesh fails when it is stale). */
async function main(): Promise<void> {
  const sdl = await composeSupergraph(process.env.DEPARTMENTS_DIR || undefined);
  writeFileSync(SUPERGRAPH_FILE, sdl.endsWith('\n') ? sdl : `${sdl}\n`);
  process.stdout.write(`mesh:compose: wrote ${path.relative(ROOT, SUPERGRAPH_FILE)} (${sdl.length} characters)\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`mesh:compose: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
