import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportIndex } from '../src/index/build.js';
import { answerEmbed, LIMITS, payload, safeText } from '../src/render/discord.js';
import { citePassage } from '../src/query/context.js';
import { search } from '../src/query/search.js';
import { seedIndex } from './helpers.js';

let index: ReportIndex;
beforeAll(async () => {
  index = await seedIndex();
});

function embedSize(e: ReturnType<typeof answerEmbed>): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((s, f) => s + f.name.length + f.value.length, 0)
  );
}

describe('Discord limits and safety', () => {
  it('a 50-paragraph excerpt is cut within every limit', () => {
    const cite = citePassage(index, '徐汇25G-5');
    const huge = {
      ...cite,
      passage: {
        ...cite.passage,
        text: index.corpus.passages
          .slice(0, 50)
          .map((p) => p.text)
          .join('\n'),
      },
    };
    expect(huge.passage.text.length).toBeGreaterThan(10_000);
    const e = answerEmbed(huge);
    expect(e.description!.length).toBeLessThanOrEqual(LIMITS.description);
    expect(embedSize(e)).toBeLessThanOrEqual(LIMITS.total);
    const many = search(index, { query: '发展', limit: 40 });
    const s = answerEmbed({ ...many, hits: many.hits.map((h) => ({ ...h, excerpt: h.excerpt.repeat(5) })) });
    expect(s.fields!.length).toBeLessThanOrEqual(LIMITS.fields);
    for (const f of s.fields!) expect(f.value.length).toBeLessThanOrEqual(LIMITS.field);
    expect(embedSize(s)).toBeLessThanOrEqual(LIMITS.total);
  });

  it('"@everyone" and "<@123>" inside an excerpt ping no one', () => {
    const text = safeText('通知 @everyone 和 @here 以及 <@123456789012345678> <@&1> **粗体**');
    expect(text).not.toMatch(/@everyone|@here|<@\d|<@&/);
    expect(text).toContain('\\*\\*粗体\\*\\*');
    const p = payload(citePassage(index, '徐汇25G-5'));
    expect(p.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('marks the figure in bold after escaping the rest', () => {
    expect(safeText('新增各类绿地14.15公顷_', ['14.15'])).toBe('新增各类绿地**14.15**公顷\\_');
  });
});
