import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);
const SPECS = ['src/**/*.spec.ts', 'connectors/**/*.spec.ts', 'tests/**/*.spec.ts'];

/**
 * CI runs the suite twice, on PostgreSQL and on the embedded PGlite. A spec
 * that never touches a database (no test hub, no provisioned database, no
 * hub process) gives the same answer both times: with
 * TEST_DATABASE_ONLY=true (.ci/run's PostgreSQL run) it is left out, and
 * runs once, in the embedded run.
 */
const USES_A_DATABASE = /startTestHub|provisionDatabase|openDatabase|startHub|support\/database|DATABASE_URL|spawn\(|fork\(/;
const databaseFree = (): string[] =>
  ['src', 'connectors', 'tests']
    .flatMap((dir) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((file) => path.join(dir, file)))
    .filter((file) => file.endsWith('.spec.ts') && !USES_A_DATABASE.test(readFileSync(file, 'utf8')));

export default defineConfig({
  resolve: {
    // One copy of graphql, or type-graphql and Apollo see "another module or realm".
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: SPECS,
    exclude: process.env.TEST_DATABASE_ONLY === 'true' ? databaseFree() : [],
    pool: 'forks',
    // Each worker imports the hub once for all the spec files it runs (about half of a run's time was importing it
    // again for every file): a spec restores what it changes in the process (environment, fake timers, spies).
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    setupFiles: ['./tests/setup.ts'],
    globalSetup: ['./tests/global-setup.ts'],
    // The machines have two cores; most of a test's time is spent waiting on a database or a socket.
    maxWorkers: 2,
  },
});
