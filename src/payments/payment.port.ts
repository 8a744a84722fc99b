import type { CallOptions } from '../integration';

/**
 * The national payment platform (Nền tảng thanh toán, DOMAIN.md §5) as the
 * hub needs it. Adapters live in connectors/payment/. Amounts are whole
 * VND; references are unique per payment and derived from the dossier code.
 */
export interface PaymentPlatform {
  /**
   * Starts a payment (INIT): answers where to send the payer. The same
   * reference with the same amount again gives the same checkout (safe to
   * repeat). Throws `PaymentRefusedError` when the platform refuses the
   * request, `UpstreamError` when it cannot be reached or fails.
   */
  start(request: PaymentRequest, options?: CallOptions): Promise<{ checkoutUrl: string }>;
  /** Where a payment stands (QUERY), for reconciliation. Safe to repeat. */
  query(reference: string, options?: CallOptions): Promise<PaymentState>;
  /**
   * Reads CONFIRM callbacks as the platform sends them: checks partner and
   * signature; never trusts a field of an unsigned or forged message. A
   * plain reader (no call goes out), beside the port's calls.
   */
  readonly confirmations: ConfirmationReader;
}

export interface ConfirmationReader {
  read(body: unknown): Confirmation;
}

export interface PaymentRequest {
  reference: string;
  amount: number;
  description: string;
  dossierCode: string;
  procedureCode: string;
  agencyCode: string;
  payerName: string;
  payerIp: string;
  at: Date;
}

export interface PaymentState {
  status: 'PAID' | 'FAILED' | 'PENDING' | 'UNKNOWN';
  amount: number | null;
  transactionId: string | null;
}

export type Confirmation =
  | { valid: true; reference: string; amount: number; currency: string; paid: boolean; code: string; transactionId: string }
  | { valid: false; reason: string };

/** The platform refused a request the hub made (its error code): an operator must look; the payer did nothing wrong. */
export class PaymentRefusedError extends Error {
  constructor(
    readonly platformCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'PaymentRefusedError';
  }
}
