import { parseArgs } from 'node:util';
import { PAID_AT_COUNTER, PROCEDURES, receive } from '../support/flows';
import { startTestHub, type TestHub } from '../support/hub';
import { watch, wsClient, type Watched } from '../support/subscriptions';
import { officer } from '../support/tokens';

/**
 * `npm run bench:live`: how long a committed change takes to reach the
 * screens that watch it (issue 15). Hall boards subscribe (hallBoard) on
 * one hub, or spread over two hubs on one PostgreSQL when DATABASE_URL is
 * set; dossiers are received one after another through GraphQL; for each
 * reception and each board, the time from the mutation's answer to the
 * board's answer that counts it. Prints percentiles and the memory the
 * subscriptions took.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx tests/bench/live.ts --boards 200 --changes 50
 */
const { values } = parseArgs({ options: { boards: { type: 'string', default: '200' }, changes: { type: 'string', default: '50' } } });
const BOARDS = Number(values.boards);
const CHANGES = Number(values.changes);
const AGENCY = PROCEDURES.drivingLicence.agency;
const QUERY = 'subscription ($agency: String!) { hallBoard(agencyCode: $agency) { receivedToday resultsReadyCount received { maskedCode } } }';

type Board = { hallBoard: { receivedToday: number } };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const env = { OUTBOX_ENABLED: 'false', RATE_LIMIT_PER_ADDRESS: '100000000' };
  const first = await startTestHub({ env });
  const hubs: TestHub[] = [first];
  if (process.env.DATABASE_URL) hubs.push(await startTestHub({ env: { ...env, DATABASE_URL: first.hub.database.url } }));
  const police = await officer(AGENCY);
  try {
    const rssBefore = process.memoryUsage().rss;
    const boards: Array<Watched<Board>> = [];
    for (let i = 0; i < BOARDS; i += 1) boards.push(watch<Board>(wsClient(hubs[i % hubs.length].url), QUERY, { agency: AGENCY }));
    for (const board of boards) await board.nth(1, 30_000);
    const rssSubscribed = process.memoryUsage().rss;
    const latencies: number[] = [];
    const started = Date.now();
    for (let n = 1; n <= CHANGES; n += 1) {
      await receive(hubs[n % hubs.length], police, PROCEDURES.drivingLicence, {}, { payment: PAID_AT_COUNTER });
      const committed = performance.now();
      await Promise.all(
        boards.map(async (board) => {
          await board.when((b) => b.hallBoard.receivedToday >= n, 30_000);
          latencies.push(performance.now() - committed);
        }),
      );
    }
    const seconds = (Date.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
    process.stdout.write(
      [
        `live updates: ${BOARDS} hall boards on ${hubs.length} hub${hubs.length > 1 ? 's' : ''} (${process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}), ${CHANGES} receptions one after another`,
        `  change → board answer: p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies.at(-1)!)} (${latencies.length} answers)`,
        `  ${((CHANGES * BOARDS) / seconds).toFixed(0)} board answers/s, ${seconds.toFixed(1)} s in all`,
        `  memory of this process (hubs, clients): ${mib(rssBefore)} before the boards, ${mib(rssSubscribed)} with them (${((rssSubscribed - rssBefore) / BOARDS / 1024).toFixed(0)} KiB per board, both ends)`,
        '',
      ].join('\n'),
    );
    for (const board of boards) await board.close();
  } finally {
    for (const hub of hubs.reverse()) await hub.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
