/**
 * Per-format figures: ingest throughput for the text, GBK, Big5, web-page and PDF copies of the seeds, and the
 * time from a report landing in a watched seeds folder to the first answer from it.
 */
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ingestFile } from '../src/ingest/formats.js';
import { ReportIndex } from '../src/index/build.js';
import { watchSeeds } from '../src/adapters/watch.js';
import { lookupMetric } from '../src/query/metric.js';
import { FORMATS, fixtureDir, makeFixtures } from '../tests/fixtures/make.js';
import { first, last as lastOf } from '../src/list.js';
import { firstFact } from './store.js';

export interface FormatFigures {
  format: string;
  mbPerSec: number;
  filesPerSec: number;
  landingMs: number;
}

export async function benchFormats(seedsDir: string): Promise<FormatFigures[]> {
  await makeFixtures();
  const out: FormatFigures[] = [];
  for (const [format, dir] of [['text', seedsDir] as const, ...FORMATS.map((f) => [f, fixtureDir(f)] as const)]) {
    const files = readdirSync(dir)
      .filter((f) => !f.startsWith('.'))
      .map((name) => ({ name, bytes: readFileSync(join(dir, name)) }));
    const warm = first(files, `${format} reports`);
    await ingestFile(warm.name, warm.bytes); // warm-up: jieba, OpenCC and pdfjs start once per process
    const t = performance.now();
    for (let round = 0; round < 3; round++) for (const { name, bytes } of files) await ingestFile(name, bytes);
    const secs = (performance.now() - t) / 1000;
    const total = files.reduce((s, f) => s + f.bytes.length, 0) * 3;
    out.push({
      format,
      mbPerSec: total / 1024 / 1024 / secs,
      filesPerSec: (files.length * 3) / secs,
      landingMs: await landing(dir),
    });
  }
  return out;
}

/** A folder's reports but one are indexed and watched; the last one is copied in; we ask until it answers. */
async function landing(dir: string): Promise<number> {
  const files = readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .sort();
  const root = mkdtempSync(join(tmpdir(), 'bench-landing-'));
  cpSync(dir, join(root, 'seeds'), { recursive: true });
  const last = lastOf(files, 'reports');
  rmSync(join(root, 'seeds', last));
  const index = await ReportIndex.open({ seedsDir: join(root, 'seeds'), indexDir: join(root, 'index') });
  // The last report's first fact, read from an index of the whole folder (the index itself may not hold facts).
  (await ReportIndex.open({ seedsDir: dir, indexDir: join(root, 'all') })).close();
  const fact = firstFact({ seedsDir: dir, indexDir: join(root, 'all') }, last)!;
  const req = { district: fact.district, year: fact.period.year, query: fact.label, kind: fact.period.kind };
  const stop = watchSeeds(join(root, 'seeds'), async () => {
    await index.refresh();
  });
  const t = performance.now();
  copyFileSync(join(dir, last), join(root, 'seeds', last));
  try {
    while (performance.now() - t < 30_000) {
      try {
        const a = lookupMetric(index, req);
        if (a.best.fact.citation.doc === last) return performance.now() - t;
      } catch {
        // Not there yet.
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    return NaN;
  } finally {
    stop();
  }
}
