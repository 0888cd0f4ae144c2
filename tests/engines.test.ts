/**
 * The search engines (SEARCH_ENGINE) over the same reports rank the same passages the same way: answers must
 * not depend on which one a deployment picked. minisearch is compared with SQLite FTS5 and with PostgreSQL
 * (on the server TEST_DATABASE_URL names; .ci/run starts one), on the shipped reports, and again after
 * reports were added, changed and removed, which is where stored rows and length statistics could drift.
 */
import { appendFileSync, cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ReportIndex, type IndexLocation } from '../src/index/build.js';
import type { Hit, SearchFilter } from '../src/index/search.js';
import { ask } from '../src/query/ask.js';
import { lookupMetric } from '../src/query/metric.js';
import { seedFile, SEEDS, tempCorpus } from './helpers.js';
import { freshDatabase, SERVER_URL } from './pg.js';

const open: ReportIndex[] = [];
afterAll(() => open.forEach((i) => i.close()));

/** The engines compared with minisearch, each with where its index lives. */
const OTHERS: { name: string; location: (indexDir: string) => Partial<IndexLocation>; skip?: boolean }[] = [
  { name: 'FTS5', location: (indexDir) => ({ indexDir: join(indexDir, 'fts'), searchEngine: 'fts5' }) },
  {
    name: 'PostgreSQL',
    location: (indexDir) => ({ indexDir: join(indexDir, 'pg'), databaseUrl: freshDatabase() }),
    skip: !SERVER_URL,
  },
];

describe.each(OTHERS)('search engines: minisearch and $name', ({ location, skip }) => {
  async function both(): Promise<[ReportIndex, ReportIndex, { seedsDir: string }]> {
    const dirs = tempCorpus();
    const mini = await ReportIndex.open({ ...dirs, indexDir: join(dirs.indexDir, 'mini') });
    const other = await ReportIndex.open({ ...dirs, ...location(dirs.indexDir) });
    open.push(mini, other);
    return [mini, other, dirs];
  }

  /** Queries a user could type: the corpus's own fact labels, with and without a place and a year. */
  function requests(index: ReportIndex): { q: string; filter: SearchFilter }[] {
    const c = index.corpus;
    const labels = c.labelsOf().slice(0, 120);
    const places = c.placeNames;
    const years = c.yearsOf();
    return labels.flatMap((q, i) => [
      { q, filter: {} },
      { q, filter: { district: places[i % places.length] } },
      { q, filter: { year: years[i % years.length] } },
    ]);
  }

  function ranked(hits: Hit[]): { id: string; score: string; terms: string[] }[] {
    return hits.map((h) => ({ id: h.id, score: h.score.toPrecision(8), terms: [...h.terms].sort() }));
  }

  function expectSameRanking(a: ReportIndex, b: ReportIndex): void {
    const reqs = requests(a);
    expect(reqs.length).toBeGreaterThan(100);
    let nonEmpty = 0;
    for (const { q, filter } of reqs) {
      const hits = a.searchPassages(q, filter, 20);
      if (hits.length) nonEmpty++;
      expect(ranked(b.searchPassages(q, filter, 20)), `${q} ${JSON.stringify(filter)}`).toEqual(ranked(hits));
    }
    // Most labels are found: equality of two empty lists would prove nothing.
    expect(nonEmpty).toBeGreaterThan(reqs.length / 2);
  }

  /** Everything a command reads besides search: reports, counts, passages, facts, places, years, labels. */
  function expectSameCorpus(a: ReportIndex, b: ReportIndex): void {
    const [x, y] = [a.corpus, b.corpus];
    expect(y.reports).toEqual(x.reports);
    expect(y.passageCount).toBe(x.passageCount);
    expect(y.passages).toEqual(x.passages);
    expect(y.facts).toEqual(x.facts);
    expect(y.glossary).toEqual(x.glossary);
    expect(y.placeNames).toEqual(x.placeNames);
    expect(y.yearsOf()).toEqual(x.yearsOf());
    expect(y.labelsOf()).toEqual(x.labelsOf());
    for (const place of x.placeNames) {
      expect(y.yearsOf(place), place).toEqual(x.yearsOf(place));
      expect(y.labelsOf(place), place).toEqual(x.labelsOf(place));
      expect(y.factsIn(place), place).toEqual(x.factsIn(place));
      expect(new Map(y.labelsIn(place)), place).toEqual(new Map(x.labelsIn(place)));
      for (const label of x.labelsIn(place).keys())
        expect(y.factsWith(place, label)).toEqual(x.factsWith(place, label));
    }
    for (const r of x.reports) {
      expect(b.counts(r.doc)).toEqual(a.counts(r.doc));
      expect(b.passagesOf(r.doc)).toEqual(a.passagesOf(r.doc));
      expect(b.factsOf(r.doc)).toEqual(a.factsOf(r.doc));
      const p = a.passagesOf(r.doc)[3];
      if (p) expect(b.passage(p.id)).toEqual(p);
    }
    expect(b.passage('no-such-passage')).toBeUndefined();
  }

  /** An answer or its error, as text to compare. */
  function answerOf(fn: () => unknown): string {
    try {
      return JSON.stringify(fn());
    } catch (e) {
      return `error ${(e as Error).message}`;
    }
  }

  it.skipIf(skip)('rank the shipped reports alike, score for score', async () => {
    const [mini, fts] = await both();
    expectSameRanking(mini, fts);
    for (const word of ['绿地', '城市更新', '就业', '不存在的词语']) {
      expect(fts.documentFrequency(word)).toBe(mini.documentFrequency(word));
    }
  });

  it.skipIf(skip)('a corpus left in the store reads back as the one held in memory', async () => {
    const [mini, fts] = await both();
    expectSameCorpus(mini, fts);
  });

  it.skipIf(skip)('answer alike', async () => {
    const [mini, fts] = await both();
    let answered = 0;
    for (const place of mini.corpus.placeNames) {
      for (const topic of ['城市更新', '绿地', '养老服务', '营商环境']) {
        const q = `${place}的${topic}做了什么`;
        const a = answerOf(() => ask(mini, q));
        if (!a.startsWith('error')) answered++;
        expect(
          answerOf(() => ask(fts, q)),
          q,
        ).toBe(a);
        const year = mini.corpus.yearsOf(place).at(-1) ?? 0;
        const req = { district: place, year, query: topic };
        expect(
          answerOf(() => lookupMetric(fts, req)),
          q,
        ).toBe(answerOf(() => lookupMetric(mini, req)));
      }
    }
    expect(answered).toBeGreaterThan(5);
  });

  it.skipIf(skip)('still rank alike after reports are added, changed and removed', async () => {
    const [mini, fts, { seedsDir }] = await both();
    rmSync(join(seedsDir, seedFile(0)));
    appendFileSync(join(seedsDir, seedFile(1)), '\n新增公共绿地面积12.5公顷,建成口袋公园8座。\n');
    cpSync(join(SEEDS, seedFile(2)), join(seedsDir, `copy-${seedFile(2)}`));
    for (const index of [mini, fts]) {
      const summary = await index.refresh();
      expect(summary.removed).toEqual([seedFile(0)]);
      expect(summary.changed).toEqual([seedFile(1)]);
    }
    expectSameRanking(mini, fts);
    expectSameCorpus(mini, fts);
    const hits = fts.searchPassages('口袋公园', {}, 5);
    expect(hits.map((h) => fts.passage(h.id)?.doc)).toContain(seedFile(1));
    expect(fts.searchPassages('口袋公园', {}, 50).every((h) => fts.passage(h.id)?.doc !== seedFile(0))).toBe(true);
  });
});
