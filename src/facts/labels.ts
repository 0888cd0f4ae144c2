/** Turning the words around a figure into the name of the thing it counts. Word lists live in labels.json. */
import words from './labels.json' with { type: 'json' };
import { first, last } from '../list.js';
import { preciseWords } from '../text/tokenizer.js';

export interface CleanedLabel {
  label: string;
  /** A verb that distinguishes paired figures ("开工", "竣工"), when one was stripped. */
  action?: string;
  stripped: string[];
}

const byLength = (a: string, b: string) => b.length - a.length;
const LEADING = [...words.leading].sort(byLength);
const TRAILING = [...words.trailing, ...words.change, ...words.before, ...words.after].sort(byLength);
// The same words by their first (leading) or last (trailing) character, longest first as above: a label is
// checked against the few words that can match instead of all of them.
const byChar = (list: string[], at: (w: string) => string) => {
  const m = new Map<string, string[]>();
  for (const w of list) m.set(at(w), [...(m.get(at(w)) ?? []), w]);
  return m;
};
const LEADING_BY_FIRST = byChar(LEADING, (w) => w.charAt(0));
const TRAILING_BY_LAST = byChar(TRAILING, (w) => w.slice(-1));
const ACTIONS = new Set(words.actions);
const CHANGE = new Set(words.change);
// A label that is only a verb or a filler names nothing ("新增14个…托育点" reads its label after the number).
const NOT_A_NAME = new Set([
  ...words.leading,
  ...words.trailing,
  ...words.actions,
  ...words.change,
  ...words.notNames,
  ...words.parts,
  '新增',
  '新建',
  '新设',
  '建设',
  '改建',
  '修缮',
  '引进',
  '完成',
]);
const HEADS = new Set(words.heads);
const PREDICATE = new RegExp(`(?:${[...words.predicates, ...words.change].sort(byLength).join('|')})`);
const CHANGE_END = new RegExp(`(?:${[...words.change, ...words.rates, '增产', '减产'].join('|')})$`);

/** Brackets and quotes a clause or list item does not end inside. */
const BRACKETS = { open: '(([《“「', close: '))]》”」' };
/** Round and square brackets only: what a label fragment may have lost its other half of. */
const ROUND = { open: '([', close: ')]' };

/**
 * The positions in text[from, to) outside every bracket and quote, with the brackets themselves left out; a
 * closer with nothing open comes too, marked stray. The one depth scan behind clause splitting, list
 * separators and dropping half a bracket.
 */
export function* outsideBrackets(
  text: string,
  from = 0,
  to = text.length,
  pairs = BRACKETS,
): Generator<{ at: number; stray: boolean }> {
  let depth = 0;
  for (let at = from; at < to; at++) {
    const ch = text.charAt(at);
    if (pairs.open.includes(ch)) depth++;
    else if (!pairs.close.includes(ch)) {
      if (depth === 0) yield { at, stray: false };
    } else if (depth > 0) depth--;
    else yield { at, stray: true };
  }
}

/** "增长|下降|…" from a word list, longest first so that a longer word wins where two start at one place. */
export function alternation(list: readonly string[]): string {
  return [...list].sort(byLength).join('|');
}

/** A label or keyword that names a rate ("GDP增速", "涨幅"), read from labels.json `rates` and `rateChanges`. */
const RATE_WORDS = alternation([...words.rates, ...words.rateChanges]);
export const RATE_LABEL = new RegExp(`(?:${RATE_WORDS})$`);
export const RATE_QUERY = new RegExp(RATE_WORDS);

const OBJECT_TAKING = /(新增|新建|新开工|累计|帮助|促进)$/;

/**
 * A task breakdown counts its tasks after the number: "分解为五个方面79项重点工作任务", "共分成131项工作任务"
 * (a count of parts may stand between the verb and the number).
 */
const TRANSITIVE =
  /(新建|新增|新设|改建|建设|引进|完成|建成|筹措|分解为|分解成|分为|分成|细化为|梳理出|确定了?)(?:[一二三四五六七八九十\d]+个方面)?$/;

/** "新建 1.67 万平方米公共绿地": a prefix ending in a transitive verb takes its object after the number. */
export function endsWithTransitiveVerb(raw: string): boolean {
  return TRANSITIVE.test(raw.replace(/\s+$/, ''));
}

/** The words that open a change's starting value, right before it: "从", "由", "从去年的", "由2017年". */
export const CHANGE_START = /[从由](?:去年|上年|(?:19|20)\d{2}年(?:底|末)?)?的?$/;

// 按 alone is often a word's first character (按时, 按期): only 按…计算/口径 says how a figure was counted.
const YEAR_AT_END = /(?<=\p{Script=Han}{2})(?:[从自由])?(?:19|20)\d{2}年(?:底|末)?的?$/u;
const INSERTED_BASIS = /(?<=\p{Script=Han}{2})(?:(?:根据|按照|依据)[^,，;；]*|按[^,，;；]{0,8}(?:计算|口径|测算))$/u;

export function cleanLabel(raw: string): CleanedLabel {
  let label = dropUnbalanced(raw)
    .replace(/^\s*[((][一二三四五六七八九十\d]+[))]|^\s*\d{1,2}[.、.](?!\d)/, '')
    .replace(/[\p{So}\p{Sm}●■★☆※]/gu, '')
    .replace(/[((][^()()]*[))]/g, '')
    .replace(/[“”"‘’《》「」\s]/g, '')
    .replace(/^[、,,;;::和及与并]+|[、,,;;::]+$/g, '')
    // "比重从2009年的2.8%": the year the figure is about is not part of its name.
    .replace(YEAR_AT_END, '')
    // "赤字率从去年的": where a change started is not part of the name either.
    .replace(CHANGE_START, '')
    // "区五届人大四次会议通过的地方一般公共预算收入": who approved it is no part of the name.
    .replace(/^.*(?:通过|确定|批准|下达|审议|制定)的(?=\p{Script=Han}{2})/u, '')
    // "2014年全省一般公共预算收入": the year a figure is about is its period, not its name.
    .replace(/^(?:19|20)\d{2}年度?/, '')
    // "地区生产总值根据省统计局的修订结果", "按可比价格计算": how it was counted is no part of the name.
    .replace(INSERTED_BASIS, '');
  const stripped: string[] = [];
  let action: string | undefined;
  for (let changed = true; changed && label;) {
    changed = false;
    for (const w of LEADING_BY_FIRST.get(label.charAt(0)) ?? []) {
      if (label.startsWith(w) && label.length > w.length - 1 && !insideWord(label, w)) {
        label = label.slice(w.length);
        stripped.push(w);
        changed = true;
        if (ACTIONS.has(w)) action ??= w;
        break;
      }
    }
    // "民间投资占比": a label ending in a measure word (占比, 总量) keeps it, though 占 and 比 alone are stripped.
    const trailing = endsWithHead(label) ? [] : (TRAILING_BY_LAST.get(label.slice(-1)) ?? []);
    for (const w of trailing) {
      // "城镇新增就业": after a verb like 新增 the trailing word is its object, not filler.
      if (label.endsWith(w) && !OBJECT_TAKING.test(label.slice(0, -w.length))) {
        label = label.slice(0, -w.length);
        stripped.push(w);
        changed = true;
        if (ACTIONS.has(w)) action = w;
        break;
      }
    }
    // "地区生产总值按可比价格计算增长", "国内生产总值2000年达到": the basis or the year shows once the word after
    // it is gone.
    const basis = label.replace(INSERTED_BASIS, '').replace(YEAR_AT_END, '');
    if (basis !== label) {
      label = basis;
      changed = true;
    }
  }
  if (!action) action = stripped.find((w) => ACTIONS.has(w) && !['新增', '累计'].includes(w));
  return {
    label: label.replace(/^[、,和及与的]+|[、,和及与的]+$/g, ''),
    action: action && !CHANGE.has(action) ? action : undefined,
    stripped,
  };
}

function endsWithHead(label: string): boolean {
  for (const head of HEADS) if (label.endsWith(head)) return true;
  return false;
}

/**
 * The leading word is the start of a longer word ("服务" of 服务业, 服务贸易): stripping it would cut the name.
 * Words of up to two characters only: longer leading words (开工建设, 比上年) are never parts of a name.
 */
function insideWord(label: string, w: string): boolean {
  if (w.length > 2 || label.length <= w.length) return false;
  const [word = ''] = preciseWords(label.slice(0, 8));
  return word.length > w.length && word.startsWith(w);
}

/** A label must name something: two Han characters or a Latin acronym ("GDP"), not a lone verb. */
export function isUsableLabel(label: string | undefined): label is string {
  if (!label || NOT_A_NAME.has(label)) return false;
  const han = label.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = label.match(/[A-Za-z]/g)?.length ?? 0;
  // "比2007年" is the base of a comparison, not a name.
  return (han >= 2 || latin >= 2) && label.length <= 40 && !/^[比较](?:19|20)\d{2}/.test(label);
}

/**
 * "(同口径增长2.5%)" seen from either side of a figure: the half of a bracket whose other half lies across
 * the figure is dropped, so the fragment never becomes a label.
 */
function dropUnbalanced(raw: string): string {
  let cut = -1;
  for (const c of outsideBrackets(raw, 0, raw.length, ROUND)) if (c.stray) cut = c.at;
  let s = cut >= 0 ? raw.slice(cut + 1) : raw;
  const open = Math.max(s.lastIndexOf('('), s.lastIndexOf('['));
  if (open >= 0 && !/[)\]]/.test(s.slice(open))) s = s.slice(0, open);
  return s;
}

/** A measure word alone ("总量", "占全国") refers to the subject named before it. */
const ELSEWHERE = new RegExp(alternation(words.elsewhere));

/** A figure of another economy than the report's (全球经济增速), asked about only when the question names one. */
export function namesElsewhere(text: string): boolean {
  return ELSEWHERE.test(text);
}

export function isHead(label: string): boolean {
  return HEADS.has(label);
}

/**
 * The thing a clause is about, without its predicate: "粮食生产再获丰收" → 粮食生产, "粮食增产" → 粮食. A
 * clause that opens with a rate word or holds a figure ("增速全国第3") names no topic.
 */
export function topicOf(clause: string): string | undefined {
  if (/\d/.test(clause)) return undefined;
  const at = clause.search(PREDICATE);
  // "跃居全国省级财政第一": a clause that opens on its predicate names no topic of its own.
  if (at === 0 || at === 1) return undefined;
  const topic = cleanLabel(at >= 2 ? clause.slice(0, at) : clause).label;
  return isUsableLabel(topic) && topic.length <= 16 && !HEADS.has(topic) && !/^(增速|增幅|排名|位次)/.test(topic)
    ? topic
    : undefined;
}

/** The subject a measure word refers to, without the change it was reported with ("粮食增产" → 粮食). */
export function subjectStem(subject: string): string {
  const stem = subject.replace(CHANGE_END, '');
  return stem.length >= 2 ? stem : subject;
}

/** Clauses end at , ; : outside brackets and quotes, so "(地区总部、总部型机构、研发中心)" stays whole. */
/** "225,000万元": a comma between digit groups of three is part of the number. */
function isThousandsComma(s: string, at: number): boolean {
  return s.charAt(at) === ',' && /\d$/.test(s.slice(0, at)) && /^\d{3}(?!\d)/.test(s.slice(at + 1));
}

export function splitClauses(sentence: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const { at, stray } of outsideBrackets(sentence)) {
    if (stray || !(',,;;::。!?'.includes(sentence.charAt(at)) || isCellGap(sentence, at))) continue;
    if (isThousandsComma(sentence, at)) continue;
    out.push(sentence.slice(start, at));
    start = at + 1;
  }
  out.push(sentence.slice(start));
  return out.filter((c) => c.trim().length > 0);
}

/**
 * "信息、科技、文体服务业营收分别增长25.6%、12.2%和43.2%": the items before 分别 take the figures in order;
 * short items borrow the last item's tail ("信息" → "信息服务业营收"). Without 分别, figures written one after
 * the other ("城镇和农村人均住房面积32.9平方米、37.1平方米") are read the same way.
 */
export function distributeRespectively(
  clause: string,
  figures: Span[],
): { labels: string[]; change?: string } | undefined {
  if (figures.length < 2) return undefined;
  const marked = clause.indexOf('分别');
  const at = marked >= 0 ? marked : adjacent(clause, figures) ? first(figures).start : -1;
  if (at < 0) return undefined;
  const head = cleanLabel(clause.slice(0, at)).label;
  const items = listItems(head, figures.length);
  if (!items) return undefined;
  // As many items as figures, so at least two.
  const lastItem = last(items);
  const n = first(items).length;
  // "信息、科技、文体服务业营收": the short items share the last one's tail; "金融业、软件和信息服务业" do not.
  const parallel = n <= 3 && items.slice(0, -1).every((x) => x.length === n) && !/[和及与]/.test(lastItem.slice(0, n));
  const measure = lastItem.match(SHARED_MEASURE)?.[0];
  const tail = parallel && lastItem.length > n + 1 ? lastItem.slice(n) : '';
  // "新能源产业、装备制造业增加值": the measure the last item ends with is the others' too.
  const borrowed = (x: string) => (tail ? x + tail : measure && !SHARED_MEASURE.test(x) ? x + measure : x);
  const change =
    marked >= 0 ? clause.slice(at + 2, at + 8).match(/同比?增长|增长|下降|提高|降低|减少/)?.[0] : undefined;
  return { labels: items.map((x, i) => (i < items.length - 1 ? borrowed(x) : x)), change };
}

const SHARED_MEASURE = new RegExp(`(?:${alternation(words.sharedMeasures)})$`);

const PAIRS = words.pairs.map(([compound = '', a = '', b = '']) => ({ compound, a, b }));

/**
 * The items a list before 分别 names, as many as there are figures, or undefined. Items are split at 、和及与,
 * or at 、 alone when 和 is inside a name ("软件和信息服务业"); a single item naming a pair ("产销量",
 * "城乡居民收入") is the pair's two things.
 */
function listItems(head: string, count: number): string[] | undefined {
  for (const separators of [/[、和及与]/, /、/]) {
    const split = head.split(separators).filter(Boolean);
    if (split.length === count) return split;
  }
  if (count !== 2 || head.includes('、')) return undefined;
  const pair = PAIRS.find((p) => head.includes(p.compound));
  if (!pair) return undefined;
  const at = head.indexOf(pair.compound);
  const [before, after] = [head.slice(0, at), head.slice(at + pair.compound.length)];
  return [before + pair.a + after, before + pair.b + after];
}

export interface Span {
  start: number;
  end: number;
}

/** Figures separated only by 、 和 及 与: one list of values. */
function adjacent(clause: string, figures: Span[]): boolean {
  return figures.every((f, i) => {
    const previous = figures[i - 1];
    return !previous || /^[、和及与]$/.test(clause.slice(previous.end, f.start));
  });
}

/**
 * "城镇居民人均可支配收入17175元，农村居民人均纯收入5153元，实际增长9.8%和8.5%": a clause of bare figures
 * after as many named ones takes their names in order.
 */
export function carriedLabels(clause: string, figures: Span[], earlier: string[]): string[] | undefined {
  if (figures.length < 2 || earlier.length < figures.length || !adjacent(clause, figures)) return undefined;
  if (isUsableLabel(cleanLabel(clause.slice(0, first(figures).start)).label)) return undefined;
  const labels = earlier.slice(-figures.length);
  return new Set(labels).size === labels.length ? labels : undefined;
}

/**
 * "社会消费品零售总额、固定资产投资增长4%左右": items listed before one change share its figure. Returns the
 * earlier items; the last one is the figure's own label.
 */
export function sharedItems(beforeFigure: string): string[] {
  if (/[([“]/.test(beforeFigure)) return [];
  const parts = beforeFigure.split('、');
  if (parts.length < 2 || !CHANGE_END.test(last(parts).replace(/同比|约|近|超过|达到/g, ''))) return [];
  const items = parts.slice(0, -1).map((x) => cleanLabel(x).label);
  return items.every((x) => isUsableLabel(x) && x.length <= 12 && !/\d/.test(x)) ? items : [];
}

/** Cleaning removes spaces next to Chinese text, so a space left between Han characters joins two table cells. */
function isCellGap(s: string, i: number): boolean {
  return s[i] === ' ' && /\p{Script=Han}/u.test(s[i - 1] ?? '') && /[\p{Script=Han}“"]/u.test(s[i + 1] ?? '');
}
