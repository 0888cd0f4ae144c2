/**
 * Files an unlucky admin or a careful attacker could leave in the reports folder, each built through the real
 * pipeline next to a good report: the build finishes, the good report is still answered, and the bad entry is
 * named with what is really wrong with it.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReportIndex } from '../src/index/build.js';
import { lookupMetric } from '../src/query/metric.js';
import { search } from '../src/query/search.js';
import { listReports } from '../src/query/reports.js';
import { renderReports } from '../src/render/text.js';
import { citePassage } from '../src/query/context.js';
import { citeId } from '../src/query/cite.js';
import { decode } from '../src/ingest/decode.js';
import { errorReason } from '../src/ingest/files.js';
import { loadConfig, ConfigError } from '../src/config.js';
import { fixtureDir } from './fixtures/make.js';
import { SEEDS, tempDir } from './helpers.js';
import { last } from '../src/list.js';

/** The 徐汇 2025 report: /metric 徐汇 2024 绿地 → 14.15 公顷 on line 5. */
const GOOD = '004_ac793ded085856f1.txt';
const GREEN = '新增各类绿地14.15公顷';

interface Built {
  index: ReportIndex;
  seedsDir: string;
  logs: string[];
}

/** A reports folder holding the good report and whatever `arrange` adds, indexed from scratch. */
async function build(arrange: (seedsDir: string) => void, maxReportBytes?: number): Promise<Built> {
  const root = tempDir('faults-');
  const seedsDir = join(root, 'seeds');
  mkdirSync(seedsDir);
  copyFileSync(join(SEEDS, GOOD), join(seedsDir, GOOD));
  arrange(seedsDir);
  const logs: string[] = [];
  const index = await ReportIndex.open(
    { seedsDir, indexDir: join(root, 'index'), maxReportBytes },
    { log: (m) => logs.push(m) },
  );
  return { index, seedsDir, logs };
}

function expectGoodReportAnswered(index: ReportIndex): void {
  const a = lookupMetric(index, { district: '徐汇', year: 2024, query: '绿地' });
  expect(a.best.fact).toMatchObject({ valueText: '14.15', unit: '公顷' });
  expect(a.best.fact.citation.doc).toBe(GOOD);
}

const skipReason = (index: ReportIndex, doc: string) => index.corpus.skipped.find((s) => s.doc === doc)?.reason;
const warningsOf = (index: ReportIndex, doc: string) =>
  index.corpus.warnings.filter((w) => w.doc === doc).map((w) => w.warning);

const hasMkfifo = (() => {
  try {
    execFileSync('sh', ['-c', 'command -v mkfifo'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const isRoot = process.getuid?.() === 0;

describe('sidecars that are not regular files', () => {
  it.skipIf(!hasMkfifo)(
    'a named pipe as the sidecar is not opened: the build finishes and the report is indexed without it',
    async () => {
      const { index, logs } = await build((dir) => execFileSync('mkfifo', [join(dir, `${GOOD}.meta.json`)]));
      expectGoodReportAnswered(index);
      expect(warningsOf(index, GOOD).join('\n')).toMatch(/meta\.json: a named pipe \(FIFO\), not a regular file/);
      expect(logs.join('\n')).toMatch(/sidecar is ignored/);
    },
  );

  it('a sidecar linked to /dev/zero is refused without reading, not read until memory runs out', async () => {
    const { index } = await build((dir) => symlinkSync('/dev/zero', join(dir, `${GOOD}.meta.json`)));
    expectGoodReportAnswered(index);
    expect(warningsOf(index, GOOD).join('\n')).toMatch(/\/dev\/zero \(a device\)/);
  });

  it('a folder named like a sidecar does not drop its report', async () => {
    const { index } = await build((dir) => mkdirSync(join(dir, `${GOOD}.meta.json`)));
    expectGoodReportAnswered(index);
    expect(index.corpus.skipped).toEqual([]);
    expect(warningsOf(index, GOOD).join('\n')).toMatch(/a folder, not a regular file/);
  });

  it('the warning is kept with the report when the index is reused, and goes when the sidecar is fixed', async () => {
    const { index, seedsDir } = await build((dir) => writeFileSync(join(dir, `${GOOD}.meta.json`), '{ not json'));
    expect(warningsOf(index, GOOD).join('\n')).toMatch(/not valid JSON/);
    const reopened = await ReportIndex.open(index.location);
    expect(warningsOf(reopened, GOOD).join('\n')).toMatch(/not valid JSON/);
    writeFileSync(join(seedsDir, `${GOOD}.meta.json`), JSON.stringify({ district: '徐汇' }));
    const summary = await reopened.refresh();
    expect(summary.changed).toEqual([GOOD]);
    expect(warningsOf(reopened, GOOD)).toEqual([]);
  });
});

describe('links and odd files among the reports', () => {
  it('a link to /etc/passwd is refused as pointing outside the folder, never listed as a report', async () => {
    const { index } = await build((dir) => symlinkSync('/etc/passwd', join(dir, 'passwd.txt')));
    expectGoodReportAnswered(index);
    expect(index.corpus.reports.map((r) => r.doc)).toEqual([GOOD]);
    expect(skipReason(index, 'passwd.txt')).toMatch(/symbolic link to \/etc\/passwd, outside the reports folder/);
    expect(search(index, { query: 'root' }).hits).toEqual([]);
  });

  it('a link to a report inside the folder is followed', async () => {
    const { index } = await build((dir) => symlinkSync(GOOD, join(dir, 'linked.txt')));
    expect(index.corpus.reports.map((r) => r.doc)).toEqual([GOOD, 'linked.txt']);
  });

  it('a symlink loop says it is a loop, not that the file is empty', async () => {
    const { index } = await build((dir) => {
      symlinkSync('loop-b.txt', join(dir, 'loop-a.txt'));
      symlinkSync('loop-a.txt', join(dir, 'loop-b.txt'));
    });
    expectGoodReportAnswered(index);
    for (const doc of ['loop-a.txt', 'loop-b.txt']) {
      expect(skipReason(index, doc)).toMatch(/symbolic link loop/);
      expect(skipReason(index, doc)).not.toMatch(/empty/);
    }
  });

  it('a broken link says the target does not exist', async () => {
    const { index } = await build((dir) => symlinkSync('gone.txt', join(dir, 'broken.txt')));
    expect(skipReason(index, 'broken.txt')).toMatch(/does not exist/);
  });

  it('a folder named like a report is refused by name', async () => {
    const { index } = await build((dir) => mkdirSync(join(dir, '2025.txt')));
    expectGoodReportAnswered(index);
    expect(skipReason(index, '2025.txt')).toMatch(/a folder, not a regular file/);
  });

  it.skipIf(!hasMkfifo)('a named pipe named like a report is refused without being opened', async () => {
    const { index } = await build((dir) => execFileSync('mkfifo', [join(dir, 'pipe.txt')]));
    expectGoodReportAnswered(index);
    expect(skipReason(index, 'pipe.txt')).toMatch(/named pipe/);
  });

  // root reads any file whatever its mode, so there is nothing to refuse.
  it.skipIf(isRoot)('an unreadable file says permission denied, not that the file is empty', async () => {
    const { index } = await build((dir) => {
      copyFileSync(join(SEEDS, GOOD), join(dir, 'locked.txt'));
      chmodSync(join(dir, 'locked.txt'), 0o000);
    });
    expectGoodReportAnswered(index);
    expect(skipReason(index, 'locked.txt')).toMatch(/permission denied/);
  });

  it('a permission error reads as one, whoever runs the tests', () => {
    expect(errorReason(Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES' }))).toMatch(
      /^permission denied.*permissions/,
    );
    expect(errorReason(Object.assign(new Error('ELOOP'), { code: 'ELOOP' }))).toMatch(/loop/);
  });
});

describe('the per-file size limit', () => {
  it('a file over the limit is skipped by its size, with how to raise the limit', async () => {
    const good = readFileSync(join(SEEDS, GOOD));
    const { index } = await build(
      (dir) => writeFileSync(join(dir, 'huge.txt'), Buffer.concat([good, good, good])),
      good.length + 1,
    );
    expectGoodReportAnswered(index);
    expect(skipReason(index, 'huge.txt')).toMatch(/over the limit of 33\.\d KB per file.*MAX_REPORT_BYTES/);
  });

  it('is read from MAX_REPORT_BYTES, with units, and sized for real reports by default', () => {
    const cwd = tempDir('config-');
    expect(loadConfig({}, cwd).maxReportBytes).toBe(20 * 1024 * 1024);
    expect(loadConfig({ MAX_REPORT_BYTES: '50MB' }, cwd).maxReportBytes).toBe(50 * 1024 * 1024);
    expect(loadConfig({ MAX_REPORT_BYTES: '1048576' }, cwd).maxReportBytes).toBe(1048576);
    expect(() => loadConfig({ MAX_REPORT_BYTES: 'lots' }, cwd)).toThrow(ConfigError);
    expect(() => loadConfig({ MAX_REPORT_BYTES: '0' }, cwd)).toThrow(ConfigError);
  });
});

describe('invalid bytes', () => {
  /** The good report with one 0xFF byte at the end of each of six paragraphs near its end. */
  function damaged(): Buffer {
    const lines = readFileSync(join(SEEDS, GOOD), 'utf8').split('\n');
    const parts = lines.map((l, i) =>
      Buffer.concat([Buffer.from(l), i >= 69 && i < 75 ? Buffer.from([0xff]) : Buffer.alloc(0)]),
    );
    return Buffer.concat(parts.flatMap((p, i) => (i ? [Buffer.from('\n'), p] : [p])));
  }

  it('a UTF-8 report with six invalid bytes is read as UTF-8, the bytes replaced and counted', () => {
    const d = decode(damaged());
    expect(d.encoding).toBe('utf-8');
    expect(d.replaced).toBe(6);
    expect(d.text).toContain(GREEN);
  });

  it('is indexed and answered, with a warning that counts the replaced bytes', async () => {
    const { index, logs } = await build((dir) => writeFileSync(join(dir, 'damaged.txt'), damaged()));
    expect(skipReason(index, 'damaged.txt')).toBeUndefined();
    expect(index.report('damaged.txt')).toMatchObject({ district: '徐汇', reportYear: 2025 });
    expect(index.passagesOf('damaged.txt').some((p) => p.text.includes(GREEN))).toBe(true);
    expect(warningsOf(index, 'damaged.txt')).toEqual([
      expect.stringMatching(/^6 invalid byte sequences replaced with U\+FFFD/),
    ]);
    expect(logs.join('\n')).toMatch(/damaged\.txt: 6 invalid byte sequences/);
    expect(warningsOf(index, GOOD)).toEqual([]);
  });

  it('a GBK report still reads as GBK, with nothing replaced', () => {
    const gbk = readFileSync(join(fixtureDir('gbk'), GOOD));
    const d = decode(gbk);
    expect(d.encoding).toBe('gb18030');
    expect(d.replaced).toBe(0);
    expect(d.text).toContain(GREEN);
  });
});

describe('citation ids of one report held in several files', () => {
  /** Every file's own passage holding the 绿地 figure, with the id a user is shown for it. */
  function greenIds(index: ReportIndex): { doc: string; id: string }[] {
    return index.corpus.reports.map((meta) => {
      const p = index.passagesOf(meta.doc).find((q) => q.text.includes(GREEN))!;
      return { doc: meta.doc, id: citeId(meta, p.lines) };
    });
  }

  it('the .txt and .html copies get different ids, and /cite shows each file its own passage', async () => {
    const html = GOOD.replace(/\.txt$/, '.html');
    const { index } = await build((dir) => copyFileSync(join(fixtureDir('html'), html), join(dir, html)));
    const ids = greenIds(index);
    expect(ids.map((i) => i.doc).sort()).toEqual([html, GOOD]);
    expect(ids.find((i) => i.doc === GOOD)?.id).toBe('徐汇25G-5');
    expect(new Set(ids.map((i) => i.id)).size).toBe(2);
    for (const { doc, id } of ids) {
      const cited = citePassage(index, id);
      expect(cited.citation.doc).toBe(doc);
      expect(cited.passage.text).toContain(GREEN);
      expect(cited.citeId).toBe(id);
    }
  });

  it('every id a search shows opens the passage it was shown for', async () => {
    const html = GOOD.replace(/\.txt$/, '.html');
    const { index } = await build((dir) => copyFileSync(join(fixtureDir('html'), html), join(dir, html)));
    const hits = search(index, { query: '绿地', district: '徐汇' }).hits;
    expect(new Set(hits.map((h) => h.citation.doc)).size).toBe(2);
    for (const h of hits) {
      const cited = citePassage(index, h.citeId);
      expect(cited.citation.doc).toBe(h.citation.doc);
      expect(cited.passage.lines[0]).toBe(h.citation.lines[0]);
    }
  });

  it('two text copies are told apart too, the first by name keeping the plain id', async () => {
    const { index } = await build((dir) => copyFileSync(join(SEEDS, GOOD), join(dir, 'zz-copy.txt')));
    const ids = greenIds(index);
    expect(ids.map((i) => i.doc)).toEqual([GOOD, 'zz-copy.txt']);
    expect(ids[0]).toEqual({ doc: GOOD, id: '徐汇25G-5' });
    const copy = last(ids);
    expect(copy.id).toMatch(/^徐汇25G~[0-9a-f]{4}-5$/);
    expect(citePassage(index, copy.id).citation.doc).toBe('zz-copy.txt');
    // Stable across rebuilds: the same files give the same ids.
    const again = await ReportIndex.open(index.location, { force: true });
    expect(greenIds(again)).toEqual(ids);
  });
});

describe('a report that does not say where or when', () => {
  // A report body (各位代表, a reviewed year's section) that names no place and no year anywhere.
  const NAMELESS = [
    '政府工作报告',
    '',
    '各位代表:',
    '',
    '一、过去一年工作回顾',
    '',
    '新建口袋公园12座,新增绿地3公顷。',
    '',
  ].join('\n');

  it('is indexed as 未定, searchable, and listed with what to add — never dropped, never an invented place or year', async () => {
    const { index } = await build((dir) => writeFileSync(join(dir, 'nameless.txt'), NAMELESS));
    expectGoodReportAnswered(index);
    expect(skipReason(index, 'nameless.txt')).toBeUndefined();
    const meta = index.report('nameless.txt');
    expect(meta).toMatchObject({ district: '未定', reportYear: null });
    expect(meta?.place).toBeUndefined();
    const warnings = warningsOf(index, 'nameless.txt').join('\n');
    expect(warnings).toMatch(/place 未定.*nameless\.txt\.meta\.json/);
    expect(warnings).toMatch(/year 未定.*"reportYear"/);
    expect(search(index, { query: '口袋公园' }).hits.map((h) => h.citation.doc)).toContain('nameless.txt');
    const listed = renderReports(listReports(index));
    expect(listed).toMatch(/nameless\.txt[^\n]*\n\s+⚠ place 未定/);
  });

  it('is indexed once a sidecar says where and when', async () => {
    const { index } = await build((dir) => {
      writeFileSync(join(dir, 'nameless.txt'), NAMELESS);
      writeFileSync(join(dir, 'nameless.txt.meta.json'), JSON.stringify({ place: '虹口', reportYear: 2021 }));
    });
    expect(skipReason(index, 'nameless.txt')).toBeUndefined();
    expect(index.report('nameless.txt')).toMatchObject({ district: '虹口', reportYear: 2021 });
  });
});

describe('a file holding several reports', () => {
  const opening = (date: string, place: string, session: string) =>
    [`${place}政府工作报告`, `——${date}在${place}${session}上`, '', '各位代表:', ''].join('\n');

  it('is indexed as the first report and flagged, naming the sessions found', async () => {
    const body = readFileSync(join(SEEDS, GOOD), 'utf8');
    const two = [
      opening('2025年1月6日', '徐汇区', '第十七届人民代表大会第五次会议'),
      body,
      opening('2024年1月8日', '徐汇区', '第十七届人民代表大会第四次会议'),
      body,
    ].join('\n');
    const { index } = await build((dir) => writeFileSync(join(dir, 'two.txt'), two));
    const [warning] = warningsOf(index, 'two.txt');
    expect(warning).toMatch(/hold 2 reports.*第五次会议.*第四次会议.*its own file/);
    expect(index.report('two.txt')?.reportYear).toBe(2025);
  });
});
