import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { docxLines } from '../src/ingest/docx.js';
import { ingestFile, unsupportedReason } from '../src/ingest/formats.js';
import { UnreadableFile } from '../src/ingest/decode.js';
import { ReportIndex } from '../src/index/build.js';
import { initTokenizer } from '../src/text/tokenizer.js';
import type { Line } from '../src/ingest/clean.js';
import type { IngestedReport } from '../src/ingest/ingest.js';
import { SEED_FILES, SEEDS, squash, tempDir } from './helpers.js';
import { first } from '../src/list.js';

const CORPUS = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const ROOT = join(import.meta.dirname, '..');
const BEIJING = 'beijing-2025-gov-report.docx';
const CORPUS_DOCX = readdirSync(CORPUS)
  .filter((f) => f.endsWith('.docx'))
  .sort();

// ---- Reading a .docx's XML independently of mammoth, to check what the product says against the file itself.

/** One entry of a zip file (stored or deflated). */
function zipEntry(zip: Buffer, name: string): Buffer {
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
    const method = zip.readUInt16LE(p + 10);
    const size = zip.readUInt32LE(p + 20);
    const nameLen = zip.readUInt16LE(p + 28);
    const local = zip.readUInt32LE(p + 42);
    if (zip.toString('utf8', p + 46, p + 46 + nameLen) === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + size);
      return method === 8 ? inflateRawSync(data) : data;
    }
    p += 46 + nameLen + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  throw new Error(`${name} is not in the zip`);
}

const unescapeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of each non-empty <w:p> of word/document.xml, in order: what Word shows as paragraphs. */
function wordParagraphs(docx: Buffer): string[] {
  const xml = zipEntry(docx, 'word/document.xml').toString('utf8');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((m) => unescapeXml([...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')).trim())
    .filter(Boolean);
}

// ---- Writing a small .docx (stored zip), for what the corpus files do not hold: tables, blank paragraphs, breaks.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function storedZip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt32LE(crc32(data), 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(nameBytes.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    central.push(dir, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length / 2, 8);
  end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}

const p = (...runs: string[]) => `<w:p>${runs.map((r) => `<w:r>${r}</w:r>`).join('')}</w:p>`;
const t = (s: string) => `<w:t xml:space="preserve">${s}</w:t>`;
const row = (...cells: string[]) => `<w:tr>${cells.map((c) => `<w:tc>${p(t(c))}</w:tc>`).join('')}</w:tr>`;

function makeDocx(body: string): Buffer {
  return storedZip({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    'word/document.xml': `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  });
}

/** A district report with a blank paragraph, a soft line break and a table, as Word files have them. */
const SMALL_REPORT = makeDocx(
  [
    p(t('2025年徐汇区政府工作报告')),
    p(),
    p(t('各位代表：')),
    p(t('一、2024年工作回顾')),
    p(t('全年新增各类绿地14.15公顷。'), '<w:br/>', t('城镇新增就业2.1万人。')),
    `<w:tbl>${row('指标', '2024年', '增长')}${row('地区生产总值（亿元）', '3016.5', '5.2%')}</w:tbl>`,
    p(),
    p(t('以上数据为快报数，全年地区生产总值增长5.2%。')),
  ].join(''),
);

/** Which docx lines a citation's range covers, whitespace-free. */
function cited(lines: Line[], range: [number, number]): string {
  return squash(
    lines
      .filter((l) => l.no >= range[0] && l.no <= range[1])
      .map((l) => l.text)
      .join(''),
  );
}

beforeAll(() => initTokenizer());

describe('docxLines on the real Word reports', () => {
  it('reads the Beijing 2025 report paragraph by paragraph, text as written (full-width punctuation kept)', async () => {
    const lines = await docxLines(readFileSync(join(CORPUS, BEIJING)));
    // The file has 87 non-empty paragraphs (short paragraphs, long ones: ~26,000 characters in all).
    expect(lines).toHaveLength(87);
    expect(lines.map((l) => l.no)).toEqual(lines.map((_, i) => i + 1));
    expect(first(lines).text).toBe('2025年北京市政府工作报告');
    const session = lines.find((l) => l.text.includes('北京市第十六届人民代表大会第三次会议'));
    expect(session?.no).toBe(3);
    expect(lines.find((l) => l.text === '各位代表：')?.no).toBe(4);
    expect(lines.find((l) => l.text.includes('细颗粒物年均浓度30.5微克/立方米'))?.no).toBe(12);
    for (const l of lines) expect(l.text).toBe(l.text.trim());
  });

  it('numbers every corpus .docx by its non-empty Word paragraphs, so line N is the Nth paragraph of the file', async () => {
    expect(CORPUS_DOCX.length).toBeGreaterThanOrEqual(30);
    for (const f of CORPUS_DOCX) {
      const bytes = readFileSync(join(CORPUS, f));
      const paragraphs = wordParagraphs(bytes);
      const lines = await docxLines(bytes);
      expect(
        lines.map((l) => squash(l.text)),
        f,
      ).toEqual(paragraphs.map(squash));
      // No corpus .docx has a Word table; the table path is covered with a generated file below.
      expect(
        lines.some((l) => l.cells),
        f,
      ).toBe(false);
    }
  });

  it('a table row is one line with its cells; blank paragraphs are not counted; a soft break stays in its paragraph', async () => {
    const lines = await docxLines(SMALL_REPORT);
    expect(lines).toEqual([
      { no: 1, text: '2025年徐汇区政府工作报告' },
      { no: 2, text: '各位代表：' },
      { no: 3, text: '一、2024年工作回顾' },
      { no: 4, text: '全年新增各类绿地14.15公顷。 城镇新增就业2.1万人。' },
      { no: 5, text: '指标 2024年 增长', cells: ['指标', '2024年', '增长'] },
      { no: 6, text: '地区生产总值（亿元） 3016.5 5.2%', cells: ['地区生产总值（亿元）', '3016.5', '5.2%'] },
      { no: 7, text: '以上数据为快报数，全年地区生产总值增长5.2%。' },
    ]);
  });

  it('a corrupt .docx, an empty one and an old .doc renamed .docx are unreadable, with what to do', async () => {
    const corrupt = docxLines(randomBytes(4096));
    await expect(corrupt).rejects.toBeInstanceOf(UnreadableFile);
    await expect(corrupt).rejects.toThrow(/不是有效的 Word \.docx.*另存为/);
    const beijing = readFileSync(join(CORPUS, BEIJING));
    await expect(docxLines(beijing.subarray(0, beijing.length / 2))).rejects.toThrow(/not a readable \.docx/);
    await expect(docxLines(new Uint8Array(0))).rejects.toThrow(/empty/);
    const oleHeader = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(2048),
    ]);
    await expect(docxLines(oleHeader)).rejects.toThrow(/旧版 Word\(\.doc\)或加密/);
    await expect(docxLines(makeDocx(p() + p()))).rejects.toThrow(/no text/);
  });
});

describe('ingesting a .docx', () => {
  let beijing: IngestedReport;
  let beijingLines: Line[];
  beforeAll(async () => {
    const bytes = readFileSync(join(CORPUS, BEIJING));
    beijing = await ingestFile(BEIJING, bytes);
    beijingLines = await docxLines(bytes);
  });

  it('is a docx report of Beijing for 2025 with its sections', () => {
    expect(beijing.meta.format).toBe('docx');
    expect(beijing.meta.reportYear).toBe(2025);
    expect(beijing.meta.district).toContain('北京');
    const sections = new Set(beijing.passages.map((x) => x.section));
    expect([...sections].some((s) => s.startsWith('一、2024年工作回顾'))).toBe(true);
    expect([...sections].some((s) => s.startsWith('二、2025年工作总体要求和重点任务'))).toBe(true);
  });

  it('every sentence cites the paragraph numbers that hold it in the Word file', () => {
    const sentences = beijing.passages.flatMap((x) => x.sentences);
    expect(sentences.length).toBeGreaterThan(200);
    for (const s of sentences) {
      expect(s.lines[0]).toBeGreaterThanOrEqual(1);
      expect(s.lines[1]).toBeLessThanOrEqual(beijingLines.length);
      expect(cited(beijingLines, s.lines), s.text).toContain(squash(s.text));
    }
    const pm25 = sentences.find((s) => s.text.includes('细颗粒物年均浓度30.5微克/立方米'));
    expect(pm25?.lines).toEqual([12, 12]);
  });

  it('keeps a Word table row as a table-row passage with its cells, cited to the row', async () => {
    const report = await ingestFile('xuhui-2025.docx', SMALL_REPORT);
    const lines = await docxLines(SMALL_REPORT);
    const gdp = report.passages.find((x) => x.text.includes('3016.5'));
    expect(gdp?.kind).toBe('table-row');
    expect(gdp?.cells?.map((c) => c.normalize('NFKC'))).toEqual(['地区生产总值(亿元)', '3016.5', '5.2%']);
    expect(gdp?.lines).toEqual([6, 6]);
    const after = report.passages.flatMap((x) => x.sentences).find((s) => s.text.includes('快报数'));
    expect(after?.lines).toEqual([7, 7]);
    for (const s of report.passages.flatMap((x) => x.sentences))
      expect(cited(lines, s.lines)).toContain(squash(s.text));
  });
});

describe('files the product cannot read are listed, not dropped', () => {
  it('names the type and says what to do', () => {
    expect(unsupportedReason('2019年报告.DOC')).toMatch(/旧版 Word 格式\(\.doc\)无法读取.*另存为 \.docx 或 \.txt/);
    expect(unsupportedReason('scan.jpeg')).toMatch(/OCR/);
    expect(unsupportedReason('reports.zip')).toMatch(/解压/);
    expect(unsupportedReason('report.docx')).toBeUndefined();
    expect(unsupportedReason('report.txt')).toBeUndefined();
    expect(unsupportedReason('report.txt.meta.json')).toBeUndefined();
  });

  it('an index over a folder with a corrupt .docx, a .doc and an image skips those by name and indexes the rest', async () => {
    const root = tempDir('docx-');
    const seedsDir = join(root, 'seeds');
    const indexDir = join(root, 'index');
    mkdirSync(seedsDir);
    copyFileSync(join(SEEDS, first(SEED_FILES)), join(seedsDir, 'good.txt'));
    copyFileSync(join(CORPUS, BEIJING), join(seedsDir, BEIJING));
    writeFileSync(join(seedsDir, 'broken.docx'), randomBytes(2000));
    writeFileSync(
      join(seedsDir, 'old-2019.doc'),
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(2000)]),
    );
    writeFileSync(join(seedsDir, 'scan.png'), randomBytes(500));
    // Not reports: a hidden file and the lock file Word leaves beside an open document.
    writeFileSync(join(seedsDir, '.DS_Store'), randomBytes(100));
    writeFileSync(join(seedsDir, `~$${BEIJING}`), randomBytes(162));

    const logs: string[] = [];
    const index = await ReportIndex.open({ seedsDir, indexDir }, { log: (m) => logs.push(m) });
    const skipped = Object.fromEntries(index.corpus.skipped.map((s) => [s.doc, s.reason]));
    expect(Object.keys(skipped).sort()).toEqual(['broken.docx', 'old-2019.doc', 'scan.png']);
    expect(skipped['broken.docx']).toMatch(/不是有效的 Word \.docx/);
    expect(skipped['old-2019.doc']).toBe(unsupportedReason('x.doc'));
    expect(skipped['scan.png']).toMatch(/OCR/);
    expect(
      logs
        .filter((l) => l.startsWith('skipped '))
        .map((l) => l.split(':')[0])
        .sort(),
    ).toEqual(['skipped broken.docx', 'skipped old-2019.doc', 'skipped scan.png']);
    expect(index.corpus.reports.map((r) => [r.doc, r.format])).toEqual([
      [BEIJING, 'docx'],
      ['good.txt', 'text'],
    ]);
    expect(index.passagesOf(BEIJING).length).toBeGreaterThan(50);

    // The CLI's index command prints them, from the persisted index.
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'src/adapters/cli.ts', 'index'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, SEEDS_DIR: seedsDir, INDEX_DIR: indexDir },
    });
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stdout).toContain('2 reports');
    expect(cli.stdout).toContain(`skipped old-2019.doc: ${unsupportedReason('x.doc')}`);
    expect(cli.stdout).toContain('skipped broken.docx: 不是有效的 Word .docx');
    expect(cli.stdout).toContain('skipped scan.png: 图片需先做文字识别(OCR)');

    // Converting the .doc and removing it takes it off the list.
    rmSync(join(seedsDir, 'old-2019.doc'));
    const summary = await index.refresh();
    expect(summary.removed).toEqual(['old-2019.doc']);
    expect(index.corpus.skipped.map((s) => s.doc).sort()).toEqual(['broken.docx', 'scan.png']);
  });
});
