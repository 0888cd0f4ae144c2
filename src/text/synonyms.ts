import data from './synonyms.json' with { type: 'json' };

const groups: string[][] = data.groups.map((g) => g.map((w) => w.toLowerCase()));

const measures = [...data.measures].sort((a, b) => b.length - a.length);

/**
 * Every spelling equivalent to the query, the query first. Groups apply when the query contains a member; a
 * query ending in a measure word (数, 面积, …) is also tried without it.
 */
export function expandSynonyms(query: string): string[] {
  const q = query.toLowerCase();
  const bare = measures.find((m) => q.endsWith(m) && q.length - m.length >= 2);
  const out = bare ? [q, q.slice(0, -bare.length).trim()] : [q];
  for (const base of [...out]) {
    for (const g of groups) {
      const member = g.filter((w) => base.includes(w)).sort((a, b) => b.length - a.length)[0];
      if (!member) continue;
      for (const w of g) if (w !== member) out.push(base.replace(member, w));
    }
  }
  return [...new Set(out)];
}
