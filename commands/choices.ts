/** Autocomplete choices drawn from the corpus: districts, the years a district has, metric labels. */
import type { ReportIndex } from '../src/index/build.js';
import { canonicalDistrict } from '../src/text/districts.js';
import { corpusDistricts } from '../src/query/resolve.js';
import type { Choice } from './types.js';

const MAX = 25;

export function districtChoices(index: ReportIndex, typed: string): Choice[] {
  return corpusDistricts(index.corpus).filter((d) => !typed || d.includes(typed) || canonicalDistrict(typed) === d).slice(0, MAX).map((d) => ({ name: d, value: d }));
}

export function yearChoices(index: ReportIndex, district: unknown, typed: string): Choice[] {
  const name = typeof district === 'string' ? canonicalDistrict(district, corpusDistricts(index.corpus)) : null;
  const years = [...new Set(index.corpus.facts.filter((f) => !name || f.district === name).map((f) => f.period.year))].sort((a, b) => b - a);
  return years.filter((y) => String(y).startsWith(typed)).slice(0, MAX).map((y) => ({ name: String(y), value: String(y) }));
}

export function metricChoices(index: ReportIndex, district: unknown, typed: string): Choice[] {
  const name = typeof district === 'string' ? canonicalDistrict(district, corpusDistricts(index.corpus)) : null;
  const counts = new Map<string, number>();
  for (const f of index.corpus.facts) {
    if (name && f.district !== name) continue;
    if (typed && !f.label.includes(typed)) continue;
    counts.set(f.label, (counts.get(f.label) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length).slice(0, MAX)
    .map(([l]) => ({ name: l.slice(0, 100), value: l.slice(0, 100) }));
}
