import { parseArgs } from 'node:util';
import { startPopulationSimulator } from './population.simulator';

/**
 * `npm run simulator:population -- --port 4101`: the population simulator on
 * its own, for a hub started with POPULATION_URL=http://127.0.0.1:4101/dancu
 * (and the same username and password), so that it can be stopped and
 * started again while the hub runs.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4101' },
      host: { type: 'string', default: '127.0.0.1' },
      username: { type: 'string', default: process.env.POPULATION_USERNAME ?? 'lienthong-hub' },
      password: { type: 'string', default: process.env.POPULATION_PASSWORD ?? 'simulator' },
    },
  });
  const simulator = await startPopulationSimulator({ host: values.host, port: Number(values.port), username: values.username, password: values.password });
  console.log(`population simulator at ${simulator.url} (WS-Security user ${values.username}); Ctrl-C stops it`);
  const stop = () => {
    void simulator.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
