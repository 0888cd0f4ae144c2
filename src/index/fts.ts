/**
 * The search engine for corpora past what one heap should hold: SQLite FTS5 over the store's passage_fts table
 * (db.ts), in the same file as the rest of the index. Nothing is loaded at open, every process on the machine
 * reads the one copy on disk, and a stored report is searchable as soon as its transaction commits.
 *
 * FTS5 finds the passages and its bm25() picks the best few hundred; those are then scored exactly as
 * minisearch scores them (BM25+ per field, field boosts, times the number of query words matched), from each
 * passage's stored term counts. So both engines rank alike and give the same answers, while the work per
 * query stays bounded however many passages match.
 */
import type Database from 'better-sqlite3';
import type { Passage } from '../types.js';
import type { Db } from './db.js';
import {
  bm25Plus,
  countsOf,
  eachTerm,
  encodeTerm,
  FIELD_BOOSTS,
  FIELDS,
  searchTerms,
  type Hit,
  type PassageTokens,
  type SearchEngine,
  type SearchFilter,
} from './search.js';

/** A passage's passage_fts columns: each field's terms hex-encoded, space-separated, then its filter keys. */
export function ftsColumns(tokens: PassageTokens, p: Passage): [string, string, string, string] {
  const column = (terms: string[]) => terms.map(encodeTerm).join(' ');
  const keys = [`p${encodeTerm(p.district)}`, `r${p.reportYear}`];
  if (p.period) keys.push(`y${p.period.year}`);
  if (p.kind === 'glossary') keys.push('g1');
  return [column(tokens.text), column(tokens.sectionTitle), column(tokens.term), keys.join(' ')];
}

/** A search's filter as an FTS5 expression on the keys column, so matching and filtering are one pass. */
function filterExpression(filter: SearchFilter): string {
  const parts: string[] = [];
  if (filter.district) parts.push(`keys : "p${encodeTerm(filter.district)}"`);
  if (filter.year) parts.push(`(keys : "y${filter.year}" OR keys : "r${filter.year}")`);
  if (filter.glossaryOnly) parts.push('keys : "g1"');
  return parts.map((p) => ` AND ${p}`).join('');
}

/**
 * How many of FTS5's best are rescored: its bm25() differs from BM25+ in detail (length counts every token,
 * one idf over all columns), so more than asked for are taken, and the exact score decides among them.
 */
const POOL = (limit: number) => Math.max(4 * limit, 400);

/** FTS5's best by its bm25() (the keys column weighs nothing), then their term counts, by rowid. */
const SEARCH_SQL = `
SELECT p.rowid AS rowid, p.id AS id, p.doc AS doc, p.terms AS counts
FROM (
  SELECT rowid FROM passage_fts WHERE passage_fts MATCH @match
  ORDER BY bm25(passage_fts, ${FIELDS.map((f) => FIELD_BOOSTS[f].toFixed(1)).join(', ')}, 0.0) LIMIT @pool
) AS best JOIN passages p ON p.rowid = best.rowid`;

interface Row {
  rowid: number;
  id: string;
  doc: string;
  counts: Buffer;
}

interface Stats {
  passages: number;
  lengths: number[];
}

interface Statements {
  search: Database.Statement<Record<string, unknown>, Row>;
  term: Database.Statement<[string], { id: number; field: number | null; docs: number | null }>;
  stats: Database.Statement<[], { passages: number; text_len: number; title_len: number; term_len: number }>;
}

/** A query term as scoring needs it: its plain text and, per field, how many passages have it there. */
interface QueryTerm {
  term: string;
  df: number[];
}

export class FtsSearch implements SearchEngine {
  // Per connection: the store opens a new one when its file was damaged or replaced.
  private statements = new WeakMap<Db, Statements>();

  /** `connection` is asked for on every use: the store opens a new one when its file was damaged or replaced. */
  constructor(private readonly connection: () => Db) {}

  // The store writes and deletes a passage's search row in the passage's own transaction.
  addPassage(): void {}
  removePassage(): void {}

  documentFrequency(word: string): number {
    return this.lookup(this.prepared(), word).df[0] ?? 0;
  }

  searchPassages(query: string, filter: SearchFilter = {}, limit = 50, wholeTerms: readonly string[] = []): Hit[] {
    const s = this.prepared();
    const stats = this.stats(s);
    const looked = new Map<string, { id?: number; df: number[] }>();
    const lookup = (t: string) => looked.get(t) ?? looked.set(t, this.lookup(s, t)).get(t)!;
    const terms = searchTerms(query, wholeTerms, (t) => lookup(t).df[0] ?? 0, stats.passages);
    // The stored terms among the query's, in its order, and each one's position by term id.
    const wanted: QueryTerm[] = [];
    const byId = new Map<number, number>();
    for (const term of terms) {
      const { id, df } = lookup(term);
      if (id !== undefined) byId.set(id, wanted.push({ term, df }) - 1);
    }
    if (!wanted.length) return [];
    const rows = s.search.all({
      match: `(${wanted.map((t) => `"${encodeTerm(t.term)}"`).join(' OR ')})${filterExpression(filter)}`,
      pool: POOL(limit),
    });
    const hits = rows.map((r) => ({ rowid: r.rowid, ...scored(r, wanted, byId, stats) }));
    hits.sort((a, b) => b.score - a.score || a.first - b.first || a.rowid - b.rowid);
    return hits.slice(0, limit).map(({ id, doc, score, terms }) => ({ id, doc, score, terms }));
  }

  /** The word's term id (undefined when no passage ever had it) and, per field, how many passages have it. */
  private lookup(s: Statements, word: string): { id?: number; df: number[] } {
    const df = FIELDS.map(() => 0);
    let id: number | undefined;
    for (const r of s.term.all(word)) {
      id = r.id;
      if (r.field !== null && r.docs !== null) df[r.field] = r.docs;
    }
    return { id, df };
  }

  private stats(s: Statements): Stats {
    const r = s.stats.get();
    return { passages: r?.passages ?? 0, lengths: [r?.text_len ?? 0, r?.title_len ?? 0, r?.term_len ?? 0] };
  }

  private prepared(): Statements {
    const db = this.connection();
    let s = this.statements.get(db);
    if (!s) {
      s = {
        search: db.prepare(SEARCH_SQL),
        term: db.prepare(
          'SELECT t.id AS id, s.field AS field, s.docs AS docs FROM terms t LEFT JOIN term_stats s ON s.term_id = t.id WHERE t.term = ?',
        ),
        stats: db.prepare('SELECT passages, text_len, title_len, term_len FROM search_stats'),
      };
      this.statements.set(db, s);
    }
    return s;
  }
}

/**
 * A passage's score as minisearch gives it: per query term and field, BM25+ times the field's boost, summed
 * term by term in the query's order (the same additions in the same order, so equal scores stay equal),
 * then times the number of query terms the passage has. `first` orders equal scores as minisearch does:
 * by the first query term, then field, the passage matched.
 */
function scored(row: Row, query: QueryTerm[], byId: Map<number, number>, stats: Stats): Hit & { first: number } {
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
