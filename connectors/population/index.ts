import { z } from 'zod';
import type { PopulationRegistry } from '../../src/citizens/population.port';
import { connectorSettingsSchema, defineConnector, type ConnectorSettings } from '../../src/integration/connector.port';
import { SoapPopulationRegistry } from './population.connector';
import type { PopulationSimulator } from './population.simulator';

/** The credentials the built-in simulator accepts when an instance has no `url` (and names none). */
export const SIMULATOR_USERNAME = 'lienthong-hub';
export const SIMULATOR_PASSWORD = 'simulator';

/** One instance of the population kind: the shared fields, and the WS-Security UsernameToken. */
export interface PopulationInstanceConfig extends ConnectorSettings {
  username: string;
  password: string;
}

const configSchema = connectorSettingsSchema
  .extend({
    username: z.string().min(1, 'must not be empty').optional(),
    password: z.string().min(1, 'must not be empty').optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.url === undefined) return;
    if (config.username === undefined) ctx.addIssue({ code: 'custom', path: ['username'], message: 'must be set when url is set' });
    if (config.password === undefined) ctx.addIssue({ code: 'custom', path: ['password'], message: 'must be set when url is set' });
  })
  .transform(
    (config): PopulationInstanceConfig => ({
      ...config,
      // The simulator's own credentials when no real system is configured.
      username: config.username ?? SIMULATOR_USERNAME,
      password: config.password ?? SIMULATOR_PASSWORD,
    }),
  );

/**
 * The national population database (CSDLQG về dân cư) as a connector kind:
 * SOAP with WS-Security over schema/wsdl/population.wsdl. The instance
 * named `population` is configured by the POPULATION_* settings and serves
 * the features (citizens, reception, identity verification); more
 * instances come from the CONNECTORS file.
 */
export const populationConnector = defineConnector<PopulationInstanceConfig, PopulationRegistry, PopulationSimulator>({
  kind: 'population',
  system: 'Cơ sở dữ liệu quốc gia về dân cư',
  protocol: 'SOAP',
  configSchema,
  create: (config, deps) => new SoapPopulationRegistry({ url: config.url, username: config.username, password: config.password, recorder: deps.recorder, instance: deps.instance }),
  methods: {
    lookup: { idempotent: true, parameters: 2 },
    ping: { idempotent: true, parameters: 1 },
  },
  simulator: {
    // Loaded only when an instance has no url: a hub pointed at the real systems never loads simulator code.
    start: async (config) => {
      const { startPopulationSimulator } = await import('./population.simulator.js');
      return startPopulationSimulator({ port: config.simulatorPort, username: config.username, password: config.password });
    },
  },
  health: (adapter, options) => adapter.ping(options),
  // Identity verification (population.verify-identity) is the citizens feature's topic, bound to the `population` instance in src/hub.ts.
  topics: [],
  jobs: [],
});
