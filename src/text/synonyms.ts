import data from './synonyms.json' with { type: 'json' };

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
