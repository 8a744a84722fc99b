import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import type { Exchange, ExchangeRecorder } from '../integration';
import type { Logger } from '../shared/logger';
import { ExchangeLogEntry } from './exchange-log.entity';

/** The exchange log could not be written: the call that produced the exchange fails with it (a bug or an operator's matter, never the caller's). */
export class ExchangeLogError extends Error {
  override name = 'ExchangeLogError';
}

/**
 * Keeps every exchange in `exchange_log` (two chained rows: the request,
 * then the answer), through the hub's own Database in a statement of its
 * own: never inside a caller's transaction, so an adapter may call it
 * while a request's EntityManager is idle (PGlite is one session: see
 * STACK.md pitfall 4). A failed write is logged and rethrown, so the call
 * fails loudly rather than leave an exchange off the record. Failures of
 * the outside system are logged here too, with the adapter's detail
 * (masked by the logger): the one place that detail goes.
 */
export class DatabaseExchangeRecorder implements ExchangeRecorder {
  constructor(
    private readonly database: Database,
    private readonly logger: Logger,
  ) {}

  async record(exchange: Exchange): Promise<void> {
    const { system, operation, outcome, requestId } = exchange;
    if (outcome !== 'OK') this.logger.warn({ system, operation, outcome, requestId, detail: exchange.detail }, 'outside system call failed');
    const exchangeId = randomUUID();
    const common = { exchangeId, system, endpoint: exchange.endpoint, operation, outcome, requestId, dossierCode: exchange.dossierCode };
    const { request, response } = exchange;
    const rows = [
      { ...common, id: randomUUID(), direction: 'OUT' as const, at: request.at, sizeBytes: request.sizeBytes, bodySha256: request.sha256, httpStatus: null, durationMs: null },
      {
        ...common,
        id: randomUUID(),
        direction: 'IN' as const,
        at: response?.at ?? new Date(),
        sizeBytes: response?.sizeBytes ?? null,
        bodySha256: response?.sha256 ?? null,
        httpStatus: response?.httpStatus ?? null,
        durationMs: Math.max(0, Math.round((response?.at ?? new Date()).getTime() - request.at.getTime())),
      },
    ];
    try {
      // One statement: both rows or neither, in order (the trigger chains them as they come).
      await this.database.fork().insertMany(ExchangeLogEntry, rows);
    } catch (error) {
      this.logger.error({ err: error, system, operation, requestId }, 'the exchange log could not be written: the call fails');
      throw new ExchangeLogError(`exchange log write failed for ${system}.${operation}`, { cause: error });
    }
  }
}
