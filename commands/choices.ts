/** Autocomplete choices drawn from the corpus: districts, the years a district has, metric labels. */
import type { ReportIndex } from '../src/index/build.js';
import { corpusPlaces, placeChoiceLabel, requireDistrict } from '../src/query/resolve.js';
import type { Choice } from './types.js';

const MAX = 25;

export function districtChoices(index: ReportIndex, typed: string): Choice[] {
  const entries = corpusPlaces(index.corpus);
  const known = typed ? placeOf(index, typed) : null;
  return entries.filter((e) => !typed || e.key === known || placeChoiceLabel(e).includes(typed) || e.key.includes(typed))
    .slice(0, MAX).map((e) => ({ name: placeChoiceLabel(e).slice(0, 100), value: e.key }));
}

/** The corpus place a typed value names, or null while it is unfinished or ambiguous. */
function placeOf(index: ReportIndex, typed: string): string | null {
  try {
    return requireDistrict(typed, index.corpus);
  } catch {
    return null;
  }
}

export function yearChoices(index: ReportIndex, district: unknown, typed: string): Choice[] {
  const name = typeof district === 'string' ? placeOf(index, district) : null;
  const years = [...new Set(index.corpus.facts.filter((f) => !name || f.district === name).map((f) => f.period.year))].sort((a, b) => b - a);
  return years.filter((y) => String(y).startsWith(typed)).slice(0, MAX).map((y) => ({ name: String(y), value: String(y) }));
}

export function metricChoices(index: ReportIndex, district: unknown, typed: string): Choice[] {
  const name = typeof district === 'string' ? placeOf(index, district) : null;
  const counts = new Map<string, number>();
  for (const f of index.corpus.facts) {
    if (name && f.district !== name) continue;
    if (typed && !f.label.includes(typed)) continue;
    counts.set(f.label, (counts.get(f.label) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length).slice(0, MAX)
    .map(([l]) => ({ name: l.slice(0, 100), value: l.slice(0, 100) }));
}
