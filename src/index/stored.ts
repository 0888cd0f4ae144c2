/**
 * The corpus read from the store on demand, for an index too large to hold in memory (SEARCH_ENGINE=fts5):
 * a place's facts when a lookup names it, a passage when a search returns it. Only reports' metadata, the
 * glossary and the years each place has stay in memory. Rows of reports this process has not loaded (another
 * process may have written them since) are left out, so a view never shows what its reports do not list.
 */
import type { Fact, Passage, ReportMeta, SkippedFile } from '../types.js';
import type { Db } from './db.js';
import type { IndexStore } from './store.js';
import type { CorpusSource, GlossaryEntry } from './view.js';

export function storedSource(store: IndexStore, reports: ReportMeta[], skipped: SkippedFile[]): CorpusSource {
  const docs = new Set(reports.map((r) => r.doc));
  const db = () => store.connection();
  // `reports` come sorted as the resident corpus sorts them (by name, locale-aware); comparing names
  // locale-aware for every row costs seconds at 50,000 rows, so rows are ordered by their report's rank.
  const rank = new Map(reports.map((r, i) => [r.doc, i]));
  const inReportOrder = <T extends { doc: string; n: number }>(rows: T[]) =>
    rows.filter((r) => rank.has(r.doc)).sort((a, b) => rank.get(a.doc)! - rank.get(b.doc)! || a.n - b.n);
  return {
    reports,
    skipped,
    warnings: reports.flatMap((r) => (r.warnings ?? []).map((warning) => ({ doc: r.doc, warning }))),
    resident: false,
    passageCount: db().prepare<[], number>('SELECT passages FROM search_stats').pluck().get() ?? 0,
    glossary: inReportOrder(
      db().prepare<[], GlossaryEntry & { n: number }>('SELECT passage_id AS id, doc, n, district, term FROM glossary').all(),
    ).map(({ id, doc, district, term }) => ({ id, doc, district, term })),
    factYears: () => factYears(db(), docs),
    factsIn: (place) =>
      inReportOrder(db().prepare<[string], FactRow>('SELECT doc, n, data FROM facts WHERE district = ?').all(place))
        .map((r): [Fact, number] => [JSON.parse(r.data) as Fact, r.n]),
    labelsIn: (place) => {
      const rows = db().prepare<[string], { label: string; doc: string }>('SELECT label, doc FROM facts WHERE district = ?');
      const counts = new Map<string, number>();
      for (const r of rows.iterate(place)) if (rank.has(r.doc)) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
      return counts;
    },
    factsWith: (place, label) =>
      inReportOrder(
        db().prepare<[string, string], FactRow>('SELECT doc, n, data FROM facts WHERE district = ? AND label = ?').all(place, label),
      ).map((r): [Fact, number] => [JSON.parse(r.data) as Fact, r.n]),
    factsInYear: (year, wanted) => {
      const labels = db().prepare<[number], string>('SELECT DISTINCT label FROM facts WHERE year = ?').pluck().all(year);
      const rows = db().prepare<[number, string], FactRow>('SELECT doc, n, data FROM facts WHERE year = ? AND label = ?');
      const found = labels.filter(wanted).flatMap((label) => rows.all(year, label));
      return inReportOrder(found).map((r): [Fact, number] => [JSON.parse(r.data) as Fact, r.n]);
    },
    labelCounts: () => labelCounts(db()),
    allPassages: () => inReportOrder(passageRows(db(), '', [])).map(parsePassage),
    allFacts: () => inReportOrder(db().prepare<[], FactRow>('SELECT doc, n, data FROM facts').all()).map(
      (r) => JSON.parse(r.data) as Fact,
    ),
  };
}

interface FactRow {
  doc: string;
  n: number;
  data: string;
}

/** One stored passage, or undefined when there is none with the id. */
export function storedPassage(store: IndexStore, id: string): Passage | undefined {
  const data = store.connection().prepare<[string], string>('SELECT data FROM passages WHERE id = ?').pluck().get(id);
  return data === undefined ? undefined : (JSON.parse(data) as Passage);
}

export function storedPassagesOf(store: IndexStore, doc: string): Passage[] {
  return passageRows(store.connection(), 'WHERE doc = ? ORDER BY n', [doc]).map(parsePassage);
}

export function storedFactsOf(store: IndexStore, doc: string): Fact[] {
  const rows = store.connection().prepare<[string], string>('SELECT data FROM facts WHERE doc = ? ORDER BY n');
  return rows.pluck().all(doc).map((d) => JSON.parse(d) as Fact);
}

type PassageRow = { doc: string; n: number; data: string };

/** Passages matching a WHERE clause, unordered. */
function passageRows(db: Db, where: string, params: unknown[]): PassageRow[] {
  return db.prepare<unknown[], PassageRow>(`SELECT doc, n, data FROM passages ${where}`).all(...params);
}

const parsePassage = (r: PassageRow) => JSON.parse(r.data) as Passage;

/** The years each place has figures for, from each report's summary (no fact is read). */
function factYears(db: Db, docs: Set<string>): Map<string, number[]> {
  const sets = new Map<string, Set<number>>();
  const rows = db.prepare<[], { doc: string; district: string; years: string }>(
    'SELECT doc, district, fact_years AS years FROM reports',
  );
  for (const r of rows.iterate()) {
    if (!docs.has(r.doc)) continue;
    const set = sets.get(r.district) ?? sets.set(r.district, new Set()).get(r.district)!;
    for (const y of JSON.parse(r.years) as number[]) set.add(y);
  }
  const withFigures = [...sets].filter(([, years]) => years.size > 0);
  return new Map(withFigures.map(([place, years]) => [place, [...years].sort((a, b) => a - b)]));
}

function labelCounts(db: Db): Map<string, number> {
  const rows = db.prepare<[], { label: string; n: number }>('SELECT label, count(*) AS n FROM facts GROUP BY label');
  return new Map(rows.all().map((r) => [r.label, r.n]));
}
