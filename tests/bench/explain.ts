import { loadConfig } from '../../src/config';
import { startHub } from '../../src/hub';
import { createLogger } from '../../src/shared/logger';
import type { Scenario } from './scenarios';

/**
 * `EXPLAIN (ANALYZE, BUFFERS)` of every statement the hub runs for one
 * request of each read scenario, on the benchmark's database (issue 10,
 * Deliver 3). A hub is started in this process with a query listener: the
 * statements and their parameters are exactly the hub's, not a copy of
 * them. Each is explained twice and the second (warm) plan kept. Reads only:
 * every statement explained is a `select` (ANALYZE executes it).
 */

export interface ExplainedStatement {
  sql: string;
  plan: string;
  /** Indexes the plan reads, in the order they appear. */
  indexes: string[];
  /** Tables the plan reads whole (Seq Scan). */
  sequentialScans: string[];
  executionMs: number;
}

export interface ExplainedScenario {
  id: string;
  title: string;
  statements: ExplainedStatement[];
}

/** The hub's settings for the explain run: the benchmark's, in this process, on a free port. */
function explainConfig(databaseUrl: string, secret: string) {
  return loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: '0',
    JWT_SECRET: secret,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_ADDRESS: '100000000',
    RATE_LIMIT_PER_TOKEN: '100000000',
    RATE_LIMIT_LOOKUPS: '100000000',
    DEPARTMENTS_ENABLED: 'false',
    JOBS_ENABLED: 'false',
    OUTBOX_ENABLED: 'false',
    SEED_CATALOG: 'false',
  });
}

const planLines = (rows: Array<Record<string, string>>): string => rows.map((row) => row['QUERY PLAN']).join('\n');

export async function explainScenarios(databaseUrl: string, secret: string, scenarios: readonly Scenario[]): Promise<ExplainedScenario[]> {
  const captured: Array<{ sql: string; params: readonly unknown[] }> = [];
  const hub = await startHub(explainConfig(databaseUrl, secret), {
    logger: createLogger({ level: 'silent' }),
    database: { queryListeners: [(sql, params) => captured.push({ sql, params })] },
  });
  // The hub's own connection runs the plans: its statements carry knex's `?` placeholders.
  const connection = hub.database.fork().getConnection();
  const explained: ExplainedScenario[] = [];
  // Variants that differ only by their number of connections ask the same question: explained once.
  const asked = new Set<string>();
  try {
    for (const scenario of scenarios) {
      const shot = scenario.compare?.hub ?? scenario.hub.next();
      const question = JSON.stringify([shot.body, shot.headers ?? null]);
      if (asked.has(question)) continue;
      asked.add(question);
      const send = async () => {
        const response = await fetch(`${hub.url}/graphql`, {
          method: 'POST',
          headers: { ...scenario.hub.headers, ...shot.headers },
          body: shot.body,
        });
        const body = await response.text();
        if (response.status !== 200 || body.includes('"errors"')) throw new Error(`explain: ${scenario.id} answered ${response.status}: ${body.slice(0, 300)}`);
      };
      await send();
      captured.length = 0;
      await send();
      const selects = captured.filter(({ sql }) => /^\s*(with|select)\b/i.test(sql));
      const statements: ExplainedStatement[] = [];
      for (const { sql, params } of selects) {
        const explain = `explain (analyze, buffers) ${sql}`;
        await connection.execute(explain, [...params]);
        const text = planLines(await connection.execute<Array<Record<string, string>>>(explain, [...params]));
        statements.push({
          sql,
          plan: text,
          indexes: [...text.matchAll(/using (\S+) on /gi)].map((m) => m[1] ?? ''),
          sequentialScans: [...text.matchAll(/Seq Scan on (\S+)/g)].map((m) => m[1] ?? ''),
          executionMs: Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1] ?? NaN),
        });
      }
      explained.push({ id: scenario.id, title: scenario.title, statements });
    }
  } finally {
    await hub.stop();
  }
  return explained;
}

/** The plans as a Markdown page for docs/. */
export function plansMarkdown(explained: readonly ExplainedScenario[], context: { dossiers: number; date: string; commit: string; machine: string }): string {
  const lines = [
    `# Query plans of the hot read paths at ${context.dossiers.toLocaleString('en-US')} dossiers`,
    '',
    `Written by \`npm run bench\` (tests/bench/explain.ts) on ${context.date}, commit ${context.commit}, ${context.machine}.`,
    'Each statement is the hub\'s own for one request of the scenario (captured with its parameters), run with',
    '`EXPLAIN (ANALYZE, BUFFERS)` twice; the second (warm) plan is shown. `tests/performance/query-plans.spec.ts`',
    'fails when one of these turns into a sequential scan of `dossier` on a small dataset.',
    '',
    '| Scenario | Statements | Execution ms (sum) | Indexes used | Sequential scans |',
    '| --- | ---: | ---: | --- | --- |',
  ];
  for (const s of explained) {
    const indexes = [...new Set(s.statements.flatMap((st) => st.indexes))];
    const scans = [...new Set(s.statements.flatMap((st) => st.sequentialScans))];
    const ms = s.statements.reduce((sum, st) => sum + (Number.isFinite(st.executionMs) ? st.executionMs : 0), 0);
    lines.push(`| ${s.id} | ${s.statements.length} | ${ms.toFixed(2)} | ${indexes.map((i) => `\`${i}\``).join(', ') || '—'} | ${scans.map((t) => `\`${t}\``).join(', ') || 'none'} |`);
  }
  for (const s of explained) {
    lines.push('', `## ${s.id}: ${s.title}`);
    s.statements.forEach((st, i) => {
      lines.push('', `### Statement ${i + 1}`, '', '```sql', st.sql, '```', '', '```', st.plan, '```');
    });
  }
  return `${lines.join('\n')}\n`;
}
