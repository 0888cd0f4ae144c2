/**
 * The search engine for corpora past what one heap should hold: SQLite FTS5 over the store's passage_fts table
 * (db.ts), in the same file as the rest of the index. Nothing is loaded at open, every process on the machine
 * reads the one copy on disk, and a stored report is searchable as soon as its transaction commits. FTS5's
 * bm25() picks the candidates; rescore.ts scores them as minisearch would.
 */
import type { Passage } from '../types.js';
import { StoredSearch, type Candidate, type QueryTerm } from './rescore.js';
import { encodeTerm, FIELD_BOOSTS, FIELDS, type PassageTokens, type SearchFilter } from './search.js';

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

/** FTS5's best by its bm25() (the keys column weighs nothing), then their term counts, by rowid. */
const SEARCH_SQL = `
SELECT p.rowid AS rowid, p.id AS id, p.doc AS doc, p.terms AS counts
FROM (
  SELECT rowid FROM passage_fts WHERE passage_fts MATCH ?
  ORDER BY bm25(passage_fts, ${FIELDS.map((f) => FIELD_BOOSTS[f].toFixed(1)).join(', ')}, 0.0) LIMIT ?
) AS best JOIN passages p ON p.rowid = best.rowid`;

export class FtsSearch extends StoredSearch {
  protected candidates(terms: QueryTerm[], filter: SearchFilter, pool: number): Candidate[] {
    const match = `(${terms.map((t) => `"${encodeTerm(t.term)}"`).join(' OR ')})${filterExpression(filter)}`;
    return this.db.all<Candidate>(SEARCH_SQL, [match, pool]);
  }
}
