import data from './districts.json' with { type: 'json' };
import { toSimplified } from './chinese.js';

export interface District { name: string; aliases: string[] }

export const KNOWN_DISTRICTS: District[] = data.districts;

/** Canonical short name ("徐汇") for any spelling a user or a report uses ("徐汇区", "xuhui"). */
export function canonicalDistrict(input: string, extra: string[] = []): string | null {
  const s = toSimplified(input).trim().toLowerCase().replace(/\s+/g, '');
  if (!s) return null;
  for (const d of KNOWN_DISTRICTS) {
    if (d.name === s || d.aliases.some((a) => a.toLowerCase() === s)) return d.name;
  }
  for (const name of extra) {
    if (name === s || `${name}区` === s || `${name}新区` === s || `${name}市` === s) return name;
  }
  return null;
}

/** Every spelling of every district, longest first, for finding a district inside a question. */
export function districtSpellings(extra: string[] = []): { spelling: string; name: string }[] {
  const all = KNOWN_DISTRICTS.flatMap((d) => [d.name, ...d.aliases].map((spelling) => ({ spelling, name: d.name })));
  for (const name of extra) all.push({ spelling: name, name }, { spelling: `${name}区`, name });
  return all.sort((a, b) => b.spelling.length - a.spelling.length);
}
