import { randomBytes } from 'node:crypto';
import path from 'node:path';
import cron from 'node-cron';
import { z } from 'zod';
import { StepReportMeaning } from '../../src/departments/department.port';
import { connectorSettingsSchema, type ConnectorSettings } from '../../src/integration/connector.port';
import { compileMapping, MappingSyntaxError } from './department.mapping';

/** The credentials a simulated department's system accepts from the hub when the file names none. */
export const SIMULATOR_USERNAME = 'lienthong-hub';
export const SIMULATOR_PASSWORD = 'simulator';

/** A department's statuses may mean only these for the hub's step. */
const MEANINGS = Object.values(StepReportMeaning) as [StepReportMeaning, ...StepReportMeaning[]];

const expression = z
  .string({ error: 'must be a JSONata expression (a string)' })
  .min(1, 'must not be empty')
  .superRefine((text, ctx) => {
    try {
      compileMapping(text);
    } catch (error) {
      if (!(error instanceof MappingSyntaxError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
    }
  });

const operation = z.string({ error: 'must name a SOAP operation of the WSDL' }).regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'must name a SOAP operation of the WSDL');

const envName = z.string({ error: 'must name an environment variable' }).regex(/^[A-Z][A-Z0-9_]*$/, 'must name an environment variable like SO_NNMT_PASSWORD');

/**
 * WS-Security credentials as a file gives them: the names of the
 * environment variables that hold them (never the values: the file is not
 * a secret). The settings reader (src/config/departments-dir.ts) adds the
 * values it found as `username` and `password`.
 */
const credentials = z
  .object({
    usernameEnv: envName,
    passwordEnv: envName,
    username: z.string().optional(),
    password: z.string().optional(),
  })
  .strict();

const cronExpression = z.string().refine((v) => cron.validate(v), 'must be a cron expression like "*/30 * * * * *" (seconds optional), the centre\'s local time');

const whole = (min: number, max: number) =>
  z
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(min, `must be between ${min} and ${max}`)
    .max(max, `must be between ${min} and ${max}`);

/** The file's fields (see connectors/department/README.md), after the reader resolved the environment. */
const fileSchema = connectorSettingsSchema
  .extend({
    /** Set by the reader: the file, so that `wsdl` may be relative to it. */
    configFile: z.string(),
    /** The catalogue agency whose steps this system takes. */
    agencyCode: z.string({ error: 'must be the code of an agency of the catalogue, like 000.00.84.H56' }).min(1, 'must not be empty'),
    /** The department's WSDL: a path (relative to the file) or an http(s) URL. */
    wsdl: z.string({ error: 'must be the path or URL of the WSDL' }).min(1, 'must not be empty'),
    /** Which built-in simulator stands in while `url` is unset. */
    simulator: z.enum(['polled', 'pushing'], { error: 'must be "polled" or "pushing"' }).optional(),
    /** How long a simulated department takes over a dossier (from SIM_DEPARTMENT_PROCESSING_MS unless the file says). */
    simulatorProcessingMs: whole(0, 86_400_000).optional(),
    /** How the simulator answers from the start (to try the hub against a department that is slow, down or faulting). */
    simulatorMode: z.enum(['normal', 'slow', 'down', 'fault'], { error: 'must be "normal", "slow", "down" or "fault"' }).default('normal'),
    /** The wait of every answer in "slow" mode. */
    simulatorSlowMs: whole(0, 600_000).default(10_000),
    maxAnswerBytes: whole(1024, 100 * 1024 * 1024).default(16 * 1024 * 1024),
    credentials: credentials.optional(),
    send: z
      .object({ operation, request: expression, reference: expression })
      .strict(),
    pull: z
      .object({ operation, cron: cronExpression, request: expression, reports: expression })
      .strict()
      .optional(),
    push: credentials.optional(),
    statuses: z
      .record(z.string().min(1, 'a status code must not be empty'), z.object({ meaning: z.enum(MEANINGS, { error: `must be one of ${MEANINGS.join(', ')}` }), label: z.string().min(1, 'must not be empty') }).strict())
      .refine((map) => Object.values(map).some((s) => s.meaning === StepReportMeaning.DONE), 'must map at least one status code to DONE (the step is finished)'),
    health: z
      .object({ operation, request: expression.default('{}'), ok: expression.optional() })
      .strict()
      .optional(),
    /** What the GraphQL gateway (mesh/) reads from this system directly: never a write, never the change feed. */
    gateway: z
      .object({
        /** The department's own record of a dossier, linked from a hub step at this agency (DossierStep.departmentRecord). */
        record: z.object({ operation, request: expression, answer: expression }).strict().optional(),
        /** Stateless reads of a public register, exposed as they are under Query (mesh/README.md). */
        expose: z.array(operation).max(20).default([]),
      })
      .strict()
      .optional(),
  })
  .strict();

type FileConfig = z.output<typeof fileSchema>;

/** One department instance, ready to start: paths resolved, credentials known. */
export interface DepartmentInstanceConfig extends ConnectorSettings {
  configFile: string;
  agencyCode: string;
  /** Absolute path, or URL. */
  wsdl: string;
  simulator: 'polled' | 'pushing' | undefined;
  simulatorProcessingMs: number;
  simulatorMode: 'normal' | 'slow' | 'down' | 'fault';
  simulatorSlowMs: number;
  maxAnswerBytes: number;
  /** What the hub sends with each call (WS-Security UsernameToken); the variables' names, for messages. */
  credentials: { username: string; password: string; usernameEnv: string | null; passwordEnv: string | null };
  send: FileConfig['send'];
  pull: FileConfig['pull'] | null;
  /** What the department sends to the hub's endpoint; null: it does not push. */
  push: { username: string; password: string } | null;
  statuses: FileConfig['statuses'];
  health: FileConfig['health'] | null;
  /** What the gateway may read from this system; null: nothing. */
  gateway: FileConfig['gateway'] | null;
}

const DEFAULT_PROCESSING_MS = 30_000;

function missing(ctx: z.RefinementCtx, field: string[], variable: string | undefined, why: string): void {
  ctx.addIssue({ code: 'custom', path: field, message: variable ? `names ${variable}, which is not set (${why})` : `must be set (${why})` });
}

/**
 * A department file, checked: every field, every mapping compiled, the
 * cron valid, credentials present when a real system is configured. Used
 * as the department kind's `configSchema`, so that a bad file stops the
 * start with messages naming the file and the field.
 */
export const departmentConfigSchema = fileSchema
  .superRefine((config, ctx) => {
    if (config.url === undefined) {
      if (config.simulator === undefined) ctx.addIssue({ code: 'custom', path: ['url'], message: 'must be set: the URL of the department\'s SOAP endpoint (or "simulator": "polled" | "pushing" to use a built-in simulator)' });
    } else {
      if (!config.credentials) ctx.addIssue({ code: 'custom', path: ['credentials'], message: 'must be set when url is set: { "usernameEnv": "...", "passwordEnv": "..." }' });
      else {
        if (config.credentials.username === undefined) missing(ctx, ['credentials', 'usernameEnv'], config.credentials.usernameEnv, 'the WS-Security username the hub sends');
        if (config.credentials.password === undefined) missing(ctx, ['credentials', 'passwordEnv'], config.credentials.passwordEnv, 'the WS-Security password the hub sends');
      }
      if (config.push) {
        if (config.push.username === undefined) missing(ctx, ['push', 'usernameEnv'], config.push.usernameEnv, 'the username the department reports with');
        if (config.push.password === undefined) missing(ctx, ['push', 'passwordEnv'], config.push.passwordEnv, 'the password the department reports with');
      }
    }
    for (const [i, exposed] of (config.gateway?.expose ?? []).entries()) {
      if ([config.send.operation, config.pull?.operation].includes(exposed)) {
        ctx.addIssue({ code: 'custom', path: ['gateway', 'expose', i], message: `must not be ${exposed}: the gateway exposes reads of a register, never the sending or the change feed (they stay behind the hub)` });
      }
    }
    if (config.simulator === 'pushing' && config.url === undefined && !config.push) {
      ctx.addIssue({ code: 'custom', path: ['push'], message: 'must be set for the pushing simulator: it reports to the hub\'s endpoint' });
    }
  })
  .transform(
    (config): DepartmentInstanceConfig => {
      const wsdl = /^https?:\/\//.test(config.wsdl) ? config.wsdl : path.resolve(path.dirname(config.configFile), config.wsdl);
      const simulated = config.url === undefined;
      const push = config.push
        ? {
            username: config.push.username ?? `simulator-${config.agencyCode}`,
            // A simulated department that pushes gets a password nobody knows but the hub and its simulator.
            password: config.push.password ?? (simulated ? randomBytes(24).toString('base64url') : ''),
          }
        : null;
      return {
        url: config.url,
        simulatorPort: config.simulatorPort,
        system: config.system,
        resilience: config.resilience,
        configFile: config.configFile,
        agencyCode: config.agencyCode,
        wsdl,
        simulator: config.simulator,
        simulatorProcessingMs: config.simulatorProcessingMs ?? DEFAULT_PROCESSING_MS,
        simulatorMode: config.simulatorMode,
        simulatorSlowMs: config.simulatorSlowMs,
        maxAnswerBytes: config.maxAnswerBytes,
        credentials: {
          username: config.credentials?.username ?? SIMULATOR_USERNAME,
          password: config.credentials?.password ?? SIMULATOR_PASSWORD,
          usernameEnv: config.credentials?.usernameEnv ?? null,
          passwordEnv: config.credentials?.passwordEnv ?? null,
        },
        send: config.send,
        pull: config.pull ?? null,
        push,
        statuses: config.statuses,
        health: config.health ?? null,
        gateway: config.gateway ?? null,
      };
    },
  );
