import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { connectorSettingsSchema, defineConnector, type ConnectorSettings } from '../../src/integration/connector.port';
import type { NationalPortal } from '../../src/portal/portal.port';
import { HttpNationalPortal } from './portal.connector';
export { procedureMessage } from './portal.connector';
import type { PortalSimulator } from './portal.simulator';

/** The account a simulated portal knows the province by. */
export const SIMULATOR_USERNAME = 'ttpvhcc-h56';
export const SIMULATOR_AGENCY_CODE = 'H56';

/** One instance of the national-portal kind: the shared fields, the adapter account, the province's unit code and, for its simulator, how it behaves. */
export interface PortalInstanceConfig extends ConnectorSettings {
  username: string;
  password: string;
  agencyCode: string;
  simulatorDelayMs: number;
  simulatorDown: boolean;
}

const configSchema = connectorSettingsSchema
  .extend({
    username: z.string().min(1, 'must be the account the portal gave').max(200).optional(),
    password: z.string().min(8, 'must be the password the portal gave (8 characters at least)').optional(),
    agencyCode: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, "must be the province's unit code at the portal (madonvi: letters, digits, . _ -)").default(SIMULATOR_AGENCY_CODE),
    simulatorDelayMs: z.number().int().min(0).max(120_000).default(0),
    simulatorDown: z.boolean().default(false),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (config.url === undefined) return;
    for (const field of ['username', 'password'] as const) {
      if (config[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: 'must be set when url is set' });
    }
  })
  .transform(
    (config): PortalInstanceConfig => ({
      ...config,
      username: config.username ?? SIMULATOR_USERNAME,
      // A simulated portal knows a password nobody knows but this process's adapter and simulator.
      password: config.password ?? randomBytes(18).toString('base64url'),
    }),
  );

/**
 * The national public service portal (Cổng Dịch vụ công quốc gia, DVCQG;
 * DOMAIN.md §2.2) as a connector kind: a session from the login, then
 * DongBoHoSoMC, CapNhatTienDoHoSoMC, TraCuuHoSo, LayThuTuc,
 * LayDanhSachTTHC, LayDanhSachHoSo and CapNhatDaNhanHoSo as JSON. The instance named `portal` is configured by the
 * PORTAL_* settings.
 */
export const portalConnector = defineConnector<PortalInstanceConfig, NationalPortal, PortalSimulator>({
  kind: 'portal',
  system: 'Cổng Dịch vụ công quốc gia',
  protocol: 'HTTP',
  configSchema,
  create: (config, deps) =>
    new HttpNationalPortal({ url: config.url, username: config.username, password: config.password, agencyCode: config.agencyCode, instance: deps.instance, recorder: deps.recorder }),
  methods: {
    // A dossier's record replaces the portal's; a move is kept once by its number; the rest only read.
    syncDossier: { idempotent: true, parameters: 2 },
    syncProgress: { idempotent: true, parameters: 2 },
    lookupDossier: { idempotent: true, parameters: 2 },
    listProcedures: { idempotent: true, parameters: 1 },
    procedure: { idempotent: true, parameters: 2 },
    pendingSubmissions: { idempotent: true, parameters: 1 },
    // Acknowledging twice changes nothing at the portal.
    acknowledgeSubmission: { idempotent: true, parameters: 3 },
  },
  simulator: {
    start: async (config) => {
      const { startPortalSimulator } = await import('./portal.simulator.js');
      return startPortalSimulator({
        port: config.simulatorPort,
        username: config.username,
        password: config.password,
        agencyCode: config.agencyCode,
        delayMs: config.simulatorDelayMs,
        down: config.simulatorDown,
      });
    },
  },
  // Looking up a dossier nobody sent: a session and an answer prove the portal answers.
  health: async (adapter, options) => {
    await adapter.lookupDossier('HEALTH-CHECK', options);
  },
  topics: [],
  jobs: [],
});
