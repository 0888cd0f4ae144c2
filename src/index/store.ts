/**
 * The store of record: the index's reports, passages (with their search tokens), facts, glossary entries and
 * file records in SQLite (db.ts). Each report's rows are replaced in one transaction, so a crash at any instant
 * leaves every report either as it was or as it is now; a row in `generations` marks a finished build.
 */
import { createHash } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Fact, Passage, ReportMeta, SkippedFile } from '../types.js';
import { countsOf, FIELDS, termCounts, type PassageTokens, type SearchEngine } from './search.js';
import { factYearsOf, glossaryColumn, readCorpus, StatsDelta, statOf, withoutCiteSuffix } from './rows.js';
import { FtsSearch, ftsColumns } from './fts.js';
import type { SqlReader } from './stored.js';
import type { GlossaryEntry } from './view.js';
import {
  CHECK_AT_OPEN_MAX_BYTES,
  checkedAtOpen,
  DB_FILE,
  isDamage,
  openDb,
  sqliteReader,
  verifyInBackground,
  type CheckProblem,
  type Db,
} from './db.js';

export const FORMAT_VERSION = 7;

export interface FileRecord {
  doc: string;
  hash: string;
  meta: ReportMeta;
  passages: Passage[];
  facts: Fact[];
  /** Set when passages and facts were left in the store (an index that reads them on demand). */
  counts?: ReportCounts;
  /**
   * With counts: the report's glossary entries, held in memory as its metadata is. Every question may read
   * the whole glossary, and reading it from the store on every refresh costs 50 ms at 5,000 reports.
   */
  glossary?: GlossaryEntry[];
  /** With counts: the years the report's figures are about (rows.ts factYearsOf). */
  factYears?: number[];
}

export interface ReportCounts {
  passages: number;
  facts: number;
}

export type SkippedRecord = SkippedFile & { hash: string };

/** What a refresh compares to decide whether a file must be read again. */
export interface FileState {
  hash: string;
  /** Size and mtime of the report and its sidecar: unchanged means unchanged, without reading the bytes. */
  stamp: string;
}

export interface StoredCorpus {
  files: FileRecord[];
  skipped: SkippedRecord[];
  states: Map<string, FileState>;
  /** False when rows are stored but no build finished after them (a crash, or a second builder mid-way). */
  complete: boolean;
}

export interface GenerationCounts {
  files: number;
  passages: number;
  facts: number;
}

/** Index files of the JSON format before this store; removed when found, since nothing reads them any more. */
const LEGACY_FILES = ['corpus.json', 'bm25.json', 'manifest.json'];

/** Fills a search index: given the term table, returns what adds each passage from its term counts. */
export type IndexFiller = (terms: readonly string[]) => (p: Passage, counts: Int32Array) => void;

export function sha(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex').slice(0, 16);
}

/**
 * The store of record as the index uses it: a SQLite file (IndexStore, below) or a PostgreSQL database
 * (pg-store.ts). Both hold the same tables, and each report's rows are replaced in one transaction.
 */
export interface Store {
  /** False when the store could not be checked before opening: verify() then checks it in the background. */
  readonly checked: boolean;
  verify(): Promise<CheckProblem | undefined>;
  /** Starts an empty store in place of a damaged one; the caller refills it. */
  replaceDamaged(problem: string): void;
  /** Empties the store when it was built by another format or other rules (or when asked to), else keeps it. */
  prepare(rulesHash: string, force?: boolean): void;
  load(fill: IndexFiller | undefined, onReset: () => void, rows?: boolean): StoredCorpus;
  putFile(file: FileRecord, tokens: PassageTokens[], stamp: string): void;
  putSkipped(skipped: SkippedRecord, stamp: string): void;
  restamp(doc: string, stamp: string): void;
  remove(doc: string): void;
  finishGeneration(rulesHash: string, counts: GenerationCounts): void;
  /** Stored hash per file name: what the index was built from. */
  inputs(): Record<string, string>;
  close(): void;
  /** Reads of the stored tables, for a corpus that stays in the store (stored.ts). */
  readonly reader: SqlReader;
  /** An engine that searches the stored passages where they lie. */
  storedSearch(): SearchEngine;
}

export class IndexStore implements Store {
  /** The rules the stored rows were built by (prepare). */
  private rules?: string;

  /** Term ids known to be committed; the table is append-only, so they stay right whoever else writes. */
  private termIds = new Map<string, number>();

  /** The open file's identity: a file deleted or replaced under a running bot is noticed before writing. */
  private inode: number;

  private constructor(
    private db: Db,
    private readonly dir: string,
    private readonly log: (m: string) => void,
    /** False when the file was too large to check before opening: verify() then checks it in the background. */
    readonly checked: boolean,
  ) {
    this.inode = this.fileInode() ?? -1;
  }

  static open(dir: string, log: (message: string) => void = () => {}, checkMaxBytes = CHECK_AT_OPEN_MAX_BYTES): IndexStore {
    for (const f of LEGACY_FILES) rmSync(join(dir, f), { force: true });
    const checked = checkedAtOpen(join(dir, DB_FILE), checkMaxBytes);
    return new IndexStore(openDb(dir, log, undefined, checkMaxBytes), dir, log, checked);
  }

  /** The file's quick_check, run in a worker thread (db.ts verifyInBackground). */
  verify(): Promise<CheckProblem | undefined> {
    return verifyInBackground(this.dir);
  }

  /** Moves a file found damaged aside and starts an empty one in its place; the caller refills it. */
  replaceDamaged(problem: string): void {
    this.db.close();
    this.db = openDb(this.dir, this.log, problem);
    this.inode = this.fileInode() ?? -1;
    this.termIds.clear();
    // The new file is for the same rules: without them, the next start would empty it again.
    if (this.rules !== undefined) this.prepare(this.rules);
  }

  private fileInode(): number | undefined {
    try {
      return statSync(join(this.dir, DB_FILE)).ino;
    } catch {
      return undefined;
    }
  }

  /**
   * Before a write: when the file was deleted or replaced (someone emptied index/), writing on through the old
   * handle would go to a file nobody can open again. A new store is started at the path instead (it fails
   * loudly if the path cannot hold one); the next start re-reads what that store lacks.
   */
  private writable(): Db {
    if (this.fileInode() === this.inode) return this.db;
    this.log(`the index database ${join(this.dir, DB_FILE)} was removed or replaced while open; starting a new one`);
    this.db.close();
    this.db = openDb(this.dir, this.log);
    this.inode = this.fileInode() ?? -1;
    return this.db;
  }

  /** Empties the store when it was built by another format or other rules (or when asked to), else keeps it. */
  prepare(rulesHash: string, force = false): void {
    this.rules = rulesHash;
    const cleared = this.db.transaction(() => {
      const setting = this.db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
      const same = setting.get('format_version')?.value === String(FORMAT_VERSION) && setting.get('rules_hash')?.value === rulesHash;
      if (same && !force) return false;
      // Terms are kept: ids already handed out must keep their meaning for a process that cached them.
      for (const table of ['files', 'reports', 'passages', 'facts', 'generations']) this.db.exec(`DELETE FROM ${table}`);
      this.db.exec("INSERT INTO passage_fts (passage_fts) VALUES ('delete-all')");
      this.db.exec('UPDATE search_stats SET passages = 0, text_len = 0, title_len = 0, term_len = 0');
      this.db.exec('DELETE FROM term_stats');
      const put = this.db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)');
      put.run('format_version', String(FORMAT_VERSION));
      put.run('rules_hash', rulesHash);
      return true;
    }).immediate();
    // Give the emptied pages back, or the file keeps the old index's size on top of the new one's.
    if (cleared) vacuum(this.db);
  }

  /**
   * Everything stored, read in one snapshot (a writer in another process never shows half a report). Each
   * passage is handed to the filler with its term counts in document order, so the search index is filled
   * while rows stream in. A damaged file is moved aside and the result is empty (onReset says so first, so
   * the caller drops what it was given).
   */
  load(fill: IndexFiller | undefined, onReset: () => void, rows = true): StoredCorpus {
    try {
      return this.db.transaction(() => this.readAll(fill, rows))();
    } catch (e) {
      if (!isDamage(e)) throw e;
      onReset();
      this.replaceDamaged(`reading it failed: ${(e as Error).message}`);
      return { files: [], skipped: [], states: new Map(), complete: false };
    }
  }

  /** `rows`: false reads reports' metadata only, for a corpus whose passages and facts stay on disk. */
  private readAll(fill: IndexFiller | undefined, rows: boolean): StoredCorpus {
    // Without a filler (an engine that searches the store itself) writing finds a term's id when it first
    // needs it (termIdOf).
    return readCorpus((sql) => this.db.prepare(sql).iterate() as Iterable<never>, fill, rows, this.termIds);
  }

  /** Replaces one report's rows (file record, metadata, passages with tokens, facts, glossary) in one transaction. */
  putFile(file: FileRecord, tokens: PassageTokens[], stamp: string): void {
    this.writable();
    const added = new Map<string, number>();
    this.db.transaction(() => {
      this.deleteRows(file.doc);
      const stat = statOf(stamp);
      this.db.prepare('INSERT INTO files (doc, hash, stamp, size, mtime, status) VALUES (?, ?, ?, ?, ?, \'indexed\')').run(file.doc, file.hash, stamp, stat.size, stat.mtime);
      const { meta } = file;
      const years = JSON.stringify(factYearsOf(file));
      this.db
        .prepare(
          `INSERT INTO reports (doc, district, report_year, kind, title, meta, fact_years, glossary, passages, facts)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          ...[file.doc, meta.district, meta.reportYear, meta.kind, meta.title, JSON.stringify(withoutCiteSuffix(meta))],
          ...[years, glossaryColumn(file), file.passages.length, file.facts.length],
        );
      const passage = this.db.prepare(
        'INSERT INTO passages (doc, n, id, district, report_year, data_year, glossary, terms, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const fts = this.db.prepare('INSERT INTO passage_fts (rowid, text, title, term, keys) VALUES (?, ?, ?, ?, ?)');
      const idOf = this.termIdOf(added);
      const stats = new StatsDelta();
      file.passages.forEach((p, n) => {
        const own = tokens[n];
        if (!own) throw new Error(`internal: ${file.doc} passage ${n} has no tokens`);
        const counts = termCounts(own, idOf);
        const blob = Buffer.from(counts.buffer, counts.byteOffset, counts.byteLength);
        const glossary = p.kind === 'glossary' ? 1 : 0;
        const year = p.period?.year ?? null;
        const row = passage.run(file.doc, n, p.id, p.district, p.reportYear, year, glossary, blob, JSON.stringify(p));
        fts.run(row.lastInsertRowid, ...ftsColumns(own, p));
        stats.add(counts, 1);
      });
      this.applyStats(stats);
      const fact = this.db.prepare('INSERT INTO facts (doc, n, district, year, label, data) VALUES (?, ?, ?, ?, ?, ?)');
      file.facts.forEach((f, n) => fact.run(file.doc, n, f.district, f.period.year, f.label, JSON.stringify(f)));
    }).immediate();
    // Only now: ids from a transaction that rolled back were never committed.
    for (const [term, id] of added) this.termIds.set(term, id);
  }

  /** Within a write transaction: a term's id, adding the term when new (and noting it in `added`). */
  private termIdOf(added: Map<string, number>): (term: string) => number {
    const insert = this.db.prepare('INSERT INTO terms (term) VALUES (?) ON CONFLICT (term) DO NOTHING');
    const select = this.db.prepare<[string], { id: number }>('SELECT id FROM terms WHERE term = ?');
    return (term) => {
      let id = this.termIds.get(term) ?? added.get(term);
      if (id === undefined) {
        id = select.get(term)?.id;
        if (id === undefined) {
          insert.run(term);
          id = select.get(term)!.id;
        }
        added.set(term, id);
      }
      return id;
    };
  }

  /** A file that could not be indexed, with the reason, so it is not tried again until it changes. */
  putSkipped(skipped: SkippedRecord, stamp: string): void {
    this.writable();
    this.db.transaction(() => {
      this.deleteRows(skipped.doc);
      const stat = statOf(stamp);
      this.db.prepare('INSERT INTO files (doc, hash, stamp, size, mtime, status, reason) VALUES (?, ?, ?, ?, ?, \'skipped\', ?)')
        .run(skipped.doc, skipped.hash, stamp, stat.size, stat.mtime, skipped.reason);
    }).immediate();
  }

  /** A file touched without changing: only its stamp is new. */
  restamp(doc: string, stamp: string): void {
    this.writable();
    const stat = statOf(stamp);
    this.db.prepare('UPDATE files SET stamp = ?, size = ?, mtime = ? WHERE doc = ?').run(stamp, stat.size, stat.mtime, doc);
  }

  remove(doc: string): void {
    this.writable();
    this.db.transaction(() => this.deleteRows(doc)).immediate();
  }

  /** Marks the stored rows as a complete index of the folder. */
  finishGeneration(rulesHash: string, counts: GenerationCounts): void {
    this.writable();
    this.db.prepare('INSERT INTO generations (built_at, format_version, rules_hash, files, passages, facts) VALUES (?, ?, ?, ?, ?, ?)')
      .run(new Date().toISOString(), FORMAT_VERSION, rulesHash, counts.files, counts.passages, counts.facts);
    // Only the last few are of any use to someone looking at the file.
    this.db.prepare('DELETE FROM generations WHERE id <= (SELECT MAX(id) FROM generations) - 20').run();
  }

  /** Asks for the open database on every read: it is replaced when the file was damaged or replaced. */
  readonly reader = sqliteReader(() => this.db);

  storedSearch(): SearchEngine {
    return new FtsSearch(this.reader);
  }

  /** Stored hash per file name: what the index was built from. */
  inputs(): Record<string, string> {
    const rows = this.db.prepare<[], { doc: string; hash: string }>('SELECT doc, hash FROM files ORDER BY doc').all();
    return Object.fromEntries(rows.map((r) => [r.doc, r.hash]));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Within a write transaction: what passages added or removed change in BM25's statistics. */
  private applyStats(delta: StatsDelta): void {
    const [text = 0, title = 0, term = 0] = delta.lengths;
    this.db
      .prepare('UPDATE search_stats SET passages = passages + ?, text_len = text_len + ?, title_len = title_len + ?, term_len = term_len + ?')
      .run(delta.passages, text, title, term);
    const upsert = this.db.prepare(
      'INSERT INTO term_stats (term_id, field, docs) VALUES (?, ?, ?) ON CONFLICT (term_id, field) DO UPDATE SET docs = docs + excluded.docs',
    );
    for (const [key, docs] of delta.docs) if (docs) upsert.run(Math.floor(key / FIELDS.length), key % FIELDS.length, docs);
  }

  private deleteRows(doc: string): void {
    const stats = new StatsDelta();
    for (const blob of this.db.prepare<[string], Buffer>('SELECT terms FROM passages WHERE doc = ?').pluck().iterate(doc)) {
      stats.add(countsOf(blob), -1);
    }
    if (stats.passages) this.applyStats(stats);
    // Before the passages: their rowids say which search rows are theirs.
    this.db.prepare('DELETE FROM passage_fts WHERE rowid IN (SELECT rowid FROM passages WHERE doc = ?)').run(doc);
    for (const table of ['files', 'reports', 'passages', 'facts']) this.db.prepare(`DELETE FROM ${table} WHERE doc = ?`).run(doc);
  }
}

/** VACUUM only saves space; when another process holds the file it waits its turn and then skips it. */
function vacuum(db: Db): void {
  try {
    db.exec('VACUUM');
  } catch {
    // The space is reused by the rebuild that follows anyway.
  }
}
