import autocannon from 'autocannon';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import ts from 'typescript';
import { DATASET_TABLES, generateDataset, type DatasetReport } from './dataset';
import { explainScenarios, plansMarkdown } from './explain';
import {
  agencyCodes,
  BENCH_JWT_SECRET,
  checkTodaysCodes,
  enqueueVerifications,
  loadFixtures,
  mintTokens,
  readScenarios,
  receiveScenario,
  transitionScenario,
  type Exchange,
  type Fixtures,
  type Scenario,
  type Tokens,
} from './scenarios';

/**
 * `npm run bench`: the hub against the floor of our own stack (issue 10).
 * Creates the database `lienthong_bench` on the server of DATABASE_URL,
 * lets the hub migrate it and load its catalogue, generates the dataset,
 * then drives each scenario with autocannon against the hub and against
 * the floor (tests/bench/floor.ts), interleaved, and prints and writes the
 * figures. See tests/bench/README.md.
 */

const ROOT = path.resolve(__dirname, '../..');
const BENCH_DATABASE = 'lienthong_bench';
const HUB_ENTRY = path.join(ROOT, 'dist/src/main.js');
const GATEWAY_ENTRY = path.join(ROOT, 'dist/mesh/gateway.cli.js');
const ALL = ['track', 'worklist', 'catalog', 'stats', 'receive', 'transition', 'outbox', 'gateway', 'soak'];
/** The scenarios also run through the gateway (issue 11, Deliver 6): what it adds to the hub. */
const THROUGH_GATEWAY = ['track', 'worklist-officer-10', 'worklist-supervisor-10'];

const out = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Settings {
  dossiers: number;
  duration: number;
  soak: number;
  rounds: number;
  scenarios: string[];
  keep: boolean;
  out: string;
  /** Where the query plans go (Markdown), or null (--no-plans). */
  plans: string | null;
  outboxMessages: number;
  outboxTimeout: number;
  receiveConnections: number;
  transitionConnections: number;
}

function readSettings(): Settings {
  const { values } = parseArgs({
    options: {
      dossiers: { type: 'string', default: '10000' },
      duration: { type: 'string', default: '10' },
      soak: { type: 'string', default: '60' },
      rounds: { type: 'string', default: '2' },
      scenarios: { type: 'string', default: ALL.join(',') },
      keep: { type: 'boolean', default: false },
      out: { type: 'string', default: 'docs/bench-results.json' },
      plans: { type: 'string', default: 'docs/bench-plans.md' },
      'no-plans': { type: 'boolean', default: false },
      'outbox-messages': { type: 'string', default: '200' },
      'outbox-timeout': { type: 'string', default: '180' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    out(readFileSync(path.join(__dirname, 'README.md'), 'utf8').split('\n## ')[0]);
    process.exit(0);
  }
  const positive = (name: string, value: string | undefined): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) {
      process.stderr.write(`bench: --${name} must be a positive number (got ${value})\n`);
      process.exit(2);
    }
    return n;
  };
  const scenarios = (values.scenarios ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of scenarios) {
    if (!ALL.some((known) => s === known || s.startsWith(`${known}-`))) {
      process.stderr.write(`bench: unknown scenario "${s}" (known: ${ALL.join(', ')})\n`);
      process.exit(2);
    }
  }
  return {
    dossiers: Math.floor(positive('dossiers', values.dossiers)),
    duration: positive('duration', values.duration),
    soak: positive('soak', values.soak),
    rounds: Math.floor(positive('rounds', values.rounds)),
    scenarios,
    keep: values.keep ?? false,
    out: path.resolve(ROOT, values.out ?? 'docs/bench-results.json'),
    plans: values['no-plans'] ? null : path.resolve(ROOT, values.plans ?? 'docs/bench-plans.md'),
    outboxMessages: Math.floor(positive('outbox-messages', values['outbox-messages'])),
    outboxTimeout: positive('outbox-timeout', values['outbox-timeout']),
    receiveConnections: 20,
    transitionConnections: 10,
  };
}

const wanted = (settings: Settings, id: string): boolean => settings.scenarios.some((s) => id === s || id.startsWith(`${s}-`) || s.startsWith(`${id}-`));

// ---------------------------------------------------------------------------
// Processes: the hub, the floor, what /proc says of them
// ---------------------------------------------------------------------------

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** Resident memory now and at its peak (VmRSS, VmHWM), in MB; CPU time used so far, in ms. */
function processFigures(pid: number): { rssMb: number; peakMb: number; cpuMs: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    // Fields 14 and 15 of /proc/<pid>/stat (after the command name in parentheses): user and system ticks.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024, cpuMs: (ticks * 1000) / CLOCK_TICKS };
  } catch {
    return { rssMb: 0, peakMb: 0, cpuMs: 0 };
  }
}

/** CPU time of the whole machine (busy, all cores) and of each process counted as ours (`pids`, PostgreSQL's), in ms. */
interface MachineCpu {
  at: number;
  busyMs: number;
  selfMs: number;
  processes: Map<number, number>;
}

function machineCpu(pids: number[]): MachineCpu {
  const fields = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  const processes = new Map<number, number>();
  for (const pid of pids) processes.set(pid, processFigures(pid).cpuMs);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') processes.set(Number(entry), processFigures(Number(entry)).cpuMs);
    } catch {
      // Gone meanwhile.
    }
  }
  const self = process.cpuUsage();
  return { at: Date.now(), busyMs: ((total - idle) * 1000) / CLOCK_TICKS, selfMs: (self.user + self.system) / 1000, processes };
}

/** What processes not ours used of the machine between two readings, in % of all cores (a process of ours that ended meanwhile counts as not ours). */
function otherCpuPercent(before: MachineCpu, after: MachineCpu): number {
  const wallMs = (after.at - before.at) * os.cpus().length;
  let ours = after.selfMs - before.selfMs;
  for (const [pid, ms] of after.processes) ours += ms - (before.processes.get(pid) ?? 0);
  const other = after.busyMs - before.busyMs - ours;
  return wallMs <= 0 ? 0 : Math.max(0, Math.round((other / wallMs) * 1000) / 10);
}

interface Server {
  name: 'hub' | 'floor' | 'gateway';
  url: string;
  pid: number;
  /** Lines it wrote on stdout matching `pattern` since it started. */
  count(pattern: string): number;
  stop(): Promise<void>;
}

function collectLines(child: ChildProcess, onLine: (line: string) => void): void {
  let buffered = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    buffered += chunk;
    let newline = buffered.indexOf('\n');
    while (newline !== -1) {
      onLine(buffered.slice(0, newline));
      buffered = buffered.slice(newline + 1);
      newline = buffered.indexOf('\n');
    }
  });
}

/** Every server process started, so that an interrupted benchmark stops them too. */
const children = new Set<ChildProcess>();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of children) child.kill('SIGTERM');
    process.stderr.write(`bench: ${signal}: stopped the hub and the floor\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** The hub's settings in the benchmark (README, Settings): everything else at its default. */
function hubEnvironment(databaseUrl: string, port: number, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: String(port),
    JWT_SECRET: BENCH_JWT_SECRET,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_ADDRESS: '100000000',
    RATE_LIMIT_PER_TOKEN: '100000000',
    RATE_LIMIT_LOOKUPS: '100000000',
    DEPARTMENTS_ENABLED: 'false',
    JOBS_ENABLED: 'false',
    ...extra,
  };
}

/**
 * Starts `node dist/src/main.js`. With LOG_LEVEL=warn the hub does not log
 * its "GraphQL at" line (info), so the benchmark gives it a free port and
 * waits for /healthz.
 */
async function startHubProcess(databaseUrl: string, extra: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  return startNodeServer('hub', HUB_ENTRY, port, hubEnvironment(databaseUrl, port, extra));
}

/** The gateway (`node dist/mesh/gateway.cli.js`) in front of the running hub, with the hub's settings and no departments. */
async function startGatewayProcess(databaseUrl: string, hub: Server): Promise<Server> {
  const port = await freePort();
  return startNodeServer('gateway', GATEWAY_ENTRY, port, { ...hubEnvironment(databaseUrl, 0, {}), GATEWAY_PORT: String(port), HUB_URL: `${hub.url}/graphql` });
}

async function startNodeServer(name: 'hub' | 'gateway', entry: string, port: number, env: NodeJS.ProcessEnv): Promise<Server> {
  if (!existsSync(entry)) throw new Error(`${path.relative(ROOT, entry)} is missing: run npm run build first`);
  const child = spawn(process.execPath, [entry], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const lines: string[] = [];
  const tail: string[] = [];
  collectLines(child, (line) => {
    lines.push(line);
    tail.push(line);
    if (tail.length > 20) tail.shift();
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    tail.push(chunk);
    if (tail.length > 20) tail.shift();
  });
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the ${name} exited (${child.exitCode}) while starting:\n${tail.join('\n')}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() - started > 180_000) {
      await stopChild(child);
      throw new Error(`the ${name} did not answer /healthz within 180 s:\n${tail.join('\n')}`);
    }
    await sleep(200);
  }
  return {
    name,
    url,
    pid: child.pid ?? 0,
    count: (pattern) => lines.reduce((n, line) => (line.includes(pattern) ? n + 1 : n), 0),
    stop: () => stopChild(child),
  };
}

/** Runs tests/bench/floor.ts as plain JavaScript (transpiled here), so that its RSS is its own and not a loader's. */
async function startFloorProcess(databaseUrl: string): Promise<Server> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lienthong-floor-'));
  const source = readFileSync(path.join(__dirname, 'floor.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
  const file = path.join(dir, 'floor.js');
  writeFileSync(file, outputText);
  const port = await freePort();
  const child = spawn(process.execPath, [file], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, NODE_PATH: path.join(ROOT, 'node_modules'), DATABASE_URL: databaseUrl, FLOOR_PORT: String(port), FLOOR_POOL_MAX: '10' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => {
    children.delete(child);
    rmSync(dir, { recursive: true, force: true });
  });
  let errors = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (errors += chunk));
  await new Promise<void>((resolve, reject) => {
    collectLines(child, (line) => {
      if (line.startsWith('floor listening at')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the floor exited (${code}): ${errors}`)));
  });
  return {
    name: 'floor',
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    count: () => 0,
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function floorStatements(floor: Server): Promise<number> {
  const answer = (await (await fetch(`${floor.url}/statements`)).json()) as { statements: number };
  return answer.statements;
}

// ---------------------------------------------------------------------------
// Load runs
// ---------------------------------------------------------------------------

interface RunFigures {
  target: 'hub' | 'floor' | 'gateway';
  round: number;
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  ok: number;
  conflicts: number;
  /** Answers that were not what the scenario expects (GraphQL errors, user errors, wrong shape), connection errors and timeouts. */
  errors: number;
  non2xx: number;
  errorDetails: Record<string, number>;
  cpuMsPerRequest: number;
  /** The most resident memory sampled during the run (every 200 ms). */
  rssPeakMb: number;
  /** VmHWM after the run: the process's peak since it started. */
  hwmMb: number;
  /**
   * Share of the machine's CPU (all cores, wall time) that processes other than the target, the other
   * server, PostgreSQL and this benchmark used during the run: other work on the machine shows here.
   */
  otherCpuPercent: number;
  statementsPerRequest?: number;
}

const percentile = (sorted: number[], p: number): number => (sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0));
const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

async function runLoad(
  server: Server,
  exchange: Exchange,
  options: { connections: number; seconds: number; round: number; maxRequests?: number },
  others: number[] = [],
): Promise<RunFigures> {
  const latencies: number[] = [];
  const details: Record<string, number> = {};
  let ok = 0;
  let conflicts = 0;
  let failed = 0;
  const machineBefore = machineCpu([server.pid, ...others]);
  const before = processFigures(server.pid);
  let rssPeak = before.rssMb;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, processFigures(server.pid).rssMb);
  }, 200);
  const statementsBefore = server.name === 'floor' ? await floorStatements(server) : 0;
  const load: autocannon.Options = {
    url: server.url,
    connections: options.connections,
    duration: options.seconds,
    timeout: 30,
    ...(options.maxRequests ? { maxOverallRequests: options.maxRequests } : {}),
    requests: [
      {
        method: 'POST',
        path: exchange.path,
        setupRequest: (request, context) => {
          const shot = exchange.next();
          (context as { item?: unknown }).item = shot.item;
          return { ...request, body: shot.body, headers: { ...exchange.headers, ...shot.headers } };
        },
        onResponse: (status, body, context) => {
          const { outcome, detail } = exchange.classify(status, body, (context as { item?: unknown }).item);
          if (outcome === 'ok') ok += 1;
          else if (outcome === 'conflict') conflicts += 1;
          else {
            failed += 1;
            const key = detail ?? 'error';
            details[key] = (details[key] ?? 0) + 1;
          }
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(load, (error: unknown, figures: autocannon.Result) => (error ? reject(error instanceof Error ? error : new Error('autocannon failed')) : resolve(figures)));
    instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  });
  clearInterval(sampler);
  const after = processFigures(server.pid);
  rssPeak = Math.max(rssPeak, after.rssMb);
  const responses = latencies.length;
  latencies.sort((a, b) => a - b);
  if (result.errors > 0) details['connection errors'] = result.errors;
  if (result.timeouts > 0) details.timeouts = result.timeouts;
  const figures: RunFigures = {
    target: server.name,
    round: options.round,
    connections: options.connections,
    seconds: round2(result.duration),
    requests: responses,
    requestsPerSecond: round1(responses / Math.max(result.duration, 0.001)),
    p50: round2(percentile(latencies, 50)),
    p95: round2(percentile(latencies, 95)),
    p99: round2(percentile(latencies, 99)),
    max: round2(latencies[latencies.length - 1] ?? 0),
    ok,
    conflicts,
    errors: failed + result.errors,
    non2xx: result.non2xx,
    errorDetails: details,
    cpuMsPerRequest: round2((after.cpuMs - before.cpuMs) / Math.max(responses, 1)),
    rssPeakMb: round1(rssPeak),
    hwmMb: round1(after.peakMb),
    otherCpuPercent: otherCpuPercent(machineBefore, machineCpu([server.pid, ...others])),
  };
  if (server.name === 'floor') {
    // Requests still in flight when the run stopped are executed all the same: counted against those sent.
    await sleep(500);
    figures.statementsPerRequest = round2(((await floorStatements(server)) - statementsBefore) / Math.max(result.requests.sent, 1));
  }
  return figures;
}

/** Posts one request of a scenario as it would be sent under load. */
async function post(server: Server, exchange: Exchange, shot = exchange.next()): Promise<{ status: number; body: string; item: unknown }> {
  const response = await fetch(`${server.url}${exchange.path}`, { method: 'POST', headers: { ...exchange.headers, ...shot.headers }, body: shot.body });
  return { status: response.status, body: await response.text(), item: shot.item };
}

/**
 * SQL statements one request of each scenario costs the hub: a second hub
 * with DB_DEBUG=true (every statement the ORM runs, transactions' begin and
 * commit included, logged at debug), one request at a time, the log lines
 * counted. pg-boss's own polling goes through the pool directly and is not
 * logged, so it is not counted. pg_stat_statements would be the server's own
 * count, but it needs shared_preload_libraries (a server restart).
 */
async function probeStatements(databaseUrl: string, scenarios: Scenario[]): Promise<Map<string, { median: number; samples: number[] }>> {
  const probes = new Map<string, { median: number; samples: number[] }>();
  const hub = await startHubProcess(databaseUrl, { DB_DEBUG: 'true', LOG_LEVEL: 'debug' });
  const QUERY = '"msg":"[query] ';
  try {
    for (const scenario of scenarios) {
      const samples: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        if (scenario.hub.remaining && scenario.hub.remaining() === 0) break;
        const before = hub.count(QUERY);
        const answer = await post(hub, scenario.hub);
        scenario.hub.classify(answer.status, answer.body, answer.item);
        // pino writes asynchronously: give the lines of this request time to arrive.
        await sleep(300);
        samples.push(hub.count(QUERY) - before);
      }
      const sorted = [...samples].sort((a, b) => a - b);
      probes.set(scenario.id, { median: sorted[Math.floor(sorted.length / 2)] ?? 0, samples });
    }
  } finally {
    await hub.stop();
  }
  return probes;
}

// ---------------------------------------------------------------------------
// The database
// ---------------------------------------------------------------------------

interface Generation {
  reused: boolean;
  report: DatasetReport;
  generatedAt: string;
}

async function prepareDatabase(adminUrl: string, benchUrl: string, settings: Settings): Promise<Generation> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const existing = (
      await admin.query<{ comment: string | null }>(`select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1`, [BENCH_DATABASE])
    ).rows[0];
    if (settings.keep && existing?.comment) {
      try {
        const marker = JSON.parse(existing.comment) as { bench?: string; report?: DatasetReport; generatedAt?: string };
        if (marker.bench === 'lienthong' && marker.report?.dossiers === settings.dossiers) {
          out(`Reusing database ${BENCH_DATABASE} (${settings.dossiers.toLocaleString('en-US')} dossiers, generated ${marker.generatedAt ?? '?'})`);
          // Migrations added since it was generated run now; one that rewrote a table leaves dead rows and stale statistics
          // (the planner then scans): vacuumed and analysed before anything is measured, as autovacuum would in time.
          out('Starting the hub once: migrations added since, then VACUUM (ANALYZE)');
          const hub = await startHubProcess(benchUrl);
          await hub.stop();
          const db = new Client({ connectionString: benchUrl });
          await db.connect();
          try {
            await db.query('vacuum (analyze)');
          } finally {
            await db.end();
          }
          return { reused: true, report: marker.report, generatedAt: marker.generatedAt ?? '' };
        }
      } catch {
        // Not ours, or from another version: generated again below.
      }
      out(`Database ${BENCH_DATABASE} does not hold ${settings.dossiers} generated dossiers: generating it again`);
    }
    out(`Creating database ${BENCH_DATABASE}`);
    await admin.query(`drop database if exists ${BENCH_DATABASE} with (force)`);
    await admin.query(`create database ${BENCH_DATABASE}`);
  } finally {
    await admin.end();
  }

  out('Starting the hub once: migrations and the bundled catalogue');
  const hub = await startHubProcess(benchUrl);
  await hub.stop();

  out(`Generating ${settings.dossiers.toLocaleString('en-US')} dossiers (hub stopped)`);
  const db = new Client({ connectionString: benchUrl });
  await db.connect();
  try {
    const report = await generateDataset(db, { dossiers: settings.dossiers, log: out });
    const generatedAt = new Date().toISOString();
    const marker = JSON.stringify({ bench: 'lienthong', generatedAt, report });
    await db.query(`comment on database ${BENCH_DATABASE} is ${db.escapeLiteral(marker)}`);
    out(`Generated in ${report.seconds.toFixed(1)} s`);
    return { reused: false, report, generatedAt };
  } finally {
    await db.end();
  }
}

// ---------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------

interface ScenarioResult {
  id: string;
  title: string;
  group: string;
  kind: 'read' | 'write';
  connections: number;
  seconds: number;
  hub: { best: RunFigures | null; runs: RunFigures[]; statementsPerRequest: number | null; statementSamples: number[] };
  floor: { best: RunFigures | null; runs: RunFigures[] };
  /** Hub requests/s ÷ floor requests/s, of the better run of each. */
  ratio: number | null;
  /** Whether the hub and the floor gave the same answer to the same question (what `compare` projects). */
  answersAgree: boolean | null;
  disagreement?: { hub: unknown; floor: unknown };
  notes: string[];
}

const best = (runs: RunFigures[]): RunFigures | null => runs.reduce<RunFigures | null>((b, r) => (b === null || r.requestsPerSecond > b.requestsPerSecond ? r : b), null);

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

function printTable(results: ScenarioResult[]): void {
  const header = ['scenario', 'target', 'conn', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', 'non2xx', 'conflicts', 'SQL/req', 'CPU ms/req', 'RSS MB', 'other%'];
  const widths = [24, 6, 5, 9, 9, 9, 9, 7, 7, 9, 8, 10, 7, 7];
  out(header.map((h, i) => pad(h, widths[i] ?? 8, i >= 2)).join(' '));
  out(widths.map((w) => '-'.repeat(w)).join(' '));
  for (const r of results) {
    for (const [target, run, sql] of [
      ['hub', r.hub.best, r.hub.statementsPerRequest],
      ['floor', r.floor.best, r.floor.best?.statementsPerRequest ?? null],
    ] as const) {
      if (!run) continue;
      const cells = [
        r.id,
        target,
        String(run.connections),
        run.requestsPerSecond.toFixed(1),
        run.p50.toFixed(1),
        run.p95.toFixed(1),
        run.p99.toFixed(1),
        String(run.errors),
        String(run.non2xx),
        String(run.conflicts),
        sql === null ? '-' : String(sql),
        run.cpuMsPerRequest.toFixed(2),
        run.rssPeakMb.toFixed(0),
        run.otherCpuPercent.toFixed(0),
      ];
      out(cells.map((c, i) => pad(c, widths[i] ?? 8, i >= 2)).join(' '));
    }
  }
}

function printRatios(results: ScenarioResult[]): void {
  out('');
  out('hub ÷ floor (requests/s of the better run of each; p95 in ms)');
  out(`${pad('scenario', 24)} ${pad('hub req/s', 10, true)} ${pad('floor req/s', 11, true)} ${pad('ratio', 7, true)} ${pad('hub p95', 9, true)} ${pad('floor p95', 9, true)}  answers`);
  for (const r of results) {
    if (!r.hub.best || !r.floor.best) continue;
    const agree = r.answersAgree === null ? '-' : r.answersAgree ? 'agree' : 'DIFFER';
    out(
      `${pad(r.id, 24)} ${pad(r.hub.best.requestsPerSecond.toFixed(1), 10, true)} ${pad(r.floor.best.requestsPerSecond.toFixed(1), 11, true)} ${pad(
        r.ratio === null ? '-' : r.ratio.toFixed(3),
        7,
        true,
      )} ${pad(r.hub.best.p95.toFixed(1), 9, true)} ${pad(r.floor.best.p95.toFixed(1), 9, true)}  ${agree}`,
    );
  }
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------

async function compareAnswers(scenario: Scenario, hub: Server, floor: Server, result: ScenarioResult): Promise<void> {
  if (!scenario.compare) return;
  const { compare } = scenario;
  const [h, f] = await Promise.all([post(hub, scenario.hub, compare.hub), post(floor, scenario.floor, compare.floor)]);
  const parse = (body: string): unknown => {
    try {
      return JSON.parse(body);
    } catch {
      return body.slice(0, 200);
    }
  };
  const hubView = compare.project(parse(h.body));
  const floorView = compare.project(parse(f.body));
  result.answersAgree = hubView !== null && JSON.stringify(hubView) === JSON.stringify(floorView);
  if (!result.answersAgree) {
    result.disagreement = { hub: hubView ?? parse(h.body), floor: floorView ?? parse(f.body) };
  }
}

async function runScenario(scenario: Scenario, servers: { hub: Server; floor: Server }, settings: Settings, statements: Map<string, { median: number; samples: number[] }>): Promise<ScenarioResult> {
  const seconds = scenario.duration ?? settings.duration;
  const result: ScenarioResult = {
    id: scenario.id,
    title: scenario.title,
    group: scenario.group,
    kind: scenario.kind,
    connections: scenario.connections,
    seconds,
    hub: { best: null, runs: [], statementsPerRequest: statements.get(scenario.id)?.median ?? null, statementSamples: statements.get(scenario.id)?.samples ?? [] },
    floor: { best: null, runs: [] },
    ratio: null,
    answersAgree: null,
    notes: [],
  };
  await compareAnswers(scenario, servers.hub, servers.floor, result);
  // The soak runs once per target (a minute each); the others hub, floor, hub, floor.
  const rounds = scenario.duration ? 1 : settings.rounds;
  // A write scenario that consumes dossiers shares them out between its runs.
  const budget = scenario.hub.remaining ? Math.floor(scenario.hub.remaining() / (rounds * 2)) : undefined;
  for (let round = 1; round <= rounds; round += 1) {
    for (const target of ['hub', 'floor'] as const) {
      const server = servers[target];
      const exchange = scenario[target];
      if (budget !== undefined && budget < scenario.connections * 2) {
        result.notes.push(`${target} round ${round} skipped: ${exchange.remaining?.()} open dossiers left to move`);
        continue;
      }
      process.stdout.write(`  ${pad(scenario.id, 24)} ${pad(target, 5)} round ${round}: `);
      const other = servers[target === 'hub' ? 'floor' : 'hub'];
      const run = await runLoad(server, exchange, { connections: scenario.connections, seconds, round, ...(budget !== undefined ? { maxRequests: budget } : {}) }, [other.pid]);
      result[target].runs.push(run);
      const problems = run.errors + run.non2xx > 0 ? `, ${run.errors} errors ${JSON.stringify(run.errorDetails)}, ${run.non2xx} non-2xx` : '';
      const busy = run.otherCpuPercent > 10 ? ` (other processes used ${run.otherCpuPercent}% of the machine meanwhile)` : '';
      out(`${run.requestsPerSecond.toFixed(1)} req/s, p95 ${run.p95.toFixed(1)} ms, p99 ${run.p99.toFixed(1)} ms${run.conflicts ? `, ${run.conflicts} conflicts` : ''}${problems}${busy}`);
    }
  }
  result.hub.best = best(result.hub.runs);
  result.floor.best = best(result.floor.runs);
  if (result.hub.best && result.floor.best && result.floor.best.requestsPerSecond > 0) {
    result.ratio = Math.round((result.hub.best.requestsPerSecond / result.floor.best.requestsPerSecond) * 1000) / 1000;
  }
  return result;
}

interface OutboxResult {
  messages: number;
  delivered: number;
  dead: number;
  pending: number;
  /** From the commit of the messages to the last delivery, seconds. */
  seconds: number;
  messagesPerSecond: number;
  timedOut: boolean;
  hubCpuMsPerMessage: number;
  hubRssPeakMb: number;
}

async function runOutbox(db: Client, hub: Server, settings: Settings): Promise<OutboxResult> {
  const before = processFigures(hub.pid);
  let rssPeak = before.rssMb;
  const ids = await enqueueVerifications(db, settings.outboxMessages);
  const enqueued = Date.now();
  out(`  outbox: ${ids.length} messages of population.verify-identity enqueued (outbox_message + pg-boss job, one transaction)`);
  let counts = { delivered: 0, dead: 0, pending: ids.length };
  let lastDelivery: number | null = null;
  let timedOut = false;
  let nextReport = Date.now() + 10_000;
  for (;;) {
    await sleep(500);
    rssPeak = Math.max(rssPeak, processFigures(hub.pid).rssMb);
    const row = (
      await db.query<{ delivered: string; dead: string; pending: string; last: Date | null }>(
        `select count(*) filter (where status = 'DELIVERED') delivered, count(*) filter (where status = 'DEAD') dead,
           count(*) filter (where status = 'PENDING') pending, max(delivered_at) last from outbox_message where id = any($1::uuid[])`,
        [ids],
      )
    ).rows[0];
    counts = { delivered: Number(row?.delivered ?? 0), dead: Number(row?.dead ?? 0), pending: Number(row?.pending ?? 0) };
    lastDelivery = row?.last ? row.last.getTime() : lastDelivery;
    if (counts.pending === 0) break;
    if (Date.now() - enqueued > settings.outboxTimeout * 1000) {
      timedOut = true;
      break;
    }
    if (Date.now() > nextReport) {
      out(`    ${counts.delivered} delivered, ${counts.dead} dead, ${counts.pending} pending after ${((Date.now() - enqueued) / 1000).toFixed(0)} s`);
      nextReport = Date.now() + 10_000;
    }
  }
  const after = processFigures(hub.pid);
  const seconds = ((timedOut ? Date.now() : (lastDelivery ?? Date.now())) - enqueued) / 1000;
  return {
    messages: ids.length,
    ...counts,
    seconds: round2(seconds),
    messagesPerSecond: round2(counts.delivered / Math.max(seconds, 0.001)),
    timedOut,
    hubCpuMsPerMessage: round2((after.cpuMs - before.cpuMs) / Math.max(counts.delivered, 1)),
    hubRssPeakMb: round1(rssPeak),
  };
}

async function main(): Promise<void> {
  const settings = readSettings();
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    process.stderr.write('bench: DATABASE_URL is required: a PostgreSQL 15+ server where the benchmark may create and drop the database lienthong_bench\n');
    process.exit(2);
  }
  const benchUrlObject = new URL(adminUrl);
  benchUrlObject.pathname = `/${BENCH_DATABASE}`;
  const benchUrl = benchUrlObject.toString();

  const generation = await prepareDatabase(adminUrl, benchUrl, settings);
  const db = new Client({ connectionString: benchUrl });
  await db.connect();
  const servers: { hub?: Server; floor?: Server; gateway?: Server } = {};
  const throughGateway: Array<{ id: string; gateway: RunFigures; hub: RunFigures | null }> = [];
  let gatewayPeakMb = 0;
  const results: ScenarioResult[] = [];
  const method = {
    rounds: 'hub and floor runs interleaved (hub, floor, hub, floor); the tables show the better run of each by requests/s, the JSON every run',
    latency: 'autocannon response times of every response (2xx or not), percentiles computed here',
    errors: 'answers that were not what the scenario expects (HTTP status, GraphQL errors, user errors other than STALE_VERSION, missing data), plus connection errors and timeouts',
    statements:
      'hub: a second hub process with DB_DEBUG=true and LOG_LEVEL=debug, one request at a time, the "[query]" log lines of MikroORM counted (begin/commit included; pg-boss polling not); median of 3 requests. floor: its own count of statements ÷ requests sent',
    cpu: 'user+system CPU time of the process (from /proc/<pid>/stat) during the run ÷ responses',
    rss: 'VmRSS sampled every 200 ms during a run; VmHWM (the peak since start) at the end',
    floor: 'tests/bench/floor.ts: node:http + pg, one SQL statement per request, JSON built by PostgreSQL; no token check, no population lookup, due times in calendar days',
  };
  let outbox: OutboxResult | null = null;
  let codes: Awaited<ReturnType<typeof checkTodaysCodes>> | null = null;
  let hubIdleMb = 0;
  try {
    const fixtures: Fixtures = await loadFixtures(db);
    const tokens: Tokens = await mintTokens(await agencyCodes(db));
    const reads = readScenarios(fixtures, tokens, { soakSeconds: settings.soak }).filter((s) => wanted(settings, s.id));
    const soak = reads.filter((s) => s.id === 'soak');
    const plainReads = reads.filter((s) => s.id !== 'soak');
    const receive = wanted(settings, 'receive') ? receiveScenario(fixtures, tokens, settings.receiveConnections) : null;

    // For the count only: the load's own stream is read after the receptions, which it moves too.
    const transitionProbe = wanted(settings, 'transition') ? await transitionScenario(db, tokens, settings.transitionConnections) : null;
    if (settings.plans !== null) {
      out(`Explaining the hub's statements of each read scenario (EXPLAIN ANALYZE, BUFFERS)`);
      const explained = await explainScenarios(benchUrl, BENCH_JWT_SECRET, plainReads);
      for (const e of explained) {
        const scans = [...new Set(e.statements.flatMap((st) => st.sequentialScans))];
        out(`  ${e.id}: ${e.statements.length} statements, ${e.statements.reduce((sum, st) => sum + st.executionMs, 0).toFixed(1)} ms in PostgreSQL${scans.length > 0 ? `, sequential scans of ${scans.join(', ')}` : ''}`);
      }
      const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ${round1(os.totalmem() / 1024 ** 3)} GB`;
      writeFileSync(settings.plans, plansMarkdown(explained, { dossiers: generation.report.dossiers, date: new Date().toISOString(), commit: gitCommit() ?? 'unknown', machine }));
      out(`  written to ${path.relative(ROOT, settings.plans)}`);
    }
    out('Counting SQL statements per request (a hub with DB_DEBUG=true, one request at a time)');
    const statements = await probeStatements(benchUrl, [...reads, ...(receive ? [receive] : []), ...(transitionProbe ? [transitionProbe] : [])]);

    servers.hub = await startHubProcess(benchUrl);
    servers.floor = await startFloorProcess(benchUrl);
    const running = { hub: servers.hub, floor: servers.floor };
    hubIdleMb = round1(processFigures(servers.hub.pid).rssMb);
    out(`Hub at ${servers.hub.url} (pid ${servers.hub.pid}, ${hubIdleMb.toFixed(0)} MB idle), floor at ${servers.floor.url} (pid ${servers.floor.pid})`);

    // Both servers warm (JIT, connection pools) before anything is measured.
    const warmUp = readScenarios(fixtures, tokens, { soakSeconds: settings.soak })[0];
    if (warmUp) {
      for (const target of ['hub', 'floor'] as const) await runLoad(running[target], warmUp[target], { connections: 10, seconds: 3, round: 0 });
    }

    out('Reads');
    for (const scenario of plainReads) results.push(await runScenario(scenario, running, settings, statements));

    if (receive) {
      out('Writes');
      results.push(await runScenario(receive, running, settings, statements));
      codes = await checkTodaysCodes(db, fixtures.today);
      out(`  codes received today: ${codes.codes} over ${codes.agencies} agencies, ${codes.problems.length === 0 ? 'unique and gapless' : `PROBLEMS: ${codes.problems.join('; ')}`}`);
    }
    if (wanted(settings, 'transition')) {
      if (!receive) out('Writes');
      const transition = await transitionScenario(db, tokens, settings.transitionConnections);
      results.push(await runScenario(transition, running, settings, statements));
    }
    if (wanted(settings, 'outbox')) {
      outbox = await runOutbox(db, servers.hub, settings);
      out(
        `  outbox: ${outbox.delivered}/${outbox.messages} delivered in ${outbox.seconds} s (${outbox.messagesPerSecond} messages/s)${outbox.timedOut ? `, TIMED OUT after ${settings.outboxTimeout} s` : ''}, ${outbox.dead} dead`,
      );
    }
    if (wanted(settings, 'gateway')) {
      out('Through the gateway (mesh/): the same requests, gateway in front of the hub');
      servers.gateway = await startGatewayProcess(benchUrl, servers.hub);
      const all = readScenarios(fixtures, tokens, { soakSeconds: settings.soak });
      for (const id of THROUGH_GATEWAY) {
        const scenario = all.find((s) => s.id === id);
        if (!scenario) continue;
        await runLoad(servers.gateway, scenario.hub, { connections: scenario.connections, seconds: 3, round: 0 });
        const run = await runLoad(servers.gateway, scenario.hub, { connections: scenario.connections, seconds: settings.duration, round: 1 }, [servers.hub.pid]);
        const hub = results.find((r) => r.id === id)?.hub.best ?? null;
        throughGateway.push({ id, gateway: run, hub });
        out(`  ${pad(id, 24)} gateway: ${run.requestsPerSecond.toFixed(1)} req/s, p50 ${run.p50.toFixed(1)} ms, p95 ${run.p95.toFixed(1)} ms, ${run.errors} errors${hub ? `; hub alone: ${hub.requestsPerSecond.toFixed(1)} req/s, p50 ${hub.p50.toFixed(1)} ms, p95 ${hub.p95.toFixed(1)} ms` : ''}`);
      }
      gatewayPeakMb = round1(processFigures(servers.gateway.pid).peakMb);
      await servers.gateway.stop();
      servers.gateway = undefined;
    }
    if (soak.length > 0) {
      out('Soak');
      for (const scenario of soak) results.push(await runScenario(scenario, running, settings, statements));
    }
  } finally {
    const peaks = {
      hubPeakMb: servers.hub ? round1(processFigures(servers.hub.pid).peakMb) : 0,
      floorPeakMb: servers.floor ? round1(processFigures(servers.floor.pid).peakMb) : 0,
    };
    await servers.gateway?.stop();
    await servers.hub?.stop();
    await servers.floor?.stop();
    await db.end();

    out('');
    out(
      `Dataset: ${generation.report.dossiers.toLocaleString('en-US')} dossiers, ${generation.reused ? `reused (generated ${generation.generatedAt} in` : 'generated in'} ${generation.report.seconds.toFixed(1)} s${generation.reused ? ')' : ''}`,
    );
    out(`  ${DATASET_TABLES.map((t) => `${t} ${(generation.report.tables[t] ?? 0).toLocaleString('en-US')}`).join(', ')}`);
    out(`  history through the hash chain: ${generation.report.historyMicrosPerRow.toFixed(0)} µs per row`);
    out('');
    printTable(results);
    for (const r of results) {
      for (const note of r.notes) out(`  note ${r.id}: ${note}`);
      if (r.answersAgree === false) out(`  note ${r.id}: hub and floor answers differ: ${JSON.stringify(r.disagreement).slice(0, 600)}`);
    }
    if (outbox) out(`\noutbox: ${outbox.delivered}/${outbox.messages} delivered, ${outbox.messagesPerSecond} messages/s, hub ${outbox.hubCpuMsPerMessage} ms CPU per message`);
    if (codes) out(`codes of the day: ${codes.problems.length === 0 ? `${codes.codes} codes over ${codes.agencies} agencies, unique and gapless` : codes.problems.join('; ')}`);
    out(`\nPeak RSS (VmHWM): hub ${peaks.hubPeakMb.toFixed(0)} MB (idle ${hubIdleMb.toFixed(0)} MB), floor ${peaks.floorPeakMb.toFixed(0)} MB`);
    printRatios(results);
    if (throughGateway.length > 0) {
      out('');
      out(`gateway ÷ hub (latency added by the gateway; its peak RSS ${gatewayPeakMb.toFixed(0)} MB)`);
      out(`${pad('scenario', 24)} ${pad('gw req/s', 9, true)} ${pad('hub req/s', 10, true)} ${pad('gw p50', 8, true)} ${pad('hub p50', 8, true)} ${pad('gw p95', 8, true)} ${pad('hub p95', 8, true)}`);
      for (const g of throughGateway) {
        out(
          `${pad(g.id, 24)} ${pad(g.gateway.requestsPerSecond.toFixed(1), 9, true)} ${pad(g.hub?.requestsPerSecond.toFixed(1) ?? '-', 10, true)} ${pad(g.gateway.p50.toFixed(1), 8, true)} ${pad(g.hub?.p50.toFixed(1) ?? '-', 8, true)} ${pad(g.gateway.p95.toFixed(1), 8, true)} ${pad(g.hub?.p95.toFixed(1) ?? '-', 8, true)}`,
        );
      }
    }

    const report = {
      date: new Date().toISOString(),
      commit: gitCommit(),
      machine: {
        cores: os.cpus().length,
        cpu: os.cpus()[0]?.model ?? null,
        memoryGb: round1(os.totalmem() / 1024 ** 3),
        node: process.version,
        platform: `${os.type()} ${os.release()}`,
      },
      settings: { ...settings, out: path.relative(ROOT, settings.out) },
      dataset: { ...generation.report, reused: generation.reused, generatedAt: generation.generatedAt },
      scenarios: results,
      outbox,
      codesOfTheDay: codes,
      rss: { hubIdleMb, ...peaks, gatewayPeakMb },
      throughGateway,
      method,
    };
    mkdirSync(path.dirname(settings.out), { recursive: true });
    writeFileSync(settings.out, `${JSON.stringify(report, null, 2)}\n`);
    out(`\nWritten to ${path.relative(ROOT, settings.out)}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
