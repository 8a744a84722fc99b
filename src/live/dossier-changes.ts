import { Repeater, SlidingBuffer } from '@repeaterjs/repeater';
import type { Database } from '../db/database';
import { DossierStatus } from '../dossiers';
import type { Logger } from '../shared/logger';

/** The channel the database's triggers notify on (Migration20261203080000_dossier_changes). */
export const DOSSIER_CHANNEL = 'dossier_changed';

/** A committed change of one dossier: one per transaction, whatever rows it wrote. */
export interface DossierChange {
  id: string;
  code: string;
  /** The status before the transaction; null for a dossier it created. */
  from: DossierStatus | null;
  to: DossierStatus;
  /** The agencies whose worklists it was or is in: receiving, current, and current before. */
  agencyIds: string[];
}

/** What a subscriber hears: a change, or that changes may have been missed (the listening connection was lost and is back). */
export type LiveSignal = ({ kind: 'change'; change: DossierChange } | { kind: 'resume' }) & {
  /** This process's number for the signal, rising: what subscribers answering alike may share their answer under. */
  seq: number;
};

/** A trigger's payload, as written by dossier_changed_notify(). */
interface Notified {
  id: string;
  code: string;
  tx: string;
  from: string | null;
  to: string;
  agencies: Array<string | null>;
}

const STATUSES: ReadonlySet<string> = new Set(Object.values(DossierStatus));

function parse(payload: string): Notified | null {
  try {
    const value = JSON.parse(payload) as Partial<Notified>;
    if (typeof value.id !== 'string' || typeof value.code !== 'string' || typeof value.tx !== 'string' || !STATUSES.has(value.to ?? '')) return null;
    return { id: value.id, code: value.code, tx: value.tx, from: value.from ?? null, to: value.to!, agencies: Array.isArray(value.agencies) ? value.agencies : [] };
  } catch {
    return null;
  }
}

/** How long the notifications of one transaction are gathered (they arrive together at its commit). */
const GATHER_MS = 15;
/** Shared answers kept (sharedAnswer): enough for every agency's board of the last few changes. */
const SHARED_ANSWERS = 256;
/** A subscriber that falls this far behind keeps the newest signals only (a screen wants the present). */
const SUBSCRIBER_BUFFER = 256;

/**
 * The dossier changes of this process: every hub process listens on the
 * database once and hands each committed change to each of its own
 * subscribers once. A transaction that writes the dossier and its history
 * raises several notifications: they are merged into one change (status
 * before the first, after the last).
 */
export class DossierChanges {
  private readonly subscribers = new Set<(signal: LiveSignal) => void>();
  private readonly gathering = new Map<string, { first: Notified; last: Notified; agencies: Set<string> }>();
  private timer: NodeJS.Timeout | null = null;
  private stopListening: (() => void) | null = null;
  private seq = 0;
  /** Answers shared by the subscribers of one signal (the public hall board is the same for all): the promise, by key. */
  private readonly shared = new Map<string, Promise<unknown>>();

  private constructor(private readonly logger: Logger) {}

  static async start(database: Database, logger: Logger): Promise<DossierChanges> {
    const changes = new DossierChanges(logger);
    changes.stopListening = await database.listen(
      DOSSIER_CHANNEL,
      (payload) => changes.notified(payload),
      () => changes.publish({ kind: 'resume' }),
    );
    return changes;
  }

  /** Changes from now on that `accept` lets through, for as long as the caller iterates. */
  subscribe(accept: (change: DossierChange) => boolean = () => true): AsyncIterableIterator<LiveSignal> {
    return new Repeater<LiveSignal>(async (push, stop) => {
      const subscriber = (signal: LiveSignal) => {
        if (signal.kind === 'resume' || accept(signal.change)) void push(signal);
      };
      this.subscribers.add(subscriber);
      await stop;
      this.subscribers.delete(subscriber);
    }, new SlidingBuffer(SUBSCRIBER_BUFFER));
  }

  /**
   * The answer to `key` for this signal, worked out once however many
   * subscribers ask (a few hundred boards in the halls of a province read
   * the board once per change, not once each). Only for answers that do not
   * depend on who asks. The last few signals' answers are kept.
   */
  sharedAnswer<T>(key: string, seq: number, work: () => Promise<T>): Promise<T> {
    const id = `${seq}:${key}`;
    let answer = this.shared.get(id) as Promise<T> | undefined;
    if (!answer) {
      answer = work();
      this.shared.set(id, answer);
      answer.catch(() => this.shared.delete(id));
      while (this.shared.size > SHARED_ANSWERS) this.shared.delete(this.shared.keys().next().value!);
    }
    return answer;
  }

  stop(): void {
    this.stopListening?.();
    this.stopListening = null;
    if (this.timer) clearTimeout(this.timer);
    this.flush();
  }

  private notified(payload: string): void {
    const event = parse(payload);
    if (!event) {
      this.logger.warn('a dossier change notification that does not parse was ignored');
      return;
    }
    const key = `${event.tx}:${event.id}`;
    const known = this.gathering.get(key);
    if (known) known.last = event;
    else this.gathering.set(key, { first: event, last: event, agencies: new Set() });
    const gathered = this.gathering.get(key)!;
    for (const agency of event.agencies) if (agency) gathered.agencies.add(agency);
    this.timer ??= setTimeout(() => this.flush(), GATHER_MS);
  }

  private flush(): void {
    this.timer = null;
    const changes = [...this.gathering.values()];
    this.gathering.clear();
    for (const { first, last, agencies } of changes) {
      this.publish({
        kind: 'change',
        change: { id: last.id, code: last.code, from: (first.from as DossierStatus | null) ?? null, to: last.to as DossierStatus, agencyIds: [...agencies] },
      });
    }
  }

  private publish(signal: { kind: 'change'; change: DossierChange } | { kind: 'resume' }): void {
    this.seq += 1;
    const numbered: LiveSignal = { ...signal, seq: this.seq };
    for (const subscriber of this.subscribers) {
      try {
        subscriber(numbered);
      } catch (error) {
        this.logger.error({ err: error }, 'a live subscriber failed');
      }
    }
  }
}
