/**
 * /ask: an extractive answer. Definition questions read the glossary first; numeric questions the facts (when
 * a metric matches); everything else ranks passages with BM25 and then picks the sentences that cover the
 * question's words best. Answers are sentences from the reports, never generated text.
 */
import type { Fact, Passage, Sentence } from '../types.js';
import type { ReportIndex } from '../index/build.js';
import { searchPassages } from '../index/search.js';
import { bigrams, words } from '../text/tokenizer.js';
import { QueryError, type AskAnswer, type CitedSentence } from './answer.js';
import { citationOf, citeId, shown } from './cite.js';
import { resolveQuestion, type ResolvedQuestion } from './resolve.js';
import { surfaceMarks } from './search.js';
import { answerFromFacts } from './metric.js';
import { expandSynonyms } from '../text/synonyms.js';

const MAX_SENTENCES = 3;
/** How reports say who leads: the answer to a "哪个区…最多" question. */
const RANKED = /第一|首位|首个|首家|最高|最多|最大|领先|前列|位居|居全市|排名/;

export function ask(index: ReportIndex, question: string): AskAnswer {
  const q = question.trim();
  if (!q) throw new QueryError('BAD_REQUEST', '请输入问题,例如:虹口的“三师联创”是什么?');
  const resolved = resolveQuestion(q, index.corpus);
  if (!resolved.keywords) throw new QueryError('BAD_REQUEST', '问题里没有可以查找的词;请说明想了解什么,例如:徐汇2024年新增了多少绿地?');
  const base = { type: 'ask' as const, question: q, assumptions: resolved.assumptions };
  if (resolved.intent === 'definition') {
    const glossary = fromGlossary(index, resolved);
    if (glossary.length) return { ...base, via: 'glossary', answer: glossary[0].text, sentences: glossary };
  }
  if (resolved.intent === 'numeric' && resolved.district) {
    const metric = answerFromFacts(index, resolved);
    if (metric) {
      const sentences = [citedFact(index, metric.best.fact)];
      const rest = fromPassages(index, resolved).filter((s) => s.text !== sentences[0].text).slice(0, MAX_SENTENCES - 1);
      rest.forEach((s, i) => (s.n = i + 2));
      return { ...base, via: 'facts', metric, answer: sentences[0].text, sentences: [...sentences, ...rest] };
    }
  }
  const sentences = fromPassages(index, resolved).slice(0, MAX_SENTENCES);
  if (!sentences.length) throw new QueryError('NO_MATCH', `报告中没有找到与“${resolved.keywords}”相关的内容。可以换个说法,或用 /search 查关键词。`);
  return { ...base, via: 'passages', answer: sentences.map((s) => s.text).join(''), sentences };
}

function fromGlossary(index: ReportIndex, r: ResolvedQuestion): CitedSentence[] {
  const entries = index.corpus.passages.filter((p) => p.kind === 'glossary' && p.term && (!r.district || p.district === r.district));
  const named = entries.filter((p) => r.keywords.includes(p.term!)).sort((a, b) => b.term!.length - a.term!.length);
  const hit = named[0] ?? bestGlossaryHit(index, r);
  if (!hit) return [];
  return [toCited(index, hit.id, hit, [hit.term ?? ''], 1)];
}

function bestGlossaryHit(index: ReportIndex, r: ResolvedQuestion): Passage | undefined {
  const hits = searchPassages(index.search, r.keywords, { district: r.district, glossaryOnly: true }, 1);
  const p = hits[0] && index.passage(hits[0].id);
  if (!p || !p.term) return undefined;
  // Only trust a glossary entry whose term shares a word with the question.
  const qw = new Set(words(r.keywords));
  return words(p.term).some((w) => qw.has(w)) ? p : undefined;
}

interface Candidate { passage: Passage; sentence: Sentence; score: number }

function fromPassages(index: ReportIndex, r: ResolvedQuestion): CitedSentence[] {
  let hits = searchPassages(index.search, r.keywords, { district: r.district }, 40);
  if (!hits.length && r.district) hits = searchPassages(index.search, r.keywords, {}, 40);
  if (!hits.length) return [];
  const qWords = [...new Set(words(r.keywords))];
  const qGrams = [...new Set(bigrams(qWords.join(' ')))];
  const passages = hits.map((h) => index.passage(h.id)!);
  // A word is there in any of its spellings: 加装电梯 in "电梯加装完工333台".
  const spellings = new Map(qWords.map((w) => [w, expandSynonyms(w)]));
  const has = (text: string, w: string) => spellings.get(w)!.some((x) => text.includes(x));
  const weight = termWeights(qWords, passages, has);
  const total = qWords.reduce((s, w) => s + weight.get(w)!, 0) || 1;
  const top = hits[0].score;
  const candidates: Candidate[] = [];
  hits.forEach((h, i) => {
    const p = passages[i];
    const yearFit = r.year === undefined ? 0 : p.period?.year === r.year ? 0.15 : p.reportYear === r.year ? 0.05 : -0.1;
    for (const s of p.sentences) {
      const lower = s.text.toLowerCase();
      const wordCover = qWords.reduce((acc, w) => acc + (has(lower, w) ? weight.get(w)! : 0), 0) / total;
      const gramCover = qGrams.length ? qGrams.filter((g) => lower.includes(g)).length / qGrams.length : 0;
      const kindFit = r.kindHint && p.period ? (p.period.kind === r.kindHint ? 0.1 : -0.05) : 0;
      const numeric = r.intent === 'numeric' && /\d/.test(s.text) ? 0.1 : 0;
      const brevity = s.text.length > 200 ? -0.1 : 0;
      const rank = r.asksRank && RANKED.test(s.text) ? 0.3 : 0;
      candidates.push({ passage: p, sentence: s, score: 0.35 * (h.score / top) + wordCover + 0.5 * gramCover + yearFit + kindFit + numeric + brevity + rank });
    }
  });
  candidates.sort((a, b) => b.score - a.score);
  const seen = new Set<string>();
  const out: CitedSentence[] = [];
  for (const c of candidates) {
    if (seen.has(c.sentence.text)) continue;
    seen.add(c.sentence.text);
    const marks = surfaceMarks(c.sentence.text, [...qWords, ...qGrams]);
    out.push(toCited(index, c.passage.id, c.sentence, marks, out.length + 1));
    if (out.length >= 8) break;
  }
  return out;
}

/** Rarer words among the candidate passages, and longer words, say more about what was asked. */
function termWeights(qWords: string[], passages: Passage[], has: (text: string, w: string) => boolean): Map<string, number> {
  const weights = new Map<string, number>();
  for (const w of qWords) {
    const df = passages.filter((p) => has(p.text.toLowerCase(), w)).length;
    weights.set(w, Math.log(1 + (passages.length + 1) / (df + 0.5)) * Math.sqrt(Math.min(w.length, 6)));
  }
  return weights;
}

function toCited(index: ReportIndex, passageId: string, s: Sentence, marks: string[], n: number): CitedSentence {
  const p = index.passage(passageId)!;
  const meta = index.report(p.doc)!;
  const seen = shown(s.text, s.original, marks.filter(Boolean));
  return { n, text: seen.text, marks: seen.marks, citation: citationOf(meta, p, s.lines, s.page), citeId: citeId(meta, s.lines) };
}

/** A fact's sentence, cited as ask cites any sentence. */
function citedFact(index: ReportIndex, f: Fact): CitedSentence {
  const { lines, page } = f.citation;
  return toCited(index, f.passageId, { text: f.excerpt, original: f.original, lines, page }, [f.valueText], 1);
}
