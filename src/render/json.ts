/** Answer model → the JSON shapes of the CLI's --json and of the batch contract (DESIGN.md). */
import type { Fact } from '../types.js';
import type {
  Answer,
  AskAnswer,
  CompareAnswer,
  FactResult,
  MetricAnswer,
  SearchAnswer,
  TrendAnswer,
} from '../query/answer.js';

export function factJson(r: FactResult) {
  const f: Fact = r.fact;
  return {
    district: f.district,
    year: f.period.year,
    kind: f.period.kind,
    metric: f.label,
    value: f.value,
    // "225,000" as a machine reads a number: the digits as written, without grouping commas (display keeps them).
    valueText: f.valueText.replace(/,/g, ''),
    unit: f.unit,
    qualifiers: f.qualifiers,
    display: f.display,
    ...(f.valueMax !== undefined ? { valueMax: f.valueMax } : {}),
    ...(f.baseValue !== undefined ? { baseValue: f.baseValue, baseUnit: f.baseUnit } : {}),
    excerpt: f.original ?? f.excerpt,
    citation: f.citation,
    citeId: r.citeId,
    relation: r.relation,
  };
}

export function metricJson(a: MetricAnswer) {
  return { results: [a.best, ...a.related, ...a.alternatives].map(factJson) };
}

export function askJson(a: AskAnswer) {
  return {
    answer: a.answer,
    via: a.via,
    assumptions: a.assumptions,
    ...(a.reading ? { reading: a.reading } : {}),
    citations: a.sentences.map((s) => ({
      n: s.n,
      doc: s.citation.doc,
      lines: s.citation.lines,
      excerpt: s.text,
      title: s.citation.title,
      section: s.citation.section,
      citeId: s.citeId,
      ...(s.citation.page ? { page: s.citation.page } : {}),
    })),
    ...(a.metric ? { metric: metricJson(a.metric).results[0] } : {}),
  };
}

export function searchJson(a: SearchAnswer) {
  return {
    query: a.query,
    total: a.total,
    offset: a.offset,
    hits: a.hits.map((h) => ({
      excerpt: h.excerpt,
      marks: h.marks,
      citation: h.citation,
      citeId: h.citeId,
      score: Number(h.score.toFixed(3)),
    })),
  };
}

const fig = (r: FactResult | null) => (r ? factJson(r) : null);

/**
 * The batch contract's trend: {place, metric, points: [{year, target, actual, met, conflict}]}, each point also
 * with the verdict's rule and reason ({outcome, rule, reason}) and, when the report set no target, its sentence.
 */
export function trendJson(a: TrendAnswer) {
  return {
    place: a.district,
    metric: a.metric,
    points: a.points.map((p) => ({
      year: p.year,
      target: fig(p.target),
      actual: fig(p.actual),
      met: p.met,
      conflict: p.conflict,
      ...(p.verdict ? { verdict: p.verdict } : {}),
      ...(p.noTarget ? { noTarget: p.noTarget } : {}),
    })),
  };
}

/**
 * The batch contract's compare: {year, metric, rows: [{place, target, actual}]}, ranked rows first, each with
 * its rank (null for a row listed apart, with why: other-kind or no-figure), and the order and ranked unit.
 */
export function compareJson(a: CompareAnswer) {
  return {
    year: a.year,
    metric: a.metric,
    ...(a.level ? { level: a.level } : {}),
    order: a.order,
    ...(a.rankedUnit ? { rankedUnit: a.rankedUnit } : {}),
    rows: a.rows.map((r) => ({
      place: r.district,
      target: fig(r.target),
      actual: fig(r.actual),
      rank: r.rank,
      ...(r.apart ? { apart: r.apart } : {}),
    })),
  };
}

export function answerJson(a: Answer): unknown {
  switch (a.type) {
    case 'ask':
      return askJson(a);
    case 'metric':
      return metricJson(a);
    case 'search':
      return searchJson(a);
    case 'reports':
      return { reports: a.reports, skipped: a.skipped };
    case 'cite':
      return { citeId: a.citeId, text: a.passage.original ?? a.passage.text, citation: a.citation };
    case 'help':
      return { help: a.text };
    case 'trend':
      return trendJson(a);
    case 'compare':
      return compareJson(a);
  }
}
