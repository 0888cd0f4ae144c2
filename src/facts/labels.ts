/** Turning the words around a figure into the name of the thing it counts. Word lists live in labels.json. */
import words from './labels.json' with { type: 'json' };

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
const LEADING_BY_FIRST = byChar(LEADING, (w) => w[0]);
const TRAILING_BY_LAST = byChar(TRAILING, (w) => w[w.length - 1]);
const ACTIONS = new Set(words.actions);
const CHANGE = new Set(words.change);
// A label that is only a verb or a filler names nothing ("新增14个…托育点" reads its label after the number).
const NOT_A_NAME = new Set([...words.leading, ...words.trailing, ...words.actions, ...words.change, '新增', '新建', '新设', '建设', '改建', '修缮', '引进', '完成']);

const OBJECT_TAKING = /(新增|新建|新开工|累计|帮助|促进)$/;

const TRANSITIVE = /(新建|新增|新设|改建|建设|引进|完成|建成|筹措)$/;

/** "新建 1.67 万平方米公共绿地": a prefix ending in a transitive verb takes its object after the number. */
export function endsWithTransitiveVerb(raw: string): boolean {
  return TRANSITIVE.test(raw.replace(/\s+$/, ''));
}

export function cleanLabel(raw: string): CleanedLabel {
  let label = raw.replace(/^\s*[((][一二三四五六七八九十\d]+[))]|^\s*\d{1,2}[.、.](?!\d)/, '').replace(/[\p{So}\p{Sm}●■★☆※]/gu, '').replace(/[((][^()()]*[))]/g, '').replace(/[“”"‘’《》「」\s]/g, '').replace(/^[、,,;;::和及与并]+|[、,,;;::]+$/g, '');
  const stripped: string[] = [];
  let action: string | undefined;
  for (let changed = true; changed && label;) {
    changed = false;
    for (const w of LEADING_BY_FIRST.get(label[0]) ?? []) {
      if (label.startsWith(w) && label.length > w.length - 1) {
        label = label.slice(w.length); stripped.push(w); changed = true;
        if (ACTIONS.has(w)) action ??= w;
        break;
      }
    }
    for (const w of TRAILING_BY_LAST.get(label[label.length - 1]) ?? []) {
      // "城镇新增就业": after a verb like 新增 the trailing word is its object, not filler.
      if (label.endsWith(w) && !OBJECT_TAKING.test(label.slice(0, -w.length))) {
        label = label.slice(0, -w.length); stripped.push(w); changed = true;
        if (ACTIONS.has(w)) action = w;
        break;
      }
    }
  }
  if (!action) action = stripped.find((w) => ACTIONS.has(w) && !['新增', '累计'].includes(w));
  return { label: label.replace(/^[、,和及与的]+|[、,和及与的]+$/g, ''), action: action && !CHANGE.has(action) ? action : undefined, stripped };
}

/** A label must name something: two Han characters or a Latin acronym ("GDP"), not a lone verb. */
export function isUsableLabel(label: string | undefined): label is string {
  if (!label || NOT_A_NAME.has(label)) return false;
  const han = label.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = label.match(/[A-Za-z]/g)?.length ?? 0;
  return (han >= 2 || latin >= 2) && label.length <= 40;
}

/** Clauses end at , ; : outside brackets and quotes, so "(地区总部、总部型机构、研发中心)" stays whole. */
export function splitClauses(sentence: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < sentence.length; i++) {
    const ch = sentence[i];
    if ('(([《“「'.includes(ch)) depth++;
    else if ('))]》”」'.includes(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && (',,;;::。!?'.includes(ch) || isCellGap(sentence, i))) {
      out.push(sentence.slice(start, i));
      start = i + 1;
    }
  }
  out.push(sentence.slice(start));
  return out.filter((c) => c.trim().length > 0);
}

/**
 * "信息、科技、文体服务业营收分别增长25.6%、12.2%和43.2%": the items before 分别 take the figures in order;
 * short items borrow the last item's tail ("信息" → "信息服务业营收").
 */
export function distributeRespectively(clause: string, figures: number): { labels: string[]; change?: string } | undefined {
  const at = clause.indexOf('分别');
  if (at < 0 || figures < 2) return undefined;
  const head = cleanLabel(clause.slice(0, at)).label;
  const split = head.split(/[、和及与]/).filter(Boolean);
  // "城乡居民人均可支配收入分别增长4.4%、5.8%": 城乡 names the 城镇 and the 农村 figure.
  const items = split.length === 1 && figures === 2 && head.startsWith('城乡') ? [`城镇${head.slice(2)}`, `农村${head.slice(2)}`] : split;
  if (items.length !== figures) return undefined;
  const last = items[items.length - 1];
  const n = items[0].length;
  const tail = n <= 3 && items.slice(0, -1).every((x) => x.length === n) && last.length > n + 1 ? last.slice(n) : '';
  const change = clause.slice(at + 2, at + 8).match(/同比?增长|增长|下降|提高|降低|减少/)?.[0];
  return { labels: items.map((x, i) => (i < items.length - 1 ? x + tail : x)), change };
}

/** Cleaning removes spaces next to Chinese text, so a space left between Han characters joins two table cells. */
function isCellGap(s: string, i: number): boolean {
  return s[i] === ' ' && /\p{Script=Han}/u.test(s[i - 1] ?? '') && /[\p{Script=Han}“"]/u.test(s[i + 1] ?? '');
}
