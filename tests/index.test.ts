import { describe, expect, it } from 'vitest';
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReportIndex } from '../src/index/build.js';
import MiniSearch from 'minisearch';
import { PassageSearch, SEARCH_OPTIONS, selectTerms, toIndexed } from '../src/index/search.js';
import { CacheKey, Lru } from '../src/index/lru.js';
import { IndexStore } from '../src/index/store.js';
import { DB_FILE } from '../src/index/db.js';
import { words } from '../src/text/tokenizer.js';
import { reportCode } from '../src/query/cite.js';
import { SEED_FILES, seedFile, tempCorpus } from './helpers.js';

describe('tokenizer', () => {
  it('keeps dictionary words whole', () => {
    for (const w of ['一般公共预算收入', '架空线入地', '认知障碍', '适老化', '社会消费品零售总额', '徐汇']) {
      expect(words(`今年${w}情况`), w).toContain(w);
    }
  });

  it('search mode also yields the parts of a compound, so 工程 finds 在建工程', () => {
    expect(words('在建工程')).toContain('工程');
  });

  it('drops punctuation and question words', () => {
    const ws = words('虹口的“三师联创”是什么?');
    expect(ws).not.toContain('?');
    expect(ws).not.toContain('什么');
  });
});

describe('the persisted index', () => {
  it('round-trips: a second open loads the same passages and answers the same search without rebuilding', async () => {
    const dirs = tempCorpus();
    const first = await ReportIndex.open(dirs);
    expect(existsSync(join(dirs.indexDir, DB_FILE))).toBe(true);
    const store = IndexStore.open(dirs.indexDir);
    expect(Object.keys(store.inputs()).sort()).toEqual(SEED_FILES);
    store.close();
    let progress = 0;
    const second = await ReportIndex.open(dirs, { onProgress: () => progress++ });
    expect(progress).toBe(0);
    expect(second.corpus.passages).toEqual(first.corpus.passages);
    expect(second.corpus.facts).toEqual(first.corpus.facts);
    expect(second.corpus.reports).toEqual(first.corpus.reports);
    const q = (i: ReportIndex) => i.searchPassages('架空线入地', {}, 5).map((h) => h.id);
    expect(q(second)).toEqual(q(first));
    expect(readdirSync(dirs.indexDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a file touched without changing is not read again, and is not re-read on the next open either', async () => {
    const dirs = tempCorpus();
    await ReportIndex.open(dirs);
    const file = join(dirs.seedsDir, seedFile(1));
    writeFileSync(file, readFileSync(file));
    let progress = 0;
    const index = await ReportIndex.open(dirs, { onProgress: () => progress++ });
    expect(progress).toBe(0);
    expect((await index.refresh()).reused).toBe(true);
  });

  it("adds and removes passages with their tokens exactly as minisearch's own add and remove would", async () => {
    const { passages } = (await ReportIndex.open(tempCorpus())).corpus;
    const ours = new PassageSearch();
    const theirs = new MiniSearch(SEARCH_OPTIONS);
    for (const p of passages) ours.addPassage(p);
    theirs.addAll(passages.map(toIndexed));
    expect(state(ours)).toEqual(state(theirs));
    const gone = passages.filter((_, i) => i % 3 === 0);
    for (const p of gone) ours.removePassage(p);
    theirs.removeAll(gone.map(toIndexed));
    expect(state(ours)).toEqual(state(theirs));
  });

  it('opens from the stored tokens into the same search state and ranking as the build', async () => {
    const dirs = tempCorpus();
    const built = await ReportIndex.open(dirs);
    const opened = await ReportIndex.open(dirs);
    const engine = (i: ReportIndex) => (i as unknown as { engine: PassageSearch }).engine;
    expect(state(engine(opened))).toEqual(state(engine(built)));
    for (const q of ['绿地', '架空线入地', '三师联创'])
      expect(opened.searchPassages(q, {}, 10)).toEqual(built.searchPassages(q, {}, 10));
  });

  it('a stale index is rebuilt for the changed file only', async () => {
    const dirs = tempCorpus();
    await ReportIndex.open(dirs);
    appendFileSync(join(dirs.seedsDir, seedFile(4)), '\n新增测试口袋公园 77 座。\n');
    const seen: string[] = [];
    const index = await ReportIndex.open(dirs, { onProgress: (_d, _t, doc) => seen.push(doc) });
    expect([...new Set(seen)]).toEqual([seedFile(4)]);
    const [hit] = index.searchPassages('测试口袋公园', {}, 1);
    expect(hit && index.passage(hit.id)?.text).toContain('77');
  });

  it('after files change, go and come back, searches rank as in an index built from scratch', async () => {
    const dirs = tempCorpus();
    const gone = join(dirs.seedsDir, seedFile(0));
    appendFileSync(gone, '\n新建测试专用水上乐园 3 座。\n');
    const content = readFileSync(gone);
    const live = await ReportIndex.open(dirs);
    const queries = ['绿地', '架空线入地', '养老', '测试口袋公园', '测试专用水上乐园', '三师联创'];
    const ranked = (i: ReportIndex) => queries.map((q) => i.searchPassages(q, {}, 10));
    const same = async () => {
      const scratch = await ReportIndex.open({ seedsDir: dirs.seedsDir, indexDir: tempCorpus().indexDir });
      const [a, b] = [ranked(live), ranked(scratch)];
      expect(a.map((hs) => hs.map((h) => h.id))).toEqual(b.map((hs) => hs.map((h) => h.id)));
      a.flat().forEach((h, k) => expect(h.score).toBeCloseTo(b.flat()[k]?.score ?? NaN, 6));
      return a;
    };
    appendFileSync(join(dirs.seedsDir, seedFile(4)), '\n新增测试口袋公园 77 座。\n');
    rmSync(gone);
    await live.refresh();
    const texts = (hits: { id: string }[]) => hits.map((h) => live.passage(h.id)!.text);
    expect(texts((await same())[4] ?? []).join('')).not.toContain('测试专用水上乐园');
    writeFileSync(gone, content);
    await live.refresh();
    expect(texts((await same())[4] ?? [])[0]).toContain('测试专用水上乐园');
  });

  it('a query leaves out a word found in most passages when a rarer one remains, else keeps the rarest', async () => {
    const index = await ReportIndex.open(tempCorpus());
    const having = (w: string) => index.corpus.passages.filter((p) => words(p.text).includes(w)).length;
    expect(having('建设')).toBeGreaterThan(50);
    expect(having('发展')).toBeGreaterThan(50);
    expect(having('建设')).toBeGreaterThan(having('发展'));
    expect(index.documentFrequency('建设')).toBe(having('建设'));
    const select = (terms: string[]) =>
      selectTerms(terms, (t) => index.documentFrequency(t), index.corpus.passages.length);
    expect(select(['建设', '架空线入地'])).toEqual(['架空线入地']);
    expect(select(['建设', '发展'])).toEqual(['发展']);
  });

  it('filters by district and year', async () => {
    const index = await ReportIndex.open(tempCorpus());
    const hits = index.searchPassages('绿地', { district: '徐汇', year: 2024 }, 20);
    expect(hits.length).toBeGreaterThan(0);
    for (const h of hits) {
      const p = index.passage(h.id)!;
      expect(p.district).toBe('徐汇');
      expect([p.period?.year, p.reportYear]).toContain(2024);
    }
  });
});

describe('the corpus view', () => {
  it('is replaced whole by a refresh that changes files, and kept by one that changes nothing', async () => {
    const dirs = tempCorpus();
    const index = await ReportIndex.open(dirs);
    const before = index.corpus;
    await index.refresh();
    expect(index.corpus).toBe(before);
    appendFileSync(join(dirs.seedsDir, seedFile(4)), '\n新增测试口袋公园 77 座。\n');
    await index.refresh();
    expect(index.corpus).not.toBe(before);
    expect(index.corpus.passages.length).toBe(before.passages.length + 1);
    expect(before.passages.some((p) => p.text.includes('测试口袋公园'))).toBe(false);
  });

  it.each(['minisearch', 'fts5'] as const)(
    'with %s, a second copy of a report cites with its own suffix, and takes the plain code once the first goes',
    async (searchEngine) => {
      const dirs = { ...tempCorpus(), searchEngine };
      const copy = `zz_${seedFile(0)}`;
      writeFileSync(join(dirs.seedsDir, copy), readFileSync(join(dirs.seedsDir, seedFile(0))));
      const index = await ReportIndex.open(dirs);
      const code = (doc: string) => reportCode(index.corpus.reports.find((r) => r.doc === doc)!);
      const plain = code(seedFile(0));
      expect(code(copy)).toMatch(new RegExp(`^${plain}~[0-9a-f]{4,}$`));
      rmSync(join(dirs.seedsDir, seedFile(0)));
      await index.refresh();
      expect(code(copy)).toBe(plain);
      index.close();
    },
  );

  it('has the years, labels and places of its facts and reports', async () => {
    const { corpus } = await ReportIndex.open(tempCorpus());
    const xuhui = corpus.facts.filter((f) => f.district === '徐汇');
    expect(corpus.yearsOf('徐汇')).toEqual([...new Set(xuhui.map((f) => f.period.year))].sort((a, b) => a - b));
    expect(corpus.yearsOf('没有这个地方')).toEqual([]);
    expect(new Set(corpus.labelsOf('徐汇'))).toEqual(new Set(xuhui.map((f) => f.label)));
    const uses = corpus.labelsOf().map((l) => corpus.facts.filter((f) => f.label === l).length);
    expect(uses).toEqual([...uses].sort((a, b) => b - a));
    expect([...corpus.placeNames].sort()).toEqual([...new Set(corpus.reports.map((r) => r.district))].sort());
    expect(corpus.label('新增各类绿地').words).toContain('绿地');
  });

  it('keeps what users type in bounded caches that go with it', async () => {
    const dirs = tempCorpus();
    const index = await ReportIndex.open(dirs);
    const key = new CacheKey<number>('test', 3);
    for (let i = 0; i < 5; i++) index.corpus.cache(key).set(`q${i}`, i);
    expect(index.corpus.cache(key).size).toBe(3);
    expect(index.corpus.cache(key).get('q0')).toBeUndefined();
    expect(index.corpus.cache(key).get('q4')).toBe(4);
    appendFileSync(join(dirs.seedsDir, seedFile(0)), '\n新建测试专用水上乐园 3 座。\n');
    await index.refresh();
    expect(index.corpus.cache(key).size).toBe(0);
  });
});

describe('Lru', () => {
  it('drops the least recently used entry, counting a read as a use', () => {
    const lru = new Lru<string, number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    lru.get('a');
    lru.set('c', 3);
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual([1, undefined, 3]);
  });
});

describe('a large build', () => {
  it('reads files in worker threads and gives the same index as reading them in one thread', async () => {
    const one = await ReportIndex.open(tempCorpus(), { workers: 1 });
    const two = await ReportIndex.open(tempCorpus(), { workers: 2 });
    expect(two.corpus.passages).toEqual(one.corpus.passages);
    expect(two.corpus.facts).toEqual(one.corpus.facts);
    const q = (i: ReportIndex) => i.searchPassages('架空线入地', {}, 5).map((h) => [h.id, h.score]);
    expect(q(two)).toEqual(q(one));
  });
});

/** minisearch's own JSON of an index, with its terms in one order: the order of a radix tree's keys is not kept. */
function state(index: MiniSearch): unknown {
  const json = index.toJSON();
  return { ...json, index: [...json.index].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) };
}
