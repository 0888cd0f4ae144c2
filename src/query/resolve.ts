/**
 * Reads a free-text question: which district, which year (explicit, or 今年/去年 read against the latest report),
 * what kind of question (definition, number, anything else), and the words left to search for.
 */
import type { PeriodKind, PlaceRef } from '../types.js';
import type { CorpusView, PlaceEntry } from '../index/view.js';
import { normalizePlaceInput, placesNamed } from '../text/places.js';
import { QueryError } from './answer.js';
import { toSimplified } from '../text/chinese.js';
import { first as firstOf } from '../list.js';

export type Intent = 'definition' | 'numeric' | 'general';

export interface ResolvedQuestion {
  district?: string;
  year?: number;
  /** The year was written ("2024年") rather than read from 今年/去年 against the newest report. */
  yearWritten?: boolean;
  intent: Intent;
  /** "取得了什么成绩" asks about what was achieved; "要建设多少" about a plan. */
  kindHint?: PeriodKind;
  /** "哪个区…最多" asks who ranks first: the answer says 第一, 首位, 领先…, seldom the question's words. */
  asksRank: boolean;
  keywords: string;
  assumptions: string[];
}

const DEFINITION = /什么是|是什么|指什么|什么意思|啥意思|何为|含义|是指|定义|解释一下/;
const NUMERIC =
  /多少|几[个名台条家所户项座张人次万亿]?|多大|多高|比例|增长|增速|下降|减少|占比|规模|总额|数量|面积|浓度|率/;
const ACTUAL_HINT =
  /取得|成绩|成效|成果|成就|荣誉|进展|完成了|实现了|做了|获得|获评|荣获|达到了|增长了|减少了|新增了|建成了/;
const TARGET_HINT = /要|将|计划|目标|打算|预期|力争|准备/;
const RANK_QUESTION = /最多|最高|最大|最快|最好|第一|排第几|排名|领先/;
const RELATIVE_YEARS: [RegExp, number][] = [
  [/今年|本年/, 0],
  [/去年|上年|上一年/, -1],
  [/明年|下一年/, 1],
];

/** The corpus's place names, in a list of the caller's own. */
export function corpusDistricts(corpus: CorpusView): string[] {
  return [...corpus.placeNames];
}

/** The corpus's places with their register entries, country first, for listings and autocomplete. */
export function corpusPlaces(corpus: CorpusView): readonly PlaceEntry[] {
  return corpus.places;
}

/** "海拉尔区 · 呼伦贝尔市": a corpus place with its parent. */
export function placeChoiceLabel(e: { key: string; place?: PlaceRef }): string {
  if (!e.place) return e.key;
  return e.place.parent ? `${e.place.name} · ${e.place.parent}` : e.place.name;
}

/**
 * A place the user typed — short or full name, pinyin, with or without its parent — as the key of a place in
 * the corpus. Several places fit: a QueryError offering them; none: one listing the nearest places there are.
 */
export function requireDistrict(input: string, corpus: CorpusView): string {
  const { places: entries, placeNames: names } = corpus;
  const typed = normalizePlaceInput(input);
  if (names.includes(typed)) return typed;
  const codes = new Set(placesNamed(input).map((p) => p.code));
  const hits = entries.filter((e) => e.place && (codes.has(e.place.code) || e.place.name === typed));
  if (hits.length === 1) return firstOf(hits).key;
  if (hits.length > 1) {
    throw new QueryError(
      'AMBIGUOUS_PLACE',
      `“${input}”可以指:${hits.map(placeChoiceLabel).join('、')}。请写明是哪一个。`,
      hits.map((e) => e.key),
    );
  }
  const near = nearPlaces(input, entries);
  throw new QueryError(
    'UNKNOWN_DISTRICT',
    `没有“${input}”的报告。${near.length ? `相近的地区:${near.join('、')}。` : ''}已收录 ${names.length} 个地区,可用 /reports 查看。`,
    near,
  );
}

/** Corpus places under the one typed, then those sharing its characters or pinyin start, then the rest. */
function nearPlaces(input: string, entries: readonly PlaceEntry[]): string[] {
  const typed = normalizePlaceInput(input);
  const named = new Set(placesNamed(input).map((p) => p.name));
  const score = (e: PlaceEntry) => {
    let s = 0;
    if (e.place?.chain?.some((a) => named.has(a))) s += 10;
    for (const ch of new Set(typed)) if (e.key.includes(ch) || e.place?.name.includes(ch)) s += 2;
    return s;
  };
  const ranked = entries.map((e) => ({ e, s: score(e) })).sort((a, b) => b.s - a.s);
  const shown = ranked.filter((x) => x.s > 0).slice(0, 10);
  return (shown.length ? shown : ranked.slice(0, 10)).map((x) => x.e.key);
}

export function resolveQuestion(question: string, corpus: CorpusView): ResolvedQuestion {
  const assumptions: string[] = [];
  let rest = toSimplified(question);
  let district: string | undefined;
  // A provincial question may say 全国 too ("居全国第一"): a named province or county wins over the country.
  const found = corpus.placeSpellings.filter((s) => rest.includes(s.spelling));
  // "河北的…在北京市场": the place named first is the one asked about; later ones are part of the question.
  const first = (list: typeof found) =>
    list.sort(
      (a, b) => rest.indexOf(a.spelling) - rest.indexOf(b.spelling) || b.spelling.length - a.spelling.length,
    )[0];
  const named = first(found.filter((s) => !s.national)) ?? found[0];
  if (named) {
    district = named.name;
    rest = rest.replace(named.spelling, ' ');
  }
  let year: number | undefined;
  // "比2018年减少了多少": a year compared against is not the year asked about.
  const explicit = rest.match(/(?<![比较与同自从])((?:19|20)\d{2})\s*年?/);
  if (explicit) {
    year = Number(explicit[1]);
    rest = rest.replace(explicit[0], ' ');
  } else {
    for (const [re, offset] of RELATIVE_YEARS) {
      if (!re.test(rest)) continue;
      const latest = Math.max(
        ...corpus.reports.filter((r) => !district || r.district === district).map((r) => r.reportYear ?? -Infinity),
      );
      if (Number.isFinite(latest)) {
        year = latest + offset;
        assumptions.push(`“${rest.match(re)![0]}”按最新一份报告(${latest}年)理解为 ${year} 年`);
      }
      rest = rest.replace(re, ' ');
      break;
    }
  }
  const intent: Intent = DEFINITION.test(rest) ? 'definition' : NUMERIC.test(rest) ? 'numeric' : 'general';
  const keywords = rest
    .replace(/[??!!。,,、“”"'‘’《》()()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const kindHint = ACTUAL_HINT.test(rest) ? 'actual' : TARGET_HINT.test(rest) ? 'target' : undefined;
  return {
    district,
    year,
    yearWritten: explicit !== null,
    intent,
    kindHint,
    asksRank: RANK_QUESTION.test(rest),
    keywords,
    assumptions,
  };
}
