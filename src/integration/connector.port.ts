import { z } from 'zod';
import type { DeliveryHandler } from '../outbox';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { CallOptions } from './call-options';
import type { ExchangeRecorder } from './exchange.port';
import type { MethodPolicies } from './resilience';

/**
 * The contract every connector kind fulfils (STYLE habit 2: a connector is
 * described by data). `connectors/<system>/index.ts` exports one
 * `ConnectorDefinition`; `connectors/index.ts` lists the kinds; the hub
 * starts one instance per configured `{ name, kind, ...settings }`, each
 * with its own adapter, simulator, resilience (timeout, retries, breaker),
 * health line and exchange-log name. This file is the only part of
 * `src/integration` that connectors import (lint: `*.port`).
 */
export interface ConnectorDefinition<Config extends ConnectorSettings, Port extends object, Simulator extends RunningSimulator = RunningSimulator> {
  /** The kind, as instances name it in `kind`, e.g. "population". */
  readonly kind: string;
  /** What the kind of system is, for people (the `system` of `connectors` unless an instance says otherwise). */
  readonly system: string;
  readonly protocol: 'SOAP' | 'HTTP';
  /**
   * The settings of one instance (everything but `name` and `kind`),
   * validated at start: a bad value stops the start with a message naming
   * where the instance was configured and the field. Extend
   * `connectorSettingsSchema` so that every kind shares `url`,
   * `simulatorPort`, `system` and `resilience`.
   */
  readonly configSchema: z.ZodType<Config, unknown>;
  /** The adapter of one instance, talking to `url` (the instance's own, or its simulator's). */
  create(config: Config & { url: string }, deps: ConnectorDependencies): Port;
  /** Each method of the port: safe to repeat or not, and where its options are (the resilience decorator reads it). */
  readonly methods: MethodPolicies<Port>;
  /** The stand-in the hub starts for an instance without `url`: a real server speaking the same protocol. */
  readonly simulator: ConnectorSimulator<Config, Simulator>;
  /** The cheap health check, on the adapter itself (not through the breaker, so checking never opens it). */
  health(adapter: Port, options: CallOptions): Promise<void>;
  /**
   * Outbox topics the connector delivers on its own (the whole effect is the
   * outside call), each registered per instance as `<instance>.<topic>`.
   * Features' topics that call a port (identity verification) are the
   * features' own and are bound in the composition root.
   */
  readonly topics: ReadonlyArray<ConnectorTopic<Port>>;
  /** Scheduled jobs of each instance (node-cron, the centre's local time; only where JOBS_ENABLED). */
  readonly jobs: ReadonlyArray<ConnectorJob<Port>>;
}

/** What the hub lends an adapter. */
export interface ConnectorDependencies {
  /** The instance's name: its exchange-log `system`, the system named in its errors. */
  instance: string;
  /** Where every request and answer goes (the tamper-evident exchange log), awaited after each call. */
  recorder: ExchangeRecorder;
}

/** A simulator the hub started, and how to stop it. */
export interface RunningSimulator {
  /** The endpoint the instance's adapter is pointed at. */
  readonly url: string;
  stop(): Promise<void>;
  /** A simulator that calls the hub back (a department that pushes) learns where the hub listens, once it does. */
  attachHub?(hub: HubEndpoints): void;
}

/** Where the hub serves outside systems that call it. */
export interface HubEndpoints {
  /** The SOAP endpoint where departments report (schema/wsdl/lienthong-departments.wsdl). */
  departments: string;
  /** Where the national payment platform sends its CONFIRM callbacks; absent until the hub serves them. */
  payments?: string;
  /** Where the postal service sends its status callbacks; absent until the hub serves them. */
  postal?: string;
}

export interface ConnectorSimulator<Config, Simulator extends RunningSimulator = RunningSimulator> {
  /** Starts the simulator for one instance (on `config.simulatorPort`, 0 for a free one, with the instance's credentials). */
  start(config: Config): Promise<Simulator>;
}

/** An outbox topic and the handler that delivers it through the instance's port (under its resilience). */
export interface ConnectorTopic<Port> {
  /** Relative name; the queue is `<instance>.<topic>`. */
  readonly topic: string;
  handler(port: Port, context: ConnectorContext): DeliveryHandler;
}

/** A scheduled job of one instance. */
export interface ConnectorJob<Port> {
  readonly name: string;
  /** Cron expression, the centre's local time. */
  readonly cron: string;
  run(port: Port, context: ConnectorContext): Promise<void>;
}

export interface ConnectorContext {
  instance: string;
  clock: Clock;
  logger: Logger;
}

/** Every setting an instance of any kind has, from a JSON file or (for `population`) from POPULATION_* variables. */
export interface ConnectorSettings {
  /** The real system's endpoint; undefined: the hub starts the kind's simulator for this instance. */
  url?: string | undefined;
  /** Port of the instance's simulator (when `url` is unset); 0 picks a free one. */
  simulatorPort: number;
  /** What this system is, for people, when it differs from the kind's (e.g. the department's name). */
  system?: string | undefined;
  resilience: {
    timeoutMs: number;
    retries: number;
    retryDelayMs: number;
    breakerThreshold: number;
    breakerCooldownMs: number;
  };
}

const whole = (min: number, max: number) =>
  z
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(min, `must be between ${min} and ${max}`)
    .max(max, `must be between ${min} and ${max}`);

/** An instance's resilience; the defaults are those of the POPULATION_* settings. */
export const resilienceSettingsSchema = z
  .object({
    timeoutMs: whole(1, 120_000).default(5000),
    retries: whole(0, 10).default(2),
    retryDelayMs: whole(1, 60_000).default(200),
    breakerThreshold: whole(1, 1000).default(5),
    breakerCooldownMs: whole(1, 3_600_000).default(30_000),
  })
  .strict();

/** The fields every kind shares; a kind's `configSchema` extends it (and stays `.strict()`, so a mistyped field is named). */
export const connectorSettingsSchema = z
  .object({
    url: z
      .string()
      .refine((v) => {
        try {
          const url = new URL(v);
          return url.protocol === 'https:' || url.protocol === 'http:';
        } catch {
          return false;
        }
      }, 'must be an http(s) URL')
      .optional(),
    simulatorPort: whole(0, 65535).default(0),
    system: z.string().min(1, 'must not be empty').optional(),
    resilience: resilienceSettingsSchema.prefault({}),
  })
  .strict();

/** Identity for a definition, so that its types are inferred and checked against the contract where it is written. */
export function defineConnector<Config extends ConnectorSettings, Port extends object, Simulator extends RunningSimulator>(
  definition: ConnectorDefinition<Config, Port, Simulator>,
): ConnectorDefinition<Config, Port, Simulator> {
  return definition;
}
