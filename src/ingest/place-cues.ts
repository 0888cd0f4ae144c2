/**
 * Where a report names the place it speaks for, as named rules with an example each, strongest first. Each rule
 * finds the words before (or inside) a fixed phrase of the genre; place.ts resolves those words against the
 * register. `where` says which part of the document a rule reads: the masthead (title, date, session and speaker
 * lines), the head (masthead and the body's first pages: a news report names the session in its first lines),
 * or the title lines (masthead and the first lines of the file).
 */

export interface PlaceCue {
  rule: string;
  /** The words that name the place ("呼伦贝尔市海拉尔区", "县", "国务院"). */
  name: string;
  weight: number;
}

export interface CueRule {
  name: string;
  weight: number;
  where: 'masthead' | 'head' | 'title';
  /** Group 1 holds the words naming the place. */
  pattern: RegExp;
  example: { text: string; names: string };
}

const N = '[一二三四五六七八九十]+';
const BEFORE = '([\\p{Script=Han}]{0,20}?)';
const HEADS = '(?:省长|市长|区长|县长|旗长|州长|盟长|主席)';

export const CUE_RULES: CueRule[] = [
  {
    name: 'state-council-title',
    weight: 20,
    where: 'title',
    pattern: /(国务院|中华人民共和国)[^\n]{0,12}(?:政府工作报告|报告)/u,
    example: { text: '1954年中华人民共和国国务院政府工作报告', names: '中华人民共和国' },
  },
  {
    name: 'speaks-for-state-council',
    weight: 20,
    where: 'head',
    pattern: /(?:我)?代表(国务院|中华人民共和国国务院)/u,
    example: { text: '现在,我代表国务院,向大会作政府工作报告', names: '国务院' },
  },
  {
    name: 'state-council-premier',
    weight: 20,
    where: 'masthead',
    pattern: /(国务院)(?:代理)?总理/u,
    example: { text: '国务院总理 李强', names: '国务院' },
  },
  {
    name: 'national-session',
    weight: 10,
    where: 'masthead',
    pattern: new RegExp(`第?${N}届(全国)(?:人民代表大会|人大)(?:常务委员会)?第?${N}次`, 'u'),
    example: { text: '——2025年3月5日在第十四届全国人民代表大会第三次会议上', names: '全国' },
  },
  {
    name: 'session',
    weight: 10,
    where: 'head',
    pattern: new RegExp(`${BEFORE}第?${N}届(?:人民代表大会|人大)(?:常务委员会)?第?${N}次`, 'u'),
    example: { text: '(2021年3月29日在州八届人大七次会议第一次全体会议上)', names: '州' },
  },
  {
    name: 'speaks-for',
    weight: 8,
    where: 'head',
    pattern: new RegExp(`代表${BEFORE}人民政府`, 'u'),
    example: { text: '现在,我代表呼伦贝尔市海拉尔区人民政府向大会报告工作', names: '呼伦贝尔市海拉尔区' },
  },
  {
    name: 'government-head',
    weight: 6,
    where: 'head',
    pattern: new RegExp(`${BEFORE}人民政府(?:代理|代)?${HEADS}`, 'u'),
    example: { text: '州人民政府代理州长 黄兴文', names: '州' },
  },
  {
    name: 'issuing-government',
    weight: 6,
    where: 'title',
    pattern: /([\p{Script=Han}]{1,20}?)人民政府(?:办公[厅室])?关于/u,
    example: {
      text: '鄂州市人民政府办公室关于印发《市六届人大四次会议<政府工作报告>主要工作目标分解落实意见》的通知',
      names: '鄂州市',
    },
  },
  {
    name: 'work-report-title',
    weight: 5,
    where: 'title',
    pattern: /([\p{Script=Han}]{1,20}?)(?:\s*(?:19|20)\d{2}\s*年度?)?(?:人民)?政府工作报告/u,
    example: { text: '沈阳市铁西区2014年政府工作报告【优秀范文】', names: '沈阳市铁西区' },
  },
  {
    name: 'plan-title',
    weight: 5,
    where: 'title',
    pattern: /([\p{Script=Han}]{2,20}?)(?:\s*(?:19|20)\d{2}\s*年)?国民经济和社会发展/u,
    example: { text: '松阳县国民经济和社会发展第十三个五年规划纲要', names: '松阳县' },
  },
  {
    name: 'about-title',
    weight: 5,
    where: 'title',
    pattern: /关于([\p{Script=Han}]{2,20}?)\s*(?:19|20)\d{2}\s*年/u,
    example: { text: '关于长沙市岳麓区2019年决算草案和2020年1-6月预算执行情况的报告', names: '长沙市岳麓区' },
  },
  {
    name: 'office',
    weight: 5,
    where: 'masthead',
    pattern: /([\p{Script=Han}]{0,12}?)(?:人民政府)?(?:代理|代)?([省市区县旗州盟])长/u,
    example: { text: '县长 崔华明', names: '县' },
  },
];

export interface CueSources {
  masthead: string;
  head: string;
  title: string;
}

/** Every cue the rules find, each match of each rule. */
/** Each rule's pattern as a global one, compiled once: findCues runs for every report read. */
const GLOBAL = new Map(CUE_RULES.map((r) => [r, new RegExp(r.pattern.source, 'gu')]));

export function findCues(src: CueSources): PlaceCue[] {
  const out: PlaceCue[] = [];
  for (const rule of CUE_RULES) {
    const global = GLOBAL.get(rule)!;
    const text = src[rule.where];
    for (const m of text.matchAll(global)) {
      // A document quoted by name (《德阳市人民政府关于…》) is another document's, not this one's.
      if (insideQuote(text, m.index)) continue;
      // Group 1 always takes part; a level-only office (县长) names its level by group 2.
      const name = m[1] || m[2] || '';
      out.push({ rule: rule.name, name, weight: rule.weight });
    }
  }
  return out;
}

function insideQuote(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 80), at);
  return before.lastIndexOf('《') > before.lastIndexOf('》');
}
