/**
 * BM25 over passages (minisearch). Fields: the passage text and its section title and glossary term (jieba
 * search-mode words). Queries add character bigrams of their words, which match two-character words the
 * dictionary split differently. A separate bigram field was measured: same gold scores, but it doubles the
 * distinct terms and minisearch's radix tree made loading 3.5× slower (440 ms vs 125 ms on the seeds).
 * The tokenizer is always passed explicitly: minisearch's default would treat a Chinese sentence as one token.
 *
 * Terms are stored as hex code units. minisearch's radix tree finds a child by scanning a node's keys one by
 * one, which suits a 26-letter alphabet; Chinese gives the root thousands of children and made every insert
 * and lookup a linear scan (4 µs a token, half of the build time on the 200× corpus). Hex nodes have at most
 * 16 children.
 */
import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import type { Passage } from '../types.js';
import { queryTerms, words } from '../text/tokenizer.js';

export interface IndexedPassage {
  id: string;
  text: string;
  sectionTitle: string;
  term: string;
  district: string;
  reportYear: number;
  dataYear: number | null;
  glossary: boolean;
}

/** The tokens of one passage's fields, computed while its file was read (possibly in a worker). */
export type PassageTokens = Record<'text' | 'sectionTitle' | 'term', string[]>;

// The tokens of the passage being added right now: minisearch asks for them by field and text only.
let adding: PassageTokens | undefined;

export const SEARCH_OPTIONS: Options<IndexedPassage> = {
  fields: ['text', 'sectionTitle', 'term'],
  storeFields: ['district', 'reportYear', 'dataYear', 'glossary'],
  tokenize: (text, field) => adding?.[field as keyof PassageTokens] ?? fieldTokens(text, field ?? 'text'),
  processTerm: (term) => encodeTerm(term),
  searchOptions: {
    tokenize: (text) => queryTerms(text),
    processTerm: (term) => encodeTerm(term),
    boost: { text: 2, sectionTitle: 1, term: 4 },
  },
};

// A corpus has far fewer distinct words than word occurrences.
const encoded = new Map<string, string>();
export function encodeTerm(term: string): string {
  let out = encoded.get(term);
  if (out !== undefined) return out;
  out = '';
  for (let i = 0; i < term.length; i++) out += term.charCodeAt(i).toString(16).padStart(4, '0');
  if (encoded.size > 500_000) encoded.clear();
  encoded.set(term, out);
  return out;
}

export function decodeTerm(hex: string): string {
  let out = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) out += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return out;
}

export function toIndexed(p: Passage): IndexedPassage {
  return {
    id: p.id, text: p.text, sectionTitle: p.sectionTitle, term: p.term ?? '',
    district: p.district, reportYear: p.reportYear, dataYear: p.period?.year ?? null, glossary: p.kind === 'glossary',
  };
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

/** Postings of one term: field id → passage (short id) → occurrences. */
type Postings = Map<number, Map<number, number>>;

/**
 * minisearch's term tree. Not its public API, so every use is here and tests in index.test.ts pin what is
 * relied on: saving equals minisearch's own JSON, an index changed in place ranks as one built from
 * scratch, and document frequencies leave out the common words they should.
 */
interface TermTree extends Iterable<[string, Postings]> {
  get(term: string): Postings | undefined;
  fetch(term: string, initial: () => Postings): Postings;
}
function termTree(index: MiniSearch<IndexedPassage>): TermTree {
  return (index as unknown as { _index: TermTree })._index;
}

// minisearch numbers fields in the order the options list them.
const TEXT_FIELD = SEARCH_OPTIONS.fields.indexOf('text');

/** Passages whose text has the word: lets a query skip words that nearly every passage has. */
function docFreq(index: MiniSearch<IndexedPassage>, word: string): number {
  return termTree(index).get(encodeTerm(word))?.get(TEXT_FIELD)?.size ?? 0;
}

const glossaryTerms = new WeakMap<MiniSearch<IndexedPassage>, string[]>();

/** The corpus's glossary terms, so that a query naming one also searches for it whole. */
export function setGlossaryTerms(index: MiniSearch<IndexedPassage>, terms: string[]): void {
  glossaryTerms.set(index, [...new Set(terms.map((t) => t.toLowerCase()))]);
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

/** Adds passages; tokens (one entry per passage, from readReport) spare tokenizing them again. */
export function addPassages(index: MiniSearch<IndexedPassage>, passages: Passage[], tokens?: PassageTokens[]): void {
  const restore = rememberPostings(index);
  try {
    passages.forEach((p, i) => {
      adding = tokens?.[i] ?? passageTokens(p);
      index.add(toIndexed(p));
    });
  } finally {
    adding = undefined;
    restore();
  }
}

// Each term's postings, by term, beside minisearch's radix tree (see rememberPostings).
const postingsByTerm = new WeakMap<MiniSearch<IndexedPassage>, Map<string, Postings>>();

/**
 * While passages are added, a term's postings are found in a hash map after the first time instead of by
 * walking minisearch's radix tree again (a third of the time of adding). Terms leave the tree only when
 * passages are removed, and removePassages forgets the map.
 */
function rememberPostings(index: MiniSearch<IndexedPassage>): () => void {
  const tree = termTree(index);
  const fetch = tree.fetch;
  const known = postingsByTerm.get(index) ?? new Map<string, Postings>();
  postingsByTerm.set(index, known);
  tree.fetch = (term, initial) => {
    let postings = known.get(term);
    if (postings === undefined) known.set(term, (postings = fetch.call(tree, term, initial)));
    return postings;
  };
  return () => { tree.fetch = fetch; };
}

export function newSearchIndex(): MiniSearch<IndexedPassage> {
  return new MiniSearch<IndexedPassage>(SEARCH_OPTIONS);
}

/**
 * The index as minisearch's own JSON (what loadJS reads), written term by term. minisearch's toJSON first
 * copies every posting list into an object with numeric keys and JSON.stringify then walks those objects:
 * 7 s for the 200× corpus, against 3.5 s here. Everything but the postings comes from minisearch's toJSON.
 */
export function serializeSearchIndex(index: MiniSearch<IndexedPassage>): string {
  const { index: _none, ...head } = MiniSearch.prototype.toJSON.call({ ...index, _index: [] } as unknown as MiniSearch);
  const terms: string[] = [];
  for (const [term, fields] of termTree(index)) {
    let entry = `[${JSON.stringify(term)},{`;
    let firstField = true;
    for (const [field, docs] of fields) {
      entry += `${firstField ? '' : ','}"${field}":{`;
      firstField = false;
      let firstDoc = true;
      for (const [doc, freq] of docs) {
        entry += `${firstDoc ? '' : ','}"${doc}":${freq}`;
        firstDoc = false;
      }
      entry += '}';
    }
    terms.push(`${entry}}]`);
  }
  return `${JSON.stringify(head).slice(0, -1)},"index":[${terms.join(',')}]}`;
}

export function loadSearchIndex(json: string): MiniSearch<IndexedPassage> {
  return MiniSearch.loadJSON<IndexedPassage>(json, SEARCH_OPTIONS);
}

/**
 * Removes passages from the search index. remove, not discard: discard leaves minisearch to delete emptied
 * terms later, between calls, behind the back of the postings map that addPassages keeps, and would leave
 * removed passages counted in a word's document frequency until then.
 */
export function removePassages(index: MiniSearch<IndexedPassage>, passages: Passage[]): void {
  postingsByTerm.delete(index);
  for (const p of passages) if (index.has(p.id)) index.remove(toIndexed(p));
}

export interface SearchFilter {
  district?: string;
  year?: number;
  glossaryOnly?: boolean;
}

export interface Hit {
  id: string;
  score: number;
  terms: string[];
}

/**
 * A word in more than this share of passages says little about which passage is meant; when the query has
 * rarer words it is left out, which keeps a query from scoring most of a large corpus for a word like 城市.
 * Small corpora keep every word found in up to 50 passages.
 */
const COMMON_SHARE = 0.01;

/** Query terms, without the very common ones when rarer ones remain (else only the rarest). */
export function selectTerms(index: MiniSearch<IndexedPassage>, terms: string[]): string[] {
  const df = new Map(terms.map((t) => [t, docFreq(index, t)]));
  const limit = Math.max(50, index.documentCount * COMMON_SHARE);
  const present = terms.filter((t) => df.get(t)! > 0).sort((a, b) => df.get(a)! - df.get(b)!);
  const rare = present.filter((t) => df.get(t)! <= limit);
  const kept = rare.length ? rare : present.slice(0, 1);
  return kept.length ? [...new Set([...kept, ...terms.filter((t) => df.get(t) === 0)])] : terms;
}

/** Ranked passage ids. A year filters by the year a passage is about or the year its report was delivered. */
export function searchPassages(index: MiniSearch<IndexedPassage>, query: string, filter: SearchFilter = {}, limit = 50): Hit[] {
  const glossary = glossaryTerms.get(index) ?? [];
  const lower = query.toLowerCase();
  const terms = selectTerms(index, [...queryTerms(query), ...glossary.filter((t) => lower.includes(t))]);
  const passes = (r: Record<string, unknown>) =>
    (!filter.district || r.district === filter.district) &&
    (!filter.year || r.dataYear === filter.year || r.reportYear === filter.year) &&
    (!filter.glossaryOnly || r.glossary === true);
  const results: SearchResult[] = index.search(query, {
    tokenize: () => terms,
    // Filtering here rather than with `filter` skips a passage before minisearch builds a result for it.
    boostDocument: (_id, _term, stored) => (passes(stored ?? {}) ? 1 : 0),
  });
  return results.slice(0, limit).map((r) => ({ id: String(r.id), score: r.score, terms: r.terms.map(decodeTerm) }));
}
