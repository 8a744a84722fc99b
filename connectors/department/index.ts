import type { DepartmentSystem } from '../../src/departments/department.port';
import { defineConnector, type HubEndpoints, type RunningSimulator } from '../../src/integration/connector.port';
import { departmentConfigSchema, type DepartmentInstanceConfig } from './department.config';
import { SoapDepartmentSystem } from './department.connector';
import type { DepartmentSimulator } from './simulators/polled.simulator';

export type { DepartmentInstanceConfig } from './department.config';

/** A department simulator the hub started, with the simulator itself for tests. */
export interface RunningDepartmentSimulator extends RunningSimulator {
  readonly simulator: DepartmentSimulator;
}

/**
 * A department's own SOAP system as a connector kind: one kind, one
 * instance per department file (DEPARTMENTS_DIR), each with its WSDL,
 * operations, JSONata mappings, status codes, credentials from the
 * environment, resilience and pull schedule. No code per department:
 * connectors/department/README.md shows how to connect one.
 */
export const departmentConnector = defineConnector<DepartmentInstanceConfig, DepartmentSystem, RunningDepartmentSimulator>({
  kind: 'department',
  system: 'Hệ thống của sở, ngành',
  protocol: 'SOAP',
  configSchema: departmentConfigSchema,
  create: (config, deps) => new SoapDepartmentSystem(config, { instance: deps.instance, system: config.system ?? deps.instance, recorder: deps.recorder }),
  methods: {
    // Sending carries its key: the department answers the same reference to a repeat.
    send: { idempotent: true, parameters: 2 },
    changes: { idempotent: true, parameters: 2 },
    ping: { idempotent: true, parameters: 1 },
  },
  simulator: {
    // Loaded only for a file without `url`: a hub pointed at real systems never loads simulator code.
    start: async (config): Promise<RunningDepartmentSimulator> => {
      const options = {
        port: config.simulatorPort,
        username: config.credentials.username,
        password: config.credentials.password,
        processingMs: config.simulatorProcessingMs,
        mode: config.simulatorMode,
        slowMs: config.simulatorSlowMs,
      };
      if (config.simulator === 'pushing') {
        const { startPushingDepartmentSimulator } = await import('./simulators/pushing.simulator.js');
        const simulator = await startPushingDepartmentSimulator(options);
        const push = config.push;
        return {
          url: simulator.url,
          simulator,
          stop: () => simulator.stop(),
          attachHub: (hub: HubEndpoints) => {
            if (push) simulator.attachHub(hub.departments, push);
          },
        };
      }
      const { startPolledDepartmentSimulator } = await import('./simulators/polled.simulator.js');
      const simulator = await startPolledDepartmentSimulator(options);
      return { url: simulator.url, simulator, stop: () => simulator.stop() };
    },
  },
  health: (adapter, options) => adapter.ping(options),
  // Sending and pulling change the dossiers feature's records: their topic and job are bound in src/hub.ts.
  topics: [],
  jobs: [],
});
