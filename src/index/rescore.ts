/**
 * Search over a store's own full-text index (SQLite FTS5 in fts.ts, PostgreSQL's tsvector in pg-search.ts):
 * the database finds the passages and ranks them roughly, and the best few hundred are then scored exactly as
 * minisearch scores them (BM25+ per field, field boosts, times the number of query words matched), from each
 * passage's stored term counts. So every engine ranks alike and gives the same answers, while the work per
 * query stays bounded however many passages match.
 */
import {
  bm25Plus,
  countsOf,
  eachTerm,
  FIELD_BOOSTS,
  FIELDS,
  selectTerms,
  wantedTerms,
  type Hit,
  type SearchEngine,
  type SearchFilter,
} from './search.js';
import type { SqlReader } from './stored.js';

/** A passage the database found, with its stored term counts (search.ts termCounts). */
export interface Candidate {
  rowid: number;
  id: string;
  doc: string;
  counts: Uint8Array;
}

/** A query term as scoring needs it: its plain text and, per field, how many passages have it there. */
export interface QueryTerm {
  term: string;
  df: number[];
}

interface Stats {
  passages: number;
  lengths: number[];
}

/**
 * How many of the database's best are rescored: its ranking differs from BM25+ in detail, so more than asked
 * for are taken, and the exact score decides among them.
 */
const POOL = (limit: number) => Math.max(4 * limit, 400);

export abstract class StoredSearch implements SearchEngine {
  constructor(protected readonly db: SqlReader) {}

  /** The database's best `pool` passages having any of the terms and passing the filter, of `passages`. */
  protected abstract candidates(terms: QueryTerm[], filter: SearchFilter, pool: number, passages: number): Candidate[];

  // The store writes and deletes a passage's search row in the passage's own transaction.
  addPassage(): void {}
  removePassage(): void {}

  documentFrequency(word: string): number {
    return this.lookup([word]).get(word)?.df[0] ?? 0;
  }

  searchPassages(query: string, filter: SearchFilter = {}, limit = 50, wholeTerms: readonly string[] = []): Hit[] {
    const stats = this.stats();
    const candidates = wantedTerms(query, wholeTerms);
    // Every word's statistics in one statement: over a network each statement is a round trip.
    const looked = this.lookup(candidates);
    const terms = selectTerms(candidates, (t) => looked.get(t)?.df[0] ?? 0, stats.passages);
    // The stored terms among the query's, in its order, and each one's position by term id.
    const wanted: QueryTerm[] = [];
    const byId = new Map<number, number>();
    for (const term of terms) {
      const found = looked.get(term);
      if (found) byId.set(found.id, wanted.push({ term, df: found.df }) - 1);
    }
    if (!wanted.length) return [];
    const rows = this.candidates(wanted, filter, POOL(limit), stats.passages);
    const hits = rows.map((r) => ({ rowid: Number(r.rowid), ...scored(r, wanted, byId, stats) }));
    hits.sort((a, b) => b.score - a.score || a.first - b.first || a.rowid - b.rowid);
    return hits.slice(0, limit).map(({ id, doc, score, terms }) => ({ id, doc, score, terms }));
  }

  /** Each stored word's term id and, per field, how many passages have it; words no passage ever had are absent. */
  private lookup(words: string[]): Map<string, { id: number; df: number[] }> {
    const found = new Map<string, { id: number; df: number[] }>();
    const distinct = [...new Set(words)];
    if (!distinct.length) return found;
    type Row = { term: string; id: number; field: number | null; docs: number | null };
    const rows = this.db.all<Row>(
      `SELECT t.term AS term, t.id AS id, s.field AS field, s.docs AS docs
       FROM terms t LEFT JOIN term_stats s ON s.term_id = t.id WHERE t.term IN (${distinct.map(() => '?').join(', ')})`,
      distinct,
    );
    for (const r of rows) {
      const entry = found.get(r.term) ?? found.set(r.term, { id: Number(r.id), df: FIELDS.map(() => 0) }).get(r.term)!;
      if (r.field !== null && r.docs !== null) entry.df[r.field] = Number(r.docs);
    }
    return found;
  }

  private stats(): Stats {
    type Row = { passages: number; text_len: number; title_len: number; term_len: number };
    const r = this.db.all<Row>('SELECT passages, text_len, title_len, term_len FROM search_stats')[0];
    const lengths = [r?.text_len, r?.title_len, r?.term_len].map((n) => Number(n ?? 0));
    return { passages: Number(r?.passages ?? 0), lengths };
  }
}

/**
 * A passage's score as minisearch gives it: per query term and field, BM25+ times the field's boost, summed
 * term by term in the query's order (the same additions in the same order, so equal scores stay equal),
 * then times the number of query terms the passage has. `first` orders equal scores as minisearch does:
 * by the first query term, then field, the passage matched.
 */
function scored(row: Candidate, query: QueryTerm[], byId: Map<number, number>, stats: Stats): Hit & { first: number } {
  const counts = countsOf(row.counts);
  // tf[term][field]: the passage's occurrences of each query term, per field.
  const tf = query.map(() => FIELDS.map(() => 0));
  eachTerm(counts, (f, id, n) => {
    const q = byId.get(id);
    if (q !== undefined) tf[q]![f] = n;
  });
  let score = 0;
  let first = Infinity;
  const terms: string[] = [];
  query.forEach((q, t) => {
    let termScore = 0;
    let found = false;
    FIELDS.forEach((field, f) => {
      const n = tf[t]![f]!;
      if (!n) return;
      const avg = (stats.lengths[f] ?? 0) / Math.max(1, stats.passages);
      const fieldScore = FIELD_BOOSTS[field] * bm25Plus(n, q.df[f] ?? 0, stats.passages, counts[f] ?? 0, avg);
      termScore = found ? termScore + fieldScore : fieldScore;
      first = Math.min(first, t * FIELDS.length + f);
      found = true;
    });
    if (!found) return;
    score = terms.length ? score + termScore : termScore;
    terms.push(q.term);
  });
  return { id: row.id, doc: row.doc, score: score * terms.length, terms, first };
}
