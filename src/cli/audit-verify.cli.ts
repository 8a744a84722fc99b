import 'reflect-metadata';
import { readOptions, runCli } from './run-cli';
import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { ENTITIES } from '../entities';
import { describeReport, verifyChains } from '../audit/chain-verification';

const USAGE = `usage: npm run audit:verify [-- --json]

Walks every hash chain of the database of DATABASE_URL (or the embedded one
in DATA_DIR; stop the hub first, one process at a time may use it): the
dossier history and the exchange log. Reports, per chain, the first changed
entry, the first deleted one and the last entry's hash (note it somewhere
else to prove later that nothing before it changed). Changes nothing.
Exit code 0: every chain intact; 1: a chain is not; 2: could not check.`;

async function main(): Promise<number> {
  const args = readOptions({ json: { type: 'boolean' } }, USAGE);
  if (typeof args === 'number') return args;
  const config = loadConfig(process.env);
  const database = await openDatabase(config.database, { entities: ENTITIES });
  try {
    const reports = await verifyChains(database.fork());
    if (args.json) console.log(JSON.stringify(reports, null, 2));
    else for (const report of reports) console.log(describeReport(report));
    return reports.every((report) => report.intact) ? 0 : 1;
  } finally {
    await database.close();
  }
}

runCli(main, { what: 'audit:verify could not check', failureCode: 2 });
