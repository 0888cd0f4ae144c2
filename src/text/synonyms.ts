import { z } from 'zod';
import { isQualifier } from '../types.js';
import raw from './synonyms.json' with { type: 'json' };

const words = z.array(z.string().min(1));
// A target form is read from the qualifiers facts carry: a word no fact carries would never match.
const qualifiers = z.array(
  z.string().refine(isQualifier, { error: 'not a qualifier facts carry (types.ts QUALIFIERS)' }),
);
/**
 * The file's shape, checked once at load: a bad entry (a direction spelled wrong, a tolerance that is not a
 * number) fails at start-up with its path, not as a wrong verdict later. `_why…` notes are documentation.
 */
const Synonyms = z.object({
  measures: words,
  groups: z.array(words),
  contrasts: z.array(words),
  directions: z.array(z.object({ direction: z.enum(['up', 'down']), _why: z.string(), words: words.min(1) })),
  targetForms: z.object({ floor: qualifiers, ceiling: qualifiers, approximate: qualifiers, ceilingCues: words }),
  tolerance: z.object({ percentagePoints: z.number().nonnegative(), share: z.number().nonnegative().max(1) }),
  noTarget: z.object({ cues: words.min(1), targetWords: words.min(1) }),
});

const data = Synonyms.parse(raw);

const groups: string[][] = data.groups.map((g) => g.map((w) => w.toLowerCase()));

const measures = [...data.measures].sort((a, b) => b.length - a.length);

/**
 * Every spelling equivalent to the query, the query first. Groups apply when the query contains a member; a
 * query ending in measure words (数, 面积, 增速, 目标…) is also tried without each in turn.
 */
export function expandSynonyms(query: string): string[] {
  const q = query.toLowerCase();
  const out = [q, ...measureStems(q)];
  for (const base of [...out]) {
    for (const g of groups) {
      const member = g.filter((w) => base.includes(w)).sort((a, b) => b.length - a.length)[0];
      if (!member) continue;
      for (const w of g) if (w !== member) out.push(base.replace(member, w));
    }
  }
  return [...new Set(out)];
}

/** The query without its trailing measure words, one at a time: "GDP增长目标" → "GDP增长", "GDP". */
export function measureStems(query: string): string[] {
  const out: string[] = [];
  for (let rest = query.toLowerCase(); ;) {
    const m = measures.find((w) => rest.endsWith(w) && rest.length - w.length >= 2);
    if (!m) return out;
    rest = rest.slice(0, -m.length).trim();
    out.push(rest);
  }
}

// Each contrast is two words: checked once, at load.
const PAIRS: [string, string][] = data.contrasts.map((pair) => {
  const [a, b] = pair;
  if (pair.length !== 2 || a === undefined || b === undefined)
    throw new Error(`internal: contrast ${JSON.stringify(pair)} is not a pair`);
  return [a, b];
});

/** The label names the other side of a distinction the keyword makes (调查 vs 登记失业率): never the same figure. */
export function contrasts(query: string, label: string): boolean {
  return PAIRS.some(([a, b]) => sides(query, label, a, b) || sides(query, label, b, a));
}

function sides(query: string, label: string, mine: string, other: string): boolean {
  return query.includes(mine) && !query.includes(other) && label.includes(other) && !label.includes(mine);
}

/** Which way is better for a metric: 'down' when lower is better (prices, unemployment, energy use, deficit). */
export type Direction = 'up' | 'down';

// Every spelling of every direction word (its synonym group's too), longest first: the longest match decides,
// so 单位国内生产总值能耗 (down) wins over the 国内生产总值 (up) inside it.
const DIRECTION_WORDS: { word: string; direction: Direction }[] = data.directions
  .flatMap((d) => d.words.flatMap((w) => expandSynonyms(w).map((word) => ({ word, direction: d.direction }))))
  .sort((a, b) => b.word.length - a.word.length);

/**
 * The direction of the metric a keyword or label names, or undefined when synonyms.json names none.
 * @example directionOf('居民消费价格涨幅') // 'down'
 * @example directionOf('GDP增速') // 'up'
 */
export function directionOf(text: string): Direction | undefined {
  const t = text.toLowerCase();
  return DIRECTION_WORDS.find((d) => t.includes(d.word))?.direction;
}

/** Qualifiers that fix a target's form (floor, ceiling, approximate) and the words before a figure that cap it. */
export const TARGET_FORMS: Readonly<z.infer<typeof Synonyms>['targetForms']> = data.targetForms;

/** How far on the wrong side of a 左右 target still counts as 基本达到: points for %, a share of the target otherwise. */
export const TOLERANCE: Readonly<z.infer<typeof Synonyms>['tolerance']> = data.tolerance;

/** Words by which a report says it set no target (没有提出…具体目标). */
export const NO_TARGET: Readonly<z.infer<typeof Synonyms>['noTarget']> = data.noTarget;
