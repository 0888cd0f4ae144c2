/**
 * Which period a section is about. "一、2024年工作回顾" → 2024 actual; "二、2025年主要任务" → 2025 target;
 * a table column "2021 年目标值" → 2021 target, "预计完成值" → the table's year, actual.
 */
import type { Period, PeriodKind } from '../types.js';

const ACTUAL = /回顾|执行情况|完成情况|完成值|实绩|过去|成绩|成就|进展|推进情况|落实情况|实现情况|预计完成/;
const TARGET = /任务|安排|计划草案|目标|打算|预期|措施|工作重点|主要工作|思路|计划|建议/;
// "对今年政府工作的建议", "过去一年工作回顾": years named relative to the report's.
const THIS_YEAR = /今年|本年度/;
const LAST_YEAR = /去年|过去一年|上一年/;

export function kindOf(text: string): PeriodKind | null {
  if (ACTUAL.test(text)) return 'actual';
  if (TARGET.test(text)) return 'target';
  return null;
}

export function yearIn(text: string): number | null {
  const m = text.match(/((?:19|20)\d{2})\s*年(?!代)/);
  return m ? Number(m[1]) : null;
}

const PART_OF_YEAR = /上半年|前三季度|[1一]\s*[-—至~]\s*[0-9一二三四五六七八九十]{1,2}\s*月/;

/**
 * A heading's period. Without a year, the kind alone decides: reviews are about the year before the report,
 * plans about the report year. A heading that says neither inherits its parent's period.
 */
export function headingPeriod(heading: string, reportYear: number | null, parent: Period | null): Period | null {
  const year = yearIn(heading) ?? (reportYear === null ? null : relativeYear(heading, reportYear));
  const kind = kindOf(heading);
  if (year && kind) return { year, kind };
  if (reportYear === null) return parent;
  if (year) return { year, kind: year < reportYear ? 'actual' : 'target' };
  // "上半年预算执行情况", "1-6月": part of the year the report is delivered in, already done.
  if (kind === 'actual' && PART_OF_YEAR.test(heading)) return { year: reportYear, kind };
  if (kind === 'actual' && !parent) return { year: reportYear - 1, kind };
  if (kind === 'target' && !parent) return { year: reportYear, kind };
  return parent;
}

function relativeYear(text: string, reportYear: number): number | null {
  if (THIS_YEAR.test(text)) return reportYear;
  return LAST_YEAR.test(text) ? reportYear - 1 : null;
}

/**
 * A work report's top-level section whose heading names neither a year nor a review or a plan
 * ("一、牢记殷殷嘱托,…取得新成效", "二、一张蓝图绘到底,…"): the genre's order says which it is. The
 * first section reviews the year before the report; a section after a review plans the report year; one
 * after a plan goes on with it.
 */
export function positionPeriod(reportYear: number, previousTop: Period | null, first: boolean): Period | null {
  if (first) return { year: reportYear - 1, kind: 'actual' };
  if (previousTop?.kind === 'actual') return { year: reportYear, kind: 'target' };
  return previousTop;
}

/** A value column's kind: a result (完成, 执行结果, 实际, 预计) before a plan (目标, 计划, 预期). */
const COLUMN_ACTUAL = /完成|执行|实际|实绩|结果|预计|实现/;
const COLUMN_TARGET = /目标|计划|预期/;

function columnKind(header: string): PeriodKind | null {
  if (COLUMN_ACTUAL.test(header)) return 'actual';
  if (COLUMN_TARGET.test(header)) return 'target';
  return kindOf(header);
}

/**
 * Table column headers: "2021 年目标值" → target 2021; "预计完成值", "执行结果" → actual of the table's year;
 * "计划目标" → its target.
 */
export function columnPeriod(header: string, table: Period | null): Period | null {
  const kind = columnKind(header);
  const year = yearIn(header) ?? table?.year ?? null;
  if (!kind || !year) return null;
  return { year, kind };
}
