/**
 * /trend and /compare: one metric over a place's years (target beside actual, whether the target was met), or
 * across the places of one level in one year. Each cell is a /metric lookup, so it is as careful: a weak label
 * match leaves the cell empty rather than filling it with a guess.
 */
import type { ReportIndex } from '../index/build.js';
import type { PeriodKind, PlaceLevel } from '../types.js';
import {
  QueryError,
  type CompareAnswer,
  type CompareRow,
  type FactResult,
  type MetricAnswer,
  type TrendAnswer,
  type TrendPoint,
} from './answer.js';
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
  const shown = points.filter((p) => p.target || p.actual);
  if (!shown.length) {
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
  return {
    year,
    target: target?.best ?? null,
    actual: actual?.best ?? null,
    met: target && actual ? reached(actual.best, target.best) : null,
    conflict: actual ? disagrees(actual) : false,
  };
}

// "控制在4.6%以内", "低于3%": a ceiling is met from below; every other target from above.
const CEILING = new Set(['以内', '以下', '低于', '小于', '不超过']);

/** Compares like with like only: the same unit and the same direction of change. */
export function reached(actual: FactResult, target: FactResult): boolean | null {
  const a = actual.fact;
  const t = target.fact;
  if (a.unit !== t.unit || a.qualifiers.includes('下降') !== t.qualifiers.includes('下降')) return null;
  if (t.qualifiers.some((q) => CEILING.has(q))) return a.value <= (t.valueMax ?? t.value);
  return a.value >= t.value;
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

export function compare(index: ReportIndex, req: { year: number; query: string; level?: PlaceLevel }): CompareAnswer {
  const places = index.corpus.places.filter(
    (e) => (!req.level || e.place?.level === req.level) && index.corpus.yearsOf(e.key).includes(req.year),
  );
  if (!places.length) {
    throw new QueryError(
      'NO_DATA_FOR_YEAR',
      `没有${req.level ? `这一级地区` : '地区'} ${req.year} 年的报告。可用 /reports 查看已收录的报告。`,
    );
  }
  const rows = places
    .map((e) => {
      const target = cell(index, e.key, req.year, req.query, 'target');
      const actual = cell(index, e.key, req.year, req.query, 'actual');
      return { district: e.key, target: target?.best ?? null, actual: actual?.best ?? null };
    })
    .filter((r) => r.target || r.actual);
  if (!rows.length) throw new QueryError('NO_MATCH', `${req.year} 年没有地区的报告写明“${req.query}”。可以换个说法。`);
  rows.sort((a, b) => byValue(b) - byValue(a) || a.district.localeCompare(b.district, 'zh'));
  const metric = rows.map((r) => r.actual ?? r.target).find(Boolean)!.fact.label;
  return {
    type: 'compare',
    query: req.query,
    year: req.year,
    ...(req.level ? { level: req.level } : {}),
    metric,
    rows,
  };
}

/** Places with an actual figure first, largest first; then those with only a target. */
function byValue(r: CompareRow): number {
  return r.actual ? (r.actual.fact.baseValue ?? r.actual.fact.value) : -Infinity;
}
