import 'reflect-metadata';
import { readOptions, runCli } from './run-cli';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { ENTITIES } from '../entities';
import { UpstreamError, UserError } from '../errors';
import { openNationalPortal } from '../hub';
import { applyCatalogueReview, checkNationalCatalogue, type CatalogueReview } from '../portal';
import { systemClock } from '../shared/clock';
import { createLogger } from '../shared/logger';
import { prepareDatabase } from '../startup';

const USAGE = `usage: npm run catalog:sync [-- --apply REVIEW_ID]

Compares the national catalogue (the portal of PORTAL_URL: LayDanhSachTTHC,
then LayThuTuc for each procedure) with the catalogue in the database of
DATABASE_URL (or the embedded one in DATA_DIR), keeps the comparison and
prints what changed: new, retired, renamed, new times or fees. Nothing in
the catalogue changes. --apply REVIEW_ID applies what that comparison found
applicable (as the applyCatalogueReview mutation): each procedure changed
gets a new version, and dossiers already received keep theirs.`;

const KIND: Record<string, string> = { NEW: 'mới', RETIRED: 'bãi bỏ', RENAMED: 'đổi tên', TIMES: 'thời hạn', FEES: 'phí, lệ phí' };

function print(review: CatalogueReview): void {
  console.log(`Comparison ${review.id} (${review.checkedAt.toISOString()}): ${review.nationalCount} procedures listed nationally, ${review.changes.length} change(s).`);
  for (const change of review.changes) {
    console.log(`  ${change.applicable ? '*' : ' '} ${change.procedureCode} [${KIND[change.kind] ?? change.kind}] ${change.name.slice(0, 100)}`);
    if (change.before !== null || change.after !== null) console.log(`      ${change.before ?? '—'}  →  ${change.after ?? '—'}`);
    if (change.note) console.log(`      ${change.note}`);
  }
  if (review.appliedAt) console.log(`Applied ${review.appliedAt.toISOString()} by ${review.appliedBy ?? ''}.`);
  else if (review.changes.some((c) => c.applicable)) console.log(`* applicable: npm run catalog:sync -- --apply ${review.id}`);
}

async function main(): Promise<number> {
  const args = readOptions({ apply: { type: 'string' } }, USAGE);
  if (typeof args === 'number') return args;
  const config = loadConfig(process.env);
  const logger = createLogger({ level: 'warn' });
  const database = await openDatabase(config.database, { entities: ENTITIES });
  try {
    await prepareDatabase(database, { seedCatalog: config.catalog.seedOnStart, logger });
    if (args.apply !== undefined) {
      const review = await applyCatalogueReview(database.fork(), args.apply, 'catalog:sync', systemClock);
      print(review);
      return 0;
    }
    const opened = await openNationalPortal(config, database, logger);
    try {
      const { portal, simulated } = opened;
      if (simulated) console.log('PORTAL_URL is unset: compared with a simulated portal serving this database\'s own catalogue.');
      print(await checkNationalCatalogue({ database, portal, clock: systemClock }));
      return 0;
    } finally {
      await opened.stop();
    }
  } finally {
    await database.close();
  }
}

runCli(main, { what: 'catalog:sync failed', userErrors: [UserError, UpstreamError] });
