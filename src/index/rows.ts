/**
 * A report's rows as every store writes them (store.ts for SQLite, pg-store.ts for PostgreSQL): BM25's
 * statistics over the passages written or deleted, the file's size and mtime, the metadata kept.
 */
import type { FileRecord, FileState, IndexFiller, SkippedRecord, StoredCorpus } from './store.js';
import type { Fact, Passage, ReportMeta } from '../types.js';
import { countsOf, eachTerm, fieldLengths, FIELDS } from './search.js';
import { glossaryEntries } from './view.js';

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

/**
 * The report's glossary entries as its row keeps them: [passage id, term] pairs in passage order. They sit
 * beside the metadata so that open reads one row per report (a table of their own took a second scan, 80 ms
 * at 10,000 reports); the entries' report and place are the row's.
 */
export function glossaryColumn(file: FileRecord): string {
  return JSON.stringify(glossaryEntries(file.passages).map((e) => [e.id, e.term]));
}

/** A `reports` row as both stores read it. */
export interface ReportRow {
  doc: string;
  meta: string;
  fact_years: string;
  glossary: string;
  passages: number;
  facts: number;
}

/** The columns of a ReportRow, in a SELECT's order. */
export const REPORT_COLUMNS = 'doc, meta, fact_years, glossary, passages, facts';

/**
 * A stored report as the index holds it. `resident`: passages and facts follow (they are read into it);
 * otherwise they stay in the store, and the counts, glossary and figure years are kept with the metadata.
 */
export function reportRecord(row: ReportRow, hash: string, resident: boolean): FileRecord {
  const meta = JSON.parse(row.meta) as ReportMeta;
  const file: FileRecord = { doc: row.doc, hash, meta, passages: [], facts: [] };
  if (resident) return file;
  const pairs = JSON.parse(row.glossary) as [string, string][];
  file.counts = { passages: Number(row.passages), facts: Number(row.facts) };
  file.glossary = pairs.map(([id, term]) => ({ id, doc: row.doc, district: meta.district, term }));
  file.factYears = JSON.parse(row.fact_years) as number[];
  return file;
}

/** Rows of one statement without parameters, as objects: what reading a whole store needs of either store. */
export type SelectRows = <T>(sql: string) => Iterable<T>;

/**
 * Everything a store holds, read as both stores lay it out (the caller runs this in one read snapshot).
 * `fill`: each passage is handed to it with its term counts in document order, so an in-memory search index
 * is filled while rows stream in; without one neither the term table nor the counts are read. `resident`:
 * passages and facts are read too, else only the report rows. Term ids read are noted in `termIds`.
 */
export function readCorpus(
  select: SelectRows,
  fill: IndexFiller | undefined,
  resident: boolean,
  termIds: Map<string, number>,
): StoredCorpus {
  const terms: string[] = [];
  if (fill) {
    for (const r of select<{ id: number; term: string }>('SELECT id, term FROM terms')) {
      terms[r.id] = r.term;
      termIds.set(r.term, r.id);
    }
  }
  const add = fill?.(terms);
  const states = new Map<string, FileState>();
  const skipped: SkippedRecord[] = [];
  type FileRow = { doc: string; hash: string; stamp: string; status: string; reason: string | null };
  for (const r of select<FileRow>('SELECT doc, hash, stamp, status, reason FROM files ORDER BY doc')) {
    states.set(r.doc, { hash: r.hash, stamp: r.stamp });
    if (r.status === 'skipped') skipped.push({ doc: r.doc, reason: r.reason ?? 'unreadable', hash: r.hash });
  }
  const files = new Map<string, FileRecord>();
  for (const r of select<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM reports ORDER BY doc`)) {
    const state = states.get(r.doc);
    if (state) files.set(r.doc, reportRecord(r, state.hash, resident));
  }
  if (resident) {
    type PassageRow = { doc: string; data: string; terms?: Uint8Array };
    for (const r of select<PassageRow>(`SELECT doc, data${add ? ', terms' : ''} FROM passages ORDER BY doc, n`)) {
      const file = files.get(r.doc);
      if (!file) continue;
      const p = JSON.parse(r.data) as Passage;
      file.passages.push(p);
      if (add && r.terms) add(p, countsOf(r.terms));
    }
    for (const r of select<{ doc: string; data: string }>('SELECT doc, data FROM facts ORDER BY doc, n')) {
      files.get(r.doc)?.facts.push(JSON.parse(r.data) as Fact);
    }
  }
  const complete = [...select('SELECT 1 FROM generations LIMIT 1')].length > 0;
  return { files: [...files.values()], skipped, states, complete };
}
