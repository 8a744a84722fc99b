import type { EntityManager } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';

/** Every hash-chained table; each is its own chain, named after the table (Migration20261201120000_audit_chain). */
export const CHAINS = ['dossier_history', 'exchange_log'] as const;
export type ChainName = (typeof CHAINS)[number];

/** The `prev_hash` of a chain's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Rows read per round trip: the walk holds one page in memory, whatever the chain's length. */
const PAGE = 1000;

/** The first place a chain stops holding together, by kind. */
export interface ChainFault {
  /** The entry's position in the chain (chain_seq). */
  seq: number;
  /** The row's id; null when the row is gone. */
  id: string | null;
  detail: string;
}

export interface ChainReport {
  chain: ChainName;
  /** Entries present (read up to the head committed when the walk began). */
  entries: number;
  intact: boolean;
  /** First row whose content no longer matches its hash (changed after it was written). */
  changed: ChainFault | null;
  /** First entry missing (deleted): a gap in the numbering, or entries gone at the end. */
  missing: ChainFault | null;
  /** First row whose prev_hash is not the hash of the row before it (a row replaced or re-linked). */
  brokenLink: ChainFault | null;
  /** The last entry: an operator who notes its hash elsewhere can later prove the whole chain up to it. */
  last: { seq: number; hash: string } | null;
}

interface Row {
  id: string;
  chain_seq: string;
  prev_hash: string;
  hash: string;
  canonical: string;
}

/** The hash the chain trigger gives an entry: recomputed here, outside the database, from the row's canonical text. */
export function entryHash(chain: string, seq: number, prevHash: string, canonical: string): string {
  return createHash('sha256').update(`${chain}\n${seq}\n${prevHash}\n${canonical}`, 'utf8').digest('hex');
}

/**
 * Walks one chain in order and reports the first changed row, the first
 * missing one and the first broken link. Reads only; runs beside writers
 * (it stops at the head committed when it began).
 */
export async function verifyChain(em: EntityManager, chain: ChainName): Promise<ChainReport> {
  const connection = em.getConnection();
  const heads = await connection.execute<Array<{ seq: string; head_hash: string }>>('select seq, head_hash from audit_chain where name = ?', [chain]);
  if (heads.length === 0) throw new Error(`the audit chain ${chain} has no head row: is the database migrated?`);
  const head = { seq: Number(heads[0].seq), hash: heads[0].head_hash };
  const report: ChainReport = { chain, entries: 0, intact: true, changed: null, missing: null, brokenLink: null, last: null };
  let expected = 1;
  let previous = GENESIS_HASH;
  let after = 0;
  for (;;) {
    // `chain` is one of CHAINS, never input: safe to name in SQL.
    const rows = await connection.execute<Row[]>(
      `select t.id, t.chain_seq, t.prev_hash, t.hash, ${chain}_canonical(t) as canonical from ${chain} t where t.chain_seq > ? and t.chain_seq <= ? order by t.chain_seq limit ${PAGE}`,
      [after, head.seq],
    );
    for (const row of rows) {
      const seq = Number(row.chain_seq);
      if (seq !== expected) {
        report.missing ??= { seq: expected, id: null, detail: `entries ${expected}–${seq - 1} are missing (deleted)` };
      } else if (row.prev_hash !== previous) {
        report.brokenLink ??= { seq, id: row.id, detail: 'prev_hash is not the hash of the entry before it' };
      }
      if (entryHash(chain, seq, row.prev_hash, row.canonical) !== row.hash) {
        report.changed ??= { seq, id: row.id, detail: 'the content does not match the hash it was written with' };
      }
      report.entries += 1;
      report.last = { seq, hash: row.hash };
      previous = row.hash;
      expected = seq + 1;
      after = seq;
    }
    if (rows.length < PAGE) break;
  }
  if (expected <= head.seq) {
    report.missing ??= { seq: expected, id: null, detail: `entries ${expected}–${head.seq} are missing (deleted from the end)` };
  } else if (head.seq > 0 && report.last?.hash !== head.hash) {
    report.brokenLink ??= { seq: head.seq, id: null, detail: 'the last entry is not the one the chain head recorded' };
  }
  report.intact = !report.changed && !report.missing && !report.brokenLink;
  return report;
}

/** Every chain, in turn. */
export async function verifyChains(em: EntityManager): Promise<ChainReport[]> {
  const reports: ChainReport[] = [];
  for (const chain of CHAINS) reports.push(await verifyChain(em, chain));
  return reports;
}

/** One line per chain, for people. */
export function describeReport(report: ChainReport): string {
  const last = report.last ? `last entry #${report.last.seq}, hash ${report.last.hash}` : 'no entries';
  if (report.intact) return `${report.chain}: intact, ${report.entries} entries; ${last}`;
  const faults = [
    report.changed && `first changed: entry #${report.changed.seq} (id ${report.changed.id}): ${report.changed.detail}`,
    report.missing && `first deleted: entry #${report.missing.seq}: ${report.missing.detail}`,
    report.brokenLink && `first broken link: entry #${report.brokenLink.seq}${report.brokenLink.id ? ` (id ${report.brokenLink.id})` : ''}: ${report.brokenLink.detail}`,
  ].filter(Boolean);
  return `${report.chain}: NOT INTACT, ${report.entries} entries; ${faults.join('; ')}; ${last}`;
}
