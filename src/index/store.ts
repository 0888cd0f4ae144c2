/**
 * The persisted index in INDEX_DIR: manifest.json (format version, input hashes), corpus.json (reports,
 * passages, facts per file) and bm25.json. Every file is written to a temporary name and renamed, manifest
 * last, so a crash mid-write leaves the previous index (or none) rather than a broken one.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Fact, Passage, ReportMeta, SkippedFile } from '../types.js';

export const FORMAT_VERSION = 5;

export interface FileRecord {
  doc: string;
  hash: string;
  meta: ReportMeta;
  passages: Passage[];
  facts: Fact[];
}

export interface StoredCorpus {
  files: FileRecord[];
  skipped: (SkippedFile & { hash: string })[];
}

export interface Manifest {
  formatVersion: number;
  /** Hash of the dictionary, synonym and pattern files that shape the index. */
  rulesHash: string;
  /** Hash per input file name. */
  inputs: Record<string, string>;
  builtAt: string;
  passages: number;
  facts: number;
}

export function sha(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex').slice(0, 16);
}

export function writeAtomic(file: string, data: string): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}

export function saveIndex(dir: string, manifest: Manifest, corpus: StoredCorpus, bm25: string): void {
  mkdirSync(dir, { recursive: true });
  // The manifest is removed first and written last: a reader never pairs a new manifest with old data.
  rmSync(join(dir, 'manifest.json'), { force: true });
  writeAtomic(join(dir, 'corpus.json'), JSON.stringify(corpus));
  writeAtomic(join(dir, 'bm25.json'), bm25);
  writeAtomic(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
}

export function readManifest(dir: string): Manifest | null {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

export function loadStored(dir: string): { corpus: StoredCorpus; bm25: string } | null {
  try {
    const corpus = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) as StoredCorpus;
    const bm25 = readFileSync(join(dir, 'bm25.json'), 'utf8');
    return { corpus, bm25 };
  } catch {
    return null;
  }
}
