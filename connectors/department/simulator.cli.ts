import { type DepartmentSimulator, type DepartmentSimulatorOptions } from './simulators/common';
import { startPolledDepartmentSimulator } from './simulators/polled.simulator';
import { startPushingDepartmentSimulator } from './simulators/pushing.simulator';

const KINDS = { polled: 4201, pushing: 4202 } as const;

/** A whole number from the environment, or a message naming the variable. */
function whole(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number of ${name.endsWith('_PORT') ? 'a port' : 'milliseconds'}, not "${raw}"`);
  return value;
}

/**
 * `node dist/connectors/department/simulator.cli.js polled|pushing`: one
 * department simulator on its own (Sở NN&MT's one-stop system at
 * /motcua, polled by the hub; or UBND tỉnh's document system at /qlvb,
 * which reports to the hub), so that it can be stopped and started again
 * while the hub runs. Settings from the environment:
 *   SIM_DEPARTMENT_PORT            default 4201 (polled), 4202 (pushing)
 *   SIM_DEPARTMENT_HOST            default 127.0.0.1
 *   SIM_DEPARTMENT_PROCESSING_MS   how long a dossier takes, default 30000
 *   SIM_DEPARTMENT_USERNAME / SIM_DEPARTMENT_PASSWORD   what it accepts, default lienthong-hub / simulator
 *   pushing only: SIM_DEPARTMENT_HUB_URL (default http://127.0.0.1:4000/soap/lien-thong) and
 *   SIM_DEPARTMENT_HUB_USERNAME / SIM_DEPARTMENT_HUB_PASSWORD, the credentials the hub's
 *   configuration gives this department (default ubnd-tinh / simulator).
 */
async function main(): Promise<void> {
  const kind = process.argv[2];
  if (kind !== 'polled' && kind !== 'pushing') throw new Error(`usage: simulator.cli.js polled|pushing (not "${kind ?? ''}")`);
  const options: DepartmentSimulatorOptions = {
    host: process.env.SIM_DEPARTMENT_HOST ?? '127.0.0.1',
    port: whole('SIM_DEPARTMENT_PORT', KINDS[kind]),
    processingMs: whole('SIM_DEPARTMENT_PROCESSING_MS', 30_000),
    username: process.env.SIM_DEPARTMENT_USERNAME ?? 'lienthong-hub',
    password: process.env.SIM_DEPARTMENT_PASSWORD ?? 'simulator',
  };
  let simulator: DepartmentSimulator;
  if (kind === 'polled') {
    simulator = await startPolledDepartmentSimulator(options);
    console.log(`polled department simulator (Sở NN&MT) at ${simulator.url} (WS-Security user ${options.username}); Ctrl-C stops it`);
  } else {
    const pushing = await startPushingDepartmentSimulator(options);
    const hubUrl = process.env.SIM_DEPARTMENT_HUB_URL ?? 'http://127.0.0.1:4000/soap/lien-thong';
    const hubUser = process.env.SIM_DEPARTMENT_HUB_USERNAME ?? 'ubnd-tinh';
    pushing.attachHub(hubUrl, { username: hubUser, password: process.env.SIM_DEPARTMENT_HUB_PASSWORD ?? 'simulator' });
    simulator = pushing;
    console.log(`pushing department simulator (UBND tỉnh) at ${simulator.url} (WS-Security user ${options.username}), reporting to ${hubUrl} as ${hubUser}; Ctrl-C stops it`);
  }
  const stop = () => {
    void simulator.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
