/**
 * Autocomplete choices drawn from the corpus: districts, the years a district has, metric labels. Autocomplete
 * skips the options schema (it runs on every keystroke, before the command is sent), so typed text longer than
 * the option allows gets no choices here rather than a lookup.
 */
import type { ReportIndex } from '../src/index/build.js';
import { corpusPlaces, placeChoiceLabel, requireDistrict } from '../src/query/resolve.js';
import { graphemePrefix, truncate } from '../src/render/safe.js';
import { MAX_LENGTH } from './limits.js';
import type { Choice } from './types.js';

const MAX = 25;
/** Discord's limit for a choice's name and value. */
const CHOICE_LENGTH = 100;

export function districtChoices(index: ReportIndex, typed: string): Choice[] {
  if (typed.length > MAX_LENGTH.place) return [];
  const entries = corpusPlaces(index.corpus);
  const known = typed ? placeOf(index, typed) : null;
  return entries
    .filter((e) => !typed || e.key === known || placeChoiceLabel(e).includes(typed) || e.key.includes(typed))
    .slice(0, MAX)
    .map((e) => ({ name: truncate(placeChoiceLabel(e), CHOICE_LENGTH), value: e.key }));
}

/** The corpus place a typed value names, or null while it is unfinished or ambiguous. */
function placeOf(index: ReportIndex, typed: string): string | null {
  if (typed.length > MAX_LENGTH.place) return null;
  try {
    return requireDistrict(typed, index.corpus);
  } catch {
    return null;
  }
}

export function yearChoices(index: ReportIndex, district: unknown, typed: string): Choice[] {
  const name = typeof district === 'string' ? placeOf(index, district) : null;
  const years = [...index.corpus.yearsOf(name ?? undefined)].reverse();
  return years
    .filter((y) => String(y).startsWith(typed))
    .slice(0, MAX)
    .map((y) => ({ name: String(y), value: String(y) }));
}

export function metricChoices(index: ReportIndex, district: unknown, typed: string): Choice[] {
  if (typed.length > MAX_LENGTH.keyword) return [];
  const name = typeof district === 'string' ? placeOf(index, district) : null;
  const labels: string[] = [];
  for (const l of index.corpus.labelsOf(name ?? undefined)) {
    if (labels.length === MAX) break;
    if (l.includes(typed)) labels.push(l);
  }
  // A label longer than a keyword may be is offered cut without "…": the cut still finds it (contained match).
  return labels.map((l) => ({ name: truncate(l, CHOICE_LENGTH), value: graphemePrefix(l, MAX_LENGTH.keyword) }));
}
