/**
 * The corpus as queries, autocomplete and the bot read it: the reports, passages and facts, and what every
 * lookup needs derived from them (facts by place and label, the years and places there are, glossary terms,
 * fact labels with their words). Built once per refresh, so no lookup derives them again and nothing derived
 * outlives the corpus: the index swaps in a new view with the new corpus in one step.
 *
 * Caches that depend on what users type are kept here too (cache()), bounded, so they go with the corpus.
 */
import type { Fact, FileWarning, Passage, PlaceRef, ReportMeta, SkippedFile } from '../types.js';
import { words } from '../text/tokenizer.js';
import { Lru, type CacheKey } from './lru.js';
import { groupBy } from '../list.js';

/** A place of the corpus: the key its reports, passages and facts are filed under, and its register entry. */
export interface PlaceEntry { key: string; place?: PlaceRef; reports: number }

/** A way a question may name a place; `national` for the words that name the country as a whole. */
export interface PlaceSpelling { spelling: string; name: string; national: boolean }

/** A glossary entry: the passage that defines a term. */
export interface GlossaryEntry { id: string; doc: string; district: string; term: string }

/** The glossary entries among a report's passages, in passage order. */
export function glossaryEntries(passages: readonly Passage[]): GlossaryEntry[] {
  return passages.flatMap((p) => (p.kind === 'glossary' && p.term ? [{ id: p.id, doc: p.doc, district: p.district, term: p.term }] : []));
}

/** A fact label as matching sees it: lower-cased, with its search-mode words. */
export interface PreparedLabel { lower: string; words: Set<string> }

/**
 * Report file names in the order the corpus lists them: localeCompare's order, from one collator (creating
 * one per comparison, as localeCompare does, costs a refresh of 5,000 reports a tenth of a second).
 */
export const byName = new Intl.Collator().compare;

// What a question says when it asks about the State Council's reports.
const NATIONAL_WORDS = ['全国', '国务院', '中央政府', '我国', '全国人大'];
const LEVELS = ['national', 'province', 'city', 'county'];

/**
 * Where a view's passages and facts come from: the index's memory (residentSource), or the store on disk
 * (stored.ts), read a place at a time when a corpus is too large to hold.
 */
export interface CorpusSource {
  readonly reports: ReportMeta[];
  readonly skipped: SkippedFile[];
  readonly warnings: FileWarning[];
  /** Everything is in memory: what lookups derive is built up front rather than on first use. */
  readonly resident: boolean;
  readonly passageCount: number;
  /** Glossary entries (which passage defines which term); /ask reads the passage it picks. */
  readonly glossary: GlossaryEntry[];
  /** The years each place has figures for. */
  factYears(): Map<string, number[]>;
  /** A place's facts in corpus order, each with its position among its report's facts. */
  factsIn(place: string): [Fact, number][];
  /** A place's fact labels, each with how many facts have it, in the order they first appear. */
  labelsIn(place: string): Map<string, number>;
  /** A place's facts under one label, in corpus order, each with its position among its report's facts. */
  factsWith(place: string, label: string): [Fact, number][];
  /** Facts about a year whose label is wanted, any place, each with its position among its report's facts. */
  factsInYear(year: number, wanted: (label: string) => boolean): [Fact, number][];
  /** How many facts have each label, over all places. */
  labelCounts(): Map<string, number>;
  /** Every passage and fact: for listings and tests, never on a query's path. */
  allPassages(): Passage[];
  allFacts(): Fact[];
}

/** A place's facts by label, in corpus order: a lookup scores each distinct label once. */
export type FactsByLabel = Map<string, Fact[]>;

/** How many places' label lists, and places' facts under a label, a store-backed view keeps in memory. */
const PLACES_HELD = 256;
const LABELS_HELD = 4096;

export class CorpusView {
  readonly reports: ReportMeta[];
  readonly skipped: SkippedFile[];
  readonly warnings: FileWarning[];
  /** Places with reports, country first, then by level and name. */
  readonly places: readonly PlaceEntry[];
  readonly placeNames: readonly string[];
  /** Every spelling of every place, longest first, so that a question's longest match is found first. */
  readonly placeSpellings: readonly PlaceSpelling[];
  /** Glossary entries in corpus order, and their terms lower-cased, each once. */
  readonly glossary: readonly GlossaryEntry[];
  readonly glossaryTerms: readonly string[];
  readonly passageCount: number;
  private readonly years: Map<string | undefined, number[]>;
  private readonly docRank: Map<string, number>;
  private readonly factOrder = new WeakMap<Fact, number>();
  private readonly labelCounts: Lru<string, Map<string, number>>;
  private readonly withLabel: Lru<string, Fact[]>;
  private readonly labelsByUse = new Map<string | undefined, string[]>();
  private readonly caches = new Map<CacheKey<unknown>, Lru<string, unknown>>();

  /** `labels` holds prepared labels across views: a label's words do not depend on the corpus. */
  constructor(
    private readonly source: CorpusSource,
    private readonly labels: Lru<string, PreparedLabel> = new Lru(LABELS_HELD),
  ) {
    this.reports = source.reports;
    this.skipped = source.skipped;
    this.warnings = source.warnings;
    this.passageCount = source.passageCount;
    this.docRank = new Map(this.reports.map((r) => r.doc).sort(byName).map((d, i) => [d, i]));
    const years = source.factYears();
    this.years = new Map<string | undefined, number[]>([...years, [undefined, union(years.values())]]);
    this.places = placeEntries(this.reports);
    this.placeNames = this.places.map((e) => e.key);
    this.placeSpellings = spellingsOf(this.places);
    this.glossary = source.glossary;
    this.glossaryTerms = [...new Set(this.glossary.map((e) => e.term.toLowerCase()))];
    this.labelCounts = new Lru(source.resident ? Infinity : PLACES_HELD);
    this.withLabel = new Lru(source.resident ? Infinity : LABELS_HELD);
    // A resident corpus's labels are prepared now, at refresh, rather than by whoever asks first.
    if (source.resident) for (const label of this.labelsOf()) this.label(label);
  }

  /** Every passage: for listings and tests; queries go through the index's search and passage(). */
  get passages(): Passage[] {
    return this.source.allPassages();
  }

  /** Every fact: for listings and tests; lookups read a place's with factsIn(). */
  get facts(): Fact[] {
    return this.source.allFacts();
  }

  /** The places that have figures. */
  get factPlaces(): string[] {
    return [...this.years.keys()].filter((p): p is string => p !== undefined);
  }

  /** One place's facts by label, in corpus order: for listings and tests (it reads the place whole). */
  factsIn(place: string): FactsByLabel {
    const grouped: FactsByLabel = new Map();
    for (const [f, n] of this.source.factsIn(place)) {
      this.factOrder.set(f, this.positionOf(f, n));
      const same = grouped.get(f.label);
      if (same) same.push(f);
      else grouped.set(f.label, [f]);
    }
    return grouped;
  }

  /** A place's fact labels, each with how many facts have it: a lookup scores labels before reading facts. */
  labelsIn(place: string): ReadonlyMap<string, number> {
    let counts = this.labelCounts.get(place);
    if (!counts) this.labelCounts.set(place, (counts = this.source.labelsIn(place)));
    return counts;
  }

  /** A place's facts under one label, in corpus order. */
  factsWith(place: string, label: string): readonly Fact[] {
    const key = `${place}\0${label}`;
    let facts = this.withLabel.get(key);
    if (!facts) {
      const found = this.source.factsWith(place, label);
      // Ties between equally good figures go to the one read first: report order, then order in the report.
      for (const [f, n] of found) this.factOrder.set(f, this.positionOf(f, n));
      this.withLabel.set(key, (facts = found.map(([f]) => f)));
    }
    return facts;
  }

  /** Facts about a year whose label is wanted, over every place, in corpus order. */
  factsInYear(year: number, wanted: (label: string) => boolean): Fact[] {
    const found = this.source.factsInYear(year, wanted);
    for (const [f, n] of found) if (!this.factOrder.has(f)) this.factOrder.set(f, this.positionOf(f, n));
    return found.map(([f]) => f).sort((a, b) => this.orderOf(a) - this.orderOf(b));
  }

  private positionOf(f: Fact, n: number): number {
    return (this.docRank.get(f.citation.doc) ?? 0) * 1e6 + n;
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
    let labels = this.labelsByUse.get(place);
    if (!labels) {
      const counts = place === undefined ? this.source.labelCounts() : new Map(this.labelsIn(place));
      this.labelsByUse.set(place, (labels = ranked(counts)));
    }
    return labels;
  }

  /** A label lower-cased and cut into words, prepared once. */
  label(raw: string): PreparedLabel {
    let prepared = this.labels.get(raw);
    if (!prepared) this.labels.set(raw, (prepared = prepareLabel(raw)));
    return prepared;
  }

  /** The cache a key names, made empty on first use and bounded by the key's capacity. */
  cache<V>(key: CacheKey<V>): Lru<string, V> {
    let cache = this.caches.get(key);
    if (!cache) this.caches.set(key, (cache = new Lru<string, V>(key.capacity)));
    return cache as Lru<string, V>;
  }
}

/** A source over reports held in memory, each with its passages and facts. */
export function residentSource(
  files: { meta: ReportMeta; passages: Passage[]; facts: Fact[] }[],
  skipped: SkippedFile[],
): CorpusSource {
  const sorted = [...files].sort((a, b) => byName(a.meta.doc, b.meta.doc));
  const passages = sorted.flatMap((f) => f.passages);
  const positioned = sorted.flatMap((f) => f.facts.map((fact, n): [Fact, number] => [fact, n]));
  const facts = positioned.map(([f]) => f);
  const byPlace = groupBy(positioned, ([f]) => f.district);
  const byLabel = new Map([...byPlace].map(([place, list]) => [place, groupBy(list, ([f]) => f.label)]));
  const byYear = groupBy(positioned, ([f]) => f.period.year);
  return {
    reports: sorted.map((f) => f.meta),
    skipped,
    warnings: sorted.flatMap((f) => (f.meta.warnings ?? []).map((warning) => ({ doc: f.meta.doc, warning }))),
    resident: true,
    passageCount: passages.length,
    glossary: glossaryEntries(passages),
    factYears: () => yearsByPlace(facts),
    factsIn: (place) => byPlace.get(place) ?? [],
    labelsIn: (place) => new Map([...(byLabel.get(place) ?? [])].map(([label, list]) => [label, list.length])),
    factsWith: (place, label) => byLabel.get(place)?.get(label) ?? [],
    factsInYear: (year, wanted) => (byYear.get(year) ?? []).filter(([f]) => wanted(f.label)),
    labelCounts: () => {
      const counts = new Map<string, number>();
      for (const f of facts) counts.set(f.label, (counts.get(f.label) ?? 0) + 1);
      return counts;
    },
    allPassages: () => passages,
    allFacts: () => facts,
  };
}

function prepareLabel(raw: string): PreparedLabel {
  const lower = raw.toLowerCase();
  return { lower, words: new Set(words(lower)) };
}

/** Years per place, ascending. */
function yearsByPlace(facts: Fact[]): Map<string, number[]> {
  const sets = new Map<string, Set<number>>();
  for (const f of facts) {
    let set = sets.get(f.district);
    if (!set) sets.set(f.district, (set = new Set()));
    set.add(f.period.year);
  }
  return new Map([...sets].map(([key, years]) => [key, [...years].sort((a, b) => a - b)]));
}

function union(lists: Iterable<number[]>): number[] {
  const all = new Set<number>();
  for (const list of lists) for (const y of list) all.add(y);
  return [...all].sort((a, b) => a - b);
}

/** Labels by how many facts have them, then shorter first, then in code point order (the same however read). */
function ranked(counts: Map<string, number>): string[] {
  const order = (a: [string, number], b: [string, number]) =>
    b[1] - a[1] || a[0].length - b[0].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
  return [...counts].sort(order).map(([label]) => label);
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
