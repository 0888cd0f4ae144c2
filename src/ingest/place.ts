/**
 * Which place a report is about, from how the document names itself (see place-cues.ts for the cues and their
 * strength). Three rules of the genre decide it:
 * - a cue names the place as a whole ("在呼伦贝尔市海拉尔区第…届", "我代表县人民政府", "黔西南州人民政府工作报告");
 *   a cue that names only a level ("县") says what kind of place the report speaks for;
 * - the body's self-reference (全县, 我县, 本县) with the place of that level the report names most, as a whole
 *   word, stands in for a name the report never spells out in its masthead;
 * - a place mentioned as an example, a neighbour or a parent is of another level or named less: it never
 *   outvotes the self-reference. A place the register lacks keeps the name the document gives it.
 */
import type { PlaceRef, PlaceLevel } from '../types.js';
import {
  COUNTRY,
  ancestors,
  placeByCode,
  placesNamed,
  placeWordsIn,
  shortName,
  type Place,
  type PlaceWord,
} from '../text/places.js';
import { wordBoundaries } from '../text/tokenizer.js';
import { first } from '../list.js';
import type { PlaceCue } from './place-cues.js';

/** A level word a report calls itself by (全县, 我代表县人民政府): the last character of its places' names. */
export const LEVEL_CHARS = ['省', '市', '区', '县', '旗', '州', '盟'] as const;
type LevelChar = (typeof LEVEL_CHARS)[number];

/** The suffix of a name the register lacks says its level (金普新区 → county, 某某州 → city). */
const SUFFIX_LEVEL: [RegExp, PlaceLevel][] = [
  [/(?:自治区|省)$/u, 'province'],
  [/(?:自治州|州|盟|地区)$/u, 'city'],
  [/(?:新区|区|县|旗|市|特区|林区)$/u, 'county'],
];

/** How far into the body the self-reference is counted: a report names itself in its first pages. */
const SELF_REFERENCE_SPAN = 20000;
const SELF_REFERENCE_WEIGHT = 4;
const FILE_NAME_WEIGHT = 1;

type Resolved =
  | { kind: 'places'; places: Place[] }
  | { kind: 'level'; char: LevelChar }
  | { kind: 'unregistered'; name: string; level: PlaceLevel; parent?: Place };

interface Candidate {
  ref: PlaceRef;
  place?: Place;
  score: number;
}

export function inferPlace(cues: PlaceCue[], text: string, fileWords: string[]): PlaceRef | undefined {
  const resolved = cues.map((c) => ({ cue: c, r: resolveName(c.name, text) }));
  const level = selfLevel(resolved, text);
  const votes = new Map<string, Candidate>();
  const vote = (c: Omit<Candidate, 'score'>, weight: number) => {
    const key = c.ref.code || c.ref.name;
    const had = votes.get(key);
    votes.set(key, { ...c, score: (had?.score ?? 0) + weight });
  };
  for (const { cue, r } of resolved) {
    if (!r || r.kind === 'level') continue;
    if (r.kind === 'unregistered') vote({ ref: unregisteredRef(r, text) }, cue.weight);
    else {
      const p = pick(ofLevel(r.places, level), text, fileWords);
      if (p) vote({ ref: placeRef(p), place: p }, cue.weight);
    }
  }
  if (level) {
    // Each place of the report's level gets its share of the self-reference: equally named places stay tied,
    // for the file's name to break.
    const named = selfReferenced(level, text);
    const most = Math.max(0, ...named.values());
    for (const [p, n] of named) vote({ ref: placeRef(p), place: p }, (SELF_REFERENCE_WEIGHT * n) / most);
  }
  for (const w of fileWords) {
    const p = pick(ofLevel(placesNamed(w), level), text, []);
    if (p) vote({ ref: placeRef(p), place: p }, FILE_NAME_WEIGHT);
  }
  return best([...votes.values()]);
}

function best(candidates: Candidate[]): PlaceRef | undefined {
  let top: Candidate | undefined;
  for (const c of candidates) {
    // A child and its parent both voted for: the parent's votes are the child's context, not a rival.
    const support = candidates
      .filter((o) => o !== c && o.place && o.place.level !== 'national' && c.ref.chain?.includes(o.place.name))
      .reduce((n, o) => n + o.score / 2, 0);
    const score = c.score + support;
    const topScore = top ? top.score : -1;
    if (score > topScore || (score === topScore && depth(c.ref) > depth(top!.ref))) top = { ...c, score };
  }
  return top?.ref;
}

function depth(r: PlaceRef): number {
  return r.chain?.length ?? 0;
}

/**
 * The words of a cue → a place: a registered name (呼伦贝尔市海拉尔区, 黔西南州, 国务院), a level word (县), or
 * a name the register lacks after a registered parent (上海市闸北区) or named again in the text (闸北区 … 闸北).
 * `ownName`: the words are the place's name as someone gave it (a sidecar), not read from a sentence.
 */
export function resolveName(raw: string, text: string, opts: { ownName?: boolean } = {}): Resolved | undefined {
  const name = trimToName(raw);
  if (!name) return undefined;
  // An autonomous county calls itself 自治县 as others say 县.
  const level = name.replace(/^自治(?=[县州旗区]$)/u, '');
  if ((LEVEL_CHARS as readonly string[]).includes(level)) return { kind: 'level', char: level as LevelChar };
  const direct = placesNamed(name);
  if (direct.length) return { kind: 'places', places: direct };
  // A registered name ending the cue after other words: "中华人民共和国国务院", "日在拉萨召开的西藏自治区".
  for (let cut = 1; cut <= name.length - 2; cut++) {
    const tail = name.slice(cut);
    const found = placesNamed(tail).filter((p) => p.name === tail || p.level === 'national' || tail.length >= 3);
    if (found.length && wholeWordAt(name, cut, tail.length)) return { kind: 'places', places: found };
  }
  // A name the register lacks, after its registered parent (the longest that is one): 上海市闸北区.
  for (let cut = name.length - 3; cut >= 2; cut--) {
    const parents = placesNamed(name.slice(0, cut));
    const rest = name.slice(cut);
    const level = suffixLevel(rest);
    if (parents.length && level && plausibleName(rest))
      return { kind: 'unregistered', name: rest, level, parent: deepest(parents) };
  }
  // A name the register lacks on its own: only if the report names itself so again (闸北区 … 闸北区人民政府).
  const own = suffixLevel(name);
  if (own && name.length <= 8 && plausibleName(name) && (opts.ownName || count(text, name) >= 2))
    return { kind: 'unregistered', name, level: own };
  return undefined;
}

/** Words no place name holds: a cue that reached back into a sentence ("召开的", "已经"). */
const NOT_IN_NAMES = /的|了|是|已经|召开|举行|在|为|对|将|与|及/u;

function plausibleName(name: string): boolean {
  return name.length >= 3 && !NOT_IN_NAMES.test(shortName(name, suffixLevel(name) ?? 'county'));
}

/** The words before a cue, from its last delimiter on: "2024年1月在上海市闸北区" → 上海市闸北区. */
function trimToName(raw: string): string {
  return raw
    .replace(/^.*(?:[0-9０-９]\s*[年月日号]|关于|代表|[在向]|[\p{P}\s])/u, '')
    .replace(/^(?:我们|我|本)/u, '')
    .trim();
}

function suffixLevel(name: string): PlaceLevel | undefined {
  return SUFFIX_LEVEL.find(([re]) => re.test(name))?.[1];
}

function unregisteredRef(r: Extract<Resolved, { kind: 'unregistered' }>, text: string): PlaceRef {
  const parent = r.parent ?? namedParent(r.level, text);
  const chain = parent ? [parent, ...ancestors(parent)] : [];
  const names = [...chain.map((a) => a.name), COUNTRY];
  return {
    code: `${parent?.code ?? ''}:${r.name}`,
    name: r.name,
    short: shortName(r.name, r.level),
    level: r.level,
    ...(parent ? { parent: parent.name, parentCode: parent.code } : {}),
    chain: names,
  };
}

/**
 * A new district's city (or a new city's province): the place of a higher level the report names most; failing
 * that, the parent its neighbours of the same level share (闸北区's report names 静安区 and 普陀区: 上海市).
 */
function namedParent(level: PlaceLevel, text: string): Place | undefined {
  const higher: PlaceLevel[] = level === 'county' ? ['city', 'province'] : level === 'city' ? ['province'] : [];
  const counts = new Map<Place, number>();
  const neighbours = new Map<Place, number>();
  for (const w of wholeWords(placeWordsIn(text.slice(0, SELF_REFERENCE_SPAN)), text)) {
    if (higher.includes(w.place.level)) counts.set(w.place, (counts.get(w.place) ?? 0) + 1);
    const parent = w.place.level === level && w.form === 'full' ? ancestors(w.place)[0] : undefined;
    if (parent) neighbours.set(parent, (neighbours.get(parent) ?? 0) + 1);
  }
  return maxBy(counts) ?? maxBy(neighbours);
}

/**
 * The level a report speaks as: level-only cues (我代表县人民政府, 县长) and the body's 全县/我县/本县, the most
 * frequent winning. undefined when the report never calls itself by a level.
 */
function selfLevel(resolved: { cue: PlaceCue; r: Resolved | undefined }[], text: string): LevelChar | undefined {
  const score = new Map<LevelChar, number>();
  for (const { cue, r } of resolved) if (r?.kind === 'level') score.set(r.char, (score.get(r.char) ?? 0) + cue.weight);
  const body = text.slice(0, SELF_REFERENCE_SPAN);
  for (const m of body.matchAll(/(?:全|我|本)(?:自治)?([省市区县旗州盟])(?![长委级属直])/gu)) {
    const c = m[1] as LevelChar;
    score.set(c, (score.get(c) ?? 0) + 1);
  }
  return maxBy(score);
}

/** The place of the report's own level it names most as a whole word (全县 … 西和 … 西和县 …). */
function selfReferenced(level: LevelChar, text: string): Map<Place, number> {
  const counts = new Map<Place, number>();
  const body = text.slice(0, SELF_REFERENCE_SPAN);
  const ofLevelNamed = placeWordsIn(body).filter((w) => endsWithLevel(w.place, level));
  for (const w of wholeWords(ofLevelNamed, body)) {
    counts.set(w.place, (counts.get(w.place) ?? 0) + (w.form === 'full' ? 1 : 0.75));
  }
  // Places of one name told apart by the parents the report names; a parent named at all breaks a tie.
  for (const p of counts.keys())
    if (ancestors(p).some((a) => body.includes(a.short))) counts.set(p, counts.get(p)! + 0.5);
  return counts;
}

function endsWithLevel(p: Place, level: LevelChar): boolean {
  return p.name.endsWith(level);
}

function ofLevel(places: Place[], level: LevelChar | undefined): Place[] {
  if (!level || places.length < 2) return places;
  const kept = places.filter((p) => endsWithLevel(p, level));
  return kept.length ? kept : places;
}

/** One place of several that share a spelling: the one whose parents the report (or its file name) names most. */
function pick(places: Place[], text: string, fileWords: string[]): Place | undefined {
  if (places.length < 2) return places[0];
  const score = (p: Place) =>
    ancestors(p).reduce(
      (n, a) => n + (fileWords.some((w) => placesNamed(w).includes(a)) ? 1000 : 0) + count(text, a.short),
      0,
    );
  return first(
    [...places].sort((a, b) => score(b) - score(a) || Number(a.code) - Number(b.code)),
    'places',
  );
}

function deepest(places: Place[]): Place {
  return first([...places].sort((a, b) => ancestors(b).length - ancestors(a).length));
}

/** The words that stand whole in the text; places sharing a spelling at one position are checked once. */
function wholeWords(words: PlaceWord[], text: string): PlaceWord[] {
  const checked = new Map<number, boolean>();
  return words.filter((w) => {
    const key = w.at * 64 + w.length;
    let whole = checked.get(key);
    if (whole === undefined) checked.set(key, (whole = wholeWordAt(text, w.at, w.length)));
    return whole;
  });
}

/** A name counts only as a whole word: 海城市 is not named in 沿海城市, nor 和县 in 省市和县委. */
function wholeWordAt(text: string, at: number, length: number): boolean {
  const from = Math.max(0, at - 6);
  const cuts = wordBoundaries(text.slice(from, at + length + 6));
  return cuts.has(at - from) && cuts.has(at + length - from);
}

function count(text: string, word: string): number {
  let n = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) n++;
  return n;
}

function maxBy<K>(m: Map<K, number>): K | undefined {
  let top: K | undefined;
  for (const [k, n] of m) if (top === undefined || n > m.get(top)!) top = k;
  return top;
}

export function placeRef(p: Place): PlaceRef {
  const chain = ancestors(p);
  const parent = chain[0];
  // Every place but the country has the country as its last parent.
  const names = p.level === 'national' ? [] : [...chain.map((a) => a.name), COUNTRY];
  return {
    code: p.code,
    name: p.name,
    short: p.short,
    level: p.level,
    ...(parent ? { parent: parent.name, parentCode: parent.code } : {}),
    ...(names.length ? { chain: names } : {}),
  };
}

/** The register's place behind a reference, when it has one. */
export function registered(ref: PlaceRef): Place | undefined {
  return ref.code ? placeByCode(ref.code) : undefined;
}
