/**
 * What is inferred of each real report — place, level, parent, delivered year, kind — held against the manifests
 * written from the documents themselves (../shared/corpus2/MANIFEST.tsv, ../shared/corpus/MANIFEST.tsv), through
 * the real pipeline. A file of the manifest that is not indexed fails the test: never drop.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ReportIndex } from '../src/index/build.js';
import type { ReportMeta } from '../src/types.js';
import { tempDir } from './helpers.js';

const SHARED = fileURLToPath(new URL('../../shared/', import.meta.url));

const Row = z.object({
  file: z.string().min(1),
  level: z.string().transform((l) => (l === 'district' ? 'county' : l)),
  place: z.string(),
  parent: z.string().optional().default(''),
  report_year: z.coerce.number().int(),
  kind: z.string().optional().default(''),
});
type Row = z.infer<typeof Row>;

function manifest(dir: string): Row[] {
  const [head = '', ...lines] = readFileSync(join(dir, 'MANIFEST.tsv'), 'utf8').split('\n').filter(Boolean);
  const names = head.split('\t');
  return lines
    .map((l) => Object.fromEntries(l.split('\t').map((v, i) => [names[i], v])))
    .map((r) => Row.parse(r))
    .filter((r) => existsSync(join(dir, r.file)));
}

/** The words a kind's name must hold for each manifest kind (as ../shared/eval/check-inferred.py reads them). */
const KIND_WORDS: Record<string, string[]> = {
  'gov-report': ['政府工作报告'],
  summary: ['政府工作报告'],
  'plan-exec': ['计划执行'],
  budget: ['预算', '决算'],
  'key-tasks': ['重点工作'],
};

interface Tally {
  rows: Row[];
  misses: Record<'indexed' | 'place' | 'level' | 'parent' | 'year' | 'kind', string[]>;
}

function tally(rows: Row[], reportOf: (doc: string) => ReportMeta | undefined): Tally {
  const misses: Tally['misses'] = { indexed: [], place: [], level: [], parent: [], year: [], kind: [] };
  for (const r of rows) {
    const m = reportOf(r.file);
    if (!m) {
      misses.indexed.push(r.file);
      continue;
    }
    const p = m.place;
    const placeOk =
      (r.level === 'national' && p?.level === 'national') ||
      (p !== undefined && (r.place === p.name || r.place === p.short || r.place.endsWith(p.name)));
    if (!placeOk) misses.place.push(`${r.file}: ${p?.name ?? '未定'} (want ${r.place})`);
    if (p?.level !== r.level) misses.level.push(`${r.file}: ${p?.level} (want ${r.level})`);
    if (r.parent && !(p?.parent === r.parent || p?.chain?.includes(r.parent)))
      misses.parent.push(`${r.file}: ${p?.parent} (want ${r.parent})`);
    if (m.reportYear !== r.report_year) misses.year.push(`${r.file}: ${m.reportYear} (want ${r.report_year})`);
    const words = KIND_WORDS[r.kind];
    if (words && !words.some((w) => m.kind.includes(w))) misses.kind.push(`${r.file}: ${m.kind} (want ${r.kind})`);
  }
  return { rows, misses };
}

const share = (t: Tally, k: keyof Tally['misses'], of = t.rows.length) => (of ? 1 - t.misses[k].length / of : 1);

describe.each([
  ['corpus2', { place: 0.97, level: 0.97, year: 0.97, parent: 0.95, kind: 0.9 }],
  ['corpus', { place: 1, level: 1, year: 1, parent: 1, kind: 1 }],
] as const)('what is inferred of ../shared/%s, held against its manifest', (name, floor) => {
  const dir = join(SHARED, name);
  let index: ReportIndex;
  let t: Tally;
  beforeAll(async () => {
    index = await ReportIndex.open({ seedsDir: dir, indexDir: join(tempDir(`manifest-${name}-`), 'index') });
    t = tally(manifest(dir), (doc) => index.report(doc));
  }, 300_000);

  it('indexes every file of the manifest: none is dropped', () => {
    expect(t.misses.indexed).toEqual([]);
    // Whatever is refused is refused for holding no report text, and says so.
    for (const s of index.corpus.skipped) expect(s.reason).toMatch(/no report text|cannot be read|not a/);
  });

  it('reads place, level, parent and year as the documents give them', () => {
    const withParent = t.rows.filter((r) => r.parent).length;
    expect.soft(share(t, 'place'), t.misses.place.join('\n')).toBeGreaterThanOrEqual(floor.place);
    expect.soft(share(t, 'level'), t.misses.level.join('\n')).toBeGreaterThanOrEqual(floor.level);
    expect.soft(share(t, 'year'), t.misses.year.join('\n')).toBeGreaterThanOrEqual(floor.year);
    expect.soft(share(t, 'parent', withParent), t.misses.parent.join('\n')).toBeGreaterThanOrEqual(floor.parent);
  });

  it('reads what kind of document each is: work report, plan, budget, task breakdown', () => {
    const withKind = t.rows.filter((r) => KIND_WORDS[r.kind]).length;
    expect(share(t, 'kind', withKind), t.misses.kind.join('\n')).toBeGreaterThanOrEqual(floor.kind);
  });

  it("files the State Council's reports under the country, whatever places they mention", () => {
    const national = t.rows.filter((r) => r.level === 'national');
    expect(national.filter((r) => index.report(r.file)?.place?.level !== 'national').map((r) => r.file)).toEqual([]);
  });
});
