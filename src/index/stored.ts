/**
 * The corpus read from the store on demand, for an index too large to hold in memory (SEARCH_ENGINE=fts5, or a
 * PostgreSQL store): a place's facts when a lookup names it, a passage when a search returns it. Only reports'
 * metadata, the glossary and the years each place has stay in memory. Rows of reports this process has not
 * loaded (another process may have written them since) are left out, so a view never shows what its reports
 * do not list. Both stores have the same tables, so the same statements serve both (SqlReader).
 */
import type { Fact, Passage, SkippedFile } from '../types.js';
import { REPORT_COLUMNS, reportRecord, type ReportRow } from './rows.js';
import type { FileRecord } from './store.js';
import type { CorpusSource } from './view.js';

/** Rows of one statement, with `?` for each parameter: what reading the store's tables needs. */
export interface SqlReader {
  all<T>(sql: string, params?: unknown[]): T[];
}

/**
 * `files`: the reports the index holds, sorted, each with what stays in memory (FileRecord.counts, glossary,
 * factYears), so a refresh reads nothing here: the source is rebuilt after every change.
 */
export function storedSource(db: SqlReader, files: FileRecord[], skipped: SkippedFile[]): CorpusSource {
  const reports = files.map((f) => f.meta);
  // `reports` come sorted as the resident corpus sorts them (by name, locale-aware); comparing names
  // locale-aware for every row costs seconds at 50,000 rows, so rows are ordered by their report's rank.
  const rank = new Map(reports.map((r, i) => [r.doc, i]));
  const inReportOrder = <T extends { doc: string; n: number }>(rows: T[]) =>
    rows.filter((r) => rank.has(r.doc)).sort((a, b) => rank.get(a.doc)! - rank.get(b.doc)! || a.n - b.n);
  const facts = (where: string, params: unknown[]) =>
    inReportOrder(db.all<FactRow>(`SELECT doc, n, data FROM facts ${where}`, params)).map(
      (r): [Fact, number] => [JSON.parse(r.data) as Fact, r.n],
    );
  return {
    reports,
    skipped,
    warnings: reports.flatMap((r) => (r.warnings ?? []).map((warning) => ({ doc: r.doc, warning }))),
    resident: false,
    passageCount: Number(db.all<{ passages: number }>('SELECT passages FROM search_stats')[0]?.passages ?? 0),
    glossary: files.flatMap((f) => f.glossary ?? []),
    factYears: () => yearsOfPlaces(files),
    factsIn: (place) => facts('WHERE district = ?', [place]),
    labelsIn: (place) => {
      const counts = new Map<string, number>();
      for (const r of db.all<{ label: string; doc: string }>('SELECT label, doc FROM facts WHERE district = ?', [place])) {
        if (rank.has(r.doc)) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
      }
      return counts;
    },
    factsWith: (place, label) => facts('WHERE district = ? AND label = ?', [place, label]),
    factsInYear: (year, wanted) => {
      const labels = db.all<{ label: string }>('SELECT DISTINCT label FROM facts WHERE year = ?', [year]);
      const found = labels
        .filter((r) => wanted(r.label))
        .flatMap((r) => db.all<FactRow>('SELECT doc, n, data FROM facts WHERE year = ? AND label = ?', [year, r.label]));
      return inReportOrder(found).map((r): [Fact, number] => [JSON.parse(r.data) as Fact, r.n]);
    },
    labelCounts: () => {
      const rows = db.all<{ label: string; n: number }>('SELECT label, CAST(count(*) AS INTEGER) AS n FROM facts GROUP BY label');
      return new Map(rows.map((r) => [r.label, Number(r.n)]));
    },
    allPassages: () => inReportOrder(db.all<PassageRow>('SELECT doc, n, data FROM passages')).map(parsePassage),
    allFacts: () => facts('', []).map(([f]) => f),
  };
}

interface FactRow {
  doc: string;
  n: number;
  data: string;
}

type PassageRow = { doc: string; n: number; data: string };

const parsePassage = (r: PassageRow) => JSON.parse(r.data) as Passage;

/** A file as the store holds it: its hash and stamp, and its report's metadata and counts, or why it was skipped. */
export interface StoredFile {
  hash: string;
  stamp: string;
  /** An indexed file's report, with passages and facts left in the store. */
  file?: FileRecord;
  reason: string;
}

/** Every stored file's hash by name: one read tells which changed files another process already stored. */
export function storedHashes(db: SqlReader): Map<string, string> {
  return new Map(db.all<{ doc: string; hash: string }>('SELECT doc, hash FROM files').map((r) => [r.doc, r.hash]));
}

export function storedFile(db: SqlReader, doc: string): StoredFile | undefined {
  type Row = { hash: string; stamp: string; reason: string | null };
  const row = db.all<Row>('SELECT hash, stamp, reason FROM files WHERE doc = ?', [doc])[0];
  if (!row) return undefined;
  const { hash, stamp } = row;
  const report = db.all<ReportRow>(`SELECT ${REPORT_COLUMNS} FROM reports WHERE doc = ?`, [doc])[0];
  const file = report && reportRecord(report, hash, false);
  return { hash, stamp, reason: row.reason ?? 'unreadable', ...(file && { file }) };
}

/** One stored passage, or undefined when there is none with the id. */
export function storedPassage(db: SqlReader, id: string): Passage | undefined {
  const row = db.all<PassageRow>('SELECT doc, n, data FROM passages WHERE id = ?', [id])[0];
  return row && parsePassage(row);
}

export function storedPassagesOf(db: SqlReader, doc: string): Passage[] {
  return db.all<PassageRow>('SELECT doc, n, data FROM passages WHERE doc = ? ORDER BY n', [doc]).map(parsePassage);
}

export function storedFactsOf(db: SqlReader, doc: string): Fact[] {
  return db.all<{ data: string }>('SELECT data FROM facts WHERE doc = ? ORDER BY n', [doc]).map((r) => JSON.parse(r.data) as Fact);
}

/** The years each place has figures for, from each report's summary (no fact is read). */
function yearsOfPlaces(files: FileRecord[]): Map<string, number[]> {
  const sets = new Map<string, Set<number>>();
  for (const f of files) {
    const set = sets.get(f.meta.district) ?? sets.set(f.meta.district, new Set()).get(f.meta.district)!;
    for (const y of f.factYears ?? []) set.add(y);
  }
  const withFigures = [...sets].filter(([, years]) => years.size > 0);
  return new Map(withFigures.map(([place, years]) => [place, [...years].sort((a, b) => a - b)]));
}
