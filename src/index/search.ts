/**
 * BM25 over passages (minisearch). Fields: the passage text and its section title and glossary term (jieba
 * search-mode words). Queries add character bigrams of their words, which match two-character words the
 * dictionary split differently. A separate bigram field was measured: same gold scores, but it doubles the
 * distinct terms and minisearch's radix tree made loading 3.5× slower (440 ms vs 125 ms on the seeds).
 * The tokenizer is always passed explicitly: minisearch's default would treat a Chinese sentence as one token.
 *
 * Terms are stored in minisearch's tree as hex code units. Its radix tree finds a child by scanning a node's
 * keys one by one, which suits a 26-letter alphabet; Chinese gives the root thousands of children and made
 * every insert and lookup a linear scan (4 µs a token, half of the build time on the 200× corpus). Hex nodes
 * have at most 16 children.
 */
import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import type { Passage } from '../types.js';
import { queryTerms, words } from '../text/tokenizer.js';

export interface IndexedPassage {
  id: string;
  doc: string;
  text: string;
  sectionTitle: string;
  term: string;
  district: string;
  reportYear: number | null;
  dataYear: number | null;
  glossary: boolean;
}

/** What a search filters on, kept beside each passage's postings. */
type Stored = Pick<IndexedPassage, 'doc' | 'district' | 'reportYear' | 'dataYear' | 'glossary'>;

export const FIELDS = ['text', 'sectionTitle', 'term'] as const;
type Field = (typeof FIELDS)[number];

/** The tokens of one passage's fields, computed while its file was read (possibly in a worker). */
export type PassageTokens = Record<Field, string[]>;

/** How much a match in each field counts: a glossary term most, then the text, then the section title. */
export const FIELD_BOOSTS: Record<Field, number> = { text: 2, sectionTitle: 1, term: 4 };

export const SEARCH_OPTIONS: Options<IndexedPassage> = {
  fields: [...FIELDS],
  storeFields: ['doc', 'district', 'reportYear', 'dataYear', 'glossary'],
  // Passages are added with their tokens (addPassage); minisearch's own add would tokenize them the same way.
  tokenize: (text, field) => fieldTokens(text, field ?? 'text'),
  processTerm: (term) => encodeTerm(term),
  searchOptions: {
    tokenize: (text) => queryTerms(text),
    processTerm: (term) => encodeTerm(term),
    boost: FIELD_BOOSTS,
  },
};

/** minisearch's BM25+ parameters (its defaults): another engine that scores like it uses the same. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

/**
 * One field's BM25+ score for one term, as minisearch computes it: tf occurrences in a field of `length`
 * distinct terms, the term in `df` of `documents` passages' same field, fields averaging `avgLength`.
 */
export function bm25Plus(tf: number, df: number, documents: number, length: number, avgLength: number): number {
  const { k, b, d } = BM25;
  const idf = Math.log(1 + (documents - df + 0.5) / (df + 0.5));
  return idf * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * length) / avgLength)));
}

export function encodeTerm(term: string): string {
  let out = '';
  for (let i = 0; i < term.length; i++) out += term.charCodeAt(i).toString(16).padStart(4, '0');
  return out;
}

export function toIndexed(p: Passage): IndexedPassage {
  return { id: p.id, text: p.text, sectionTitle: p.sectionTitle, term: p.term ?? '', ...storedOf(p) };
}

function storedOf(p: Passage): Stored {
  return { doc: p.doc, district: p.district, reportYear: p.reportYear, dataYear: p.period?.year ?? null, glossary: p.kind === 'glossary' };
}

/**
 * Tokens of one field. A glossary term is also kept whole: jieba's dictionary is never changed at run time
 * (documents would be tokenized differently depending on what the process had read before), so the whole
 * term is added here and to queries that contain it.
 */
export function fieldTokens(text: string, field: string): string[] {
  if (field === 'term' && text) return [text.toLowerCase(), ...words(text)];
  return words(text);
}

/**
 * The tokens of each field of a passage, as the index stores them. A section's passages share its title:
 * given a map, each title is tokenized once (and a worker sends its tokens once).
 */
export function passageTokens(p: Passage, titles = new Map<string, string[]>()): PassageTokens {
  let title = titles.get(p.sectionTitle);
  if (!title) titles.set(p.sectionTitle, (title = fieldTokens(p.sectionTitle, 'sectionTitle')));
  return { text: fieldTokens(p.text, 'text'), sectionTitle: title, term: fieldTokens(p.term ?? '', 'term') };
}

/**
 * A passage's tokens as stored: per field its number of distinct terms, then each term's id (from idOf) and
 * occurrences, fields in FIELDS order — [n0, n1, n2, id, count, …]. A tenth of the tokens' size, and opening
 * from it skips splitting strings and finding each token's postings.
 */
export function termCounts(tokens: PassageTokens, idOf: (term: string) => number): Int32Array {
  const perField = FIELDS.map((field) => {
    const counts = new Map<string, number>();
    for (const t of tokens[field]) counts.set(t, (counts.get(t) ?? 0) + 1);
    return counts;
  });
  const out = new Int32Array(FIELDS.length + 2 * perField.reduce((n, m) => n + m.size, 0));
  let at = FIELDS.length;
  perField.forEach((counts, f) => {
    out[f] = counts.size;
    for (const [term, n] of counts) { out[at++] = idOf(term); out[at++] = n; }
  });
  return out;
}

/** Each field's length (distinct terms) from a passage's stored counts, fields in FIELDS order. */
export function fieldLengths(counts: Int32Array): number[] {
  return FIELDS.map((_, f) => counts[f] ?? 0);
}

/** Calls fn with each field (index in FIELDS), term id and occurrences of a passage's stored counts. */
export function eachTerm(counts: Int32Array, fn: (field: number, id: number, n: number) => void): void {
  let at = FIELDS.length;
  for (let f = 0; f < FIELDS.length; f++) {
    for (const end = at + 2 * (counts[f] ?? 0); at < end; at += 2) fn(f, counts[at] ?? -1, counts[at + 1] ?? 0);
  }
}

/** A stored counts blob as int32s; copied, since SQLite's buffer need not be aligned for an Int32Array view. */
export function countsOf(blob: Uint8Array): Int32Array {
  const out = new Int32Array(blob.byteLength / 4);
  new Uint8Array(out.buffer).set(blob);
  return out;
}

export interface SearchFilter {
  district?: string;
  year?: number;
  glossaryOnly?: boolean;
}

export interface Hit {
  id: string;
  /** The report file the passage is from. */
  doc: string;
  score: number;
  terms: string[];
}

/**
 * What the index asks of a search engine: BM25 over the stored passages. Which one runs is a setting
 * (SEARCH_ENGINE): minisearch in this process's heap (the default, fastest per query), or SQLite FTS5 in the
 * store's own file (fts.ts: nothing to load at open, one copy on disk for every process).
 */
export interface SearchEngine {
  searchPassages(query: string, filter: SearchFilter, limit: number, wholeTerms: readonly string[]): Hit[];
  /** Passages whose text has the word. */
  documentFrequency(word: string): number;
  /** A passage was stored; an engine of its own keeps it (the store's FTS rows are written with the passage). */
  addPassage(p: Passage, tokens: PassageTokens): void;
  removePassage(p: Passage): void;
}

/** A query's words, with any glossary term it contains kept whole, then without the words too common to tell. */
export function searchTerms(query: string, wholeTerms: readonly string[], documentFrequency: (t: string) => number, documents: number): string[] {
  return selectTerms(wantedTerms(query, wholeTerms), documentFrequency, documents);
}

/** A query's words and the glossary terms it contains, before the common ones are left out. */
export function wantedTerms(query: string, wholeTerms: readonly string[]): string[] {
  const lower = query.toLowerCase();
  return [...queryTerms(query), ...wholeTerms.filter((t) => lower.includes(t))];
}

/**
 * A word in more than this share of passages says little about which passage is meant; when the query has
 * rarer words it is left out, which keeps a query from scoring most of a large corpus for a word like 城市.
 * Small corpora keep every word found in up to 50 passages.
 */
const COMMON_SHARE = 0.01;

/** Query terms, without the very common ones when rarer ones remain (else only the rarest). */
export function selectTerms(terms: string[], documentFrequency: (term: string) => number, documents: number): string[] {
  const df = new Map(terms.map((t) => [t, documentFrequency(t)]));
  const limit = Math.max(50, documents * COMMON_SHARE);
  const present = terms.filter((t) => df.get(t)! > 0).sort((a, b) => df.get(a)! - df.get(b)!);
  const rare = present.filter((t) => df.get(t)! <= limit);
  const kept = rare.length ? rare : present.slice(0, 1);
  return kept.length ? [...new Set([...kept, ...terms.filter((t) => df.get(t) === 0)])] : terms;
}

/** Postings of one term: field id → passage (short id) → occurrences. minisearch's own shape, in its tree. */
type Postings = Map<number, Map<number, number>>;

/**
 * The passage index: minisearch's BM25 with the operations the product needs. A subclass, because adding a
 * passage with tokens already computed and document frequencies need minisearch's state, which it keeps
 * `protected` for subclasses. It is not persisted: the store keeps each passage's tokens and open adds them
 * back (addPassage, no tokenizing), which lets a changed report update only its own rows on disk.
 *
 * Passages go in and out through addPassage and removePassage only. They keep `postings`, each term's
 * postings by its plain text, in step with minisearch's term tree: while a corpus is added, a term is found
 * in a hash map instead of by walking the radix tree again (a third of the time of adding).
 */
export class PassageSearch extends MiniSearch<IndexedPassage> implements SearchEngine {
  private readonly postings = new Map<string, Postings>();

  constructor() {
    super(SEARCH_OPTIONS);
  }

  /**
   * Adds a passage; tokens (from readReport) spare tokenizing it again. The index ends up as minisearch's own
   * add would leave it (index.test.ts compares them): field lengths count unique terms, and the average
   * field length is updated the same way.
   */
  addPassage(p: Passage, tokens: PassageTokens = passageTokens(p)): void {
    const doc = this.register(p);
    const lengths: number[] = [];
    this._fieldLength.set(doc, lengths);
    for (const field of FIELDS) {
      const fieldId = this.fieldIdOf(field);
      this.countLength(fieldId, lengths, new Set(tokens[field]).size);
      for (const term of tokens[field]) this.count(term, fieldId, doc);
    }
  }

  /**
   * Adds passages from their stored term counts (termCounts), as addPassage would from their tokens. This is
   * how an index is opened: the counts name terms by id in `terms`, and each id's postings are found once
   * per open rather than once per token, which is what makes opening several times faster than adding tokens.
   * Only for filling an index: the adder's cache does not follow removals.
   */
  counted(terms: readonly string[]): (p: Passage, counts: Int32Array) => void {
    const cache: (Postings | undefined)[] = [];
    return (p, counts) => {
      const doc = this.register(p);
      const lengths: number[] = [];
      this._fieldLength.set(doc, lengths);
      let at = FIELDS.length;
      FIELDS.forEach((field, f) => {
        const fieldId = this.fieldIdOf(field);
        const distinct = counts[f] ?? 0;
        this.countLength(fieldId, lengths, distinct);
        // After the per-field lengths come (term id, count) pairs, field after field.
        for (const end = at + 2 * distinct; at < end; at += 2) {
          const id = counts[at] ?? -1;
          const term = terms[id];
          if (term === undefined) throw new Error(`internal: stored term id ${id} is not in the terms table`);
          const postings = (cache[id] ??= this.postingsOf(term));
          let docs = postings.get(fieldId);
          if (!docs) postings.set(fieldId, (docs = new Map()));
          docs.set(doc, (docs.get(doc) ?? 0) + (counts[at + 1] ?? 0));
        }
      });
    };
  }

  /** minisearch's id of one of our fields; the fields are fixed at construction, so a miss is a bug. */
  private fieldIdOf(field: string): number {
    const id = this._fieldIds[field];
    if (id === undefined) throw new Error(`internal: field ${field} is not indexed`);
    return id;
  }

  /** A new passage's short id and stored fields. */
  private register(p: Passage): number {
    if (this._idToShortId.has(p.id)) throw new Error(`passage ${p.id} is already indexed`);
    const doc = this._nextId++;
    this._idToShortId.set(p.id, doc);
    this._documentIds.set(doc, p.id);
    this._documentCount++;
    this._storedFields.set(doc, storedOf(p));
    return doc;
  }

  /** A field's length (its unique terms) and the running average minisearch keeps, updated as its add does. */
  private countLength(fieldId: number, lengths: number[], length: number): void {
    lengths[fieldId] = length;
    const count = this._documentCount - 1;
    this._avgFieldLength[fieldId] = ((this._avgFieldLength[fieldId] || 0) * count + length) / (count + 1);
  }

  /**
   * Removes a passage right away, as minisearch's remove does. Not discard: that leaves emptied terms for
   * later and would count removed passages in a word's document frequency until then.
   */
  removePassage(p: Passage, tokens: PassageTokens = passageTokens(p)): void {
    const doc = this._idToShortId.get(p.id);
    if (doc === undefined) return;
    const lengths = this._fieldLength.get(doc) ?? [];
    for (const field of FIELDS) {
      const fieldId = this.fieldIdOf(field);
      const count = this._documentCount;
      this._avgFieldLength[fieldId] = count === 1 ? 0 : ((this._avgFieldLength[fieldId] ?? 0) * count - (lengths[fieldId] ?? 0)) / (count - 1);
      for (const term of tokens[field]) this.uncount(term, fieldId, doc);
    }
    this._storedFields.delete(doc);
    this._documentIds.delete(doc);
    this._idToShortId.delete(p.id);
    this._fieldLength.delete(doc);
    this._documentCount--;
  }

  /** Passages whose text has the word: lets a query skip words that nearly every passage has. */
  documentFrequency(word: string): number {
    return this.postings.get(word)?.get(this.fieldIdOf('text'))?.size ?? 0;
  }

  /**
   * Ranked passage ids. A year filters by the year a passage is about or the year its report was delivered.
   * `wholeTerms` are glossary terms: a query containing one also searches for it whole.
   */
  searchPassages(query: string, filter: SearchFilter = {}, limit = 50, wholeTerms: readonly string[] = []): Hit[] {
    const terms = searchTerms(query, wholeTerms, (t) => this.documentFrequency(t), this.documentCount);
    const plain = new Map(terms.map((t) => [encodeTerm(t), t]));
    const passes = (r: Record<string, unknown>) =>
      (!filter.district || r.district === filter.district) &&
      (!filter.year || r.dataYear === filter.year || r.reportYear === filter.year) &&
      (!filter.glossaryOnly || r.glossary === true);
    const results: SearchResult[] = this.search(query, {
      tokenize: () => terms,
      // Filtering here rather than with `filter` skips a passage before minisearch builds a result for it.
      boostDocument: (_id, _term, stored) => (passes(stored ?? {}) ? 1 : 0),
    });
    return results.slice(0, limit).map((r) => ({
      id: String(r.id),
      doc: String(r.doc),
      score: r.score,
      terms: r.terms.map((t) => plain.get(t) ?? t),
    }));
  }

  private postingsOf(term: string): Postings {
    let postings = this.postings.get(term);
    if (!postings) this.postings.set(term, (postings = this._index.fetch(encodeTerm(term), () => new Map())));
    return postings;
  }

  private count(term: string, fieldId: number, doc: number): void {
    const postings = this.postingsOf(term);
    let docs = postings.get(fieldId);
    if (!docs) postings.set(fieldId, (docs = new Map()));
    docs.set(doc, (docs.get(doc) ?? 0) + 1);
  }

  private uncount(term: string, fieldId: number, doc: number): void {
    const postings = this.postings.get(term);
    const docs = postings?.get(fieldId);
    const n = docs?.get(doc);
    if (!postings || !docs || n === undefined) return;
    if (n > 1) docs.set(doc, n - 1);
    else if (docs.size > 1) docs.delete(doc);
    else postings.delete(fieldId);
    if (postings.size === 0) {
      this.postings.delete(term);
      this._index.delete(encodeTerm(term));
    }
  }
}
