/**
 * /ask: an extractive answer. Questions about a report itself (who delivered it, at which session) are answered
 * from its metadata and cite its masthead; definition questions read the glossary first; numeric questions the
 * facts (when a metric matches); everything else ranks passages with BM25 and then picks the sentences that
 * cover the question's words best. Cited text is always the report's own, never generated.
 */
import type { Fact, Passage, ReportMeta, Sentence } from '../types.js';
import type { ReportIndex } from '../index/build.js';
import type { Hit } from '../index/search.js';
import { bigrams, words } from '../text/tokenizer.js';
import { QueryError, type AskAnswer, type CitedSentence } from './answer.js';
import { citationOf, citeId, shown } from './cite.js';
import { resolveQuestion, type ResolvedQuestion } from './resolve.js';
import { surfaceMarks } from './search.js';
import { answerFromFacts } from './metric.js';
import { expandSynonyms } from '../text/synonyms.js';
import { toSimplified } from '../text/chinese.js';
import WHO from './who.json' with { type: 'json' };
import { first } from '../list.js';

const MAX_SENTENCES = 3;
/** How reports say who leads: the answer to a "哪个区…最多" question. */
const RANKED = /第一|首位|首个|首家|最高|最多|最大|领先|前列|位居|居全市|排名/;

export function ask(index: ReportIndex, question: string): AskAnswer {
  const q = question.trim();
  if (!q) throw new QueryError('BAD_REQUEST', '请输入问题,例如:虹口的“三师联创”是什么?');
  const resolved = resolveQuestion(q, index.corpus);
  if (!resolved.keywords)
    throw new QueryError('BAD_REQUEST', '问题里没有可以查找的词;请说明想了解什么,例如:徐汇2024年新增了多少绿地?');
  const base = {
    type: 'ask' as const,
    question: q,
    assumptions: [...resolved.assumptions, ...everywhere(index, resolved)],
  };
  if (asksAboutReport(q)) {
    const meta = fromMetadata(index, resolved, q);
    if (meta)
      return {
        ...base,
        assumptions: [...base.assumptions, ...meta.assumptions],
        via: 'passages',
        answer: meta.answer,
        sentences: [meta.sentence],
      };
  }
  if (resolved.intent === 'definition') {
    const glossary = fromGlossary(index, resolved);
    const [entry] = glossary;
    if (entry) return { ...base, via: 'glossary', answer: entry.text, sentences: glossary };
  }
  if (resolved.intent === 'numeric' && resolved.district) {
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
  const sentences = fromPassages(index, resolved).slice(0, MAX_SENTENCES);
  if (!sentences.length)
    throw new QueryError(
      'NO_MATCH',
      `报告中没有找到与“${resolved.keywords}”相关的内容。可以换个说法,或用 /search 查关键词。`,
    );
  return { ...base, via: 'passages', answer: sentences.map((s) => s.text).join(''), sentences };
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
// A sentence that goes on from the one before ("重点是…", "其中…") is about what that one names.
const CONTINUES = /^(?:重点|主要|其中|具体|包括)/;
const FIGURE = /\d+(?:\.\d+)?\s*[余多]?(?:%|个百分点|[万亿千百]|[个项家座所条台辆件户人次元吨米亩斤])/;

function fromPassages(index: ReportIndex, r: ResolvedQuestion): CitedSentence[] {
  return rankedSentences(index, r).map((c, i) => toCited(index, c.passage.id, c.sentence, c.marks, i + 1));
}

function rankedSentences(index: ReportIndex, r: ResolvedQuestion): (Candidate & { marks: string[] })[] {
  const plan = r.keywords.match(PLAN_PERIOD);
  const planName = plan?.[1];
  const scoped = (plan ? r.keywords.replace(plan[0], ' ') : r.keywords).replace(REPORT_WORDS, ' ').trim();
  const keywords = scoped || r.keywords;
  // A place named and nothing found there is "not found", never another place's sentence.
  // A year written in the question scopes it as the place does: another year's sentence is not its answer.
  const inYear = (p: Passage) => !r.yearWritten || p.period?.year === r.year || p.reportYear === r.year;
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
      const brevity = s.text.length > 200 ? -0.1 : 0;
      const rank = r.asksRank && RANKED.test(s.text) ? 0.3 : 0;
      const score =
        0.35 * (h.score / top) + wordCover + 0.5 * gramCover + yearFit + planFit + kindFit + numeric + brevity + rank;
      candidates.push({ passage: p, sentence: s, score, cover: wordCover });
    });
  });
  candidates.sort((a, b) => b.score - a.score);
  const seen = new Set<string>();
  const out: (Candidate & { marks: string[] })[] = [];
  for (const c of candidates) {
    if (seen.has(c.sentence.text) || c.cover < MIN_COVER) continue;
    seen.add(c.sentence.text);
    out.push({ ...c, marks: surfaceMarks(c.sentence.text, [...qWords, ...qGrams]) });
    if (out.length >= 8) break;
  }
  return out;
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
function citedFact(index: ReportIndex, f: Fact): CitedSentence {
  const { lines, page } = f.citation;
  return toCited(index, f.passageId, { text: f.excerpt, original: f.original, lines, page }, [f.valueText], 1);
}

// ——— Questions about the report itself: who delivered it, at which session, on which day ———

/** who.json's phrases as one pattern each; "…" in a phrase allows a few words between its parts. */
function phrasePattern(list: string[]): RegExp {
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(list.map((p) => p.split('…').map(esc).join('[^,。?!;]{0,8}')).join('|'));
}
const WHO_PATTERNS = {
  asks: phrasePattern([...WHO.speaker, ...WHO.session]),
  context: phrasePattern(WHO.context),
  unless: phrasePattern(WHO.unless),
};

/** "2017年海拉尔区政府工作报告是谁作的?", "在什么会议上作的": asks about the report, not its content. */
export function asksAboutReport(question: string): boolean {
  const t = toSimplified(question).normalize('NFKC').replace(/\s+/g, '');
  return WHO_PATTERNS.asks.test(t) && WHO_PATTERNS.context.test(t) && !WHO_PATTERNS.unless.test(t);
}

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
  const lines = m.masthead.lines;
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
