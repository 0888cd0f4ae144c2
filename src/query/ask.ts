/**
 * /ask: an extractive answer. The question reader (question.ts) turns the question into the command that answers
 * it, and the answer is that command's, cited as the command cites: a figure (/metric), a year's result beside its
 * target with the verdict, a series (/trend), a ranking of places (/compare). Questions about a report itself
 * (who delivered it, at which session) are answered from its metadata and cite its masthead; definition questions
 * read the glossary first; everything else ranks passages with BM25, the place and year as filters, and picks the
 * sentences that cover the topic's words best. When nothing answers well the reply says "没有直接答案" and names
 * the nearest passages as such. Cited text is always the report's own, never generated.
 */
import type { Fact, Passage, PeriodKind, ReportMeta, Sentence } from '../types.js';
import type { ReportIndex } from '../index/build.js';
import type { Hit } from '../index/search.js';
import { bigrams, words } from '../text/tokenizer.js';
import {
  QueryError,
  type AskAnswer,
  type CitedSentence,
  type CompareAnswer,
  type FactResult,
  type MetricAnswer,
  type TrendAnswer,
  type TrendPoint,
} from './answer.js';
import { citationOf, citeId, shown } from './cite.js';
import { resolveQuestion, type ResolvedQuestion } from './resolve.js';
import {
  asksAboutReport,
  asksSeveralYears,
  readingLine,
  readQuestion,
  saysNoTarget,
  severalYears,
  summarisesYears,
  type Reading,
} from './question.js';
import { answerFromFacts, lookupMetric } from './metric.js';
import { compare, trend } from './trend.js';
import { surfaceMarks } from './search.js';
import { expandSynonyms } from '../text/synonyms.js';
import { first } from '../list.js';

const MAX_SENTENCES = 3;
/** How reports say who leads: the answer to a "哪个区…最多" question. */
const RANKED = /第一|首位|首个|首家|最高|最多|最大|领先|前列|位居|居全市|排名/;

export { asksAboutReport };

export function ask(index: ReportIndex, question: string): AskAnswer {
  const q = question.trim();
  if (!q) throw new QueryError('BAD_REQUEST', '请输入问题,例如:虹口的“三师联创”是什么?');
  const reading = readQuestion(q, index.corpus);
  const raw = resolveQuestion(q, index.corpus);
  const framed = reading.command === 'who' || reading.command === 'definition';
  if (!raw.keywords || (!framed && !reading.keyword))
    throw new QueryError('BAD_REQUEST', '问题里没有可以查找的词;请说明想了解什么,例如:徐汇2024年新增了多少绿地?');
  // The reader's place and years win: it knows 蒙, 廣東, Zhejiang, 宁厦 and 国家; the words left to search are
  // the topic alone, never the question's frame (是多少, 有什么政策, 完成了吗).
  const resolved: ResolvedQuestion = {
    ...raw,
    district: reading.place,
    year: reading.year,
    yearWritten: reading.yearWritten,
    keywords: framed ? raw.keywords : reading.keyword,
    assumptions: reading.assumptions,
  };
  const line = readingLine(reading);
  const base = {
    type: 'ask' as const,
    question: q,
    assumptions: [...resolved.assumptions, ...everywhere(index, resolved)],
    ...(line ? { reading: line } : {}),
  };
  if (reading.command === 'who') {
    const meta = fromMetadata(index, resolved, q);
    if (meta)
      return {
        ...base,
        assumptions: [...base.assumptions, ...meta.assumptions],
        via: 'passages',
        answer: meta.answer,
        sentences: [meta.sentence],
      };
    // A news report of the session has no masthead: its own sentence says who delivered the report.
    const told = deliveredSentence(index, resolved, q);
    if (told) return { ...base, via: 'passages', answer: told.text, sentences: [told] };
  }
  if (reading.command === 'definition' || resolved.intent === 'definition') {
    const glossary = fromGlossary(index, resolved);
    const [entry] = glossary;
    if (entry) return { ...base, via: 'glossary', answer: entry.text, sentences: glossary };
  }
  const figured = answerFigure(index, reading, base);
  if (figured) return figured;
  if (
    (reading.command === 'search' || reading.command === 'metric') &&
    resolved.intent === 'numeric' &&
    resolved.district
  ) {
    const metric = answerFromFacts(index, resolved);
    if (metric) {
      const cited = citedFact(index, metric.best.fact);
      const rest = fromPassages(index, resolved)
        .filter((s) => s.text !== cited.text)
        .slice(0, MAX_SENTENCES - 1);
      rest.forEach((s, i) => (s.n = i + 2));
      return { ...base, via: 'facts', metric, answer: cited.text, sentences: [cited, ...rest] };
    }
  }
  // A figure the facts do not hold is searched for in the sentences, but only those holding most of its words
  // answer it: "城镇调查失业率5.2%" is no answer to 城镇新增就业.
  const figure = (reading.command === 'metric' || reading.command === 'verdict') && reading.asksFigure;
  const everyPart = reading.command === 'search' && reading.asksFigure;
  const sentences = fromPassages(index, resolved, figure ? FIGURE_COVER : MIN_COVER, figure, everyPart).slice(
    0,
    MAX_SENTENCES,
  );
  if (!sentences.length) throw noDirectAnswer(index, resolved);
  return { ...base, via: 'passages', answer: sentences.map((s) => s.text).join(''), sentences };
}

/**
 * Nothing answers well: say so, and show the nearest passages as such (in the message, not as an answer's
 * citations, so nothing offers to share them).
 */
function noDirectAnswer(index: ReportIndex, r: ResolvedQuestion): QueryError {
  const hits = index.searchPassages(r.keywords, { district: r.district }, 3);
  const near = hits.flatMap((h) => {
    const p = index.passage(h.id);
    const meta = p && index.report(p.doc);
    if (!p || !meta) return [];
    const first = p.sentences[0];
    const lines = first?.lines ?? p.lines;
    return [{ text: (first?.text ?? p.text).slice(0, 80), id: citeId(meta, lines) }];
  });
  const where = [r.district, r.yearWritten && r.year !== undefined ? `${r.year}年` : ''].filter(Boolean).join(' ');
  return new QueryError(
    'NO_MATCH',
    `没有直接答案:${where ? `${where}的` : ''}报告中没有与“${r.keywords}”直接相关的内容。` +
      (near.length ? `最接近的段落(仅供参考):${near.map((n) => `“${n.text}”[${n.id}]`).join(';')}` : '') +
      '可以换个说法,或用 /search 查关键词。',
    near.map((n) => n.id),
  );
}

/** A question naming no place is searched in every report, and the answer says so. */
function everywhere(index: ReportIndex, r: ResolvedQuestion): string[] {
  const places = index.corpus.placeNames.length;
  return !r.district && places > 1
    ? [`问题没有写地区,在全部 ${places} 个地区的报告中查找;问题里写明地区可只查一处`]
    : [];
}

function fromGlossary(index: ReportIndex, r: ResolvedQuestion): CitedSentence[] {
  const entries = index.corpus.glossary.filter((e) => !r.district || e.district === r.district);
  const named = entries.filter((e) => r.keywords.includes(e.term)).sort((a, b) => b.term.length - a.term.length);
  const hit = (named[0] && index.passage(named[0].id)) ?? bestGlossaryHit(index, r);
  if (!hit) return [];
  return [toCited(index, hit.id, hit, [hit.term ?? ''], 1)];
}

function bestGlossaryHit(index: ReportIndex, r: ResolvedQuestion): Passage | undefined {
  const hits = index.searchPassages(r.keywords, { district: r.district, glossaryOnly: true }, 1);
  const p = hits[0] && index.passage(hits[0].id);
  if (!p || !p.term) return undefined;
  // Only trust a glossary entry whose term shares a word with the question.
  const qw = new Set(words(r.keywords));
  return words(p.term).some((w) => qw.has(w)) ? p : undefined;
}

interface Candidate {
  passage: Passage;
  sentence: Sentence;
  score: number;
  cover: number;
}

// "“十五五”时期": the plan period a question is about scopes it, like a year; it is not what is asked.
const PLAN_PERIOD = /“?(十[一二三四五六七八九]五)”?\s*(?:时期|期间|规划)?/;
// "2019年政府工作报告对…有什么部署": the report named is the scope, and every sentence is in it.
const REPORT_WORDS = /(?:政府)?工作报告|报告(?:中|里)?|有什么部署|作了?哪些部署/g;
/** Sentences holding less of the question's weighted words than this are not about it: "not found" instead. */
const MIN_COVER = 0.2;
/** A figure question the facts did not answer: a sentence must hold most of the metric's words to answer it. */
const FIGURE_COVER = 0.4;
// A sentence that goes on from the one before ("重点是…", "其中…") is about what that one names.
const CONTINUES = /^(?:重点|主要|其中|具体|包括)/;
const FIGURE = /\d+(?:\.\d+)?\s*[余多]?(?:%|个百分点|[万亿千百]|[个项家座所条台辆件户人次元吨米亩斤])/;

function fromPassages(
  index: ReportIndex,
  r: ResolvedQuestion,
  minCover = MIN_COVER,
  dataYear = false,
  everyPart = false,
): CitedSentence[] {
  return rankedSentences(index, r, minCover, dataYear, everyPart).map((c, i) =>
    toCited(index, c.passage.id, c.sentence, c.marks, i + 1),
  );
}

function rankedSentences(
  index: ReportIndex,
  r: ResolvedQuestion,
  minCover: number,
  dataYear: boolean,
  everyPart = false,
): (Candidate & { marks: string[] })[] {
  const plan = r.keywords.match(PLAN_PERIOD);
  const planName = plan?.[1];
  const scoped = (plan ? r.keywords.replace(plan[0], ' ') : r.keywords).replace(REPORT_WORDS, ' ').trim();
  const keywords = scoped || r.keywords;
  // A place named and nothing found there is "not found", never another place's sentence.
  // A year written in the question scopes it as the place does: another year's sentence is not its answer.
  // A figure's year is the year of the passage's period: the 2025 report's review holds 2024's figures.
  const inYear = (p: Passage) =>
    !r.yearWritten || p.period?.year === r.year || (!(dataYear && p.period) && p.reportYear === r.year);
  const hits = unionOf([keywords, r.keywords].map((k) => index.searchPassages(k, { district: r.district }, 60)))
    .filter((h) => inYear(index.passage(h.id)!))
    .slice(0, 40);
  if (!hits.length) return [];
  const qWords = [...new Set(words(keywords))];
  const qGrams = [...new Set(bigrams(qWords.join(' ')))];
  const passages = hits.map((h) => index.passage(h.id)!);
  // A word is there in any of its spellings: 加装电梯 in "电梯加装完工333台".
  const spellings = new Map(qWords.map((w) => [w, expandSynonyms(w)]));
  const has = (text: string, w: string) => spellings.get(w)!.some((x) => text.includes(x));
  const weight = termWeights(qWords, passages, has);
  const total = qWords.reduce((s, w) => s + weight.get(w)!, 0) || 1;
  // `lower` is already lower-cased: every sentence is lower-cased once, not once per word.
  const cover = (lower: string) => qWords.reduce((acc, w) => acc + (has(lower, w) ? weight.get(w)! : 0), 0) / total;
  const latest = Math.max(...passages.map((p) => p.reportYear ?? -Infinity));
  const top = first(hits).score;
  const candidates: Candidate[] = [];
  hits.forEach((h, i) => {
    const p = passages[i]!;
    // A year asked for rules out other years' sentences unless nothing else fits; no year prefers the newest report.
    const yearFit =
      r.year === undefined
        ? p.reportYear === latest
          ? 0.05
          : 0
        : p.period?.year === r.year
          ? 0.15
          : p.reportYear === r.year
            ? 0.05
            : r.yearWritten
              ? -0.35
              : -0.1;
    p.sentences.forEach((s, k) => {
      const planFit = planName && (p.sectionTitle.includes(planName) || s.text.includes(planName)) ? 0.2 : 0;
      const lower = s.text.toLowerCase();
      // "重点是…" after "完善结构性减税政策" means "结构性减税的重点是…": it holds the words of both.
      const previous = k > 0 && CONTINUES.test(s.text) ? p.sentences[k - 1]?.text.toLowerCase() : undefined;
      const meant = (previous ?? '') + lower;
      const wordCover = cover(meant);
      const gramCover = qGrams.length ? qGrams.filter((g) => meant.includes(g)).length / qGrams.length : 0;
      const kindFit = r.kindHint && p.period ? (p.period.kind === r.kindHint ? 0.1 : -0.05) : 0;
      const numeric =
        r.intent === 'numeric' ? (FIGURE.test(s.text) ? 0.1 : 0) + (figureAfter(lower, qWords) ? 0.15 : 0) : 0;
      // "研发经费投入年均增长9.5%" is a plan period's figure: no answer to a one-year question.
      const oneYear = r.intent === 'numeric' && onlySeveralYears(s.text, r.keywords) ? -0.3 : 0;
      const brevity = (s.text.length > 200 ? -0.1 : 0) + oneYear;
      const rank = r.asksRank && RANKED.test(s.text) ? 0.3 : 0;
      const score =
        0.35 * (h.score / top) + wordCover + 0.5 * gramCover + yearFit + planFit + kindFit + numeric + brevity + rank;
      candidates.push({ passage: p, sentence: s, score, cover: wordCover });
    });
  });
  candidates.sort((a, b) => b.score - a.score);
  // "火星上有多少人口": each part of what a figure question names must be in the sentence (火星 without 人口 is
  // no answer); a part is there when one of its words is, in any spelling.
  const parts = keywords.split(/\s+/).map((part) => words(part).filter((w) => w.length >= 2));
  const holdsEveryPart = (lower: string) =>
    parts.every((ws) => !ws.length || ws.some((w) => expandSynonyms(w).some((x) => lower.includes(x))));
  const seen = new Set<string>();
  const out: (Candidate & { marks: string[] })[] = [];
  for (const c of candidates) {
    if (seen.has(c.sentence.text) || c.cover < minCover) continue;
    if (everyPart && !holdsEveryPart(c.sentence.text.toLowerCase())) continue;
    seen.add(c.sentence.text);
    out.push({ ...c, marks: surfaceMarks(c.sentence.text, [...qWords, ...qGrams]) });
    if (out.length >= 8) break;
  }
  return out;
}

/** Every figure of the sentence is for several years ("年均增长9.5%", "累计新增…"), and the question is not. */
function onlySeveralYears(text: string, question: string): boolean {
  if (asksSeveralYears(question)) return false;
  const figures = [...text.matchAll(new RegExp(FIGURE.source, 'g'))].map((m) => m[0]);
  return figures.length > 0 && figures.every((f) => severalYears(text, f, question));
}

/** Hits of several spellings of one question, each passage once with its best score, best first. */
function unionOf(lists: Hit[][]): Hit[] {
  const best = new Map<string, Hit>();
  for (const h of lists.flat()) if ((best.get(h.id)?.score ?? -Infinity) < h.score) best.set(h.id, h);
  return [...best.values()].sort((a, b) => b.score - a.score);
}

/** "取得创新成果130余项": a figure right after a word of the question is the figure asked for. */
function figureAfter(text: string, qWords: string[]): boolean {
  return qWords.some((w) => {
    if (w.length < 2) return false;
    for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) {
      if (FIGURE.test(text.slice(at + w.length, at + w.length + 12)) && /^\D{0,3}\d/.test(text.slice(at + w.length)))
        return true;
    }
    return false;
  });
}

/** Rarer words among the candidate passages, and longer words, say more about what was asked. */
function termWeights(
  qWords: string[],
  passages: Passage[],
  has: (text: string, w: string) => boolean,
): Map<string, number> {
  const weights = new Map<string, number>();
  const texts = passages.map((p) => p.text.toLowerCase());
  for (const w of qWords) {
    const df = texts.filter((t) => has(t, w)).length;
    weights.set(w, Math.log(1 + (passages.length + 1) / (df + 0.5)) * Math.sqrt(Math.min(w.length, 6)));
  }
  return weights;
}

function toCited(index: ReportIndex, passageId: string, s: Sentence, marks: string[], n: number): CitedSentence {
  const p = index.passage(passageId)!;
  const meta = index.report(p.doc)!;
  const seen = shown(s.text, s.original, marks.filter(Boolean));
  return {
    n,
    text: seen.text,
    marks: seen.marks,
    citation: citationOf(meta, p, s.lines, s.page),
    citeId: citeId(meta, s.lines),
  };
}

/** A fact's sentence, cited as ask cites any sentence. */
export function citedFact(index: ReportIndex, f: Fact): CitedSentence {
  const { lines, page } = f.citation;
  return toCited(index, f.passageId, { text: f.excerpt, original: f.original, lines, page }, [f.valueText], 1);
}

// ——— Questions about the report itself: who delivered it, at which session, on which day ———

const LEVEL_ORDER = ['national', 'province', 'city', 'county'];

/**
 * The reports a metadata question means. The year is the delivery year (people name a report by it). No place
 * named: the State Council's report when the corpus has one, else every report of that year.
 */
function reportsAsked(
  index: ReportIndex,
  r: ResolvedQuestion,
  question: string,
): { reports: ReportMeta[]; assumptions: string[] } {
  const all = index.corpus.reports;
  const assumptions: string[] = [];
  const inYear = (list: ReportMeta[]) => (r.year === undefined ? list : list.filter((m) => m.reportYear === r.year));
  let pool = r.district ? all.filter((m) => m.district === r.district) : all;
  if (!r.district) {
    const national = pool.filter((m) => m.place?.level === 'national');
    if (inYear(national).length) pool = national;
  }
  if (r.year === undefined) {
    // The latest report that says who delivered it; a newer one whose opening names no one is pointed out.
    const latest = Math.max(...pool.map((m) => m.reportYear ?? -Infinity));
    const year = Math.max(...pool.filter((m) => m.masthead && deliveredText(m)).map((m) => m.reportYear ?? -Infinity));
    if (!Number.isFinite(year)) return { reports: [], assumptions };
    pool = pool.filter((m) => m.reportYear === year);
    assumptions.push(
      year === latest
        ? `问题没有写年份,按最新的报告(${year}年)回答`
        : `问题没有写年份;最新的 ${latest} 年报告开头没有写明报告人和会议,这里回答写明了的最新报告(${year}年)`,
    );
  } else if (!inYear(pool).length) {
    const years = [...new Set(pool.map((m) => m.reportYear).filter((y) => y !== null))].sort((a, b) => a - b);
    const who = r.district ?? '';
    throw new QueryError(
      'NO_DATA_FOR_YEAR',
      `没有${who}${r.year}年的报告。${who ? `${who}有报告的年份:${years.join('、')}。` : '可用 /reports 查看已收录的报告。'}`,
      years.map(String),
    );
  } else pool = inYear(pool);
  const named = (m: ReportMeta) => (question.includes(m.kind) ? 0 : m.kind === '政府工作报告' ? 1 : 2);
  const level = (m: ReportMeta) => (m.place ? LEVEL_ORDER.indexOf(m.place.level) : LEVEL_ORDER.length);
  const reports = [...pool].sort(
    (a, b) =>
      named(a) - named(b) ||
      level(a) - level(b) ||
      a.district.localeCompare(b.district, 'zh') ||
      a.doc.localeCompare(b.doc),
  );
  return { reports, assumptions };
}

/** 2017-02-11 → 2017年2月11日. */
function dateText(iso: string): string {
  const m = iso.match(/^(\d{4})-(\d{2})-(\d{2})/);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** 第十四届海拉尔区人民代表大会第六次会议 → 海拉尔区第十四届人民代表大会第六次会议, as the reports write it. */
function sessionText(m: ReportMeta): string {
  const s = m.session!.text;
  const parts = s.match(/^(第[^届]+届)(.+?)(人民代表大会.*)$/);
  return parts && parts[2] !== '全国' ? `${parts[2]}${parts[1]}${parts[3]}` : s;
}

/** "海拉尔区2017年政府工作报告由海拉尔区人民政府代区长杨国宏作,2017年2月11日在…会议上。" from what the metadata holds. */
function deliveredText(m: ReportMeta): string | undefined {
  const date = m.date ? dateText(m.date) : '';
  const where = m.session ? `在${sessionText(m)}上` : '';
  if (m.speaker) return `${m.title}由${m.speaker.title}${m.speaker.name}作${date || where ? `,${date}${where}` : ''}。`;
  if (date) return `${m.title}于${date}${where}作。`;
  if (where) return `${m.title}${where}作。`;
  return undefined;
}

function reportLabel(m: ReportMeta): string {
  return m.place && m.place.level !== 'national' ? `${m.place.name}${m.kind}` : m.title;
}

/** The answer to a metadata question, citing the masthead; undefined when the report has none to cite. */
/** "保定市市长郭建英代表市政府向大会作政府工作报告": who delivered it, as a news report of the session says. */
const DELIVERED_BY =
  /(?:代表[^。,，]{0,12}政府)?向大会作[^。]{0,6}报告|作(?:了)?《?政府工作报告》?|(?:长|主席)[^。,，]{0,8}作[^。]{0,4}报告/;

function deliveredSentence(index: ReportIndex, r: ResolvedQuestion, question: string): CitedSentence | undefined {
  const { reports } = reportsAsked(index, r, question);
  for (const m of reports) {
    for (const p of index.passagesOf(m.doc)) {
      const s = p.sentences.find((x) => DELIVERED_BY.test(x.text));
      if (s) return toCited(index, p.id, s, [], 1);
    }
  }
  return undefined;
}

function fromMetadata(
  index: ReportIndex,
  r: ResolvedQuestion,
  question: string,
): { answer: string; sentence: CitedSentence; assumptions: string[] } | undefined {
  const { reports, assumptions } = reportsAsked(index, r, question);
  const m = r.year === undefined ? reports.find((x) => x.masthead && deliveredText(x)) : reports[0];
  const answer = m && m.masthead && deliveredText(m);
  if (!m || !m.masthead || !answer) return undefined;
  if (reports.length > 1) {
    const others = reports.filter((x) => x !== m);
    const shownOthers = others.slice(0, 8).map(reportLabel).join('、');
    assumptions.push(
      `符合的报告有 ${reports.length} 份,这里回答${m.title};其余:${shownOthers}${others.length > 8 ? ` 等 ${others.length} 份` : ''}。问题里写明地区可查其他报告`,
    );
  }
  const marks = [m.speaker?.name ?? '', m.session ? sessionText(m) : '', m.session?.text ?? ''];
  // "国务院总理" on one line and "李　强" on the next: the name's line belongs to the citation.
  // The masthead ends at the office when the name stands on the line under it.
  const named = m.speaker && m.masthead.text.replace(/\s+/g, '').includes(m.speaker.name.replace(/\s+/g, ''));
  const speakerLine = m.speaker && !named ? m.speaker.line + 1 : m.speaker?.line;
  const lines: [number, number] =
    speakerLine !== undefined
      ? [Math.min(m.masthead.lines[0], speakerLine), Math.max(m.masthead.lines[1], speakerLine)]
      : [m.masthead.lines[0], m.masthead.lines[1]];
  return {
    answer,
    assumptions,
    sentence: {
      n: 1,
      text: m.masthead.text,
      marks: marks.filter(Boolean),
      citation: { doc: m.doc, lines, title: m.title, section: '' },
      citeId: citeId(m, lines),
    },
  };
}

// ——— Figures read from a question: a metric, target against result, a series, a ranking ———

type AskBase = Pick<AskAnswer, 'type' | 'question' | 'assumptions' | 'reading'>;

const KIND_WORD: Record<PeriodKind, string> = { actual: '完成', target: '目标' };

/** A figure's report: a target of year Y is set in Y's report, a result of Y is stated in a later one. */
function fromItsReport(index: ReportIndex, f: Fact): boolean {
  const reportYear = index.report(f.citation.doc)?.reportYear;
  if (reportYear === null || reportYear === undefined) return true;
  return f.period.kind === 'target' ? reportYear === f.period.year : reportYear > f.period.year;
}

/** A figure that answers a one-year question about `keyword`: from its own report, and for that one year. */
function fitsYear(index: ReportIndex, f: Fact, keyword: string, ranking = false): boolean {
  return (
    fromItsReport(index, f) &&
    !severalYears(f.excerpt, f.valueText, keyword) &&
    !(ranking && summarisesYears(f.excerpt, keyword))
  );
}

/**
 * The cell a one-year question wants: the lookup's best figure when it fits the year, else the first of its
 * candidates of that year and kind that does ("城镇新增就业149.4万人" over "城镇累计新增就业超700万人").
 */
function cellFor(index: ReportIndex, place: string, year: number, keyword: string, kind: PeriodKind, ranking = false) {
  const got = tryLookup(index, place, year, keyword, kind);
  return 'metric' in got && got.metric ? yearCell(index, got.metric, year, keyword, kind, ranking) : null;
}

function yearCell(
  index: ReportIndex,
  m: MetricAnswer,
  year: number,
  keyword: string,
  kind: PeriodKind,
  ranking = false,
) {
  const pool = [m.best, ...m.alternatives, ...m.related.filter((x) => x.relation !== 'other-district')];
  return (
    pool.find(
      (x) => x.fact.period.year === year && x.fact.period.kind === kind && fitsYear(index, x.fact, keyword, ranking),
    ) ?? null
  );
}

function reportYears(index: ReportIndex, place: string): number[] {
  const years = index.corpus.reports
    .filter((r) => r.district === place)
    .map((r) => r.reportYear)
    .filter((y): y is number => y !== null);
  return [...new Set(years)].sort((a, b) => a - b);
}

/** The answer to a question read as /metric, /trend or /compare; undefined when it is to be searched instead. */
function answerFigure(index: ReportIndex, reading: Reading, base: AskBase): AskAnswer | undefined {
  const { place, keyword } = reading;
  switch (reading.command) {
    case 'metric':
      return place && reading.year !== undefined ? metricAnswer(index, reading, place, reading.year, base) : undefined;
    case 'verdict':
      return place && reading.year !== undefined
        ? (verdictAnswer(index, place, reading.year, keyword, base) ??
            metricAnswer(index, { ...reading, kind: undefined }, place, reading.year, base))
        : undefined;
    case 'trend':
      return place ? trendAnswer(index, reading, place, base) : undefined;
    case 'compare':
      return reading.year !== undefined ? compareAnswer(index, reading, reading.year, base) : undefined;
    default:
      return undefined;
  }
}

function tryLookup(index: ReportIndex, place: string, year: number, query: string, kind: PeriodKind) {
  try {
    const m = lookupMetric(index, { district: place, year, query, kind });
    return m.best.fact.period.kind === kind ? { metric: m } : { error: undefined };
  } catch (e) {
    if (e instanceof QueryError && (e.code === 'NO_MATCH' || e.code === 'NO_DATA_FOR_YEAR')) return { error: e };
    throw e;
  }
}

/**
 * /metric read from a question. No kind asked: the year's result, else its target. A report named by its year
 * must exist; a target the report says it did not set is answered with that sentence.
 */
function metricAnswer(
  index: ReportIndex,
  r: Reading,
  place: string,
  year: number,
  base: AskBase,
): AskAnswer | undefined {
  if (r.reportYear !== undefined) {
    const years = reportYears(index, place);
    if (!years.includes(r.reportYear))
      throw new QueryError(
        'NO_DATA_FOR_YEAR',
        `没有${place}${r.reportYear}年的报告。${place}有报告的年份:${years.join('、')}。`,
        years.map(String),
      );
  }
  const kinds: PeriodKind[] = r.kind ? [r.kind] : ['actual', 'target'];
  missingReport(index, place, year, kinds);
  let error: QueryError | undefined;
  for (const kind of kinds) {
    const got = tryLookup(index, place, year, r.keyword, kind);
    const best = 'metric' in got && got.metric ? yearCell(index, got.metric, year, r.keyword, kind) : null;
    if ('metric' in got && got.metric && best) {
      const m = got.metric;
      const metric =
        best === m.best ? m : { ...m, best, alternatives: [m.best, ...m.alternatives.filter((x) => x !== best)] };
      const cited = citedFact(index, best.fact);
      // No kind asked and no result found: the target is what there is, and the answer says so.
      const onlyTarget = !r.kind && kind === 'target' ? [`没有找到${place}${year}年的完成数字,这里给出当年的目标`] : [];
      return {
        ...base,
        assumptions: [...base.assumptions, ...onlyTarget],
        via: 'facts',
        metric,
        answer: cited.text,
        sentences: [cited],
      };
    }
    if ('error' in got) error ??= got.error;
    if (kind === 'target') {
      const absent = noTargetSentence(index, place, year, r.keyword);
      if (absent) return { ...base, via: 'passages', answer: absent.text, sentences: [absent] };
    }
  }
  // No report holds the year at all: say which years there are, rather than search. A report of the year that
  // gives no figure for it (a news summary, a notice) is searched like any text.
  const reported = reportYears(index, place);
  if (error?.code === 'NO_DATA_FOR_YEAR' && !reported.includes(year) && !reported.includes(year + 1)) throw error;
  return undefined;
}

/**
 * No report can state the figure: a target of year Y is set in Y's report, a result in a later one. Say which
 * report would and which is the newest there is ("没有全国2026年的报告…最新的是2025年的报告").
 */
function missingReport(index: ReportIndex, place: string, year: number, kinds: PeriodKind[]): void {
  const years = reportYears(index, place);
  const newest = years[years.length - 1];
  if (newest === undefined) return;
  const holds = (kind: PeriodKind) => years.some((y) => (kind === 'target' ? y === year : y > year));
  if (kinds.some(holds)) return;
  const which = kinds.includes('target') ? `${year}年的报告` : `${year + 1}年或以后的报告`;
  throw new QueryError(
    'NO_DATA_FOR_YEAR',
    `${place}${year}年的${kinds.includes('target') ? '目标' : '完成数字'}要看${which},还没有收录;${place}最新的是${newest}年的报告(有报告的年份:${years.join('、')})。`,
    years.map(String),
  );
}

/** "我们没有提出全年经济增速具体目标": the year's report says it set no target for the metric. */
function noTargetSentence(index: ReportIndex, place: string, year: number, keyword: string): CitedSentence | undefined {
  const variants = expandSynonyms(keyword).filter((v) => v.length >= 2);
  const docs = index.corpus.reports.filter((m) => m.district === place && m.reportYear === year).map((m) => m.doc);
  for (const p of docs.flatMap((d) => index.passagesOf(d))) {
    for (const s of p.sentences) {
      const lower = s.text.toLowerCase();
      if (saysNoTarget(s.text) && variants.some((v) => lower.includes(v))) return toCited(index, p.id, s, [], 1);
    }
  }
  return undefined;
}

function numbered(list: CitedSentence[]): CitedSentence[] {
  const seen = new Set<string>();
  return list.filter((s) => !seen.has(s.citeId) && seen.add(s.citeId)).map((s, i) => ({ ...s, n: i + 1 }));
}

/** 完成了吗: the year's result beside its target, and whether the target was met (trend's verdict). */
function verdictAnswer(
  index: ReportIndex,
  place: string,
  year: number,
  keyword: string,
  base: AskBase,
): AskAnswer | undefined {
  const series = seriesOf(index, place, keyword);
  const point = series?.points.find((p) => p.year === year);
  if (!series || !point || (!point.actual && !point.target)) return undefined;
  const cells = [point.actual, point.target].filter((x): x is FactResult => x !== null);
  const sentences = numbered(cells.map((c) => citedFact(index, c.fact)));
  const label = (point.actual ?? point.target)!.label;
  const target = point.target
    ? `目标 ${point.target.display}`
    : reportYears(index, place).includes(year)
      ? '报告没有写明目标'
      : `目标在${year}年的报告里,没有收录这份报告`;
  const actual = point.actual ? `完成 ${point.actual.display}` : `还没有${year}年的完成数字`;
  const verdict = point.met === null ? '' : point.met ? ':达到目标' : ':未达目标';
  return {
    ...base,
    via: 'facts',
    answer: `${place} ${year} 年${label}:${target},${actual}${verdict}。`,
    sentences,
    verdict: { year, target: point.target, actual: point.actual, met: point.met },
  };
}

/** /trend with each cell from its own report (a target from its year's, a result from a later one). */
function seriesOf(index: ReportIndex, place: string, keyword: string, ranking = false): TrendAnswer | undefined {
  let t: TrendAnswer;
  try {
    t = trend(index, { place, query: keyword });
  } catch (e) {
    if (e instanceof QueryError && e.code !== 'BAD_REQUEST') return undefined;
    throw e;
  }
  const own = (c: FactResult | null, year: number, kind: PeriodKind) =>
    !c ? null : fitsYear(index, c.fact, keyword, ranking) ? c : cellFor(index, place, year, keyword, kind, ranking);
  const points = t.points
    .map((p) => ({ ...p, target: own(p.target, p.year, 'target'), actual: own(p.actual, p.year, 'actual') }))
    .map((p) => ({ ...p, met: p.target && p.actual ? p.met : null }))
    .filter((p) => p.target || p.actual);
  return points.length ? { ...t, points } : undefined;
}

const valueOf = (c: FactResult) => c.fact.baseValue ?? c.fact.value;

/** The unit most of the cells share: ranking compares like with like. */
function commonUnit(cells: FactResult[]): string | undefined {
  const counts = new Map<string, number>();
  for (const c of cells) counts.set(c.fact.unit, (counts.get(c.fact.unit) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function ranked<T>(items: T[], cellOf: (x: T) => FactResult | null, end: 'high' | 'low'): T[] {
  const withCell = items.filter((x) => cellOf(x));
  const unit = commonUnit(withCell.map((x) => cellOf(x)!));
  const sign = end === 'low' ? 1 : -1;
  return withCell
    .filter((x) => cellOf(x)!.fact.unit === unit)
    .sort((a, b) => sign * (valueOf(cellOf(a)!) - valueOf(cellOf(b)!)));
}

/** A series: newest year first ("这几年") or from the first year of the span; or the years ranked ("哪一年最高"). */
function trendAnswer(index: ReportIndex, r: Reading, place: string, base: AskBase): AskAnswer | undefined {
  const series = seriesOf(index, place, r.keyword, r.end !== undefined);
  if (!series) return undefined;
  const inSpan = series.points.filter(
    (p) => (r.from === undefined || p.year >= r.from) && (r.to === undefined || p.year <= r.to),
  );
  if (!inSpan.length) return undefined;
  const kind = r.kind ?? 'actual';
  const primary = (p: TrendPoint) => (kind === 'target' ? (p.target ?? p.actual) : (p.actual ?? p.target));
  const order = r.end
    ? ranked(inSpan, (p) => p[kind], r.end)
    : r.newestFirst
      ? [...inSpan].sort((a, b) => b.year - a.year)
      : [...inSpan].sort((a, b) => a.year - b.year);
  if (!order.length) return undefined;
  const cells = order.flatMap((p) => {
    const first = r.end ? p[kind] : primary(p);
    const other = first === p.actual ? p.target : p.actual;
    return [first, other].filter((x): x is FactResult => x !== null);
  });
  const sentences = numbered(cells.slice(0, 8).map((c) => citedFact(index, c.fact)));
  const rows = order
    .slice(0, 12)
    .map(
      (p) =>
        `${p.year}:目标 ${p.target?.display ?? '—'},完成 ${p.actual?.display ?? '—'}${p.met === null ? '' : p.met ? '(达到)' : '(未达)'}`,
    );
  const lead = r.end ? `${order[0]!.year} 年最${r.end === 'high' ? '高' : '低'}。` : '';
  return {
    ...base,
    via: 'facts',
    answer: `${lead}${place} ${series.metric} 逐年:${rows.join(';')}。`,
    sentences,
    trend: { ...series, points: order },
  };
}

/** A ranking of places: the kind asked (a target when the question says 目标), largest first unless 最低. */
function compareAnswer(index: ReportIndex, r: Reading, year: number, base: AskBase): AskAnswer | undefined {
  let c: CompareAnswer;
  try {
    c = compare(index, { year, query: r.keyword, ...(r.level ? { level: r.level } : {}) });
  } catch (e) {
    if (e instanceof QueryError && e.code !== 'BAD_REQUEST') return undefined;
    throw e;
  }
  const own = (x: FactResult | null, place: string, kind: PeriodKind) =>
    !x ? null : fitsYear(index, x.fact, r.keyword, true) ? x : cellFor(index, place, year, r.keyword, kind, true);
  const rows = c.rows.map((row) => ({
    ...row,
    target: own(row.target, row.district, 'target'),
    actual: own(row.actual, row.district, 'actual'),
  }));
  const kind: PeriodKind = r.kind ?? (rows.some((x) => x.actual) ? 'actual' : 'target');
  const order = ranked(rows, (x) => x[kind], r.end ?? 'high');
  if (!order.length) return undefined;
  const sentences = numbered(order.slice(0, 5).map((x) => citedFact(index, x[kind]!.fact)));
  const list = order.slice(0, 10).map((x) => `${x.district} ${x[kind]!.display}`);
  return {
    ...base,
    via: 'facts',
    answer: `${year} 年${c.metric}(${KIND_WORD[kind]})${r.end === 'low' ? '从低到高' : '从高到低'}:${list.join('、')}${order.length > 10 ? ` 等 ${order.length} 个地区` : ''}。`,
    sentences,
    compare: { ...c, rows: order },
  };
}
