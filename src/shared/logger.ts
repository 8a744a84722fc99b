import pino, { type Logger } from 'pino';
import type { LogConfig } from '../config';

export type { Logger };

/** Twelve-digit personal ids in free text: kept as 038*******34 (DOMAIN.md §7: mask IDs in logs). */
const PERSONAL_ID = /\b(\d{3})\d{7}(\d{2})\b/g;

export function maskPersonalIds(text: string): string {
  return text.replace(PERSONAL_ID, '$1*******$2');
}

/**
 * The hub's structured logger (JSON lines on stdout). Every line is masked
 * as it is written, whatever carries a personal id (a message, an error, a
 * payload); consent codes and tokens are redacted.
 */
export function createLogger(config: LogConfig, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level: config.level,
    base: { service: 'lienthong' },
    redact: { paths: ['req.headers.authorization', '*.consentToken', 'consentToken', '*.token'], censor: '[masked]' },
    hooks: { streamWrite: maskPersonalIds },
  };
  return destination ? pino(options, destination) : pino(options);
}
