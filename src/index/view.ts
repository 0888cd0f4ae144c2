/**
 * The corpus as queries, autocomplete and the bot read it: the reports, passages and facts, and what every
 * lookup needs derived from them (facts by place and label, the years and places there are, glossary terms,
 * fact labels with their words). Built once per refresh, so no lookup derives them again and nothing derived
 * outlives the corpus: the index swaps in a new view with the new corpus in one step.
 *
 * Caches that depend on what users type are kept here too (cache()), bounded, so they go with the corpus.
 */
import type { Corpus, Fact, FileWarning, Passage, PlaceRef, ReportMeta, SkippedFile } from '../types.js';
import { words } from '../text/tokenizer.js';
import { Lru, type CacheKey } from './lru.js';

/** A place of the corpus: the key its reports, passages and facts are filed under, and its register entry. */
export interface PlaceEntry { key: string; place?: PlaceRef; reports: number }

/** A way a question may name a place; `national` for the words that name the country as a whole. */
export interface PlaceSpelling { spelling: string; name: string; national: boolean }

/** A fact label as matching sees it: lower-cased, with its search-mode words. */
export interface PreparedLabel { lower: string; words: Set<string> }

// What a question says when it asks about the State Council's reports.
const NATIONAL_WORDS = ['全国', '国务院', '中央政府', '我国', '全国人大'];
const LEVELS = ['national', 'province', 'city', 'county'];

export class CorpusView implements Corpus {
  readonly reports: ReportMeta[];
  readonly passages: Passage[];
  readonly facts: Fact[];
  readonly skipped: SkippedFile[];
  readonly warnings: FileWarning[];
  /** Places with reports, country first, then by level and name. */
  readonly places: readonly PlaceEntry[];
  readonly placeNames: readonly string[];
  /** Every spelling of every place, longest first, so that a question's longest match is found first. */
  readonly placeSpellings: readonly PlaceSpelling[];
  /** Glossary terms, lower-cased, each once. */
  readonly glossaryTerms: readonly string[];
  /** Facts by place, then by label, in document order: a lookup scores each distinct label once. */
  readonly factsByPlace: Map<string, Map<string, Fact[]>>;
  private readonly factOrder = new Map<Fact, number>();
  private readonly years: Map<string | undefined, number[]>;
  private readonly labels = new Map<string, PreparedLabel>();
  private readonly labelsByUse: Map<string | undefined, string[]>;
  private readonly caches = new Map<CacheKey<unknown>, Lru<string, unknown>>();

  constructor(corpus: Corpus) {
    this.reports = corpus.reports;
    this.passages = corpus.passages;
    this.facts = corpus.facts;
    this.skipped = corpus.skipped;
    this.warnings = corpus.warnings;
    this.facts.forEach((f, i) => this.factOrder.set(f, i));
    this.factsByPlace = groupFacts(this.facts);
    this.years = yearsByPlace(this.facts);
    this.places = placeEntries(this.reports);
    this.placeNames = this.places.map((e) => e.key);
    this.placeSpellings = spellingsOf(this.places);
    this.glossaryTerms = [...new Set(this.passages.flatMap((p) => (p.term ? [p.term.toLowerCase()] : [])))];
    this.labelsByUse = labelsByUse(this.facts, this.factsByPlace);
    // Every label is prepared now, at refresh, rather than by whoever asks first.
    for (const label of this.labelsOf()) this.labels.set(label, prepareLabel(label));
  }

  /** A fact's position in the corpus: ties between equally good figures go to the one read first. */
  orderOf(fact: Fact): number {
    return this.factOrder.get(fact) ?? 0;
  }

  /** The years a place has figures for (any place when none is given), ascending. */
  yearsOf(place?: string): readonly number[] {
    return this.years.get(place) ?? [];
  }

  /** A place's fact labels (all places' when none is given), most used first, shorter first among equals. */
  labelsOf(place?: string): readonly string[] {
    return this.labelsByUse.get(place) ?? [];
  }

  /** A label lower-cased and cut into words: the corpus's own labels were prepared when the view was built. */
  label(raw: string): PreparedLabel {
    return this.labels.get(raw) ?? prepareLabel(raw);
  }

  /** The cache a key names, made empty on first use and bounded by the key's capacity. */
  cache<V>(key: CacheKey<V>): Lru<string, V> {
    let cache = this.caches.get(key);
    if (!cache) this.caches.set(key, (cache = new Lru<string, V>(key.capacity)));
    return cache as Lru<string, V>;
  }
}

function prepareLabel(raw: string): PreparedLabel {
  const lower = raw.toLowerCase();
  return { lower, words: new Set(words(lower)) };
}

function groupFacts(facts: Fact[]): Map<string, Map<string, Fact[]>> {
  const byPlace = new Map<string, Map<string, Fact[]>>();
  for (const f of facts) {
    let labels = byPlace.get(f.district);
    if (!labels) byPlace.set(f.district, (labels = new Map()));
    const same = labels.get(f.label);
    if (same) same.push(f); else labels.set(f.label, [f]);
  }
  return byPlace;
}

/** Years per place, and under `undefined` the years of every place. */
function yearsByPlace(facts: Fact[]): Map<string | undefined, number[]> {
  const sets = new Map<string | undefined, Set<number>>();
  const add = (key: string | undefined, year: number) => {
    let set = sets.get(key);
    if (!set) sets.set(key, (set = new Set()));
    set.add(year);
  };
  for (const f of facts) {
    add(f.district, f.period.year);
    add(undefined, f.period.year);
  }
  return new Map([...sets].map(([key, years]) => [key, [...years].sort((a, b) => a - b)]));
}

/**
 * Labels per place (and under `undefined` over all places) by how many facts have them, then by length. A
 * label keeps the place of its first fact among equals, as a stable sort of first appearances does.
 */
function labelsByUse(facts: Fact[], byPlace: Map<string, Map<string, Fact[]>>): Map<string | undefined, string[]> {
  const ranked = (counts: Map<string, number>) =>
    [...counts].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length).map(([label]) => label);
  const all = new Map<string, number>();
  for (const f of facts) all.set(f.label, (all.get(f.label) ?? 0) + 1);
  const out = new Map<string | undefined, string[]>([[undefined, ranked(all)]]);
  for (const [place, labels] of byPlace) out.set(place, ranked(new Map([...labels].map(([label, fs]) => [label, fs.length]))));
  return out;
}

function placeEntries(reports: ReportMeta[]): PlaceEntry[] {
  const byKey = new Map<string, PlaceEntry>();
  for (const r of reports) {
    const e = byKey.get(r.district) ?? { key: r.district, place: r.place, reports: 0 };
    e.reports++;
    byKey.set(r.district, e);
  }
  return [...byKey.values()].sort((a, b) => levelOrder(a) - levelOrder(b) || a.key.localeCompare(b.key, 'zh'));
}

function levelOrder(e: PlaceEntry): number {
  return e.place ? LEVELS.indexOf(e.place.level) : LEVELS.length;
}

function spellingsOf(entries: readonly PlaceEntry[]): PlaceSpelling[] {
  const all: PlaceSpelling[] = [];
  for (const e of entries) {
    const names = new Set([e.key, e.place?.name ?? '']);
    if (e.place?.level === 'national') for (const a of NATIONAL_WORDS) names.add(a);
    if (e.place?.parent) names.add(`${e.place.parent}${e.place.name}`);
    for (const spelling of names) if (spelling.length >= 2) all.push({ spelling, name: e.key, national: NATIONAL_WORDS.includes(spelling) });
  }
  return all.sort((a, b) => b.spelling.length - a.spelling.length);
}
