import 'reflect-metadata';
import { runCli } from './run-cli';
import { IN_MEMORY } from '../db/embedded-postgres';
import { migrate, openDatabase } from '../db/database';
import { ENTITIES } from '../entities';

/**
 * Developer command: `npm run migration:create -- [name]` writes a new
 * migration in src/db/migrations with the difference between the entities
 * and the schema the existing migrations build (on a throw-away embedded
 * database). Add the class it prints to src/db/migrations/index.ts.
 */
async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  if (command !== 'create') {
    console.error('usage: migration.cli create [name]');
    process.exitCode = 2;
    return;
  }
  const database = await openDatabase({ url: undefined, dataDir: IN_MEMORY, poolMax: 1, debug: false }, { entities: ENTITIES });
  try {
    await migrate(database);
    const result = await database.orm.getMigrator().createMigration('src/db/migrations', false, false, name);
    if (result.diff.up.length === 0) {
      console.log('The schema matches the entities: no migration written.');
    } else {
      console.log(`Wrote src/db/migrations/${result.fileName}; add it to src/db/migrations/index.ts.`);
    }
  } finally {
    await database.close();
  }
}

runCli(main, { what: 'migration:create failed' });
