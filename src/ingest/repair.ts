/**
 * Text repair before reading: named rules, each undoing one way that converters, PDF mirrors and OCR damage a
 * report's text, each with an example that the tests run. Every rule works inside one line (the line count and
 * every line number stay as the raw file has them) on text that `normalizeInline` has already cleaned, so a
 * space next to a Han character is already gone and full-width digits are already ASCII.
 *
 * Damage that `normalizeInline` repairs on its own is not repeated here: Han characters spaced apart letter by
 * letter ("政 府 工 作 报 告" → "政府工作报告") lose their spaces with every other space next to a Han character.
 *
 * @example
 * repairLine('推進(jìn)發(fā)展,支岀增长15℅,1 9 9 7年,工作报告v7R'); // → '推進發展,支出增长15%,1997年,工作报告'
 */
import { pinyin } from 'pinyin-pro';

export interface RepairRule {
  /** What the rule repairs, as a name a log or a test can show. */
  name: string;
  /** One damaged text as the corpus holds it, and what the rule makes of it. */
  example: { before: string; after: string };
  apply(s: string): string;
}

// Variant code points that look like a standard character but are not it, so a search for the standard word
// misses them; OpenCC's traditional→simplified tables (used for matching) leave all of these alone.
// 岀 (liandu 2017: 支岀) and 淸 (national 1957: 肃淸反革命) are in the corpus; 吿, 靑, 値 are the same kind of
// old-form (旧字形) duplicate, encoded apart only because a source character set had both.
const VARIANTS: Readonly<Record<string, string>> = { 岀: '出', 淸: '清', 吿: '告', 靑: '青', 値: '值' };
const VARIANT = new RegExp(`[${Object.keys(VARIANTS).join('')}]`, 'gu');

// Kangxi radicals (U+2F00–U+2FDF) and CJK compatibility ideographs (U+F900–U+FAFF) are what PDF text extraction
// often yields for ordinary characters ("⼯作" for 工作); Unicode's NFKC maps each to its unified ideograph.
const RADICAL_OR_COMPAT = /[\u2F00-\u2FDF\uF900-\uFAFF]/gu;

// A pinyin syllable's shape (initial + final), tone marks removed: enough to tell "(fā)" from "(IMF)" or "(1)".
const SYLLABLE =
  /^(?:[zcs]h?|[bpmfdtnlgkhjqxrwy])?(?:[aoe]|ai|ei|ao|ou|an|en|ang|eng|ong|er|i|ia|ie|iao|iu|ian|in|iang|ing|iong|u|ua|uo|uai|ui|uan|un|uang|ueng|ü|üe|üan|ün|ue)$/;
const TONE_MARK = /[\u0300\u0301\u0304\u030C]/g; // grave, acute, macron, caron; the diaeresis of ü stays
const READING_IN_BRACKETS = /(\p{Script=Han})[(（]([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6})[)）]/gu;

function toneless(syllable: string): string {
  return syllable.normalize('NFD').replace(TONE_MARK, '').normalize('NFC');
}

/** Whether `han` can be read `syllable` (toneless): "(a)" after 附件 is a list marker, not a reading. */
function isReadingOf(han: string, syllable: string): boolean {
  const readings = pinyin(han, { toneType: 'none', multiple: true, type: 'array', v: false });
  return readings.some((r) => r.replace(/v/g, 'ü') === syllable);
}

// Units and word shapes that mix upper and lower case legitimately; a stray token is none of these.
const MIXED_CASE_UNITS = new Set(
  'kW kWh MW MWh GW GWh TW TWh Wh kV kVA MVA Hz kHz MHz GHz Pa kPa MPa GPa mAh Ah dB pH mL Mb Gb Mbps Gbps Tbps'.split(
    ' ',
  ),
);
const LEGIT_MIXED_CASE = [
  /^[A-Z][a-z]+$/, // a capitalized word: Ltd, Inc, App
  /^[A-Z]{2,}s$/, // a plural acronym: VOCs, NGOs
  /^[a-z][A-Z]{2,}$/, // a lower-case prefix on an acronym: mRNA, iOS, eSIM
];
// A 2–4 character Latin/digit token wedged after a Han character or punctuation, ending the line or followed by
// a space or Han character; the following spaces go with it, as normalizeInline drops spaces next to Han.
const WEDGED_TOKEN = /(?<=[\p{Script=Han}。，、；：！？,;:!?])([A-Za-z0-9]{2,4})(?:[ \t]+|(?=\p{Script=Han})|$)/gu;

function isStrayToken(token: string): boolean {
  const mixedCase = /[a-z]/.test(token) && /[A-Z]/.test(token);
  return mixedCase && !MIXED_CASE_UNITS.has(token) && !LEGIT_MIXED_CASE.some((re) => re.test(token));
}

// Digits each followed by one space ("1 9 9 7年", "2 2.4万件"): a run of single digits separated by one space or
// a decimal point, not part of a longer run on either side ("12.5 13.1" has digits side by side: not a run).
const SPACED_NUMBER = /(?<![\d.]|\d )\d(?:[ .]\d)+(?![\d.]| \d)/g;

function joinSpacedNumber(run: string, offset: number, s: string): string {
  const digits = run.replace(/\D/g, '').length;
  const points = run.split('.').length - 1;
  const unitFollows = /^[\p{Script=Han}%‰]/u.test(s.slice(offset + run.length));
  // One number has at most one decimal point ("1.5 2.3" is two numbers); without a unit after it, a run of
  // three or more single digits is still one number, but two ("1 1" before a year) may be two cells.
  if (points > 1 || !run.includes(' ')) return run;
  return unitFollows || (points === 0 && digits >= 3) ? run.replace(/ /g, '') : run;
}

// A year written in Chinese numerals, zero often typed as 0 or O: 二〇〇八年, 二00八年, 一九九七年.
const NUMERAL_YEAR = /(?<![\d一二三四五六七八九十〇零百千万亿])([一二][〇零0O○一二三四五六七八九]{3})(?=年)/gu;
const NUMERAL_DIGIT: Readonly<Record<string, string>> = {
  〇: '0',
  零: '0',
  '0': '0',
  O: '0',
  '○': '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

export const repairRules: readonly RepairRule[] = [
  {
    // Older reports write years in numerals (二〇〇八年工作回顾) and some mirrors type the zero as 0 (二00八年):
    // every year pattern downstream reads digits. Only a 19xx or 20xx year becomes one.
    name: 'year in Chinese numerals',
    example: { before: '二00八年工作回顾', after: '2008年工作回顾' },
    apply: (s) =>
      s.replace(NUMERAL_YEAR, (m: string) => {
        const digits = [...m].map((c) => NUMERAL_DIGIT[c] ?? c).join('');
        return /^(?:19|20)\d{2}$/.test(digits) ? digits : m;
      }),
  },
  {
    name: 'variant character',
    example: { before: '一般公共预算支岀306355万元', after: '一般公共预算支出306355万元' },
    apply: (s) => s.replace(VARIANT, (c) => VARIANTS[c] ?? c),
  },
  {
    name: 'kangxi radical or compatibility ideograph',
    example: { before: '⼯作报告', after: '工作报告' },
    apply: (s) => s.replace(RADICAL_OR_COMPAT, (c) => c.normalize('NFKC')),
  },
  {
    // A broken simplified→traditional converter writes each character's reading after it: "發(fā)展",
    // "松陽(yáng)縣" (beijing 2013, songyang 2016, gaoqing 2022). A toned syllable is dropped on its shape; a
    // plain one only when the character before it has that reading.
    name: 'pinyin reading after a character',
    example: { before: '松陽(yáng)縣經(jīng)濟社會(huì)發(fā)展', after: '松陽縣經濟社會發展' },
    apply: (s) =>
      s.replace(READING_IN_BRACKETS, (m, han: string, syllable: string) => {
        const plain = toneless(syllable);
        if (!SYLLABLE.test(plain)) return m;
        return plain !== syllable || isReadingOf(han, plain) ? han : m;
      }),
  },
  {
    // PDF mirrors stamp an anti-copy token at line ends and inside lines: "PZl" (dabu 2020), "v7R" (mashan
    // 2021). Only tokens mixing lower and upper case in no known shape go: GDP, 5G, PM2.5, mRNA, kWh stay.
    name: 'stray anti-copy token',
    example: { before: '人民代表大会v7R 第七次会议上v7R', after: '人民代表大会第七次会议上' },
    apply: (s) => s.replace(WEDGED_TOKEN, (m, token: string) => (isStrayToken(token) ? '' : m)),
  },
  {
    // "增长15℅" (sansui 2011): ℅ (care of) typed for %.
    name: 'care-of sign for percent',
    example: { before: '增长57.7℅,一般预算收入', after: '增长57.7%,一般预算收入' },
    apply: (s) => s.replace(/(?<=\d)℅/g, '%'),
  },
  {
    // "1 9 9 7 年国内生产总值达到7 4 7 7 2 亿元" (national 1998), "2 0 2 1 年 2 月 2 4 日" (haidong 2021).
    name: 'digits spaced apart',
    example: {
      before: '1 9 9 7年粮食产量达到4 9 2 5 0万吨,增长1 1%,2 2.4万件',
      after: '1997年粮食产量达到49250万吨,增长11%,22.4万件',
    },
    apply: (s) => s.replace(SPACED_NUMBER, joinSpacedNumber),
  },
];

/** The line with every repair rule applied in order; it stays one line. */
export function repairLine(s: string): string {
  return repairRules.reduce((text, rule) => rule.apply(text), s).trim();
}
