import { createHash } from 'node:crypto';

/**
 * How one exchange with an outside system ended. The hub's categories, never
 * the upstream's words: `FAULT` is an answer that is a SOAP fault (a refused
 * consent, a refused request), `TOO_LARGE` an answer cut off at the size cap.
 */
export type ExchangeOutcome = 'OK' | 'FAULT' | 'CREDENTIALS_REFUSED' | 'UNAVAILABLE' | 'TIMEOUT' | 'MALFORMED' | 'TOO_LARGE';

/** One message as the log keeps it: when, how big, its digest. Never its body (personal data). */
export interface MessageDigest {
  at: Date;
  sizeBytes: number;
  sha256: string;
}

/** One call to an outside system: the request the hub sent and the answer, if any came. */
export interface Exchange {
  /** Connector name, e.g. "population". */
  system: string;
  /** Where the request went (no credentials in it). */
  endpoint: string;
  /** The protocol's operation, e.g. the SOAP operation "TraCuuCongDan". */
  operation: string;
  outcome: ExchangeOutcome;
  /** Correlation: the request id the other side logs too (MaYeuCau), and the dossier it served. */
  requestId: string | null;
  dossierCode: string | null;
  request: MessageDigest;
  /** Null when no answer came (network failure, timeout). */
  response: (MessageDigest & { httpStatus: number | null }) | null;
  /** What went wrong, in the adapter's words: for the masked operator log only, never stored nor shown to callers. */
  detail: string | null;
}

/**
 * Where adapters hand every exchange (src/audit keeps them in the
 * tamper-evident exchange log). Adapters await it after each call: when it
 * rejects, the call fails too, so no answer is used that is not on record.
 */
export interface ExchangeRecorder {
  record(exchange: Exchange): Promise<void>;
}

/** The digest of a message body as sent or received (UTF-8 for text). */
export function digestMessage(body: string | Buffer, at: Date): MessageDigest {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return { at, sizeBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}
