import type { CallOptions } from '../integration';

/**
 * The public postal service (Vietnam Post's BCCI, DOMAIN.md §5) as the hub
 * needs it: orders to carry a dossier's result to the applicant (delivery)
 * or the applicant's paper dossier to the centre (pickup), their
 * cancellation, and their tracking. Adapters live in connectors/postal/.
 * Amounts are whole VND; an order is known by its order number, unique per
 * shipment and derived from the dossier code.
 */
export interface PostalService {
  /**
   * Places an order: answers its tracking number (ItemCode) and the postal
   * fee. The same order number again answers the same order (safe to
   * repeat). Throws `PostalRefusedError` when the post refuses the order,
   * `UpstreamError` when it cannot be reached or fails.
   */
  order(order: PostalOrder, options?: CallOptions): Promise<PlacedOrder>;
  /** Cancels an order not yet picked up; `PostalRefusedError` once it has been (too late). A cancelled order again is fine. */
  cancel(orderNumber: string, options?: CallOptions): Promise<void>;
  /** Every event of a parcel so far, oldest first. Safe to repeat. */
  track(itemCode: string, options?: CallOptions): Promise<PostalEvent[]>;
  /**
   * Reads the post's status callbacks: checks the signature over the raw
   * body before believing a field. A plain reader (no call goes out).
   */
  readonly callbacks: PostalCallbackReader;
}

export interface PostalParty {
  name: string;
  address: string;
  phone: string;
  email?: string | null;
}

export interface PostalOrder {
  /** OrderNumber: unique per shipment (the dossier code and a suffix). */
  orderNumber: string;
  /** DELIVERY: a result to the applicant; PICKUP: a paper dossier from the applicant to the centre. */
  kind: 'DELIVERY' | 'PICKUP';
  sender: PostalParty;
  receiver: PostalParty;
  /** What the post collects from the receiver on delivery (thu hộ), whole VND; 0 for none. */
  codAmount: number;
  description: string;
  dossierCode: string;
}

export interface PlacedOrder {
  itemCode: string;
  /** The postal fee (cước), whole VND. */
  fee: number;
}

/** Where a parcel stands, in the hub's words (the post's own code is kept beside it). */
export type PostalEventKind = 'ACCEPTED' | 'PICKED_UP' | 'IN_TRANSIT' | 'DELIVERED' | 'FAILED' | 'RETURNED_TO_SENDER' | 'LOST' | 'CANCELLED';

export interface PostalEvent {
  kind: PostalEventKind;
  /** The post's own status code and name. */
  code: string;
  label: string;
  at: Date;
  note: string | null;
  /** DELIVERED: what the post collected on delivery (thu hộ), whole VND. */
  codCollected: number | null;
}

export interface PostalCallbackReader {
  read(rawBody: string, signature: string | undefined): PostalCallback;
}

export type PostalCallback = { valid: true; orderNumber: string; itemCode: string; event: PostalEvent } | { valid: false; reason: string };

/** The post refused a request (its status code and message): the order cannot be placed or cancelled as asked. */
export class PostalRefusedError extends Error {
  constructor(
    readonly postalCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'PostalRefusedError';
  }
}
