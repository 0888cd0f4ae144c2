/**
 * The question reader: a plain question → the command that answers it. The place (every way people type one),
 * the years, what is asked (a figure, target against result, a series, a ranking, who delivered a report, what a
 * term means) and the metric are read from the question's own words; the cue words live in question.json, each
 * group with why it exists and a question that needs it. What is left after the place, the years and the cue
 * words names the metric (or, for a passage search, the topic); cue words are never searched.
 *
 * @example
 * readQuestion('2022年全国城镇新增就业目标实现了吗', corpus)
 * // → { command: 'verdict', place: '全国', year: 2022, keyword: '城镇新增就业', … }
 * readingLine(that) // → '按 /metric 全国 2022 城镇新增就业 完成 与 /metric 全国 2022 城镇新增就业 目标 查询'
 */
import { pinyin } from 'pinyin-pro';
import { z } from 'zod';
import type { PeriodKind, PlaceLevel } from '../types.js';
import type { CorpusView } from '../index/view.js';
import { placesNamed, placeWordsIn } from '../text/places.js';
import { toSimplified } from '../text/chinese.js';
import { requireDistrict } from './resolve.js';
import data from './question.json' with { type: 'json' };
import WHO from './who.json' with { type: 'json' };

const Cues = z.object({ _why: z.string().min(1), example: z.string().min(1), cues: z.array(z.string().min(1)).min(1) });
const Lexicon = z.object({
  _why: z.string(),
  verdict: Cues,
  trend: Cues,
  newestFirst: Cues,
  superlative: z.object({
    _why: z.string().min(1),
    example: z.string().min(1),
    high: z.array(z.string().min(1)),
    low: z.array(z.string().min(1)),
  }),
  which: z.object({
    _why: z.string().min(1),
    example: z.string().min(1),
    places: z.array(z.string().min(1)),
    years: z.array(z.string().min(1)),
  }),
  levels: z.object({
    _why: z.string().min(1),
    example: z.string().min(1),
    province: z.array(z.string().min(1)),
    city: z.array(z.string().min(1)),
    county: z.array(z.string().min(1)),
  }),
  target: Cues,
  actual: Cues.extend({ remove: z.array(z.string().min(1)) }),
  noTarget: Cues,
  reportYear: Cues,
  filler: Cues,
  severalYears: Cues,
  edges: Cues,
  unitAfterAmount: z.object({
    _why: z.string().min(1),
    example: z.string().min(1),
    units: z.array(z.string().min(1)),
    counters: z.array(z.string().min(1)),
  }),
  figure: Cues,
  policy: Cues,
  definition: Cues,
  national: Cues,
  abbreviations: z.object({
    _why: z.string().min(1),
    example: z.string().min(1),
    names: z.record(z.string().length(1), z.string().min(2)),
  }),
  ranges: z.object({ _why: z.string().min(1), example: z.string().min(1), between: z.array(z.string().min(1)) }),
  relativeYears: z.object({
    _why: z.string().min(1),
    example: z.string().min(1),
    offsets: z.record(z.string().min(1), z.number().int()),
  }),
});

/** The lexicon, checked once at load: a malformed entry fails here, naming the entry. */
export const LEXICON = (() => {
  const parsed = Lexicon.safeParse(data);
  if (!parsed.success)
    throw new Error(
      `src/query/question.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
})();

/** Every group's example, for the test that reads each one through the reader. */
export function lexiconExamples(): { group: string; example: string }[] {
  return Object.entries(LEXICON)
    .filter(([, v]) => typeof v === 'object' && v !== null && 'example' in v)
    .map(([group, v]) => ({ group, example: (v as { example: string }).example }));
}

export type Command = 'metric' | 'verdict' | 'trend' | 'compare' | 'who' | 'definition' | 'search';

export interface Reading {
  command: Command;
  /** The corpus place asked about (its key), when one is named. */
  place?: string;
  /** The data year asked about (a figure's year); for a report named by its year, that report's year. */
  year?: number;
  /** The year was written ("2024年") rather than read from 今年/去年. */
  yearWritten: boolean;
  /** A year written beside the report's name: the report delivered that year. */
  reportYear?: number;
  /** A span of years ("2012到2019年"). */
  from?: number;
  to?: number;
  /** What is left once place, years and cue words are out: the metric, or the topic of a passage search. */
  keyword: string;
  kind?: PeriodKind;
  /** For a ranking: largest first ('high') or smallest first ('low'). */
  end?: 'high' | 'low';
  level?: PlaceLevel;
  /** The question asks for a figure in so many words (多少, 目标, 增长…), not just by naming a metric. */
  asksFigure: boolean;
  /** A series read newest year first ("这几年") rather than from its first year ("2012到2019年"). */
  newestFirst: boolean;
  assumptions: string[];
}

const byLength = (list: readonly string[]) => [...new Set(list)].sort((a, b) => b.length - a.length);
const has = (text: string, cues: readonly string[]) => cues.some((c) => text.includes(c));
const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const YEAR = '((?:19|20)\\d{2})';
const RANGE = new RegExp(`${YEAR}\\s*年?\\s*(?:${LEXICON.ranges.between.map(esc).join('|')})\\s*${YEAR}\\s*年?`);
// "比2018年减少了多少": a year compared against is not the year asked about.
const ONE_YEAR = new RegExp(`(?<![比较与同自从\\d])${YEAR}\\s*年?`);
const REPORT_AFTER_YEAR = new RegExp(`^\\s*的?(?:${LEXICON.reportYear.cues.map(esc).join('|')})`);
const PUNCTUATION = /[?!。,、;:“”"'‘’《》()【】\s]/g;
/** What may follow a place written at the start of a question: a year, a particle, a level word, nothing. */
const AFTER_PLACE = /^(?:$|\s|\d|的|省|市|区|县|今年|去年|说|对|在|有|是)/;

/** Longest metric name read from a question that names a figure without asking for it ("2024年全国CPI"). */
const MAX_METRIC_NAME = 10;

/** Words taken out of the question before the metric is read, longest first. */
const REMOVED = byLength([
  ...LEXICON.verdict.cues,
  ...LEXICON.trend.cues,
  ...LEXICON.superlative.high,
  ...LEXICON.superlative.low,
  ...LEXICON.which.years,
  ...LEXICON.target.cues,
  ...LEXICON.actual.remove,
  ...LEXICON.reportYear.cues,
  ...LEXICON.policy.cues,
  ...LEXICON.definition.cues,
  ...LEXICON.filler.cues,
]);
// "多少斤" but not "多少人口": a unit ends the question or a clause; a word that goes on is the thing counted.
const AMOUNT_UNIT = new RegExp(
  `(?:有|是|为)?(?:多少|几)(?:(?:${byLength(LEXICON.unitAfterAmount.counters).map(esc).join('|')})|(?:${byLength(LEXICON.unitAfterAmount.units).map(esc).join('|')})(?!\\p{Script=Han}))`,
  'gu',
);
const LEVEL_WORDS: [PlaceLevel, string[]][] = (['province', 'city', 'county'] as const).map((l) => [
  l,
  byLength(LEXICON.levels[l]),
]);

const EDGES = byLength(LEXICON.edges.cues);

/** "对房地产" → 房地产: a framing character comes off the ends of a word, never out of its middle. */
function trimEdges(word: string): string {
  let w = word;
  let changed = true;
  while (changed) {
    changed = false;
    for (const e of EDGES) {
      if (w.length > e.length + 1 && w.startsWith(e)) {
        w = w.slice(e.length);
        changed = true;
      }
      if (w.length > e.length + 1 && w.endsWith(e)) {
        w = w.slice(0, -e.length);
        changed = true;
      }
    }
  }
  return w;
}

/** One edit (a character changed, added or dropped) between two short strings. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) return [...a].filter((ch, i) => ch !== b[i]).length === 1;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  for (let i = 0; i < long.length; i++) if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}

interface FoundPlace {
  key: string;
  /** The words that named it, taken out of the question. */
  spelling: string;
  how?: string;
}

function nationalKey(corpus: CorpusView): string | undefined {
  return corpus.places.find((e) => e.place?.level === 'national')?.key;
}

/** Where a place written at the start stands: after a leading year ("2024年广东省…"), else at 0. */
function placeStart(text: string): number {
  const lead = text.match(/^\s*(?:(?:19|20)\d{2}\s*年?\s*(?:的)?)?/);
  return lead ? lead[0].length : 0;
}

/** The place a question names: every way people type one, in the order of how sure the reading is. */
function findPlace(text: string, corpus: CorpusView): FoundPlace | undefined {
  const spellings = corpus.placeSpellings.filter((s) => text.includes(s.spelling));
  // "河北的…在北京市场": the place named first is the one asked about; later ones are part of the question.
  const first = spellings
    .filter((s) => !s.national)
    .sort((a, b) => text.indexOf(a.spelling) - text.indexOf(b.spelling) || b.spelling.length - a.spelling.length)[0];
  if (first) return { key: first.name, spelling: first.spelling };
  // Pinyin ("Zhejiang 2026年…"): a Latin word that names a corpus place.
  for (const word of text.match(/[A-Za-z]{3,}/g) ?? []) {
    const codes = new Set(placesNamed(word).map((p) => p.code));
    const hit = corpus.places.find((e) => e.place && codes.has(e.place.code));
    if (hit) return { key: hit.key, spelling: word, how: `“${word}”读作${hit.key}` };
  }
  const at = placeStart(text);
  const head = text.slice(at);
  // A one-character abbreviation only where a place stands: "蒙2026年…", "粤的…".
  const abbreviated = LEXICON.abbreviations.names[head.charAt(0)];
  if (abbreviated && AFTER_PLACE.test(head.slice(1)) && head.length > 1) {
    const hit = corpus.placeSpellings.find((s) => s.spelling === abbreviated || s.name === abbreviated);
    if (hit) return { key: hit.name, spelling: head.charAt(0), how: `“${head.charAt(0)}”读作${hit.name}` };
  }
  // A registered place written first that the corpus does not hold: say so, with the nearest places.
  const word = placeWordsIn(head).find((w) => w.at === 0 && AFTER_PLACE.test(head.slice(w.length)));
  if (word && word.place.level !== 'national') {
    const key = requireDistrict(word.place.name, corpus);
    return { key, spelling: head.slice(0, word.length) };
  }
  // A close typo of a corpus place, written first: "宁厦" for 宁夏.
  const names = corpus.places.flatMap((e) =>
    [e.key, e.place?.name ?? '']
      .filter((n) => n.length >= 2 && e.place?.level !== 'national')
      .map((n) => ({ n, key: e.key })),
  );
  for (let len = 2; len <= 6 && len <= head.length; len++) {
    const span = head.slice(0, len);
    if (!/^\p{Script=Han}+$/u.test(span) || !AFTER_PLACE.test(head.slice(len))) continue;
    const near = names.filter((x) => oneEditApart(span, x.n));
    // Several places one edit away (四州: 四川, 贵州): the one that sounds the same (宁厦, 宁夏) is meant.
    const sound = (x: string) => pinyin(x, { toneType: 'none', type: 'array' }).join('');
    const same = near.length > 1 ? near.filter((x) => sound(x.n) === sound(span)) : near;
    const keys = [...new Set(same.map((x) => x.key))];
    if (keys.length === 1) return { key: keys[0]!, spelling: span, how: `“${span}”读作${keys[0]}` };
  }
  // The country: 全国, 国务院, and the words people use for it (国家, 中央, 咱们国家).
  const country = nationalKey(corpus);
  const national = spellings.find((s) => s.national);
  if (national) return { key: national.name, spelling: national.spelling };
  const word2 = byLength(LEXICON.national.cues).find((c) => text.includes(c));
  if (country && word2) return { key: country, spelling: word2 };
  return undefined;
}

/** The newest report year of a place (or of the corpus). */
function newestReport(corpus: CorpusView, place?: string): number | undefined {
  const years = corpus.reports
    .filter((r) => !place || r.district === place)
    .map((r) => r.reportYear)
    .filter((y): y is number => y !== null);
  return years.length ? Math.max(...years) : undefined;
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

/** Reads a question into the command that answers it. An unknown place is a QueryError naming close places. */
export function readQuestion(question: string, corpus: CorpusView): Reading {
  const assumptions: string[] = [];
  let rest = toSimplified(question).normalize('NFKC');
  const found = findPlace(rest, corpus);
  const place = found?.key;
  if (found) {
    rest = rest.replace(found.spelling, ' ');
    if (found.how) assumptions.push(found.how);
  }
  let year: number | undefined;
  let from: number | undefined;
  let to: number | undefined;
  let reportYear: number | undefined;
  let yearWritten = false;
  const range = rest.match(RANGE);
  if (range) {
    from = Math.min(Number(range[1]), Number(range[2]));
    to = Math.max(Number(range[1]), Number(range[2]));
    rest = rest.replace(range[0], ' ');
    yearWritten = true;
  } else {
    const one = rest.match(ONE_YEAR);
    if (one && one.index !== undefined) {
      year = Number(one[1]);
      yearWritten = true;
      if (REPORT_AFTER_YEAR.test(rest.slice(one.index + one[0].length))) reportYear = year;
      rest = rest.replace(one[0], ' ');
    } else {
      const relative = byLength(Object.keys(LEXICON.relativeYears.offsets)).find((w) => rest.includes(w));
      if (relative) {
        const newest = newestReport(corpus, place);
        if (newest !== undefined) {
          year = newest + (LEXICON.relativeYears.offsets[relative] ?? 0);
          assumptions.push(`“${relative}”按最新一份报告(${newest}年)理解为 ${year} 年`);
        }
        rest = rest.replace(relative, ' ');
      }
    }
  }
  const asked = rest;
  const kind: PeriodKind | undefined = has(asked, LEXICON.target.cues)
    ? 'target'
    : has(asked, LEXICON.actual.cues)
      ? 'actual'
      : undefined;
  const end = has(asked, LEXICON.superlative.low) ? 'low' : has(asked, LEXICON.superlative.high) ? 'high' : undefined;
  // "哪个省": which places, and the level compared.
  let level: PlaceLevel | undefined;
  let whichPlaces = false;
  for (const w of byLength(LEXICON.which.places)) {
    const at = asked.indexOf(w);
    if (at < 0 || byLength(LEXICON.which.years).some((y) => asked.includes(y))) continue;
    whichPlaces = true;
    const after = asked.slice(at + w.length);
    const l = LEVEL_WORDS.find(([, ws]) => ws.some((x) => after.startsWith(x)));
    if (l) {
      level = l[0];
      const word = l[1].find((x) => after.startsWith(x))!;
      rest = rest.replace(w + word, ' ');
    }
    rest = rest.replace(w, ' ');
    break;
  }
  const whichYears = has(asked, LEXICON.which.years);
  let keyword = rest.replace(AMOUNT_UNIT, ' ').replace(PUNCTUATION, ' ');
  for (const c of REMOVED) keyword = keyword.split(c).join(' ');
  keyword = keyword
    .split(/\s+/)
    .map((w) => trimEdges(w))
    .filter(Boolean)
    .join(' ');
  const metricWord = keyword.replace(/\s+/g, '');
  const figure = has(asked, LEXICON.figure.cues) && !has(asked, LEXICON.policy.cues) && metricWord.length >= 2;
  // "2024年全国CPI": a place, a year and one short word name a figure without asking for it in words.
  const named = !keyword.includes(' ') && metricWord.length >= 2 && metricWord.length <= MAX_METRIC_NAME;
  const base = {
    place,
    year,
    yearWritten,
    reportYear,
    from,
    to,
    keyword,
    kind,
    assumptions,
    newestFirst: false,
    asksFigure: figure,
  };

  const command: Command = (() => {
    if (asksAboutReport(question)) return 'who';
    if (has(asked, LEXICON.definition.cues)) return 'definition';
    if (end && metricWord.length >= 2) {
      if (whichYears && place) return 'trend';
      if (whichPlaces || level) return year !== undefined ? 'compare' : 'search';
    }
    if (place && metricWord.length >= 2 && (has(asked, LEXICON.trend.cues) || from !== undefined)) return 'trend';
    if (place && year !== undefined && metricWord.length >= 2 && has(asked, LEXICON.verdict.cues)) return 'verdict';
    if (place && year !== undefined && (figure || (named && !has(asked, LEXICON.policy.cues)))) return 'metric';
    return 'search';
  })();
  if (command === 'trend' || command === 'compare' || command === 'verdict' || command === 'metric') {
    return {
      ...base,
      command,
      keyword: metricWord,
      ...(end && (command === 'compare' || command === 'trend') ? { end } : {}),
      ...(level ? { level } : {}),
      newestFirst: command === 'trend' && (from === undefined || has(asked, LEXICON.newestFirst.cues)),
    };
  }
  return { ...base, command };
}

const KIND_WORD: Record<PeriodKind, string> = { actual: '完成', target: '目标' };
const LEVEL_FLAG: Record<PlaceLevel, string> = {
  national: 'national',
  province: 'province',
  city: 'city',
  county: 'county',
};

/** The reading as the command a user could type to correct it: "按 /metric 北京 2025 GDP增速 完成 查询". */
export function readingLine(r: Reading): string | undefined {
  const kind = r.kind ? ` ${KIND_WORD[r.kind]}` : '';
  switch (r.command) {
    case 'metric':
      return `按 /metric ${r.place} ${r.year} ${r.keyword}${kind} 查询`;
    case 'verdict':
      return `按 /metric ${r.place} ${r.year} ${r.keyword} 完成 与 /metric ${r.place} ${r.year} ${r.keyword} 目标 查询`;
    case 'trend': {
      const span = r.from !== undefined ? `(${r.from}–${r.to} 年)` : '';
      const rank = r.end ? `,${r.end === 'high' ? '从高到低' : '从低到高'}` : '';
      return `按 /trend ${r.place} ${r.keyword} 查询${span}${rank}`;
    }
    case 'compare':
      return `按 /compare ${r.year} ${r.keyword}${r.level ? ` --level ${LEVEL_FLAG[r.level]}` : ''} 查询(${KIND_WORD[r.kind ?? 'actual']},${r.end === 'low' ? '从低到高' : '从高到低'})`;
    case 'search':
      return r.keyword
        ? `按 /search ${r.keyword}${r.place ? ` --district ${r.place}` : ''}${r.year !== undefined ? ` --year ${r.year}` : ''} 查询`
        : undefined;
    default:
      return undefined;
  }
}

const CLAUSE_BREAKS = ['，', ',', '；', ';', '。', '：', ':', '、'];

/**
 * The figure is for several years: its clause says so between its start and the figure ("城镇累计新增就业超700万人"),
 * and the question did not ask for that.
 */
export function severalYears(excerpt: string, valueText: string, question: string): boolean {
  const at = excerpt.indexOf(valueText);
  if (at < 0) return false;
  const before = excerpt.slice(0, at);
  const clause = before.slice(Math.max(...CLAUSE_BREAKS.map((c) => before.lastIndexOf(c))) + 1);
  return LEXICON.severalYears.cues.some((c) => clause.includes(c) && !question.includes(c));
}

/** The sentence sums up several years somewhere ("…603.7万人，…连年提高，…年均增长6%"), and the question does not. */
export function summarisesYears(sentence: string, question: string): boolean {
  return LEXICON.severalYears.cues.some((c) => sentence.includes(c) && !question.includes(c));
}

/** The question asks about several years itself ("“十二五”时期…年均…"). */
export function asksSeveralYears(question: string): boolean {
  return has(question, LEXICON.severalYears.cues);
}

/** A sentence saying the report set no target ("没有提出全年经济增速具体目标"). */
export function saysNoTarget(text: string): boolean {
  return has(text, LEXICON.noTarget.cues);
}
