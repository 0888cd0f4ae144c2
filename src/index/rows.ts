/**
 * A report's rows as every store writes them (store.ts for SQLite, pg-store.ts for PostgreSQL): BM25's
 * statistics over the passages written or deleted, the file's size and mtime, the metadata kept.
 */
import type { FileRecord } from './store.js';
import type { ReportMeta } from '../types.js';
import { eachTerm, fieldLengths, FIELDS } from './search.js';

/** BM25's statistics summed over passages added (+1) or removed (-1): count, field lengths, docs per term and field. */
export class StatsDelta {
  passages = 0;
  readonly lengths = FIELDS.map(() => 0);
  /** term id × FIELDS.length + field → passages with the term in that field. */
  readonly docs = new Map<number, number>();

  add(counts: Int32Array, sign: 1 | -1): void {
    this.passages += sign;
    fieldLengths(counts).forEach((n, f) => (this.lengths[f]! += sign * n));
    eachTerm(counts, (field, id) => {
      const key = id * FIELDS.length + field;
      this.docs.set(key, (this.docs.get(key) ?? 0) + sign);
    });
  }
}

/** The report file's own size and mtime, the first part of a stamp ("size:mtime|sidecar"), for the files table. */
export function statOf(stamp: string): { size: number | null; mtime: number | null } {
  const [size = NaN, mtime = NaN] = (stamp.split('|')[0] ?? '').split(':').map(Number);
  return { size: Number.isFinite(size) ? size : null, mtime: Number.isFinite(mtime) ? mtime : null };
}

/** The cite suffix depends on the other reports present, so it is derived at open rather than stored. */
export function withoutCiteSuffix(meta: ReportMeta): ReportMeta {
  const copy = { ...meta };
  delete copy.citeSuffix;
  return copy;
}

/** The years a report's figures are about, ascending. */
export function factYearsOf(file: FileRecord): number[] {
  return [...new Set(file.facts.map((f) => f.period.year))].sort((a, b) => a - b);
}
