/**
 * The SQLite file that holds the index (INDEX_DIR/reports.db): opening it with the settings every process must
 * share, telling a damaged file from a sound one, and moving a damaged one aside so the index is rebuilt from
 * the reports folder instead of failing every start.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SqlReader } from './stored.js';

export type Db = Database.Database;

export const DB_FILE = 'reports.db';

/**
 * How long a writer waits for another one (a second builder, the bot's refresh) before giving up. A report's
 * transaction takes milliseconds, so this only runs out when another process holds the lock abnormally long.
 */
const BUSY_TIMEOUT_MS = 30_000;

/**
 * quick_check reads the whole file: 0.1 s for the seeds, 5 s and more at 2 GB. Files up to this size are
 * checked before the product starts; a larger one is checked by a worker thread while it already answers
 * (verifyInBackground), and rebuilt if the check fails.
 */
export const CHECK_AT_OPEN_MAX_BYTES = 256 * 1024 ** 2;

/** Bumped whenever a table changes shape: a file with another version is emptied and recreated at open. */
const SCHEMA_VERSION = 7;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
-- One row per file of the reports folder, read or skipped; size and mtime let a refresh skip unchanged files.
CREATE TABLE IF NOT EXISTS files (
  doc TEXT PRIMARY KEY, hash TEXT NOT NULL, stamp TEXT NOT NULL, size INTEGER, mtime REAL,
  status TEXT NOT NULL CHECK (status IN ('indexed', 'skipped')), reason TEXT
) WITHOUT ROWID;
-- fact_years: the years the report's figures are about (JSON); glossary: its glossary entries (rows.ts
-- glossaryColumn); passages, facts: how many it has. So what a place has is known without reading its rows,
-- and open reads one row per report.
CREATE TABLE IF NOT EXISTS reports (
  doc TEXT PRIMARY KEY, district TEXT NOT NULL, report_year INTEGER, kind TEXT NOT NULL, title TEXT NOT NULL,
  meta TEXT NOT NULL, fact_years TEXT NOT NULL, glossary TEXT NOT NULL, passages INTEGER NOT NULL,
  facts INTEGER NOT NULL
) WITHOUT ROWID;
-- Every search term once; passages name terms by id. Append-only, so an id never changes meaning.
CREATE TABLE IF NOT EXISTS terms (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE);
-- Each passage with its terms' counts per field (search.ts termCounts, int32 little-endian): the in-memory
-- search index is rebuilt from them at open, without tokenizing. Short columns first and the passage's JSON
-- last: a search reads the counts of a few hundred rows, and SQLite then never reads the text's pages.
CREATE TABLE IF NOT EXISTS passages (
  doc TEXT NOT NULL, n INTEGER NOT NULL, id TEXT NOT NULL UNIQUE, district TEXT NOT NULL,
  report_year INTEGER, data_year INTEGER, glossary INTEGER NOT NULL, terms BLOB NOT NULL, data TEXT NOT NULL,
  PRIMARY KEY (doc, n)
);
-- The same passages for SQLite's own BM25 (fts.ts), row for row by rowid: each field's terms hex-encoded and
-- space-separated (search.ts encodeTerm), so the ascii tokenizer splits exactly where jieba did; keys holds
-- what searches filter on (place, years, glossary) as tokens, so FTS5 filters while it matches. Contentless:
-- the text is in passages already.
CREATE VIRTUAL TABLE IF NOT EXISTS passage_fts USING fts5(
  text, title, term, keys, content = '', contentless_delete = 1, tokenize = 'ascii'
);
-- How many passages have each term in each field (0 text, 1 title, 2 term): BM25's document frequencies.
-- FTS5 does not keep them (its vocab table counts a term's whole posting list on every lookup).
CREATE TABLE IF NOT EXISTS term_stats (
  term_id INTEGER NOT NULL, field INTEGER NOT NULL, docs INTEGER NOT NULL, PRIMARY KEY (term_id, field)
) WITHOUT ROWID;
-- What BM25 needs besides postings, kept in step with passages by the same transactions: how many passages
-- there are and each field's total length (distinct terms per passage, as minisearch counts it).
CREATE TABLE IF NOT EXISTS search_stats (
  id INTEGER PRIMARY KEY CHECK (id = 1), passages INTEGER NOT NULL, text_len INTEGER NOT NULL,
  title_len INTEGER NOT NULL, term_len INTEGER NOT NULL
);
INSERT OR IGNORE INTO search_stats VALUES (1, 0, 0, 0, 0);
-- Passages are a rowid table: FTS5 rows refer to them by rowid.
-- Kept in place order: a lookup reads one place's facts, and they lie together on disk rather than spread
-- over every report's pages.
CREATE TABLE IF NOT EXISTS facts (
  district TEXT NOT NULL, doc TEXT NOT NULL, n INTEGER NOT NULL, year INTEGER NOT NULL, label TEXT NOT NULL,
  data TEXT NOT NULL, PRIMARY KEY (district, doc, n)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS facts_by_doc ON facts (doc);
-- A place's labels, and its facts under one label, without reading its other facts.
CREATE INDEX IF NOT EXISTS facts_by_label ON facts (district, label, doc);
-- Figures of one year under given labels, any place: the other places /metric lists beside its answer.
CREATE INDEX IF NOT EXISTS facts_by_year ON facts (year, label);
-- A row per finished build or refresh: the last one says the stored rows are a complete index of the folder.
CREATE TABLE IF NOT EXISTS generations (
  id INTEGER PRIMARY KEY, built_at TEXT NOT NULL, format_version INTEGER NOT NULL, rules_hash TEXT NOT NULL,
  files INTEGER NOT NULL, passages INTEGER NOT NULL, facts INTEGER NOT NULL
);
`;

/**
 * Opens the database, creating it when missing. A file SQLite cannot read, or one that fails quick_check, is
 * moved aside (kept for a post-mortem, never deleted) and a new, empty one is created in its place. `damage`
 * says the caller already found the file damaged (a read failed after open).
 */
export function openDb(
  dir: string,
  log: (message: string) => void = () => {},
  damage?: string,
  checkMaxBytes = CHECK_AT_OPEN_MAX_BYTES,
): Db {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, DB_FILE);
  let problem = damage;
  if (problem === undefined) {
    try {
      return openSound(file, checkMaxBytes);
    } catch (e) {
      // Anything else (busy past the timeout, no permission) is not the file's fault: moving it would lose it.
      if (!isDamage(e)) throw e;
      problem = (e as Error).message;
    }
  }
  const aside = moveAside(file);
  log(`the index database ${file} is damaged (${problem}); it was moved to ${aside} and the index is being rebuilt from the reports folder. Nothing needs doing; delete ${aside} once you no longer need it.`);
  return openSound(file);
}

/** Whether a file is small enough to check before opening it (see CHECK_AT_OPEN_MAX_BYTES). */
export function checkedAtOpen(file: string, checkMaxBytes = CHECK_AT_OPEN_MAX_BYTES): boolean {
  return (statSync(file, { throwIfNoEntry: false })?.size ?? 0) <= checkMaxBytes;
}

function openSound(file: string, checkMaxBytes = CHECK_AT_OPEN_MAX_BYTES): Db {
  const check = checkedAtOpen(file, checkMaxBytes);
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    useWal(db);
    // NORMAL is durable across a process crash (kill -9) in WAL mode; only a power loss may drop the last commits.
    db.pragma('synchronous = NORMAL');
    const result = check ? db.pragma('quick_check', { simple: true }) : 'ok';
    if (result !== 'ok') throw Object.assign(new Error(`quick_check: ${String(result)}`), { code: 'SQLITE_CORRUPT' });
    ensureSchema(db);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * WAL: readers never wait for the writer, and a crash leaves the last committed transaction. WAL is a property
 * of the file, so only its first open converts it; that needs the file to itself, and SQLite does not run the
 * busy handler for it: a second process opening a new file at the same instant is told "database is locked"
 * at once. It waits its turn here instead, as long as any other writer would.
 */
function useWal(db: Db): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (let pause = 5; ; pause = Math.min(2 * pause, 100)) {
    try {
      // Asked first: once the file is WAL, setting it again would take a lock for nothing.
      if (db.pragma('journal_mode', { simple: true }) === 'wal') return;
      // A refused change answers with the mode unchanged rather than throwing.
      if (db.pragma('journal_mode = WAL', { simple: true }) === 'wal') return;
    } catch (e) {
      if ((e as { code?: unknown }).code !== 'SQLITE_BUSY') throw e;
    }
    if (Date.now() > deadline) {
      throw Object.assign(new Error('database is locked: another process kept it while it was converted to WAL'), {
        code: 'SQLITE_BUSY',
      });
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pause);
  }
}

/** Creates the tables, or recreates them when the file holds another schema version (it is an index: rebuilt). */
function ensureSchema(db: Db): void {
  if (db.pragma('user_version', { simple: true }) === SCHEMA_VERSION) return;
  db.transaction(() => {
    // Checked again under the write lock: a second process may have done it meanwhile.
    if (db.pragma('user_version', { simple: true }) === SCHEMA_VERSION) return;
    // Virtual tables first: dropping one drops its shadow tables, which the second pass then finds gone.
    const tables = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY sql NOT LIKE 'CREATE VIRTUAL%'",
      )
      .all();
    for (const { name } of tables) db.exec(`DROP TABLE IF EXISTS "${name}"`);
    db.exec(SCHEMA);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

/** A worker's quick_check on its own read-only connection: the process keeps answering meanwhile. */
const VERIFY = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
try {
  const db = new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: workerData.timeout });
  const check = String(db.pragma('quick_check', { simple: true }));
  db.close();
  parentPort.postMessage({ check });
} catch (e) {
  parentPort.postMessage({ code: e && e.code, message: String(e && e.message) });
}
`;

/** What the worker reports: quick_check's answer, or the error that stopped it. */
type VerifyReply = { check: string } | { code?: string; message: string };

/** What a background check found: the file is damaged, or the check itself could not run (busy, no access). */
export interface CheckProblem {
  damaged: boolean;
  detail: string;
}

/** Checks a store file in a worker thread; resolves to what is wrong, or undefined when it is sound. */
export function verifyInBackground(dir: string): Promise<CheckProblem | undefined> {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const file = join(dir, DB_FILE);
  const worker = new Worker(VERIFY, { eval: true, workerData: { module, file, timeout: BUSY_TIMEOUT_MS } });
  const found = new Promise<CheckProblem | undefined>((resolve) => {
    worker.once('message', (reply: VerifyReply) => {
      if (!('check' in reply)) return resolve({ damaged: isDamage(reply), detail: reply.message });
      if (reply.check === 'ok') return resolve(undefined);
      // quick_check lists every bad page; the first few say enough for a log line.
      const lines = reply.check.split('\n').filter((l) => l && !l.startsWith('***'));
      const detail = lines.slice(0, 3).join('; ') + (lines.length > 3 ? `; … (${lines.length} problems)` : '');
      resolve({ damaged: true, detail });
    });
    worker.once('error', (e) => resolve({ damaged: false, detail: e.message }));
  });
  return found.finally(() => void worker.terminate());
}

/** Renames the database and its WAL out of the way; the shared-memory file is rebuilt by SQLite, so it goes. */
function moveAside(file: string): string {
  const aside = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`;
  for (const suffix of ['', '-wal']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  }
  rmSync(`${file}-shm`, { force: true });
  return aside;
}

/** True when the error says the file itself is bad rather than, say, busy. */
export function isDamage(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' && /^SQLITE_(CORRUPT|NOTADB|IOERR)/.test(code);
}

/**
 * Statements on the open database by their text, prepared once per connection (`connection` is asked for on
 * every read: the store opens a new one when its file was damaged or replaced).
 */
export function sqliteReader(connection: () => Db): SqlReader {
  const prepared = new WeakMap<Db, Map<string, Database.Statement>>();
  const statement = (sql: string) => {
    const db = connection();
    const own = prepared.get(db) ?? prepared.set(db, new Map()).get(db)!;
    return own.get(sql) ?? own.set(sql, db.prepare(sql)).get(sql)!;
  };
  return { all: <T>(sql: string, params: unknown[] = []) => statement(sql).all(...params) as T[] };
}
