/**
 * /metric: the figure for a district, year and keyword. The keyword is matched against fact labels (exact,
 * contained, same words, synonym); ranking weighs the match, the year, the kind and specificity. A keyword
 * found only in the sentence around a figure is not enough to answer with that figure. A wrong figure is worse than none: weak matches are offered as "not found" with
 * the closest labels instead.
 */
import type { Fact, PeriodKind } from '../types.js';
import type { ReportIndex } from '../index/build.js';
import { CacheKey } from '../index/lru.js';
import type { CorpusView, PreparedLabel } from '../index/view.js';
import { contrasts, expandSynonyms, measureStems } from '../text/synonyms.js';
import { placesNamed } from '../text/places.js';
import { words } from '../text/tokenizer.js';
import { QueryError, type FactResult, type MetricAnswer } from './answer.js';
import { toSimplified } from '../text/chinese.js';
import { first } from '../list.js';
import { citeId, shown } from './cite.js';
import { cleanLabel, isUsableLabel, namesElsewhere, RATE_LABEL, RATE_QUERY } from '../facts/labels.js';
import { requireDistrict, type ResolvedQuestion } from './resolve.js';

export interface MetricRequest {
  district: string;
  year: number;
  query: string;
  kind?: PeriodKind;
}

/** Below this a match is a guess, not an answer. */
const MIN_MATCH = 0.5;
/** At or above this a match answers; between MIN_MATCH and this the labels are offered as candidates. */
const CONFIDENT = 0.72;
/** Most of the keyword's characters in order (养老院床位 ~ 新增养老床位): answers when no other label comes close. */
const CLOSE_ENOUGH = 0.56;

function alone(best: Scored, inYear: Scored[]): boolean {
  // Figures of the same sentence (开工 and 竣工 of one project) are one answer with its pair, not rivals.
  return !inYear.some(
    (s) => s.fact.label !== best.fact.label && s.fact.passageId !== best.fact.passageId && s.match >= best.match - 0.05,
  );
}
/** One spelling of the keyword, with its words computed once per keyword, and how much a match on it counts. */
interface Variant {
  text: string;
  words: string[];
  weight: number;
  /** The spelling as a label of the same words is stored (实际使用外资 → 使用外资: facts/labels.ts cleanLabel). */
  asLabel?: string;
}

/**
 * The keyword counts fully; a synonym or the keyword without its measure words nearly so; a synonym that only
 * generalises the keyword (失业率 for 调查失业率) less, since it also names figures the user did not ask for.
 */
function variantsOf(query: string): Variant[] {
  const stems = new Set(measureStems(query));
  return expandSynonyms(query).map((text, i) => {
    const general = i > 0 && !stems.has(text) && query.includes(text);
    const weight = i === 0 ? 1 : general ? 0.85 : 0.95;
    const clean = cleanLabel(text);
    const asLabel = clean.label.toLowerCase();
    // 占比, 比重 are stripped from labels only where a head word puts them back: here they are what is asked.
    const kept = asLabel !== text && isUsableLabel(asLabel) && !clean.stripped.some((w) => RATIO.test(w));
    const cleaned = kept ? { asLabel } : {};
    return { text, words: [...new Set(words(text))], weight, ...cleaned };
  });
}

/**
 * "研发经费支出占国内生产总值的比重", "物流总费用与生产总值的比率", "科技进步对经济增长的贡献率": a ratio to the
 * keyword's thing, not the
 * thing itself, unless the keyword asks for the ratio.
 */
function ratioTo(label: string, key: string): boolean {
  if (/比重|比率|比例|占比|之比/.test(key)) return false;
  const at = label.indexOf(key);
  return (
    at >= 0 &&
    (/[占与对]$/.test(label.slice(0, at)) ||
      /^的?(?:比重|比率|比例|之比|占比|贡献率)/.test(label.slice(at + key.length)))
  );
}

/** How well a label matches one spelling of the keyword, 0…1. */
function matchLabel(prep: PreparedLabel, v: Variant): number {
  const label = prep.lower;
  if (label === v.text) return 1;
  // The keyword as the extractor would have written it as a label: the same thing.
  if (label === v.asLabel) return 0.97;
  if (ratioTo(label, v.text)) return 0.45;
  // "县域经济增速高于全省经济增速": a comparison between two figures, not either figure.
  if (COMPARES.test(label) && !COMPARES.test(v.text)) return 0.45;
  // A keyword, synonym or subject inside a longer label that goes on to name something else ("省内有进出口实绩的
  // 企业数量" for 进出口总额, "…港外贸集装箱吞吐量" for 外贸) is that label's topic, not what it counts: offered,
  // never answered.
  if (label.includes(v.text) && !endsWithStem(label, v.text)) return LABEL_IN_KEYWORD;
  if (label.includes(v.text)) return 0.8 + 0.15 * (v.text.length / label.length) + (label.endsWith(v.text) ? 0.03 : 0);
  const lw = prep.words;
  let shared = 0;
  for (const w of v.words) if (lw.has(w) || label.includes(w)) shared++;
  // Every word of the keyword in a ratio's label (经济增长 in …对经济增长的贡献率) is still the ratio.
  const ratioOnly = RATIO.test(label) && !RATIO.test(v.text);
  if (v.words.length && shared === v.words.length && !ratioOnly) return 0.75 + 0.1 * (v.text.length / label.length);
  // A label that is part of the keyword (研发投入 for 研发投入强度) lacks what the keyword asks for.
  if (label.length >= 2 && v.text.includes(label)) return 0.4 + 0.15 * (label.length / v.text.length);
  const words = v.words.length ? 0.5 * (shared / v.words.length) : 0;
  // Characters in order say nothing about a ratio the keyword did not ask for (社零额 in "…占社会消费品零售总额的比重").
  return Math.max(words, RATIO.test(label) && !RATIO.test(v.text) ? 0 : sameCharacters(label, v.text));
}

/** Below CLOSE_ENOUGH: such a label is listed as a candidate, never given as the answer. */
const LABEL_IN_KEYWORD = 0.55;
const RATIO = /比重|比率|比例|占比|之比|占|贡献率/;
const COMPARES = /.(?:高于|低于|快于|慢于|好于)./;

/** The label ends with the spelling, or with it and a measure word ("进出口总额" for 进出口). */
function endsWithStem(label: string, spelling: string): boolean {
  const at = label.lastIndexOf(spelling);
  return label.length - (at + spelling.length) <= 3;
}

/**
 * Most of the keyword's characters in the label, in the same order: 养老院床位 ~ 新增养老床位, 架空线落地 ~
 * 架空线入地. Chinese abbreviates and varies single characters where word matching sees different words.
 * Scores 0.5–0.7: enough to answer when nothing matches better, below any word-level match.
 */
function sameCharacters(label: string, key: string): number {
  if (key.length < 3) return 0;
  // The common subsequence is never longer than the keyword's characters found anywhere in the label, which
  // is cheap to count and rules out nearly every label.
  let present = 0;
  for (const ch of key) if (label.includes(ch)) present++;
  if (present < 3 || present < 0.7 * key.length) return 0;
  const common = commonSubsequence(label, key);
  const share = common / key.length;
  return common >= 3 && share >= 0.7 ? 0.5 + (0.2 * (share - 0.7)) / 0.3 : 0;
}

function commonSubsequence(a: string, b: string): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  for (let i = 0; i < a.length; i++) {
    const row = [0];
    // prev and row both grow to b.length + 1 counts: j and j + 1 are always in range.
    for (let j = 0; j < b.length; j++) row.push(a[i] === b[j] ? prev[j]! + 1 : Math.max(prev[j + 1]!, row[j]!));
    prev = row;
  }
  return prev[b.length]!;
}

function labelScore(prep: PreparedLabel, variants: Variant[]): number {
  // variantsOf() puts the keyword itself first.
  if (contrasts(first(variants, 'keyword variants').text, prep.lower)) return 0;
  let best = 0;
  for (const v of variants) best = Math.max(best, matchLabel(prep, v) * v.weight);
  return best;
}

/** A fact that matches the keyword, how well, and its position in the corpus (which breaks ties). */
interface Matched {
  fact: Fact;
  match: number;
  order: number;
}
interface Scored extends Matched {
  rank: number;
}

function rank(f: Fact, match: number, year: number, kind: PeriodKind | undefined, wantsChange: boolean): number {
  let r = match * 10;
  if (f.period.year === year) r += 5;
  if (kind && f.period.kind === kind) r += 2;
  if (!kind && f.period.kind === 'actual') r += 0.3;
  // A rate asked for is not a level, nor the other way round: 增速 wants 增长 8.7%, GDP wants 33.5万亿元.
  if (isChange(f) !== wantsChange) r -= 2.5;
  if (f.label.includes('人均')) r -= 1; // a total's question prefers the total; 人均 questions see only 人均
  // "突破3万亿元、达3.6万亿元": a milestone passed is less exact than the figure reached.
  if (f.qualifiers.includes('突破')) r -= 0.5;
  // "增长6%以上、力争7%": the base target answers, the stretch target is shown beside it.
  if (f.qualifiers.includes('力争')) r -= 0.3;
  if (namesAnotherPlace(f)) r -= 3;
  if (f.citation.lines[0] === f.citation.lines[1] && f.display.includes(':')) r -= 0.1; // table cells: prefer prose
  return r;
}

// "地方级财政收入占比 13.4%": a share of a whole is no change, whatever its unit.
const SHARE = /占比|比重|占全/;

// "GDP总量", "投资规模": the keyword itself asks for the level, so a rate is no answer.
const LEVEL_QUERY = /总量|规模(?!以上)/;

/** A figure that is a change (增长 8.7%, 涨幅 3%, 提高 2.5 个百分点) rather than a level. */
function isChange(f: Fact): boolean {
  return (
    f.qualifiers.includes('增长') || f.qualifiers.includes('下降') || f.unit === '个百分点' || RATE_LABEL.test(f.label)
  );
}

/**
 * "宜昌经济总量", "襄阳地区生产总值" in a provincial report: a figure of a place inside the report's, not the
 * report's own. Only a label that starts with a place name and goes on to name a metric counts.
 */
function namesAnotherPlace(f: Fact): boolean {
  for (const len of [2, 3]) {
    const head = f.label.slice(0, len);
    if (f.label.length - len < 2 || head === f.district) continue;
    if (placesNamed(head).some((p) => p.level !== 'national' && p.short === head)) return true;
  }
  return false;
}

/**
 * A 人均 question is never answered with a total, nor a total's question with a 人均 figure, unless one of the
 * keyword's spellings is itself 人均 (居民收入 for 居民人均可支配收入).
 */
function samePerCapita(query: string, variants: Variant[], label: string): boolean {
  // A synonym written without 人均 (农民纯收入 for 农民人均纯收入) is the same per-head figure.
  if (query.includes('人均')) return label.includes('人均') || variants.some((v) => v.text === label.toLowerCase());
  return !label.includes('人均') || variants.some((v) => v.text.includes('人均'));
}

/**
 * A keyword's spellings and the scores of the labels matched against it so far, shared by the searches of a
 * lookup (this place, then the others for related figures) and by later lookups of the same keyword.
 */
interface Keyword {
  variants: Variant[];
  scores: Map<string, number>;
}

// Kept in the corpus for its most recent keywords: people ask the same few things.
const KEYWORDS = new CacheKey<Keyword>('keywords and their label scores', 256);
function keywordOf(corpus: CorpusView, query: string): Keyword {
  const text = query.trim();
  const recent = corpus.cache(KEYWORDS);
  let keyword = recent.get(text);
  if (!keyword) recent.set(text, (keyword = { variants: variantsOf(text.toLowerCase()), scores: new Map() }));
  return keyword;
}

/** How well a label matches the keyword, computed once per label and keyword. */
function labelMatch(corpus: CorpusView, keyword: Keyword, label: string): number {
  let ls = keyword.scores.get(label);
  if (ls === undefined) keyword.scores.set(label, (ls = labelScore(corpus.label(label), keyword.variants)));
  return ls;
}

function matchedFacts(
  corpus: CorpusView,
  district: string | undefined,
  keyword: Keyword,
  kind?: PeriodKind,
): Matched[] {
  const out: Matched[] = [];
  for (const d of district ? [district] : corpus.factPlaces) {
    for (const label of corpus.labelsIn(d).keys()) {
      const ls = labelMatch(corpus, keyword, label);
      if (ls < MIN_MATCH) continue;
      const facts = corpus.factsWith(d, label);
      for (const f of facts)
        if (!kind || f.period.kind === kind) out.push({ fact: f, match: ls, order: corpus.orderOf(f) });
    }
  }
  // In corpus order, however the labels were listed: the first of equals is the one read first.
  return out.sort((a, b) => a.order - b.order);
}

export function lookupMetric(index: ReportIndex, req: MetricRequest): MetricAnswer {
  const query = toSimplified(req.query.trim());
  if (!query) throw new QueryError('BAD_REQUEST', '请给出要查的指标,例如:绿地、一般公共预算收入、加装电梯');
  if (!Number.isInteger(req.year)) throw new QueryError('BAD_REQUEST', `年份“${req.year}”无效,请写四位年份,例如 2024`);
  const corpus = index.corpus;
  const district = requireDistrict(req.district, corpus);
  const years = corpus.yearsOf(district);
  if (!years.includes(req.year)) {
    throw new QueryError(
      'NO_DATA_FOR_YEAR',
      `${district}没有关于 ${req.year} 年的数据。有数据的年份:${years.join('、')}。`,
      years.map(String),
    );
  }
  const wantsChange = RATE_QUERY.test(query);
  const severalYears = /年均|十[一二三四五六七八九]五|五年/.test(query);
  const keyword = keywordOf(corpus, query);
  const matched: Scored[] = matchedFacts(corpus, district, keyword, req.kind)
    .filter((s) => samePerCapita(query, keyword.variants, s.fact.label))
    .filter((s) => namesElsewhere(query) || !namesElsewhere(s.fact.label))
    .filter((s) => Boolean(s.fact.multiYear) === severalYears)
    .filter((s) => !wantsChange || isChange(s.fact) || (s.fact.unit === '%' && !SHARE.test(s.fact.label)))
    .filter((s) => !LEVEL_QUERY.test(query) || wantsChange || !isChange(s.fact))
    .map((s) => ({ ...s, rank: rank(s.fact, s.match, req.year, req.kind, wantsChange) }));
  const inYear = matched.filter((s) => s.fact.period.year === req.year).sort(byRank);
  if (!inYear.length) {
    if (matched.length) {
      const has = [...new Set(matched.map((s) => s.fact.period.year))].sort();
      throw new QueryError(
        'NO_DATA_FOR_YEAR',
        `${district} ${req.year} 年没有“${query}”的数据;${has.join('、')} 年有。`,
        has.map(String),
      );
    }
    const closest = closestLabels(corpus, district, query);
    throw new QueryError(
      'NO_MATCH',
      `${district} ${req.year} 年没有找到“${query}”。${closest.length ? `相近的指标:${closest.join('、')}。` : ''}`,
      closest,
    );
  }
  const best = first(inYear);
  // A label that only shares characters with the keyword, or is a fragment of it, is a guess: offer, never answer.
  if (best.match < CONFIDENT && !(best.match >= CLOSE_ENOUGH && alone(best, inYear))) {
    const offered = [...new Set(inYear.slice(0, 5).map((s) => s.fact.label))];
    throw new QueryError(
      'NO_MATCH',
      `${district} ${req.year} 年没有与“${query}”明确对应的指标。可能是:${offered.join('、')}。`,
      offered,
    );
  }
  return {
    type: 'metric',
    query,
    district,
    year: req.year,
    kind: req.kind,
    best: result(index, best.fact, 'best'),
    ...related(index, best, inYear, matched, keyword),
  };
}

function byRank(a: Scored, b: Scored): number {
  return b.rank - a.rank || a.order - b.order;
}

function related(
  index: ReportIndex,
  best: Scored,
  inYear: Scored[],
  matched: Scored[],
  keyword: Keyword,
): Pick<MetricAnswer, 'related' | 'alternatives'> {
  const f = best.fact;
  const seen = new Set([f.id]);
  const take = (x: Fact | undefined, relation: FactResult['relation']): FactResult[] => {
    if (!x || seen.has(x.id)) return [];
    seen.add(x.id);
    return [result(index, x, relation)];
  };
  const paired = take(
    index.factsOf(f.citation.doc).find((x) => x.id === f.pairedWith && x.passageId === f.passageId),
    'paired',
  );
  const sameLabel = (x: Fact) => x.label === f.label && x.unit === f.unit;
  const counterpart = take(
    matched.find(
      (s) => sameLabel(s.fact) && s.fact.period.year === f.period.year && s.fact.period.kind !== f.period.kind,
    )?.fact,
    'counterpart',
  );
  const alternatives = inYear
    .slice(1)
    .filter((s) => s.match >= best.match - 0.3)
    .slice(0, 3)
    .flatMap((s) => take(s.fact, 'candidate'));
  const otherYears = [...new Set(matched.map((s) => s.fact.period.year))]
    .filter((y) => y !== f.period.year)
    .flatMap((y) =>
      take(
        matched.filter((s) => s.fact.period.year === y && s.fact.unit === f.unit).sort(byRank)[0]?.fact,
        'other-year',
      ),
    );
  // Read by year and label: a large corpus keeps facts on disk, and every place's would be too many to read.
  const c = index.corpus;
  const close = (label: string) => labelMatch(c, keyword, label) >= Math.max(0.75, MIN_MATCH);
  const elsewhere = c
    .factsInYear(f.period.year, close)
    .filter((x) => x.district !== f.district)
    .map((x) => ({ fact: x, match: labelMatch(c, keyword, x.label) }));
  const otherDistricts = [...new Set(elsewhere.map((s) => s.fact.district))].flatMap((d) =>
    take(elsewhere.filter((s) => s.fact.district === d).sort((a, b) => b.match - a.match)[0]?.fact, 'other-district'),
  );
  return { related: [...paired, ...counterpart, ...otherYears, ...otherDistricts], alternatives };
}

function result(index: ReportIndex, fact: Fact, relation: FactResult['relation']): FactResult {
  const meta = index.report(fact.citation.doc)!;
  // shown() maps the marks one for one: the defaults are never used.
  const [label = fact.label, display = fact.display] = shown(fact.excerpt, fact.original, [
    fact.label,
    fact.display,
  ]).marks;
  return { fact, label, display, relation, citeId: citeId(meta, fact.citation.lines) };
}

function closestLabels(corpus: CorpusView, district: string, query: string): string[] {
  const grams = new Set([...query].map((_, i) => query.slice(i, i + 2)).filter((g) => g.length === 2));
  const labels = corpus.labelsIn(district);
  const scores = new Map<string, number>();
  for (const label of labels.keys()) {
    let n = 0;
    for (const g of grams) if (label.includes(g)) n++;
    if (n) scores.set(label, n / Math.max(grams.size, 1));
  }
  // Among equally close labels the more used, then the shorter; code point order settles the rest.
  const used = (l: string) => labels.get(l) ?? 0;
  return [...scores.entries()]
    .sort(([a, x], [b, y]) => y - x || used(b) - used(a) || a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, 5)
    .map(([l]) => l);
}

// The frame of a numeric question, not its subject. 增加/新增 go too: "绿地增加了多少" asks for 新增…绿地, while
// 增长 and 减少 stay, since they ask for a change rather than an amount.
const QUESTION_WORDS =
  /多少|几[个名台条家所户项座张人次]?|是|有|了|共|达到|一共|总共|情况|怎么样|如何|呢|吗|请问|增加|新增/g;

/** A numeric question answered from facts when one matches its keyword well. */
export function answerFromFacts(index: ReportIndex, r: ResolvedQuestion): MetricAnswer | null {
  if (!r.district) return null;
  const keyword = r.keywords.replace(QUESTION_WORDS, '').replace(/\s+/g, '');
  if (keyword.length < 2) return null;
  const candidates = matchedFacts(index.corpus, r.district, keywordOf(index.corpus, keyword)).filter(
    (s) => s.match >= 0.75,
  );
  if (!candidates.length) return null;
  const year = r.year ?? Math.max(...candidates.map((s) => s.fact.period.year));
  if (!candidates.some((s) => s.fact.period.year === year)) return null;
  try {
    return lookupMetric(index, { district: r.district, year, query: keyword, kind: r.kindHint });
  } catch {
    return null;
  }
}

export function listFacts(index: ReportIndex, f: { district?: string; year?: number; kind?: PeriodKind }): Fact[] {
  const c = index.corpus;
  // One place's facts are read on their own: a large corpus is not read whole for them.
  const pool = f.district
    ? [...c.factsIn(f.district).values()].flat().sort((a, b) => c.orderOf(a) - c.orderOf(b))
    : c.facts;
  return pool.filter(
    (x) =>
      (!f.district || x.district === f.district) &&
      (!f.year || x.period.year === f.year) &&
      (!f.kind || x.period.kind === f.kind),
  );
}
