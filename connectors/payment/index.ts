import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { connectorSettingsSchema, defineConnector, type ConnectorSettings, type HubEndpoints } from '../../src/integration/connector.port';
import type { PaymentPlatform } from '../../src/payments/payment.port';
import { HttpPaymentPlatform } from './payment.connector';
import type { PaymentSimulator } from './payment.simulator';

/** The partner code a centre is known by at the platform when none is configured (the simulator accepts it). */
export const SIMULATOR_PARTNER_CODE = 'TTPVHCC-H56';

/** One instance of the payment kind: the shared fields, the partner code and the partner secret. */
export interface PaymentInstanceConfig extends ConnectorSettings {
  partnerCode: string;
  secret: string;
}

const configSchema = connectorSettingsSchema
  .extend({
    partnerCode: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'must be the partner code the platform gave (letters, digits, . _ -)').optional(),
    secret: z.string().min(16, 'must be the partner secret the platform gave (16 characters at least)').optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.url === undefined) return;
    if (config.partnerCode === undefined) ctx.addIssue({ code: 'custom', path: ['partnerCode'], message: 'must be set when url is set' });
    if (config.secret === undefined) ctx.addIssue({ code: 'custom', path: ['secret'], message: 'must be set when url is set' });
  })
  .transform(
    (config): PaymentInstanceConfig => ({
      ...config,
      partnerCode: config.partnerCode ?? SIMULATOR_PARTNER_CODE,
      // A simulated platform signs with a secret nobody knows but this process's adapter and simulator.
      secret: config.secret ?? randomBytes(24).toString('base64url'),
    }),
  );

/**
 * The national payment platform (Nền tảng thanh toán, DOMAIN.md §5) as a
 * connector kind: HTTP and JSON, each message signed with MaXacThuc. The
 * instance named `payment` is configured by the PAYMENT_* settings; its
 * simulator learns the hub's CONFIRM address once the hub listens.
 */
export const paymentConnector = defineConnector<PaymentInstanceConfig, PaymentPlatform, PaymentSimulator & { attachHub(hub: HubEndpoints): void }>({
  kind: 'payment',
  system: 'Nền tảng thanh toán trên Cổng Dịch vụ công quốc gia',
  protocol: 'HTTP',
  configSchema,
  create: (config, deps) => new HttpPaymentPlatform({ url: config.url, partnerCode: config.partnerCode, secret: config.secret, instance: deps.instance, recorder: deps.recorder }),
  methods: {
    // The same reference and amount give the same checkout: safe to repeat.
    start: { idempotent: true, parameters: 2 },
    query: { idempotent: true, parameters: 2 },
  },
  simulator: {
    start: async (config) => {
      const { startPaymentSimulator } = await import('./payment.simulator.js');
      const simulator = await startPaymentSimulator({ port: config.simulatorPort, partnerCode: config.partnerCode, secret: config.secret });
      return Object.assign(simulator, {
        attachHub(hub: HubEndpoints) {
          if (hub.payments) simulator.callbackUrl = hub.payments;
        },
      });
    },
  },
  // A QUERY of a reference nobody uses: any answer the platform signs (or refuses by code) proves it answers.
  health: async (adapter, options) => {
    await adapter.query('LIENTHONG-HEALTH', options);
  },
  topics: [],
  jobs: [],
});
