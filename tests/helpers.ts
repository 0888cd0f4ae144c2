/** Shared set-up: the real seeds copied into a temporary project, indexed through the real pipeline. */
import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReportIndex } from '../src/index/build.js';
import { QueryError } from '../src/query/answer.js';

export const SEEDS = join(import.meta.dirname, '..', 'seeds');
export const SEED_FILES = readdirSync(SEEDS)
  .filter((f) => f.endsWith('.txt'))
  .sort();

/** The i-th shipped report's file name; a test that needs more reports than are shipped fails here, plainly. */
export function seedFile(i: number): string {
  const name = SEED_FILES[i];
  if (name === undefined) throw new Error(`there are only ${SEED_FILES.length} seed reports, not ${i + 1}`);
  return name;
}

export function tempDir(prefix = 'reports-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A fresh seeds/ + index/ pair with copies of the shipped reports. */
export function tempCorpus(): { seedsDir: string; indexDir: string } {
  const root = tempDir();
  const seedsDir = join(root, 'seeds');
  cpSync(SEEDS, seedsDir, { recursive: true });
  return { seedsDir, indexDir: join(root, 'index') };
}

let shared: Promise<ReportIndex> | null = null;
export function seedIndex(): Promise<ReportIndex> {
  shared ??= ReportIndex.open(tempCorpus());
  return shared;
}

export function rawLines(doc: string): string[] {
  return readFileSync(join(SEEDS, doc), 'utf8').split('\n');
}

/** Whitespace-free, so a cleaned excerpt can be compared with the raw text it came from. */
export const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').replace(/[??]/g, '');

export function seedByDistrict(index: ReportIndex, district: string, reportYear: number) {
  return index.corpus.reports.find((r) => r.district === district && r.reportYear === reportYear)!;
}

/** The QueryError `f` throws (any other error is rethrown); fails when it throws none. */
export function errorOf(f: () => unknown): QueryError {
  try {
    f();
  } catch (e) {
    if (e instanceof QueryError) return e;
    throw e;
  }
  throw new Error('expected a QueryError');
}
