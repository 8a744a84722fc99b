import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { connectorSettingsSchema, defineConnector, type ConnectorSettings, type HubEndpoints } from '../../src/integration/connector.port';
import { PostalRefusedError, type PostalService } from '../../src/postal/postal.port';
import { HttpPostalService } from './postal.connector';
import { PARCEL_OUTCOMES, type ParcelOutcome, type PostalSimulator } from './postal.simulator';

/** The client and customer a simulated post knows the centre by. */
export const SIMULATOR_CLIENT_ID = 'ttpvhcc-h56';
export const SIMULATOR_CUSTOMER_CODE = 'TTPVHCC-H56';

/** One instance of the postal kind: the shared fields, the gateway client's credentials, the customer code and, for its simulator, how parcels go. */
export interface PostalInstanceConfig extends ConnectorSettings {
  clientId: string;
  clientSecret: string;
  customerCode: string;
  simulatorDeliveryMs: number;
  simulatorOutcome: ParcelOutcome;
}

const configSchema = connectorSettingsSchema
  .extend({
    clientId: z.string().min(1, 'must be the client id the gateway gave').max(200).optional(),
    clientSecret: z.string().min(16, 'must be the client secret the gateway gave (16 characters at least)').optional(),
    customerCode: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'must be the customer code the post gave (letters, digits, . _ -)').optional(),
    simulatorDeliveryMs: z.number().int().min(0).max(86_400_000).default(60_000),
    simulatorOutcome: z.enum(PARCEL_OUTCOMES as [ParcelOutcome, ...ParcelOutcome[]]).default('DELIVERED'),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.url === undefined) return;
    for (const field of ['clientId', 'clientSecret', 'customerCode'] as const) {
      if (config[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'must be set when url is set' });
    }
  })
  .transform(
    (config): PostalInstanceConfig => ({
      ...config,
      clientId: config.clientId ?? SIMULATOR_CLIENT_ID,
      // A simulated post knows a secret nobody knows but this process's adapter and simulator.
      clientSecret: config.clientSecret ?? randomBytes(24).toString('base64url'),
      customerCode: config.customerCode ?? SIMULATOR_CUSTOMER_CODE,
    }),
  );

/**
 * The public postal service (Vietnam Post's BCCI through the province's
 * gateway, DOMAIN.md §5) as a connector kind: OAuth2 client credentials,
 * then order, cancel and tracking as JSON; status callbacks signed with
 * HMAC. The instance named `postal` is configured by the POSTAL_* settings;
 * its simulator learns the hub's callback address once the hub listens.
 */
export const postalConnector = defineConnector<PostalInstanceConfig, PostalService, PostalSimulator & { attachHub(hub: HubEndpoints): void }>({
  kind: 'postal',
  system: 'Dịch vụ bưu chính công ích (Bưu điện Việt Nam)',
  protocol: 'HTTP',
  configSchema,
  create: (config, deps) =>
    new HttpPostalService({ url: config.url, clientId: config.clientId, clientSecret: config.clientSecret, customerCode: config.customerCode, instance: deps.instance, recorder: deps.recorder }),
  methods: {
    // The same order number answers the same order; cancelling twice is fine; tracking only reads.
    order: { idempotent: true, parameters: 2 },
    cancel: { idempotent: true, parameters: 2 },
    track: { idempotent: true, parameters: 2 },
  },
  simulator: {
    start: async (config) => {
      const { startPostalSimulator } = await import('./postal.simulator.js');
      const simulator = await startPostalSimulator({
        port: config.simulatorPort,
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        customerCode: config.customerCode,
        deliveryMs: config.simulatorDeliveryMs,
        outcome: config.simulatorOutcome,
      });
      return Object.assign(simulator, {
        attachHub(hub: HubEndpoints) {
          if (hub.postal) simulator.callbackUrl = hub.postal;
        },
      });
    },
  },
  // Tracking a parcel nobody sent: a token and any answer the post gives (its "not found" included) prove it answers.
  health: async (adapter, options) => {
    try {
      await adapter.track('HEALTH0CHECK', options);
    } catch (error) {
      if (!(error instanceof PostalRefusedError)) throw error;
    }
  },
  topics: [],
  jobs: [],
});
