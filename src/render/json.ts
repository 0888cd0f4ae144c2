/** Answer model → the JSON shapes of the CLI's --json and of the batch contract (DESIGN.md). */
import type { Fact } from '../types.js';
import type { Answer, AskAnswer, FactResult, MetricAnswer, SearchAnswer } from '../query/answer.js';

export function factJson(r: FactResult) {
  const f: Fact = r.fact;
  return {
    district: f.district, year: f.period.year, kind: f.period.kind, metric: f.label,
    value: f.value, valueText: f.valueText, unit: f.unit, qualifiers: f.qualifiers, display: f.display,
    ...(f.valueMax !== undefined ? { valueMax: f.valueMax } : {}),
    ...(f.baseValue !== undefined ? { baseValue: f.baseValue, baseUnit: f.baseUnit } : {}),
    excerpt: f.original ?? f.excerpt, citation: f.citation, citeId: r.citeId, relation: r.relation,
  };
}

export function metricJson(a: MetricAnswer) {
  return { results: [a.best, ...a.related, ...a.alternatives].map(factJson) };
}

export function askJson(a: AskAnswer) {
  return {
    answer: a.answer, via: a.via, assumptions: a.assumptions,
    citations: a.sentences.map((s) => ({ n: s.n, doc: s.citation.doc, lines: s.citation.lines, excerpt: s.text, title: s.citation.title, section: s.citation.section, citeId: s.citeId, ...(s.citation.page ? { page: s.citation.page } : {}) })),
    ...(a.metric ? { metric: metricJson(a.metric).results[0] } : {}),
  };
}

export function searchJson(a: SearchAnswer) {
  return {
    query: a.query, total: a.total, offset: a.offset,
    hits: a.hits.map((h) => ({ excerpt: h.excerpt, marks: h.marks, citation: h.citation, citeId: h.citeId, score: Number(h.score.toFixed(3)) })),
  };
}

export function answerJson(a: Answer): unknown {
  switch (a.type) {
    case 'ask': return askJson(a);
    case 'metric': return metricJson(a);
    case 'search': return searchJson(a);
    case 'reports': return { reports: a.reports, skipped: a.skipped };
    case 'cite': return { citeId: a.citeId, text: a.passage.original ?? a.passage.text, citation: a.citation };
    case 'help': return { help: a.text };
  }
}
