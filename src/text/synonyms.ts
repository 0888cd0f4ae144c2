import data from './synonyms.json' with { type: 'json' };

const groups: string[][] = data.groups.map((g) => g.map((w) => w.toLowerCase()));

/** Every spelling equivalent to the query, the query first. Groups apply when the query contains a member. */
export function expandSynonyms(query: string): string[] {
  const q = query.toLowerCase();
  const out = [q];
  for (const g of groups) {
    const member = g.filter((w) => q.includes(w)).sort((a, b) => b.length - a.length)[0];
    if (!member) continue;
    for (const w of g) if (w !== member) out.push(q.replace(member, w));
  }
  return [...new Set(out)];
}
