/**
 * Passages → numeric facts. One fact per figure, with the thing it counts, its period and its citation.
 *
 * @example
 *   "新增公共绿地 1.23 万平方米、立体绿化 3.01 万平方米、绿道 6.1 公里" (2019 review) yields
 *   新增公共绿地 1.23 万平方米 · 立体绿化 3.01 万平方米 · 绿道 6.1 公里, each 2019 actual.
 */
import {
  isQualifier,
  type Fact,
  type Passage,
  type Period,
  type Qualifier,
  type ReportMeta,
  type Sentence,
} from '../types.js';
import words from './labels.json' with { type: 'json' };
import { columnPeriod } from '../ingest/periods.js';
import { findFigures, toBase, type Figure } from './figures.js';
import { first } from '../list.js';
import {
  alternation,
  carriedLabels,
  cleanLabel,
  outsideBrackets,
  distributeRespectively,
  endsWithTransitiveVerb,
  isHead,
  isUsableLabel,
  sharedItems,
  CHANGE_START,
  type Span,
  splitClauses,
  subjectStem,
  topicOf,
  type CleanedLabel,
} from './labels.js';

export function extractFacts(passages: Passage[], meta: ReportMeta): Fact[] {
  const facts: Fact[] = [];
  // "过去的五年极不寻常。" / "这五年,我们……": paragraphs after one that opens on a span are about the span, until
  // one opens on a single year or the section ends.
  let span: string | undefined;
  for (const p of passages) {
    if (p.kind === 'glossary') continue;
    const opening = p.text.slice(0, SPAN_OPENING);
    if (span !== p.section || ONE_YEAR_AT_START.test(opening)) span = undefined;
    if (SPAN_AT_START.test(opening)) span = p.section;
    if (p.period && p.kind === 'table-row' && p.cells && p.header && hasPeriodColumns(p.header, p.period)) {
      facts.push(...tableRowFacts(p, meta));
      continue;
    }
    const inSpan = span === p.section;
    p.sentences.forEach((s, i) => facts.push(...sentenceFacts(p, s, i, meta, inSpan)));
  }
  return facts;
}

const SPAN_OPENING = 12;
const SPAN_AT_START = /^(?:过去的?[三四五]年|这[三四五]年|[三四五]年来|“?十[一二三四五六七八九]五”?(?:时期|期间|以来))/;
const ONE_YEAR_AT_START = /^[^,，。;；]{0,6}?(?:(?:19|20)\d{2}年|过去的?一年|去年|一年来|今年)/;

/** Value tables ("2021 年目标值 | 预计完成值") hold figures per column; notes tables ("主要推进情况") hold prose. */
function hasPeriodColumns(header: string[], period: Period): boolean {
  return header.some((h) => VALUE_COLUMN.test(h) && columnPeriod(h, period) !== null);
}

/** A header naming a column of values: 目标值, 完成数, 2021年, 计划目标, 执行结果, 预计完成, 实际完成. */
const VALUE_COLUMN = /值|数$|(?:19|20)\d{2}\s*年|^(?:计划|年度)?目标$|计划$|结果$|完成$|实际|预计/;
/** A cell that is one figure ("5.5左右", "125.3", "超30000"), not a note. */
const FIGURE_CELL = /^[^\p{Script=Han}]{0,3}[\d.,，]+[^。;]{0,8}$/u;
/** "地区生产总值增长(%)", "一般公共预算收入(亿元)": the unit a value table gives in its row's name. */
const UNIT_IN_LABEL = /[((]([^()()]{1,6})[))]\s*$/;

/** "10 | 高新技术企业数 | 370 家 | 375 家" under "2021 年目标值 | 预计完成值": one fact per value column. */
function tableRowFacts(p: Passage, meta: ReportMeta): Fact[] {
  const cells = p.cells!;
  const header = p.header!;
  const labelAt = cells.findIndex(
    (c, i) => i < cells.length - 1 && /\p{Script=Han}/u.test(c) && findFigures(c).length === 0,
  );
  const labelCell = cells[labelAt];
  if (labelCell === undefined) return []; // findIndex found no label: -1
  const unit = labelCell.match(UNIT_IN_LABEL)?.[1];
  // "地区生产总值增长" names the metric and its change: the change is the figure's qualifier.
  const named = cleanLabel(labelCell.replace(UNIT_IN_LABEL, '').replace(/\s+/g, ''));
  const label = named.label || labelCell.replace(/\s+/g, '');
  const change = named.stripped.filter((w) => isQualifier(w));
  const facts: Fact[] = [];
  cells.forEach((cell, col) => {
    if (col === labelAt) return;
    const period = columnPeriod(header[col] ?? '', p.period);
    if (!period) return;
    // A bare number takes the unit its row's name gives ("(%)"): "5.8" under "地区生产总值增长(%)".
    const bare = unit && FIGURE_CELL.test(cell) && findFigures(cell).length === 0;
    const text = bare ? cell.replace(/([\d.]+)/, `$1${unit}`) : cell;
    for (const fig of findFigures(text)) {
      const qualifiers = [...new Set([...change, ...qualifiersOf(text.slice(0, fig.start), fig)])];
      facts.push(
        makeFact(
          p,
          meta,
          first(p.sentences, 'table row sentences'),
          `${p.id}/c${col}`,
          label,
          fig,
          qualifiers,
          period,
          `${header[col]}:`,
        ),
      );
    }
  });
  return facts;
}

function sentenceFacts(p: Passage, s: Sentence, sentenceIndex: number, meta: ReportMeta, inSpan = false): Fact[] {
  const facts: Fact[] = [];
  let subject: string | undefined;
  let cursor = 0;
  const opening = paragraphOpening(p, sentenceIndex);
  // The passage's sentences before this one, read by every figure of an undated text: joined once.
  const earlier = passageBefore(p, sentenceIndex);
  splitClauses(s.text).forEach((clause, ci) => {
    const clauseAt = Math.max(0, s.text.indexOf(clause, cursor));
    cursor = clauseAt + clause.length;
    const figures = findFigures(clause);
    if (!figures.length) {
      subject = (clause.length <= 24 ? topicOf(clause) : undefined) ?? subject;
      return;
    }
    const respectively = distributeRespectively(clause, figures);
    const given =
      respectively?.labels ??
      carriedLabels(
        clause,
        figures,
        facts.map((f) => f.label),
      );
    // "实际增长9.8%和8.5%": the change word before a list of figures is each one's.
    const change =
      respectively?.change ?? (given ? clause.slice(0, first(figures).start).match(CHANGE)?.[0] : undefined);
    // "人均地区生产总值突破5万关口、达到5.28万元": the clause names its topic before the first number.
    const topic = topicOf(clause.slice(0, clause.search(/\d/)));
    let from = 0;
    // A change's starting value ("从去年的2.1%"): the name before it is the name of the value it reached, and
    // the words from 从 to it date the start, not the value reached.
    let start: { label: string; span: Span } | undefined;
    const inClause: Fact[] = [];
    figures.forEach((fig, k) => {
      // "500万元以上固定资产投资完成39.73亿元": a figure that bounds what the next one counts is no value.
      if (isScope(clause, fig, figures[k + 1])) return;
      const prefixStart = Math.max(from, lastSeparator(clause, from, fig.start) + 1);
      const span = startSpan(clause, fig, figures[k - 1], figures[k + 1]);
      if (span) {
        start = { label: cleanLabel(clause.slice(prefixStart, fig.start)).label, span };
        from = fig.end;
        return;
      }
      const begun = start;
      start = undefined;
      const named = begun && isUsableLabel(begun.label) ? begun.label : clause.slice(prefixStart, fig.start);
      const prefix = cleanLabel(named);
      const nextStart = figures[k + 1]?.start ?? clause.length;
      const sep = nextSeparator(clause, fig.end, nextStart);
      const suffixText = untilPredicate(clause.slice(fig.end, sep));
      const suffix = cleanLabel(suffixText);
      const objectFirst = endsWithTransitiveVerb(clause.slice(prefixStart, fig.start)) && isUsableLabel(suffix.label);
      let label = given?.[k] ?? (objectFirst ? suffix.label : chooseLabel(prefix, suffix, topic ?? subject));
      // A label read after the number ("1.67万平方米公共绿地和…") is not the next figure's label.
      // A suffix cut at its predicate leaves the predicate to the next figure ("…实现税收12.5亿元").
      const suffixEnd = fig.end + suffixText.length;
      from = label && (objectFirst || !isUsableLabel(prefix.label)) && label === suffix.label ? suffixEnd : fig.end;
      // "地方级财政收入58.7亿元,占13.4%": a bare 占 gives the share of the whole just named.
      if (subject && SHARE_OF_LAST.test(named)) label = `${subjectStem(subject)}占比`;
      // "一般公共预算收入672.2亿元,完成预算的101.9%,同比增长13.6%": the ratio to the plan is the subject's, and
      // the subject stays for the change after it.
      const ofPlan = subject ? named.match(RATIO_TO_PLAN) : null;
      if (subject && ofPlan) label = `${subjectStem(subject)}完成${ofPlan[1]}`;
      if (!label) return;
      label = withoutOwnPlace(label, meta);
      // "收入目标为357000万元", "调整预算目标为379800万元": a target named as such is the plan's figure, and
      // a bare 目标 is the subject's target (the subject stays for "全年实际完成392695万元").
      const target = label.match(TARGET_NAMED);
      const targetOf = target ? label.slice(0, target.index) : undefined;
      if (targetOf !== undefined) label = isUsableLabel(targetOf) ? targetOf : subject ? subjectStem(subject) : label;
      // "地区生产总值增长5.8%，总量达到60013亿元": the measure word is the subject's.
      if (isHead(label) && subject) label = subjectStem(subject) + label;
      if (!ofPlan && !(targetOf !== undefined && !isUsableLabel(targetOf))) subject = stripAction(label, prefix);
      // "同比增长6.1%、突破2万亿元": a change word before the previous figure is that figure's.
      const qualifiers = qualifiersOf(clause.slice(figures[k - 1]?.end ?? 0, fig.start), fig, prefix, change);
      if (ESTIMATE.test(s.text.slice(0, clauseAt + fig.start))) qualifiers.unshift('预计');
      if (isMilestone(clause, fig) && !qualifiers.includes('突破')) qualifiers.push('突破');
      const context = `${p.sentences[sentenceIndex - 1]?.text ?? ''}${s.text.slice(0, clauseAt)}`;
      const cut = begun?.span;
      const upTo = cut ? clause.slice(0, cut.start) + clause.slice(cut.end, fig.start) : clause.slice(0, fig.start);
      let period = p.period
        ? clausePeriod(upTo, clause, p.period, meta, context, earlier)
        : undatedPeriod(`${earlier}${s.text.slice(0, clauseAt)}${upTo}`, clause, meta);
      // A figure no heading dates and its sentence does not date either is about no known year: not a fact.
      if (!period) return;
      if (targetOf !== undefined) period = { year: period.year, kind: 'target' };
      const before = s.text.slice(0, clauseAt + fig.start);
      const labels = k === 0 && !given ? [...sharedItems(clause.slice(0, fig.start)), label] : [label];
      const after = s.text.slice(clauseAt + fig.end, clauseAt + fig.end + AFTER_SPAN);
      const spanned =
        ((aboutSeveralYears(before, p.sectionTitle, opening) || (inSpan && lastIndex(before, ONE_YEAR) < 0)) &&
          // A level reached is the span's last year only in a review: a plan's level is the plan's end.
          !(period.kind === 'actual' && endOfSpanLevel(after, fig, period)) &&
          !(period.kind === 'actual' && reachesLevel(clause.slice(0, fig.start), label))) ||
        sinceEarlierYear(clause.slice(0, fig.start), period);
      labels.forEach((l, j) => {
        const id = `${p.id}/${sentenceIndex}.${ci}.${k}${j < labels.length - 1 ? `s${j}` : ''}`;
        const fact = makeFact(p, meta, s, id, l, fig, qualifiers, period);
        if (spanned) fact.multiYear = true;
        inClause.push(fact);
      });
    });
    pair(inClause);
    facts.push(...inClause);
  });
  return facts;
}

// "人均地区生产总值从5.6万元增至7.8万元", "比重由46.9%提高到48.2%": the first figure is where the change
// started, at a time the sentence does not give (a dated start, "从2020年的…", is read by clausePeriod).
const TO =
  /^\s*(?:增至|增加到|增加至|提高到|提高至|提升到|提升至|上升到|上升至|扩大到|增长到|增长至|降至|降到|下降到|下降至|减少到|减少至|缩小到|缩小至)\s*$/;

/** A change's starting value, from 从 to the figure's end; undefined when the figure is not one. */
function startSpan(clause: string, fig: Span, previous: Span | undefined, next: Span | undefined): Span | undefined {
  if (!next || !TO.test(clause.slice(fig.end, next.start))) return undefined;
  const from = clause.slice(previous?.end ?? 0, fig.start).match(CHANGE_START);
  return from ? { start: fig.start - from[0].length, end: fig.end } : undefined;
}

const SHARE_OF_LAST = /^\s*占(?:比)?(?:为|达)?\s*$/;
/**
 * "23幢楼宇实现税收12.5亿元": the thing a number counts ends where its predicate begins; what comes after is
 * the next figure's.
 */
const PREDICATE_AFTER = /实现|完成|达到|贡献|带动|创造|吸纳|缴纳|新增/;

function untilPredicate(suffix: string): string {
  const at = suffix.search(PREDICATE_AFTER);
  return at >= 2 ? suffix.slice(0, at) : suffix;
}

/** "迈上5000亿元新台阶", "突破百亿大关": a milestone passed, less exact than the figure reached beside it. */
const MILESTONE_BEFORE = /(?:迈上|跃上|跨上|站上|登上|迈过|跨过|越过)$/;
const MILESTONE_AFTER = /^(?:新)?(?:台阶|大关|关口)/;

function isMilestone(clause: string, fig: Figure): boolean {
  return (
    MILESTONE_BEFORE.test(clause.slice(Math.max(0, fig.start - 3), fig.start)) ||
    MILESTONE_AFTER.test(clause.slice(fig.end))
  );
}

/** "汶上县完成GDP": the report's own place before a name is the report speaking of itself, not part of the name. */
function withoutOwnPlace(label: string, meta: ReportMeta): string {
  const p = meta.place;
  if (!p || p.level === 'national') return label;
  for (const name of [p.name, p.short]) {
    if (!label.startsWith(name)) continue;
    const rest = cleanLabel(label.slice(name.length)).label;
    if (isUsableLabel(rest)) return rest;
  }
  return label;
}

/** "地方一般公共预算收入目标", "调整预算目标", "预期目标值": a figure named as a target. */
const TARGET_NAMED = /(?:调整)?(?:预算)?(?:预期)?目标值?$/;

/** "完成预算的", "为调整预算的", "完成年度计划的": a ratio of the figure just named to its plan. */
const RATIO_TO_PLAN = /^\s*(?:完成|为|达到?)?(?:调整)?(?:年度)?(预算|计划)的\s*$/;

/** How far after a figure the words that say what it is compared with are looked for. */
const AFTER_SPAN = 16;

/**
 * "全口径财政收入1796亿元,是2006年的3.6倍" in a five-year review: a level compared with the span's first year is
 * the level reached in its last, one year's figure; a change (%) or a count over the span stays the span's.
 */
function endOfSpanLevel(after: string, fig: Figure, period: Period): boolean {
  const base = after.match(/^[^。;]*?(?:是|为|相当于)((?:19|20)\d{2})年(?:末|底)?的[\d.]+倍/);
  return base !== null && Number(base[1]) < period.year && fig.unit !== '%';
}

/**
 * "城乡常住居民人均可支配收入分别达到44846元和37342元" in a five-year review: a level the span reached is its last
 * year's; a flow over the span (新增, 累计, 完成投资) or an average (年均) stays the span's.
 */
const REACHED = /(?:达到|达|突破|增至|增加到|提高到|提升到|上升到|升至|稳定在|保持在)$/;
const FLOW = /新增|累计|共|总计|合计|完成|投入|引进|建成|新建|实施|年均|五年|期间/;

function reachesLevel(beforeInClause: string, label: string): boolean {
  // "达到44846元和37342元": a figure listed after another shares the verb before the first.
  const lead = beforeInClause.replace(/(?:[\d.,]+[^\d和、及]{0,4}[和、及])+$/, '').replace(/分别|\s/g, '');
  return REACHED.test(lead) && !FLOW.test(lead) && !FLOW.test(label);
}

/** "500万元以上固定资产投资完成39.73亿元", "规模以上…": the bound of a scope, followed by what it bounds. */
const SCOPE_AFTER = /^[\p{Script=Han}]{2,12}?(?:完成|实现|达到?|为|增长|下降|共|计)/u;

function isScope(clause: string, fig: Figure, next: Figure | undefined): boolean {
  if (!next || !/(?:以上|以下)$/.test(fig.surface)) return false;
  return SCOPE_AFTER.test(clause.slice(fig.end, next.start));
}

/** "比2007年增加2.8平方米" in a 2012 figure, "是2006年的3.6倍": a change over several years, not one year's. */
function sinceEarlierYear(before: string, period: Period): boolean {
  const base = before.match(/(?:[比较]|是)((?:19|20)\d{2})年[^,;。]*$/);
  return base !== null && Number(base[1]) < period.year - 1;
}

// A five-year review or an average over years: "十四五"时期, 过去五年, 年均增长.
const MULTI_YEAR =
  /十[一二三四五六七八九]五|过去的?[三四五]年|[三四五]年来|这[三四五]年|[2-5两三四五]年(?:累计)?(?:增长|提高|翻)|年均(?!浓度|气温|降水|值)|前[三四]年|以来累计|期间累计/g;
const ONE_YEAR = /(?:19|20)\d{2}年(?!\d{0,2}月)|去年|上年|今年|全年|一年来/g;
const SPAN_TOTAL = /累计|年均|每年/g;

/** How much of a paragraph's start says which years it is about. */
const PARAGRAPH_OPENING = 16;

/** The paragraph's first characters before sentence `index` (none for its first sentence). */
function paragraphOpening(p: Passage, index: number): string {
  let opening = '';
  for (const s of p.sentences.slice(0, index)) {
    if (opening.length >= PARAGRAPH_OPENING) break;
    opening += s.text;
  }
  return opening.slice(0, PARAGRAPH_OPENING);
}

/**
 * The text before a figure names a span of years and no single year after it, or the section reviews a
 * span ("一、“十一五”时期…的回顾") and neither the sentence nor the paragraph's opening names a single year
 * ("刚刚过去的2017年,…。进出口增长14.2%": a paragraph that opens on one year is about that year).
 */
function aboutSeveralYears(before: string, section: string, opening: string): boolean {
  const cue = lastIndex(before, MULTI_YEAR);
  const year = lastIndex(before, ONE_YEAR);
  if (cue >= 0) return cue > year;
  // "一、2025年和“十四五”时期工作回顾": in a section reviewing a year and a span, 累计 and 年均 name the span
  // ("城镇累计新增就业超700万人").
  const mixed = lastIndex(section, MULTI_YEAR) >= 0 && lastIndex(section, ONE_YEAR) >= 0;
  if (mixed && lastIndex(before, SPAN_TOTAL) > year) return true;
  if (year >= 0) return false;
  if (lastIndex(opening, ONE_YEAR) >= 0 && lastIndex(opening, MULTI_YEAR) < 0) return false;
  return lastIndex(section, MULTI_YEAR) >= 0 && lastIndex(section, ONE_YEAR) < 0;
}

function lastIndex(text: string, re: RegExp): number {
  let at = -1;
  for (const m of text.matchAll(re)) at = m.index!;
  return at;
}

/** Position of the last "、" outside brackets in [from, to), or from - 1. */
function lastSeparator(clause: string, from: number, to: number): number {
  let found = from - 1;
  for (const { at, stray } of outsideBrackets(clause, from, to)) if (!stray && clause[at] === '、') found = at;
  return found;
}

/** Position of the first "、" outside brackets in [from, to), or to. */
function nextSeparator(clause: string, from: number, to: number): number {
  for (const { at, stray } of outsideBrackets(clause, from, to)) if (!stray && clause[at] === '、') return at;
  return to;
}

/** Label-then-number wins; a bare verb before the number means number-then-label; else the sentence's subject. */
function chooseLabel(prefix: CleanedLabel, suffix: CleanedLabel, subject: string | undefined): string | undefined {
  if (isUsableLabel(prefix.label)) return prefix.label;
  if (isUsableLabel(suffix.label)) return suffix.label;
  if (subject) return prefix.action && !subject.endsWith(prefix.action) ? `${subject}${prefix.action}` : subject;
  return undefined;
}

function stripAction(label: string, prefix: CleanedLabel): string {
  return prefix.action && label.endsWith(prefix.action) ? label.slice(0, -prefix.action.length) : label;
}

/** Figures that share a clause and differ only by action ("开工 37.48 公里、竣工 20.88 公里") point at each other. */
function pair(facts: Fact[]): void {
  for (const [i, a] of facts.entries()) {
    const b = facts[i + 1];
    if (!b) break;
    if (a.unit === b.unit || a.label.slice(0, 4) === b.label.slice(0, 4)) {
      a.pairedWith ??= b.id;
      b.pairedWith ??= a.id;
    }
  }
}

// "预计全年地区生产总值增长5.5%左右": the whole sentence is an estimate of a year not yet closed.
const ESTIMATE = /预计(?!到|至)/;
// "增长6%以上、力争7%": the figure after 力争 is the stretch target, the one before it the base target.
const STRETCH = /力争|努力(?:实现|达到|完成)/;

// The change word before a figure, and whether it means a fall: from labels.json `change`, `changeBeforeFigure`, `falling`.
// "从3.68万亿元增长到4.93万亿元": a change word followed by 到/至 reaches a level, it is no change.
// Not 增加值 (value added, a level) nor a change's end (增加到).
const CHANGE = new RegExp(`(同比)?(${alternation([...words.change, ...words.changeBeforeFigure])})(?![到至值])`);
const FALLING = new RegExp(alternation(words.falling));
/** Words before a figure that say the same as a qualifier's own word ("逾 5%" is 超过 5%). */
const SAME_AS: Record<string, Qualifier> = {
  超: '超过',
  逾: '超过',
  达: '达到',
  不低于: '不少于',
  大于: '超过',
  高于: '超过',
  多: '余',
};

function qualifiersOf(before: string, fig: Figure, prefix?: CleanedLabel, change?: string): Qualifier[] {
  const q = new Set<Qualifier>();
  const near = before.slice(-12);
  const m = (change ?? '').match(CHANGE) ?? near.match(CHANGE);
  if (m?.[1] || /同比/.test(near)) q.add('同比');
  if (m && FALLING.test(m[2] ?? ''))
    q.add('下降'); // the change word always takes part
  else if (m) q.add('增长');
  if (/累计/.test(near) || prefix?.stripped.includes('累计')) q.add('累计');
  if (/新增/.test(near)) q.add('新增');
  // Every before/after word of labels.json is a qualifier or SAME_AS one (a unit test holds the lists to that).
  for (const word of [fig.before, fig.after]) {
    const qualifier = word ? (SAME_AS[word] ?? word) : undefined;
    if (qualifier && isQualifier(qualifier)) q.add(qualifier);
  }
  if (STRETCH.test(before)) q.add('力争');
  return [...q];
}

/**
 * An explicit year before the figure wins over the section's ("按照 2023 年…回收利用率达到 43%以上的目标" →
 * 2023 target). Years that are comparison bases ("比2018年") or dates ("2019 年 11 月") do not count.
 */
// "去年国内生产总值增长10.3%" in a plan section is last year's result; "比去年" compares and does not count.
const LAST_YEAR = /(?<![比较与同])(?:去年|上年|过去的?一年)(?!同期)/;
const THIS_YEAR = /今年|本年度?|明年/;
const PLAN_WORDS = /目标|计划|力争|预期|确保|争取/;
/**
 * Words that turn a paragraph to the closed year: its estimate before the final count (初步统计, 初步核算), or
 * its name (过去一年里取得的最重要的成绩…).
 */
const CLOSED_YEAR = new RegExp(`初步统计|初步核算|${LAST_YEAR.source}`, 'g');

/**
 * The paragraph turned to the closed year and has not turned to the plan since (今年, 目标…): under a plan
 * heading, its figures are the closed year's.
 */
const TURNS_TO_PLAN = new RegExp(`${THIS_YEAR.source}|${PLAN_WORDS.source}`, 'g');

function estimatesClosedYear(before: string, clause: string): boolean {
  const last = (re: RegExp) => Math.max(-1, ...[...before.matchAll(re)].map((m) => m.index));
  const estimate = last(CLOSED_YEAR);
  const plan = last(TURNS_TO_PLAN);
  return estimate >= 0 && estimate > plan && !PLAN_WORDS.test(clause);
}

function clausePeriod(
  before: string,
  clause: string,
  section: Period,
  meta: ReportMeta,
  sentenceBefore = '',
  passage = '',
): Period {
  if (
    meta.reportYear !== null &&
    section.kind === 'target' &&
    section.year === meta.reportYear &&
    LAST_YEAR.test(sentenceBefore + before) &&
    !/目标|计划|力争|预期/.test(clause)
  ) {
    return { year: meta.reportYear - 1, kind: 'actual' };
  }
  // A report of unknown year: a year is not before it.
  const delivered = meta.reportYear ?? Infinity;
  // "从2009年的2.8%": a year written right before its figure dates it, however far back.
  const dated = before.match(/(?<!是)((?:19|20)\d{2})年(?:底|末)?的$/);
  if (dated && Number(dated[1]) < delivered) return { year: Number(dated[1]), kind: 'actual' };
  const years = [...before.matchAll(/(?<![比较与同自从是])((?:19|20)\d{2})年(?!\d{0,2}月|代)/g)].map((m) =>
    Number(m[1]),
  );
  const year = years.pop();
  // "初步统计,…预计完成4725亿元" under a plan heading: the estimate of the year just closed.
  if (
    !year &&
    meta.reportYear !== null &&
    section.kind === 'target' &&
    section.year === meta.reportYear &&
    estimatesClosedYear(`${passage}${sentenceBefore}${before}`, clause)
  )
    return { year: meta.reportYear - 1, kind: 'actual' };
  // "主要目标是:到2021年,全市地区生产总值达到7000亿元以上": a horizon's target, however far ahead.
  const horizon = `${sentenceBefore}${before}`.match(/(?:到|至)((?:19|20)\d{2})年[^。;]*$/);
  if (horizon && PLAN_WORDS.test(`${sentenceBefore}${clause}`) && Number(horizon[1]) > (meta.reportYear ?? 0) - 1)
    return { year: Number(horizon[1]), kind: 'target' };
  if (!year || Math.abs(year - section.year) > 2 || year === section.year) return section;
  const kind = /目标|计划|力争|预期/.test(clause) ? 'target' : year < delivered ? 'actual' : 'target';
  return { year, kind };
}

/** The passage's sentences before this one: what dates a sentence of an undated text. */
function passageBefore(p: Passage, sentenceIndex: number): string {
  return p.sentences
    .slice(0, sentenceIndex)
    .map((x) => x.text)
    .join('');
}

/**
 * A figure outside any dated section (a news summary, a notice, a page without headings) is dated by its own
 * sentence or none at all: an explicit year ("2017年,全县实现生产总值255亿元"), 去年 (the year before the
 * report), 今年 or the words of a plan (the report's year).
 */
function undatedPeriod(before: string, clause: string, meta: ReportMeta): Period | undefined {
  const delivered = meta.reportYear;
  const planned = PLAN_WORDS.test(clause);
  // The last word that dates the text so far decides ("过去的一年,……;今年,……").
  const cue = [...before.matchAll(UNDATED_CUE)].pop();
  const year = cue?.[1] ? Number(cue[1]) : undefined;
  if (year) return { year, kind: planned || (delivered !== null && year >= delivered) ? 'target' : 'actual' };
  if (delivered === null) return undefined;
  // 预计: the estimate of the year just closed, given in the report delivered at the start of the next.
  if (cue?.[2]) return { year: delivered - 1, kind: 'actual' };
  if (cue?.[3] || planned) return { year: delivered, kind: 'target' };
  return undefined;
}

/** Words that date an undated text: a year; 去年/过去一年/预计 (the closed year); 今年 (the report's own). */
const UNDATED_CUE = new RegExp(
  `(?<![比较与同自从到至])((?:19|20)\\d{2})年(?!\\d{0,2}月|代|的)|(${LAST_YEAR.source}|${ESTIMATE.source})|(${THIS_YEAR.source})`,
  'g',
);

function makeFact(
  p: Passage,
  meta: ReportMeta,
  s: Sentence,
  id: string,
  label: string,
  fig: Figure,
  qualifiers: Qualifier[],
  period: Period,
  note = '',
): Fact {
  const changeWord = qualifiers.includes('下降') ? '下降' : qualifiers.includes('增长') ? '增长' : '';
  const marked = (['预计', '力争'] as const)
    .filter((w) => qualifiers.includes(w))
    .map((w) => `${w} `)
    .join('');
  const display = `${note}${marked}${qualifiers.includes('同比') ? '同比' : ''}${changeWord}${changeWord ? ' ' : ''}${fig.surface}`;
  const base = fig.unit === '%' ? undefined : toBase(fig.value, fig.unit);
  return {
    id,
    district: p.district,
    period,
    label,
    valueText: fig.valueText,
    value: fig.value,
    ...(fig.valueMax !== undefined ? { valueMax: fig.valueMax } : {}),
    unit: fig.unit,
    ...(base ?? {}),
    qualifiers,
    display,
    excerpt: s.text,
    ...(s.original ? { original: s.original } : {}),
    passageId: p.id,
    citation: {
      doc: p.doc,
      lines: s.lines,
      title: meta.title,
      section: p.section,
      ...(s.page ? { page: s.page } : {}),
    },
  };
}
