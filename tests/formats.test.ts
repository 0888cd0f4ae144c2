import { beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import PDFDocument from 'pdfkit';
import { ReportIndex } from '../src/index/build.js';
import { lookupMetric } from '../src/query/metric.js';
import { search } from '../src/query/search.js';
import { ask } from '../src/query/ask.js';
import { htmlText } from '../src/ingest/html.js';
import { FORMATS, fixtureDir, type FixtureFormat } from './fixtures/make.js';
import { seedIndex, squash, tempDir } from './helpers.js';
import { first } from '../src/list.js';

const indexes = new Map<FixtureFormat, ReportIndex>();
let seeds: ReportIndex;

async function openFormat(format: FixtureFormat): Promise<ReportIndex> {
  const root = tempDir(`format-${format}-`);
  cpSync(fixtureDir(format), join(root, 'seeds'), { recursive: true });
  return ReportIndex.open({ seedsDir: join(root, 'seeds'), indexDir: join(root, 'index') });
}

beforeAll(async () => {
  seeds = await seedIndex();
  for (const f of FORMATS) indexes.set(f, await openFormat(f));
}, 180_000);

const stem = (doc: string) => doc.replace(/\.[^.]+$/, '');

describe.each(FORMATS)('the %s copy of the seeds', (format) => {
  it('gives every report the same district, year, kind and periods as its text seed', () => {
    const got = indexes
      .get(format)!
      .corpus.reports.map((r) => [stem(r.doc), r.district, r.reportYear, r.kind, r.periods]);
    const want = seeds.corpus.reports.map((r) => [stem(r.doc), r.district, r.reportYear, r.kind, r.periods]);
    expect(got).toEqual(want);
  });

  it('answers /metric 徐汇 2024 绿地 with 14.15 公顷, cited into its own file', () => {
    const a = lookupMetric(indexes.get(format)!, { district: '徐汇', year: 2024, query: '绿地' });
    expect(a.best.fact.valueText).toBe('14.15');
    expect(a.best.fact.unit).toBe('公顷');
    expect(a.best.fact.period).toEqual({ year: 2024, kind: 'actual' });
    expect(a.best.fact.citation.doc).toMatch(format === 'pdf' ? /\.pdf$/ : format === 'html' ? /\.html$/ : /\.txt$/);
    if (format === 'pdf') expect(a.best.fact.citation.page).toBeGreaterThanOrEqual(1);
  });

  it('gives the same best figure as the text seed for nearly every metric of every report', () => {
    const index = indexes.get(format)!;
    let asked = 0;
    let same = 0;
    for (const report of seeds.corpus.reports) {
      const labels = [
        ...new Set(
          seeds.corpus.facts.filter((f) => f.citation.doc === report.doc).map((f) => `${f.period.year}|${f.label}`),
        ),
      ];
      for (const key of labels.slice(0, 40)) {
        const [year, label = ''] = key.split('|'); // built as `${year}|${label}` above
        const req = { district: report.district, year: Number(year), query: label };
        const want = lookupMetric(seeds, req).best.fact;
        asked++;
        try {
          const got = lookupMetric(index, req).best.fact;
          if (got.valueText === want.valueText && got.unit === want.unit && got.period.kind === want.period.kind)
            same++;
        } catch {
          // Counted as a difference.
        }
      }
    }
    expect(asked).toBeGreaterThan(150);
    expect(same / asked).toBeGreaterThanOrEqual(0.95);
  });
});

describe('web pages', () => {
  it('index the article only: no navigation, sidebar, comments, footer or script text', () => {
    const text = indexes
      .get('html')!
      .corpus.passages.map((p) => p.text)
      .join('\n');
    const seedText = seeds.corpus.passages.map((p) => p.text).join('\n');
    for (const chrome of [
      '站内搜索',
      '热点专题',
      '网友评论',
      '字体太小',
      'ICP备',
      '_hmt',
      '浏览次数',
      '分享到',
      '发表评论',
    ]) {
      expect(seedText, chrome).not.toContain(chrome);
      expect(text, chrome).not.toContain(chrome);
    }
  });

  it('cite lines of the extracted article text that hold the cited sentence', () => {
    const index = indexes.get('html')!;
    const a = lookupMetric(index, { district: '徐汇', year: 2024, query: '绿地' });
    const passage = index.passage(a.best.fact.passageId)!;
    expect(squash(passage.text)).toContain(squash(a.best.fact.excerpt));
    // The cited range, read back from the article text the page yields, holds the sentence: an off-by-one or a
    // line number of the page's HTML source would not.
    const { doc, lines } = a.best.fact.citation;
    const article = htmlText(readFileSync(join(index.location.seedsDir, doc))).split('\n');
    expect(squash(article.slice(lines[0] - 1, lines[1]).join(''))).toContain(squash(a.best.fact.excerpt));
  });
});

describe('PDFs', () => {
  it('keep table cells on their rows (长宁 2022 表 1: target and actual columns)', () => {
    const index = indexes.get('pdf')!;
    const rows = index.corpus.passages.filter(
      (p) => p.kind === 'table-row' && p.district === '上海长宁' && p.reportYear === 2022,
    );
    expect(rows.length).toBeGreaterThan(10);
    const seedRows = seeds.corpus.passages.filter(
      (p) => p.kind === 'table-row' && p.district === '上海长宁' && p.reportYear === 2022,
    );
    const firstCells = new Set(seedRows.map((p) => p.cells?.[0]).filter(Boolean));
    const kept = rows.filter((p) => firstCells.has(p.cells?.[0]));
    expect(kept.length / firstCells.size).toBeGreaterThan(0.8);
  });

  it('join lines wrapped at the page margin without a space between Chinese characters', () => {
    const text = indexes
      .get('pdf')!
      .corpus.passages.filter((p) => p.kind !== 'table-row')
      .map((p) => p.text)
      .join('\n');
    expect(text).not.toMatch(/\p{Script=Han} \p{Script=Han}/u);
    const long = indexes.get('pdf')!.corpus.passages.filter((p) => p.text.length > 200);
    expect(long.length).toBeGreaterThan(20);
  });

  it('skip a scanned PDF with no text layer and say OCR is not supported, indexing the rest', async () => {
    const root = tempDir('scan-');
    mkdirSync(join(root, 'seeds'));
    cpSync(fixtureDir('pdf'), join(root, 'seeds'), { recursive: true });
    writeFileSync(join(root, 'seeds', 'scan.pdf'), await imageOnlyPdf());
    writeFileSync(join(root, 'seeds', 'broken.pdf'), '%PDF-1.4 this is not really a pdf');
    const index = await ReportIndex.open({ seedsDir: join(root, 'seeds'), indexDir: join(root, 'index') });
    expect(index.corpus.skipped.find((s) => s.doc === 'scan.pdf')?.reason).toMatch(
      /no text layer.*OCR is not supported/,
    );
    expect(index.corpus.skipped.find((s) => s.doc === 'broken.pdf')?.reason).toBeTruthy();
    expect(index.corpus.reports).toHaveLength(5);
  });
});

describe('traditional characters', () => {
  it('a Big5 report is found with a simplified query and shown in its own characters', () => {
    const a = search(indexes.get('big5')!, { query: '架空线入地', district: '长宁' });
    expect(a.total).toBeGreaterThan(0);
    expect(first(a.hits).excerpt).toContain('架空線入地');
    expect(first(a.hits).marks.join('')).toContain('線');
  });

  it('a traditional question finds simplified reports', () => {
    const a = ask(seeds, '徐匯區2024年新增了多少綠地?');
    expect(first(a.sentences).text).toContain('14.15');
    const m = lookupMetric(seeds, { district: '徐匯區', year: 2024, query: '綠地' });
    expect(m.best.fact.valueText).toBe('14.15');
  });

  it('the cited lines of a Big5 report hold the shown excerpt, and the figure is titled in its characters', () => {
    const index = indexes.get('big5')!;
    const a = lookupMetric(index, { district: '徐汇', year: 2024, query: '绿地' });
    const f = a.best.fact;
    const raw = iconv.decode(readFileSync(join(index.location.seedsDir, f.citation.doc)), 'big5').split('\n');
    const cited = raw.slice(f.citation.lines[0] - 1, f.citation.lines[1]).join('');
    expect(f.original).toBeDefined();
    expect(squash(cited)).toContain(squash(f.original!));
    expect(`${a.best.label} ${a.best.display}`).toBe('新增各類綠地 14.15公頃');
  });
});

function imageOnlyPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.rect(50, 50, 400, 600).fill('#888');
  doc.end();
  return done;
}
