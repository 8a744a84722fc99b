import pino, { type Logger } from 'pino';
import type { LogConfig } from '../config';

export type { Logger };

/** Twelve-digit personal ids in free text: kept as 038*******34 (DOMAIN.md §7: mask IDs in logs). */
const PERSONAL_ID = /\b(\d{3})\d{7}(\d{2})\b/g;

export function maskPersonalIds(text: string): string {
  return text.replace(PERSONAL_ID, '$1*******$2');
}

/** The hub's structured logger (JSON lines on stdout), with personal ids masked in messages. */
export function createLogger(config: LogConfig): Logger {
  return pino({
    level: config.level,
    base: { service: 'lienthong' },
    redact: { paths: ['req.headers.authorization', '*.personalId', '*.consentToken', 'personalId', 'consentToken'], censor: '[masked]' },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? maskPersonalIds(arg) : arg)) as Parameters<typeof method>,
        );
      },
    },
  });
}
