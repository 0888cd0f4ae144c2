/**
 * The year a report was delivered, as named rules of the genre with an example each, strongest first. A report
 * dates itself (a dated session line, a title year); failing that it says which year it reviews (刚刚过去的2018年,
 * 2020年,全市完成…) or plans (2019年主要预期目标), and a news page carries its dateline. The first rule that
 * finds a year decides; a report none of them dates is filed as 未定 rather than guessed.
 */
import { kindOf, yearIn } from './periods.js';

export interface YearSources {
  /** Title, session and speaker lines. */
  masthead: string;
  /** First-level headings, in order. */
  headings: string[];
  /** The report's text, from its first line. */
  text: string;
  /** The page as saved, its chrome included: where a news page's dateline is. */
  page?: string;
  /** The file's name (and folders): the weakest cue, read only when the text dates nothing. */
  doc?: string;
}

export interface YearRule {
  name: string;
  example: { text: string; year: number };
  find(src: YearSources): number | undefined;
}

const Y = '((?:19|20)\\d{2})';
const HEAD_SPAN = 4000;

/** "2016—2020年", "2021-2025 年": a span's years are not a delivery year, but its first year is a plan's. */
const RANGE = new RegExp(`${Y}\\s*[—–-]+\\s*${Y}\\s*年`, 'gu');
/** "到2021年", "2035年远景": a year the report looks to, not the one it is delivered in. */
const HORIZON = new RegExp(`(?:到|至|面向|展望)\\s*${Y}\\s*年|${Y}\\s*年远景`, 'gu');
/** "是2015年的1.5倍", "比2010年": a base year of a comparison. */
const BASE = new RegExp(`(?:是|比|较|为)\\s*${Y}\\s*年的?`, 'gu');

/** The text with spans, horizons and base years blanked (same length, so positions still hold). */
function cleared(text: string): string {
  const blank = (m: string) => ' '.repeat(m.length);
  return text.replace(RANGE, blank).replace(HORIZON, blank).replace(BASE, blank);
}

function plainYears(text: string): number[] {
  return [...cleared(text).matchAll(new RegExp(`${Y}\\s*年(?!代)`, 'gu'))].map((m) => Number(m[1]));
}

/** Lines of the masthead that name a document: a title, not a slogan or a photo caption. */
const TITLE_WORDS = /报告|规划|纲要|计划|安排|预算|决算|通知|意见|方案/u;

/** A page's dateline: 发布时间:2022-12-27, "2017-03-22 13:26", 2008年3月6日 on a line of its own. */
function datelineYear(text: string): number | undefined {
  const head = text.slice(0, HEAD_SPAN);
  const m =
    head.match(new RegExp(`(?:发布|发表|更新)?(?:时间|日期|于)[:：]?\\s*${Y}[-./年]\\d{1,2}[-./月]\\d{1,2}`, 'u')) ??
    head.match(new RegExp(`${Y}-\\d{1,2}-\\d{1,2}\\s+\\d{1,2}:\\d{2}`, 'u')) ??
    head.match(new RegExp(`(?:^|\\n)\\s*${Y}-\\d{1,2}-\\d{1,2}`, 'u'));
  return m ? Number(m[1]) : undefined;
}

/** "2025年1月14日在…", also with the speaker between ("2025年1月15日龚正市长在…"): year, month and day. */
export const DATED_SESSION = /((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[\p{Script=Han}]{0,12}?在/u;

/** A sentence reviewing a year: it opens on the year and reports what was done, with a figure. */
const REVIEWED = new RegExp(
  `(?:刚刚过去的|回顾了?[\\p{Script=Han}]{0,12}?|过去的)${Y}\\s*年|${Y}\\s*年[,，](?=在[^。]{0,12}领导下)|(?:^|[。\\n:：])[^。\\n]{0,8}?${Y}\\s*年[,，]((?:在|面对)[^。]*|[^。]{0,80}?(?:完成|实现|达到?|增长|下降|突破)[^。\\d]{0,8}\\d[^。]*)`,
  'u',
);
/** Words of a plan: a sentence holding them states a target, not a result. */
const TARGET_WORDS = /左右|预期|力争|目标|确保|争取|将|计划/u;
/** A sentence planning a year: its targets, its tasks. */
const PLANNED = new RegExp(
  `${Y}\\s*年(?:全[省市县区旗州盟])?(?:经济社会发展)?的?(?:主要)?(?:预期)?(?:目标|任务|工作安排)|(?:今年|${Y}\\s*年)[^。]{0,30}?(?:预期增长|力争|左右)`,
  'u',
);

export const YEAR_RULES: YearRule[] = [
  {
    name: 'dated-session',
    example: { text: '——2025年1月14日在上海市第十六届人民代表大会第三次会议上', year: 2025 },
    find: (s) => {
      const m = s.masthead.match(DATED_SESSION) ?? s.text.slice(0, HEAD_SPAN).match(DATED_SESSION);
      return m ? Number(m[1]) : undefined;
    },
  },
  {
    name: 'plan-span-title',
    example: { text: '松阳县国民经济和社会发展第十三个五年(2016—2020年)规划纲要', year: 2016 },
    find: (s) => {
      if (!/规划|纲要/.test(s.masthead + s.text.slice(0, 200))) return undefined;
      const m = (s.masthead + s.text.slice(0, 400)).match(RANGE);
      return m ? Number(m[0].match(/\d{4}/)![0]) : undefined;
    },
  },
  {
    name: 'title-year',
    example: { text: '关于通榆县2022年国民经济和社会发展计划执行情况与2023年计划(草案)的报告', year: 2023 },
    find: (s) => {
      // The first title line naming a year is the document's own title; later ones quote others.
      const title = s.masthead.split('\n').find((l) => TITLE_WORDS.test(l) && plainYears(l).length);
      const years = title ? plainYears(title) : [];
      if (!years.length) return undefined;
      // A plan report delivered at a December session titles the next year; its dateline says which.
      const dated = datelineYear(s.page ?? s.text);
      return dated && years.includes(dated) ? dated : Math.max(...years);
    },
  },
  {
    name: 'review-heading',
    example: { text: '一、2024年工作回顾', year: 2025 },
    find: (s) => {
      for (const h of s.headings) {
        const year = yearIn(h);
        const kind = kindOf(h);
        if (year && kind === 'actual') return year + 1;
        if (year && kind === 'target') return year;
      }
      return undefined;
    },
  },
  {
    name: 'reviewed-year',
    example: { text: '各位代表,刚刚过去的2018年,是我县脱贫攻坚加速推进的一年', year: 2019 },
    find: (s) => {
      for (const m of cleared(s.text.slice(0, HEAD_SPAN)).matchAll(new RegExp(REVIEWED.source, 'gu'))) {
        if (m[4] && TARGET_WORDS.test(m[4].slice(0, 40))) continue;
        const y = m[1] ?? m[2] ?? m[3];
        if (y) return Number(y) + 1;
      }
      return undefined;
    },
  },
  {
    name: 'planned-year',
    example: { text: '2019年全市经济社会发展的主要预期目标是', year: 2019 },
    find: (s) => {
      const m = s.text.slice(0, HEAD_SPAN).match(PLANNED);
      const y = m?.[1] ?? m?.[2];
      return y ? Number(y) : undefined;
    },
  },
  {
    name: 'dateline',
    example: { text: '发布时间:2008-03-06 08:39', year: 2008 },
    find: (s) => datelineYear(s.page ?? s.text),
  },
  {
    name: 'file-name',
    example: { text: '2022年福建省政府工作报告摘要.txt', year: 2022 },
    find: (s) => {
      const years = [...(s.doc ?? '').matchAll(/(?<!\d)((?:19|20)\d{2})(?!\d)/g)].map((m) => Number(m[1]));
      return years.length === 1 ? years[0] : undefined;
    },
  },
  {
    name: 'latest-year',
    example: { text: '实现地区生产总值1200亿元,比2012年翻一番;2013年…', year: 2013 },
    find: (s) => {
      const years = plainYears(s.text.slice(0, HEAD_SPAN));
      return years.length ? Math.max(...years) : undefined;
    },
  },
];

/** The year and the name of the rule that read it. */
export function inferReportYear(src: YearSources): { year: number; rule: string } | undefined {
  for (const rule of YEAR_RULES) {
    const year = rule.find(src);
    if (year === undefined) continue;
    // A session late in the year before delivers a report titled for the next one; the page's date says so.
    if (datelineYear(src.page ?? src.text) === year - 1) return { year: year - 1, rule: `${rule.name}+dateline` };
    return { year, rule: rule.name };
  }
  return undefined;
}
