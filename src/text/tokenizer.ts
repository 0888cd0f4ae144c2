/**
 * One tokenizer for documents and queries: jieba-wasm search-mode segmentation (so 在建工程 also yields 工程)
 * with the project dictionary, punctuation and stopwords dropped. Queries add character bigrams of their
 * words, so a two-character word the dictionary split differently in a document is still found.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as jieba from 'jieba-wasm';
import { toSimplified } from './chinese.js';

const here = fileURLToPath(new URL('.', import.meta.url));

export const DICTIONARY_PATH = `${here}dictionary.txt`;

function dataLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

let ready = false;

/** Loads the dictionary once; jieba's own start-up happens on first use. */
export function initTokenizer(): void {
  if (ready) return;
  for (const line of dataLines(DICTIONARY_PATH)) {
    // A kept line is trimmed and not empty, so it has a word.
    const [word = '', freq] = line.split(/\s+/);
    jieba.add_word(word, freq ? Number(freq) : 20000, 'n');
  }
  ready = true;
}

const STOPWORDS = new Set(dataLines(`${here}stopwords.txt`).flatMap((l) => l.split(/\s+/)));
const MEANINGFUL = /[\p{L}\p{N}]/u;

export function isStopword(w: string): boolean {
  return STOPWORDS.has(w);
}

/** Search-mode words, lower-cased, without punctuation or stopwords. */
export function words(text: string): string[] {
  initTokenizer();
  const out: string[] = [];
  for (const raw of jieba.cut_for_search(toSimplified(text), true)) {
    const w = raw.trim().toLowerCase();
    if (w && MEANINGFUL.test(w) && !STOPWORDS.has(w)) out.push(w);
  }
  return out;
}

/** Precise-mode words (for labels: "新增各类绿地" → 新增 / 各类 / 绿地). */
export function preciseWords(text: string): string[] {
  initTokenizer();
  return jieba
    .cut(toSimplified(text), true)
    .map((w) => w.trim().toLowerCase())
    .filter((w) => w && MEANINGFUL.test(w));
}

/** Overlapping pairs of Han characters within each run of Han text. */
export function bigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) {
      out.push(run.slice(i, i + 2));
    }
  }
  return out;
}

/** Query terms: words and the bigrams of their Han words. */
export function queryTerms(text: string): string[] {
  const ws = words(text);
  const bs = bigrams(ws.filter((w) => /\p{Script=Han}/u.test(w)).join(' '));
  return [...new Set([...ws, ...bs])];
}

/**
 * Where precise-mode words start in a text (and its end): a name found at `at` with `length` characters is a
 * whole word when both its ends are boundaries (沿海城市 is 沿海/城市, so 海城市 inside it is no word).
 */
export function wordBoundaries(text: string): Set<number> {
  initTokenizer();
  const out = new Set<number>([0]);
  let at = 0;
  for (const w of jieba.cut(text, true)) {
    at += w.length;
    out.add(at);
  }
  return out;
}
