/**
 * Which place a report is about, from the cues its masthead gives (the session it was delivered at, whom the
 * speaker represents, the title), resolved against the register. A full name shared by several places
 * (朝阳区 in Beijing and Changchun) is told apart by the parent the report names most.
 */
import type { PlaceRef } from '../types.js';
import { ancestors, nationalPlace, placesEnding, placesIn, type Place } from '../text/places.js';
import { first } from '../list.js';

/** Text that ends with a place name ("在海拉尔区"), or a cue for the whole country; weight by reliability. */
export type PlaceCue = { before: string; weight: number } | { national: true; weight: number };

export function inferPlace(cues: PlaceCue[], text: string): PlaceRef | undefined {
  const votes = new Map<Place, number>();
  for (const cue of cues) {
    const found = 'national' in cue ? [nationalPlace()] : placesEnding(cue.before);
    if (!found.length) continue;
    const chosen = found.length === 1 ? first(found) : byParentMentions(found, 'before' in cue ? cue.before : '', text);
    votes.set(chosen, (votes.get(chosen) ?? 0) + cue.weight);
  }
  let best: Place | undefined;
  for (const [p, n] of votes)
    if (!best || n > votes.get(best)! || (n === votes.get(best)! && depth(p) > depth(best))) best = p;
  return best ? placeRef(best) : undefined;
}

/**
 * A report with no masthead (a notice that forwards a 重点工作安排) is about the place it names most;
 * only cities and counties count, since a district's report names its city and province in passing.
 */
export function mostNamedPlace(text: string): PlaceRef | undefined {
  const counts = new Map<Place, number>();
  for (const p of placesIn(text))
    if (p.level === 'county' || p.level === 'city') counts.set(p, (counts.get(p) ?? 0) + 1);
  let best: Place | undefined;
  for (const [p, n] of counts) if (!best || n > counts.get(best)!) best = p;
  if (!best) return undefined;
  const same = [...counts.keys()].filter((p) => p.name === best!.name);
  return placeRef(same.length > 1 ? byParentMentions(same, '', text) : best);
}

function depth(p: Place): number {
  return ancestors(p).length;
}

/** Among places of one name, the one whose parents the cue or the report names (北京市朝阳区; 北京 ×40). */
function byParentMentions(candidates: Place[], cue: string, text: string): Place {
  const score = (p: Place) =>
    ancestors(p).reduce((n, a) => n + (cue.includes(a.short) ? 1000 : 0) + count(text, a.short), 0);
  return first(
    [...candidates].sort((a, b) => score(b) - score(a)),
    'candidates',
  );
}

function count(text: string, word: string): number {
  let n = 0;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) n++;
  return n;
}

export function placeRef(p: Place): PlaceRef {
  const chain = ancestors(p);
  const parent = chain[0];
  return {
    code: p.code,
    name: p.name,
    short: p.short,
    level: p.level,
    ...(parent ? { parent: parent.name, parentCode: parent.code } : {}),
    ...(chain.length ? { chain: chain.map((a) => a.name) } : {}),
  };
}
