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

// Tokens computed while the file was read (possibly in a worker), consulted while its passages are added.
const pretokenized = new Map<string, string[]>();

export const SEARCH_OPTIONS: Options<IndexedPassage> = {
  fields: ['text', 'sectionTitle', 'term'],
  storeFields: ['district', 'reportYear', 'dataYear', 'glossary'],
  tokenize: (text, field) => pretokenized.get(`${field}\0${text}`) ?? fieldTokens(text, field ?? 'text'),
  processTerm: (term) => encodeTerm(term),
  searchOptions: {
    tokenize: (text) => queryTerms(text),
    processTerm: (term) => encodeTerm(term),
    boost: { text: 2, sectionTitle: 1, term: 4 },
  },
};

export function encodeTerm(term: string): string {
  let out = '';
  for (let i = 0; i < term.length; i++) out += term.charCodeAt(i).toString(16).padStart(4, '0');
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

const glossaryTerms = new WeakMap<MiniSearch<IndexedPassage>, string[]>();

/** The corpus's glossary terms, so that a query naming one also searches for it whole. */
export function setGlossaryTerms(index: MiniSearch<IndexedPassage>, terms: string[]): void {
  glossaryTerms.set(index, [...new Set(terms.map((t) => t.toLowerCase()))]);
}

/** Adds passages; tokens (keyed field + NUL + text, from readReport) spare tokenizing them again. */
export function addPassages(index: MiniSearch<IndexedPassage>, passages: Passage[], tokens: [string, string[]][] = []): void {
  for (const [key, t] of tokens) pretokenized.set(key, t);
  try {
    index.addAll(passages.map(toIndexed));
  } finally {
    pretokenized.clear();
  }
}

export function newSearchIndex(): MiniSearch<IndexedPassage> {
  return new MiniSearch<IndexedPassage>(SEARCH_OPTIONS);
}

export function loadSearchIndex(json: string): MiniSearch<IndexedPassage> {
  return MiniSearch.loadJSON<IndexedPassage>(json, SEARCH_OPTIONS);
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

/** Ranked passage ids. A year filters by the year a passage is about or the year its report was delivered. */
export function searchPassages(index: MiniSearch<IndexedPassage>, query: string, filter: SearchFilter = {}, limit = 50): Hit[] {
  const terms = glossaryTerms.get(index) ?? [];
  const lower = query.toLowerCase();
  const results: SearchResult[] = index.search(query, {
    tokenize: (q) => [...queryTerms(q), ...terms.filter((t) => lower.includes(t))],
    filter: (r) =>
      (!filter.district || r.district === filter.district) &&
      (!filter.year || r.dataYear === filter.year || r.reportYear === filter.year) &&
      (!filter.glossaryOnly || r.glossary === true),
  });
  return results.slice(0, limit).map((r) => ({ id: String(r.id), score: r.score, terms: r.terms.map(decodeTerm) }));
}
