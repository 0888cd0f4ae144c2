/**
 * Search in a PostgreSQL store: each passage's terms are a `tsvector` with a GIN index, its fields told apart
 * by weight (text A, section title B, glossary term C) and a term's count in a field by its number of
 * positions. The GIN index finds the passages having any query term and the filter's columns narrow them;
 * ts_rank, weighted by field boost and by each term's BM25 idf, picks the candidates, and rescore.ts scores
 * them exactly as minisearch would.
 */
import { StoredSearch, type Candidate, type QueryTerm } from './rescore.js';
import { encodeTerm, FIELD_BOOSTS, FIELDS, type PassageTokens, type SearchFilter } from './search.js';

/** Each field's tsvector weight label, in FIELDS order. */
const WEIGHTS = ['A', 'B', 'C'] as const;

/** tsvector keeps at most 256 positions per lexeme; counts past that rank no differently. */
const MAX_POSITIONS = 256;

/**
 * A passage's tsvector, as tsvector input: each term hex-encoded (search.ts encodeTerm, so no text search
 * parser or dictionary touches it) with one position per occurrence, labelled with its field's weight.
 */
export function passageVector(tokens: PassageTokens): string {
  const positions = new Map<string, string[]>();
  FIELDS.forEach((field, f) => {
    for (const term of tokens[field]) {
      const lexeme = encodeTerm(term);
      const own = positions.get(lexeme) ?? positions.set(lexeme, []).get(lexeme)!;
      if (own.length < MAX_POSITIONS) own.push(`${own.length + 1}${WEIGHTS[f]}`);
    }
  });
  return [...positions].map(([lexeme, at]) => `'${lexeme}':${at.join(',')}`).join(' ');
}

/** ts_rank's weights array is {D, C, B, A}, each at most 1: the field boosts scaled to the largest. */
const RANK_WEIGHTS = (() => {
  const top = Math.max(...FIELDS.map((f) => FIELD_BOOSTS[f]));
  const [a, b, c] = FIELDS.map((f) => FIELD_BOOSTS[f] / top);
  return `{0,${c},${b},${a}}`;
})();

export class PgSearch extends StoredSearch {
  protected candidates(terms: QueryTerm[], filter: SearchFilter, pool: number, passages: number): Candidate[] {
    const lexemes = terms.map((t) => `'${encodeTerm(t.term)}'`);
    const params: unknown[] = [lexemes.join(' | '), lexemes, terms.map((t) => idf(t, passages)), pool];
    const where = ['tsv @@ $1::tsquery'];
    if (filter.district) where.push(`district = $${params.push(filter.district)}`);
    if (filter.year) where.push(`(data_year = $${params.push(filter.year)} OR report_year = $${params.length})`);
    if (filter.glossaryOnly) where.push('glossary');
    // Parameters are numbered ($n) rather than `?`: one year serves both year columns.
    const sql = `
      SELECT rowid, id, doc, terms AS counts FROM passages WHERE ${where.join(' AND ')}
      ORDER BY (
        SELECT sum(u.idf * ts_rank('${RANK_WEIGHTS}', tsv, u.q, 1))
        FROM unnest($2::tsquery[], $3::float8[]) AS u (q, idf)
      ) DESC, rowid LIMIT $4`;
    return this.db.all<Candidate>(sql, params);
  }
}

/** A term's BM25 idf, from the field most passages have it in. */
function idf(t: QueryTerm, passages: number): number {
  const df = Math.max(...t.df);
  return Math.log(1 + (passages - df + 0.5) / (df + 0.5));
}
