/**
 * Reads a free-text question: which district, which year (explicit, or 今年/去年 read against the latest report),
 * what kind of question (definition, number, anything else), and the words left to search for.
 */
import type { Corpus } from '../types.js';
import { canonicalDistrict, districtSpellings } from '../text/districts.js';
import { QueryError } from './answer.js';
import { toSimplified } from '../text/chinese.js';

export type Intent = 'definition' | 'numeric' | 'general';

export interface ResolvedQuestion {
  district?: string;
  year?: number;
  intent: Intent;
  /** "取得了什么成绩" asks about what was achieved; "要建设多少" about a plan. */
  kindHint?: 'actual' | 'target';
  /** "哪个区…最多" asks who ranks first: the answer says 第一, 首位, 领先…, seldom the question's words. */
  asksRank: boolean;
  keywords: string;
  assumptions: string[];
}

const DEFINITION = /什么是|是什么|指什么|什么意思|啥意思|何为|含义|是指|定义|解释一下/;
const NUMERIC = /多少|几[个名台条家所户项座张人次万亿]?|多大|多高|比例|增长|增速|下降|减少|占比|规模|总额|数量|面积|浓度|率/;
const ACTUAL_HINT = /取得|成绩|成效|成果|成就|荣誉|进展|完成了|实现了|做了|获得|获评|荣获|达到了|增长了|减少了|新增了|建成了/;
const TARGET_HINT = /要|将|计划|目标|打算|预期|力争|准备/;
const RANK_QUESTION = /最多|最高|最大|最快|最好|第一|排第几|排名|领先/;
const RELATIVE_YEARS: [RegExp, number][] = [[/今年|本年/, 0], [/去年|上年|上一年/, -1], [/明年|下一年/, 1]];

// Per corpus, computed once: every question and every district option needs them.
const districtsOf = new WeakMap<Corpus, { names: string[]; spellings: { spelling: string; name: string }[] }>();
function districtsIn(corpus: Corpus) {
  let d = districtsOf.get(corpus);
  if (!d) {
    const names = [...new Set(corpus.reports.map((r) => r.district))].sort();
    d = { names, spellings: districtSpellings(names).filter((s) => s.spelling.length >= 2 && names.includes(s.name)) };
    districtsOf.set(corpus, d);
  }
  return d;
}

export function corpusDistricts(corpus: Corpus): string[] {
  return districtsIn(corpus).names;
}

/** A district the user typed, in any spelling, or a QueryError listing the ones that exist. */
export function requireDistrict(input: string, corpus: Corpus): string {
  const known = corpusDistricts(corpus);
  const name = canonicalDistrict(input, known);
  if (name && known.includes(name)) return name;
  throw new QueryError('UNKNOWN_DISTRICT', `没有“${input}”的报告。已收录的区:${known.join('、')}。`, known);
}

export function resolveQuestion(question: string, corpus: Corpus): ResolvedQuestion {
  const assumptions: string[] = [];
  let rest = toSimplified(question);
  let district: string | undefined;
  for (const { spelling, name } of districtsIn(corpus).spellings) {
    if (rest.includes(spelling)) {
      district = name;
      rest = rest.replace(spelling, ' ');
      break;
    }
  }
  let year: number | undefined;
  const explicit = rest.match(/((?:19|20)\d{2})\s*年?/);
  if (explicit) {
    year = Number(explicit[1]);
    rest = rest.replace(explicit[0], ' ');
  } else {
    for (const [re, offset] of RELATIVE_YEARS) {
      if (!re.test(rest)) continue;
      const latest = Math.max(...corpus.reports.filter((r) => !district || r.district === district).map((r) => r.reportYear));
      if (Number.isFinite(latest)) {
        year = latest + offset;
        assumptions.push(`“${rest.match(re)![0]}”按最新一份报告(${latest}年)理解为 ${year} 年`);
      }
      rest = rest.replace(re, ' ');
      break;
    }
  }
  const intent: Intent = DEFINITION.test(rest) ? 'definition' : NUMERIC.test(rest) ? 'numeric' : 'general';
  const keywords = rest.replace(/[??!!。,,、“”"'‘’《》()()]/g, ' ').replace(/\s+/g, ' ').trim();
  const kindHint = ACTUAL_HINT.test(rest) ? 'actual' : TARGET_HINT.test(rest) ? 'target' : undefined;
  return { district, year, intent, kindHint, asksRank: RANK_QUESTION.test(rest), keywords, assumptions };
}
