/**
 * /trend and /compare: one metric over a place's years (target beside actual, whether the target was met), or
 * across the places of one level in one year. Each cell is a /metric lookup, so it is as careful: a weak label
 * match leaves the cell empty rather than filling it with a guess.
 */
import units from '../facts/units.json' with { type: 'json' };
import { RATE_QUERY } from '../facts/labels.js';
import type { ReportIndex } from '../index/build.js';
import { directionOf, expandSynonyms, NO_TARGET, TARGET_FORMS, TOLERANCE, type Direction } from '../text/synonyms.js';
import type { Fact, PeriodKind, PlaceLevel } from '../types.js';
import {
  QueryError,
  type CompareAnswer,
  type CompareRow,
  type FactResult,
  type MetricAnswer,
  type NoTargetNote,
  type TrendAnswer,
  type TrendPoint,
  type Verdict,
} from './answer.js';
import { citationOf, citeId } from './cite.js';
import { lookupMetric } from './metric.js';
import { requireDistrict } from './resolve.js';

/** The best figure of one kind, or null when the place has none that matches the keyword well. */
function cell(
  index: ReportIndex,
  district: string,
  year: number,
  query: string,
  kind: PeriodKind,
): MetricAnswer | null {
  try {
    return lookupMetric(index, { district, year, query, kind });
  } catch (e) {
    if (e instanceof QueryError && e.code !== 'BAD_REQUEST') return null;
    throw e;
  }
}

export function trend(index: ReportIndex, req: { place: string; query: string }): TrendAnswer {
  const district = requireDistrict(req.place, index.corpus);
  const points = index.corpus.yearsOf(district).map((year) => point(index, district, year, req.query));
  // A year whose report says it set no target is shown even before its result is in.
  const shown = points.filter((p) => p.target || p.actual || p.noTarget);
  if (!shown.some((p) => p.target || p.actual)) {
    throw new QueryError(
      'NO_MATCH',
      `${district}的报告里没有找到“${req.query}”的逐年数字。可以换个说法,或用 /search 查找。`,
    );
  }
  const metric = shown.map((p) => p.actual ?? p.target).find(Boolean)!.fact.label;
  return { type: 'trend', query: req.query, district, metric, points: shown };
}

function point(index: ReportIndex, district: string, year: number, query: string): TrendPoint {
  const target = cell(index, district, year, query, 'target');
  const actual = cell(index, district, year, query, 'actual');
  const base = {
    year,
    target: target?.best ?? null,
    actual: actual?.best ?? null,
    conflict: actual ? disagrees(actual) : false,
  };
  if (target && actual) {
    const { met, ...judged } = verdict(target.best, actual.best, query);
    return { ...base, met, verdict: judged };
  }
  const noTarget = target ? undefined : noTargetNote(index, district, year, query);
  if (!noTarget) return { ...base, met: null };
  return {
    ...base,
    met: null,
    noTarget,
    verdict: { outcome: 'no-target', rule: 'no-target', reason: NO_TARGET_REASON },
  };
}

const NO_TARGET_REASON = '报告说明当年未设这一目标,不作判断';

/**
 * Whether `actual` met `target`, and by which rule (README "Verdict rules"). The target's form decides first —
 * a range, a ceiling (以内, 不超过, 控制在…), a floor (以上, 不少于) — and a 左右 or plain target is read by the
 * metric's direction (synonyms.json `directions`, looked up in `metric`, else the labels): a ceiling where lower
 * is better (居民消费价格涨幅3%左右 is met by 0.2%), a floor otherwise. Below a 左右 floor by no more than the
 * stated tolerance (synonyms.json `tolerance`) the verdict is 基本达到 (`near`, met false); a cap has no tolerance.
 *
 * @example verdict(target「居民消费价格涨幅3%左右」, actual「居民消费价格上涨0.2%」, '居民消费价格')
 *   // { met: true, outcome: 'met', rule: 'about-ceiling', reason: '左右,越低越好:…' }
 */
export function verdict(target: FactResult, actual: FactResult, metric?: string): Verdict & { met: boolean | null } {
  const t = target.fact;
  const a = actual.fact;
  // Like with like only: one unit (亿元 against 万亿元 by value), a rise against a rise, a level against a level.
  if (unitFamily(a) !== unitFamily(t) || falls(a) !== falls(t)) {
    return { met: null, outcome: 'none', rule: 'incomparable', reason: '目标与完成值的单位或升降不同,不作判断' };
  }
  const [av] = ends(a);
  const [low, high] = ends(t);
  const direction = (metric && directionOf(metric)) || directionOf(t.label) || directionOf(a.label);
  // A figure stated as a fall (能耗下降3%) measures how much lower: for a lower-is-better metric more is better.
  const better = falls(t) && direction ? flip(direction) : direction;
  const has = (words: readonly string[]) => t.qualifiers.find((q) => words.includes(q));
  if (high !== low) {
    const [met, reason] =
      better === 'up'
        ? [av >= low - EPSILON, '区间目标,越高越好:不低于下限即达到']
        : better === 'down'
          ? [av <= high + EPSILON, '区间目标,越低越好:不高于上限即达到']
          : [av >= low - EPSILON && av <= high + EPSILON, '区间目标:落在两端之间即达到'];
    return judged(met, 'range', reason);
  }
  const ceilingWord = has(TARGET_FORMS.ceiling);
  if (ceilingWord) return judged(av <= low + EPSILON, 'ceiling', `上限(${ceilingWord}):不高于目标即达到`);
  const floorWord = has(TARGET_FORMS.floor);
  if (floorWord) return judged(av >= low - EPSILON, 'floor', `下限(${floorWord}):不低于目标即达到`);
  const capped = cappedBy(t);
  const about = has(TARGET_FORMS.approximate);
  const leaning = better === 'down' ? '越低越好' : better === 'up' ? '越高越好' : '未标方向,按越高越好';
  // A cap stays a cap with 左右 (控制在3.5%左右): over it is over, only a floor gets the 左右 tolerance.
  if (capped || better === 'down') {
    const why = capped ? `“${capped}”为上限` : `${leaning},为上限`;
    return judged(
      av <= low + EPSILON,
      about ? 'about-ceiling' : 'ceiling',
      `${about ? `${about},` : ''}${why}:不高于目标即达到`,
    );
  }
  if (!about) return judged(av >= low - EPSILON, 'floor', `${leaning},为下限:不低于目标即达到`);
  const slack = t.unit === '%' ? TOLERANCE.percentagePoints : Math.abs(low) * TOLERANCE.share;
  const band = t.unit === '%' ? `${slack}个百分点` : `目标的${TOLERANCE.share * 100}%`;
  const short = low - av;
  const outcome = short <= EPSILON ? 'met' : short <= slack + EPSILON ? 'near' : 'missed';
  return {
    met: outcome === 'met',
    outcome,
    rule: 'about-floor',
    reason: `${about},${leaning}:不低于目标即达到,低于目标不超过${band}为基本达到`,
  };
}

// Figures are read from text ("7.4", "7.5"); a tolerance of 0.5 must not fail on 7.5 - 7.0 = 0.5000000001.
const EPSILON = 1e-9;

function judged(met: boolean, rule: Verdict['rule'], reason: string): Verdict & { met: boolean } {
  return { met, outcome: met ? 'met' : 'missed', rule, reason };
}

const falls = (f: Fact) => f.qualifiers.includes('下降');
const flip = (d: Direction): Direction => (d === 'up' ? 'down' : 'up');

/** The cue just before the target figure that caps it ("涨幅控制在3.5%左右" → 控制在), if any. */
function cappedBy(t: Fact): string | undefined {
  const at = t.excerpt.indexOf(t.valueText);
  if (at < 0) return undefined;
  const before = t.excerpt.slice(0, at).trimEnd();
  return TARGET_FORMS.ceilingCues.find((cue) => before.endsWith(cue));
}

/** Compares like with like only: the same unit and the same direction of change. */
export function reached(actual: FactResult, target: FactResult): boolean | null {
  return verdict(target, actual).met;
}

/**
 * The sentence of the year's own report saying it set no target for the metric: one clause holding a cue
 * (synonyms.json `noTarget`: 没有提出, 不设…), a target word after it and a spelling of the metric, as in
 * "我们没有提出全年经济增速具体目标".
 */
function noTargetNote(index: ReportIndex, district: string, year: number, query: string): NoTargetNote | undefined {
  const names = expandSynonyms(query).filter((n) => n.length >= 2);
  for (const meta of index.corpus.reports) {
    if (meta.district !== district || meta.reportYear !== year) continue;
    for (const passage of index.passagesOf(meta.doc)) {
      for (const s of passage.sentences) {
        if (!s.text.split(/[,，;；:：。]/).some((clause) => saysNoTarget(clause.toLowerCase(), names))) continue;
        return {
          excerpt: s.original ?? s.text,
          citation: citationOf(meta, passage, s.lines, s.page),
          citeId: citeId(meta, s.lines),
        };
      }
    }
  }
  return undefined;
}

function saysNoTarget(clause: string, names: string[]): boolean {
  return NO_TARGET.cues.some((cue) => {
    const at = clause.indexOf(cue);
    if (at < 0) return false;
    const after = clause.slice(at + cue.length);
    return NO_TARGET.targetWords.some((w) => after.includes(w)) && names.some((n) => clause.includes(n));
  });
}

/** Another report gives the same figure of the same year a different value. */
function disagrees(answer: MetricAnswer): boolean {
  const best = answer.best.fact;
  return answer.related.some((r) => {
    const f = r.fact;
    return (
      r.relation !== 'other-district' &&
      f.period.year === best.period.year &&
      f.period.kind === best.period.kind &&
      f.label === best.label &&
      f.unit === best.unit &&
      f.citation.doc !== best.citation.doc &&
      f.value !== best.value
    );
  });
}

/** Largest first (the default), or smallest first. */
export const COMPARE_ORDERS = ['desc', 'asc'] as const;
export type CompareOrder = (typeof COMPARE_ORDERS)[number];

/**
 * The same figure for every place of one level in one year, ranked by the figure shown (the result where there
 * is one, else the target), largest first (`order: 'asc'` reverses). Only figures of one kind are ranked: rates
 * (%) when the keyword asks for a rate (增速, 增长…), levels otherwise, the unit most places give winning among
 * levels; 亿元 and 万亿元 rank by their value in 元 and keep their own text. Rows of another kind follow, unranked
 * (`apart: 'other-kind'`), then the places whose reports do not give the figure (`apart: 'no-figure'`).
 */
export function compare(
  index: ReportIndex,
  req: { year: number; query: string; level?: PlaceLevel; order?: CompareOrder },
): CompareAnswer {
  const places = index.corpus.places.filter(
    (e) => (!req.level || e.place?.level === req.level) && index.corpus.yearsOf(e.key).includes(req.year),
  );
  if (!places.length) {
    throw new QueryError(
      'NO_DATA_FOR_YEAR',
      `没有${req.level ? `这一级地区` : '地区'} ${req.year} 年的报告。可用 /reports 查看已收录的报告。`,
    );
  }
  const rows = places.map((e) => {
    const target = cell(index, e.key, req.year, req.query, 'target');
    const actual = cell(index, e.key, req.year, req.query, 'actual');
    return { district: e.key, target: target?.best ?? null, actual: actual?.best ?? null };
  });
  const withFigure = rows.filter((r) => r.target || r.actual);
  if (!withFigure.length)
    throw new QueryError('NO_MATCH', `${req.year} 年没有地区的报告写明“${req.query}”。可以换个说法。`);
  const order = req.order ?? 'desc';
  const unit = rankedUnit(
    withFigure.map((r) => shownFigure(r)),
    RATE_QUERY.test(req.query),
  );
  const byName = (a: { district: string }, b: { district: string }) => a.district.localeCompare(b.district, 'zh');
  const ranked = withFigure
    .filter((r) => unitFamily(shownFigure(r)) === unit)
    .sort((a, b) => byFigure(shownFigure(a), shownFigure(b), order) || byName(a, b))
    .map((r, i): CompareRow => ({ ...r, rank: i + 1 }));
  const otherKind = withFigure
    .filter((r) => unitFamily(shownFigure(r)) !== unit)
    .sort(byName)
    .map((r): CompareRow => ({ ...r, rank: null, apart: 'other-kind' }));
  const none = rows
    .filter((r) => !r.target && !r.actual)
    .sort(byName)
    .map((r): CompareRow => ({ ...r, rank: null, apart: 'no-figure' }));
  const metric = shownFigure(ranked[0] ?? withFigure[0]!).label;
  return {
    type: 'compare',
    query: req.query,
    year: req.year,
    ...(req.level ? { level: req.level } : {}),
    metric,
    order,
    rankedUnit: unit,
    rows: [...ranked, ...otherKind, ...none],
  };
}

/** The figure a compare row shows and ranks by: the result where there is one, else the target. */
function shownFigure(r: { target: FactResult | null; actual: FactResult | null }): Fact {
  const f = (r.actual ?? r.target)?.fact;
  if (!f) throw new Error('internal: a ranked compare row has no figure');
  return f;
}

// Longest first, so that 万亿元 is read as 万亿 + 元, not 万 + 亿元.
const SCALES = Object.keys(units.scales).sort((a, b) => b.length - a.length);
const CONVERSIONS = units.toBase as Record<string, { unit: string } | undefined>;

/**
 * What a figure can be ranked against: "%" for rates, the base unit for levels (亿元 and 万亿元 are both 元), and
 * apart from levels the amounts of a change ("一般公共预算收入增加近1000亿元" is an increase, not a revenue).
 */
function unitFamily(f: Fact): string {
  const scale = SCALES.find((s) => f.unit.startsWith(s) && f.unit.length > s.length);
  const bare = scale ? f.unit.slice(scale.length) : f.unit;
  const base = CONVERSIONS[bare]?.unit ?? bare;
  return base !== '%' && (falls(f) || f.qualifiers.includes('增长')) ? `${base}(增减量)` : base;
}

/** The kind of figure ranked: rates when the keyword asks for one, levels otherwise; among those, the commonest. */
function rankedUnit(figures: Fact[], wantsRate: boolean): string {
  const counts = new Map<string, number>();
  for (const f of figures) counts.set(unitFamily(f), (counts.get(unitFamily(f)) ?? 0) + 1);
  const asked = (u: string) => (u === '%') === wantsRate;
  const [best] = [...counts].sort(([u, n], [v, m]) => Number(asked(v)) - Number(asked(u)) || m - n);
  return best![0];
}

/** A range by its lower end, then its upper; a fall ranks below zero. */
function byFigure(a: Fact, b: Fact, order: CompareOrder): number {
  const signed = (f: Fact): [number, number] => {
    const [low, high] = ends(f);
    return falls(f) ? [-low, -high] : [low, high];
  };
  const [a0, a1] = signed(a);
  const [b0, b1] = signed(b);
  const d = b0 - a0 || b1 - a1;
  return order === 'desc' ? d : -d;
}

/** A figure's two ends (one number twice unless it is a range) in its family's base unit: 1.39万亿元 → 1.39e12. */
function ends(f: Fact): [number, number] {
  const scale = f.baseValue !== undefined && f.value !== 0 ? f.baseValue / f.value : 1;
  return [f.value * scale, (f.valueMax ?? f.value) * scale];
}
