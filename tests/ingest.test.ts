import { describe, expect, it, beforeAll } from 'vitest';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { ReportIndex } from '../src/index/build.js';
import { ReportIndex as Index } from '../src/index/build.js';
import { ingestText } from '../src/ingest/ingest.js';
import { decode } from '../src/ingest/decode.js';
import { rawLines, SEEDS, SEED_FILES, seedIndex, squash, tempCorpus } from './helpers.js';

let index: ReportIndex;
beforeAll(async () => {
  index = await seedIndex();
});

/** A seed report by its place in the sorted seeds folder, which holds five. */
function seedFile(i: number): string {
  const name = SEED_FILES[i];
  if (name === undefined) throw new Error(`no seed report #${i}`);
  return name;
}

const CHROME = [
  '设为首页',
  '复制链接',
  'TA的每日心情',
  '签到天数',
  'Rank:',
  '发表于',
  '您需要登录后才可以回帖',
  'Powered by',
  '返回顶部',
  '相关热词搜索',
  '留言咨询',
  '出错页面的地址',
  '浏览量',
  '客服中心',
  '联系电话',
];

describe('cleaning the shipped reports', () => {
  it('indexes no page chrome: forum panels, feedback forms, tag clouds', () => {
    const all = index.corpus.passages.map((p) => `${p.text}\n${p.section}`).join('\n');
    for (const c of CHROME) expect(all, c).not.toContain(c);
  });

  it('strips the " ?" artifacts that the converter left at line ends', () => {
    for (const p of index.corpus.passages) expect(p.text, p.id).not.toMatch(/\s\?|\?$/);
    expect(index.corpus.passages.some((p) => p.section.startsWith('一、2019年工作回顾'))).toBe(true);
  });

  it('rejoins a sentence broken across lines, even across a blank line', () => {
    const joined = index.corpus.passages.find((p) => p.text.includes('举办高端研讨会。'));
    expect(joined).toBeDefined();
    expect(joined!.lines[1]).toBeGreaterThan(joined!.lines[0]);
    const gdp = index.corpus.passages.find((p) => p.text.includes('同比增长11%左右;区级一般公共预算收入'));
    expect(gdp).toBeDefined();
  });

  it('splits a run of "(一)…(二)…" tasks on one line into separate items', () => {
    const items = index.corpus.passages.filter((p) => p.doc.startsWith('003') && p.kind === 'item');
    expect(items.length).toBeGreaterThan(50);
    expect(items.find((p) => p.text.startsWith('(二)实现年度社会消费品零售总额'))?.text).toBe(
      '(二)实现年度社会消费品零售总额达到800亿元人民币。',
    );
  });

  it('keeps table rows as rows with their cells', () => {
    const row = index.corpus.passages.find((p) => p.kind === 'table-row' && p.cells?.includes('高新技术企业数'));
    expect(row?.cells).toEqual(['10', '高新技术企业数', '370家', '375家']);
    expect(row?.header).toEqual(['序号', '指标名称', '2021年目标值', '预计完成值']);
  });
});

describe('metadata inferred from the reports themselves', () => {
  const expected = [
    [
      '000',
      '上海长宁',
      2020,
      '政府工作报告',
      [
        [2019, 'actual'],
        [2020, 'target'],
      ],
    ],
    [
      '001',
      '上海长宁',
      2022,
      '计划执行情况与计划草案报告',
      [
        [2021, 'actual'],
        [2022, 'target'],
      ],
    ],
    [
      '002',
      '虹口',
      2024,
      '政府工作报告',
      [
        [2023, 'actual'],
        [2024, 'target'],
      ],
    ],
    ['003', '静安', 2020, '重点工作目标安排', [[2020, 'target']]],
    [
      '004',
      '徐汇',
      2025,
      '政府工作报告',
      [
        [2024, 'actual'],
        [2025, 'target'],
      ],
    ],
  ] as const;
  for (const [prefix, district, year, kind, periods] of expected) {
    it(`report ${prefix} is ${district} ${year} ${kind}`, () => {
      const meta = index.corpus.reports.find((r) => r.doc.startsWith(prefix))!;
      expect(meta).toMatchObject({ district, reportYear: year, kind });
      expect(meta.periods.map((p) => [p.year, p.kind])).toEqual(periods);
    });
  }

  it("a 2025 report's review section is about 2024 and its tasks about 2025", () => {
    const xuhui = index.corpus.passages.filter((p) => p.doc.startsWith('004'));
    expect(xuhui.find((p) => p.text.includes('新增各类绿地14.15公顷'))?.period).toEqual({ year: 2024, kind: 'actual' });
    expect(xuhui.find((p) => p.text.includes('新增各类绿地10公顷'))?.period).toEqual({ year: 2025, kind: 'target' });
    expect(xuhui.find((p) => p.section.startsWith('三、'))?.period).toEqual({ year: 2025, kind: 'target' });
  });

  it('the glossary (用语解释) is kept as definitions with their terms', () => {
    const entry = index.corpus.passages.find((p) => p.kind === 'glossary' && p.term === '三师联创');
    expect(entry?.text).toContain('责任规划师、责任建筑师、责任评估师');
    expect(entry?.period).toBeNull();
  });

  it('a sidecar overrides what was inferred', async () => {
    const dirs = tempCorpus();
    writeFileSync(
      join(dirs.seedsDir, `${seedFile(4)}.meta.json`),
      JSON.stringify({ district: '徐汇', reportYear: 2025, title: '徐汇区人民政府工作报告(2025)' }),
    );
    const idx = await Index.open(dirs);
    expect(idx.report(seedFile(4))).toMatchObject({ title: '徐汇区人民政府工作报告(2025)', overridden: true });
  });

  it('a sidecar added beside a stored report is read at the next refresh, and removing it undoes it', async () => {
    const dirs = tempCorpus();
    const inferred = (await Index.open(dirs)).report(seedFile(4))?.title;
    const sidecar = join(dirs.seedsDir, `${seedFile(4)}.meta.json`);
    writeFileSync(sidecar, JSON.stringify({ title: '徐汇区人民政府工作报告(2025)' }));
    const idx = await Index.open(dirs);
    expect(idx.report(seedFile(4))).toMatchObject({ title: '徐汇区人民政府工作报告(2025)', overridden: true });
    rmSync(sidecar);
    expect((await idx.refresh()).changed).toEqual([seedFile(4)]);
    expect(idx.report(seedFile(4))?.title).toBe(inferred);
  });
});

describe('provenance', () => {
  it("every sentence's cited raw lines contain its text", () => {
    const cache = new Map<string, string[]>();
    let checked = 0;
    for (const p of index.corpus.passages) {
      const raw = cache.get(p.doc) ?? rawLines(p.doc);
      cache.set(p.doc, raw);
      for (const s of p.sentences) {
        const lines = p.kind === 'table-row' ? p.lines : s.lines;
        const cited = squash(raw.slice(lines[0] - 1, lines[1]).join('')).replace(/[\uE000-\uF8FF●•■]/g, '');
        // A PDF table row wrapped over several lines is rebuilt cell by cell; each cell's text is in the cited lines.
        const parts = p.kind === 'table-row' && p.cells ? p.cells.filter(Boolean) : [s.text];
        for (const part of parts)
          expect(cited, `${p.id} ${s.text}`).toContain(
            squash(part)
              .replace(/●/g, '')
              .slice(0, p.kind === 'table-row' ? 4 : 12),
          );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1500);
  });
});

describe('encodings and bad files', () => {
  it('a GB18030-encoded copy of a seed gives the same passages', () => {
    const utf8 = readFileSync(join(SEEDS, seedFile(2)));
    const gbk = iconv.encode(utf8.toString('utf8'), 'gb18030');
    expect(decode(gbk).encoding).toBe('gb18030');
    const a = ingestText('x.txt', utf8);
    const b = ingestText('x.txt', gbk);
    expect(b.meta).toEqual(a.meta);
    expect(b.passages.map((p) => [p.text, p.lines])).toEqual(a.passages.map((p) => [p.text, p.lines]));
  });

  it('a UTF-8 file with a BOM reads like one without', () => {
    const utf8 = readFileSync(join(SEEDS, seedFile(4)));
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]);
    expect(ingestText('x.txt', bom).passages.map((p) => p.text)).toEqual(
      ingestText('x.txt', utf8).passages.map((p) => p.text),
    );
  });

  it('an empty file, a binary file and a 10 MB single line are each reported and skipped; the rest is indexed', async () => {
    const dirs = tempCorpus();
    writeFileSync(join(dirs.seedsDir, 'empty.txt'), '');
    writeFileSync(
      join(dirs.seedsDir, 'binary.txt'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
    );
    writeFileSync(join(dirs.seedsDir, 'oneline.txt'), '发展'.repeat((5 * 1024 * 1024) / 3 + 1));
    const logs: string[] = [];
    const idx = await Index.open(dirs, { log: (m) => logs.push(m) });
    expect(idx.corpus.reports).toHaveLength(5);
    const skipped = Object.fromEntries(idx.corpus.skipped.map((s) => [s.doc, s.reason]));
    expect(skipped['empty.txt']).toMatch(/empty/);
    expect(skipped['binary.txt']).toMatch(/binary/);
    expect(skipped['oneline.txt']).toMatch(/single line/);
    expect(logs.filter((l) => l.startsWith('skipped'))).toHaveLength(3);
    rmSync(dirs.seedsDir, { recursive: true, force: true });
  });
});
