import 'reflect-metadata';
import { readOptions, runCli } from './run-cli';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { ENTITIES } from '../entities';
import { prepareDatabase } from '../startup';
import { createLogger } from '../shared/logger';
import { BUNDLED_CATALOG_DIR, CatalogDataError, filesInDirectory, readCatalogFiles, type CatalogFiles } from '../catalog/catalog-data';
import { loadCatalog, type CalendarChange } from '../catalog/catalog.loader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { moveDueTimes, type Actor, type DueTimeMove } from '../dossiers';

/** Who moved a due time when the calendar came from a file. */
const CATALOG_LOAD_ACTOR: Actor = { id: 'catalog:load', name: 'Nạp danh mục (catalog:load)', agencyId: null };

const USAGE = `usage: npm run catalog:load -- [--dir DIR] [--agencies FILE] [--procedures FILE] [--holidays FILE]

Loads catalogue data into the database of DATABASE_URL (or the embedded one
in DATA_DIR), after applying pending migrations. With no option, loads the
bundled catalogue (${BUNDLED_CATALOG_DIR}). --dir loads the agencies.json,
procedures.json and holidays.json found there; single files may be given
instead. Agencies and procedures are updated by code; a holidays file
replaces the days of the years it covers. Invalid data changes nothing.`;

async function main(): Promise<number> {
  const args = readOptions({ dir: { type: 'string' }, agencies: { type: 'string' }, procedures: { type: 'string' }, holidays: { type: 'string' } }, USAGE);
  if (typeof args === 'number') return args;
  const single: CatalogFiles = { agencies: args.agencies, procedures: args.procedures, holidays: args.holidays };
  const files = args.dir !== undefined ? filesInDirectory(args.dir) : Object.values(single).some(Boolean) ? single : filesInDirectory(BUNDLED_CATALOG_DIR);

  const config = loadConfig(process.env);
  const logger = createLogger({ level: 'warn' });
  const data = await readCatalogFiles(files);
  const database = await openDatabase(config.database, { entities: ENTITIES });
  try {
    await prepareDatabase(database, { seedCatalog: false, logger });
    let moved: DueTimeMove[] = [];
    const onCalendarChange = async (tx: EntityManager, change: CalendarChange): Promise<void> => {
      moved = await moveDueTimes(tx, change, config.calendar.officeHours, CATALOG_LOAD_ACTOR, new Date());
    };
    const result = await loadCatalog(database.fork(), data, { onCalendarChange });
    console.log(`Loaded ${result.agencies} agencies, ${result.procedures} procedures and ${result.holidays} calendar days.`);
    if (moved.length > 0) {
      console.log(`The calendar moved the due time of ${moved.length} open dossier(s):`);
      for (const move of moved) console.log(`  ${move.dossierCode}: ${move.from.toISOString()} → ${move.to.toISOString()}`);
    }
    return 0;
  } finally {
    await database.close();
  }
}

runCli(main, { what: 'catalog:load failed', userErrors: [CatalogDataError] });
