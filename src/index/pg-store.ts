/**
 * The store of record in PostgreSQL (DATABASE_URL): the same tables as the SQLite file (db.ts), so any number
 * of bot processes on any number of machines share one corpus, and replicas can serve the reads. Passages
 * carry a `tsvector` with a GIN index for search (pg-search.ts). Each report's rows are replaced in one
 * transaction, and writers take one advisory lock first, so two builders take turns as they do over SQLite.
 */
import { pgReader, PgError, redacted, SyncPg } from './pg.js';
import { PgSearch, passageVector } from './pg-search.js';
import { factYearsOf, glossaryColumn, readCorpus, StatsDelta, statOf, withoutCiteSuffix } from './rows.js';
import { countsOf, FIELDS, termCounts, type PassageTokens, type SearchEngine } from './search.js';
import type { SqlReader } from './stored.js';
import {
  FORMAT_VERSION,
  type FileRecord,
  type GenerationCounts,
  type IndexFiller,
  type SkippedRecord,
  type Store,
  type StoredCorpus,
} from './store.js';

/** Bumped whenever a table changes shape: a database with another version has its tables recreated. */
const SCHEMA_VERSION = '3';

/** The advisory lock every writer takes first (any constant; it only has to be the same everywhere). */
const WRITE_LOCK = 7_204_318_551;

// Text columns compare bytewise (COLLATE "C"): rows come back in the order SQLite gives them, whatever the
// database's locale, so both stores list and rank alike.
const SCHEMA = `
CREATE TABLE settings (key TEXT COLLATE "C" PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
  doc TEXT COLLATE "C" PRIMARY KEY, hash TEXT NOT NULL, stamp TEXT NOT NULL, size BIGINT, mtime DOUBLE PRECISION,
  status TEXT NOT NULL CHECK (status IN ('indexed', 'skipped')), reason TEXT
);
CREATE TABLE reports (
  doc TEXT COLLATE "C" PRIMARY KEY, district TEXT COLLATE "C" NOT NULL, report_year INTEGER,
  kind TEXT NOT NULL, title TEXT NOT NULL, meta TEXT NOT NULL, fact_years TEXT NOT NULL, glossary TEXT NOT NULL,
  passages INTEGER NOT NULL, facts INTEGER NOT NULL
);
CREATE TABLE terms (id SERIAL PRIMARY KEY, term TEXT COLLATE "C" NOT NULL UNIQUE);
CREATE TABLE passages (
  rowid BIGSERIAL PRIMARY KEY, doc TEXT COLLATE "C" NOT NULL, n INTEGER NOT NULL, id TEXT COLLATE "C" NOT NULL UNIQUE,
  district TEXT COLLATE "C" NOT NULL, report_year INTEGER, data_year INTEGER, glossary BOOLEAN NOT NULL,
  terms BYTEA NOT NULL, tsv TSVECTOR NOT NULL, data TEXT NOT NULL, UNIQUE (doc, n)
);
CREATE INDEX passages_tsv ON passages USING GIN (tsv);
CREATE INDEX passages_district ON passages (district);
CREATE TABLE term_stats (term_id INTEGER NOT NULL, field INTEGER NOT NULL, docs INTEGER NOT NULL, PRIMARY KEY (term_id, field));
CREATE TABLE search_stats (
  id INTEGER PRIMARY KEY CHECK (id = 1), passages BIGINT NOT NULL, text_len BIGINT NOT NULL,
  title_len BIGINT NOT NULL, term_len BIGINT NOT NULL
);
INSERT INTO search_stats VALUES (1, 0, 0, 0, 0);
CREATE TABLE facts (
  district TEXT COLLATE "C" NOT NULL, doc TEXT COLLATE "C" NOT NULL, n INTEGER NOT NULL, year INTEGER NOT NULL,
  label TEXT COLLATE "C" NOT NULL, data TEXT NOT NULL, PRIMARY KEY (district, doc, n)
);
CREATE INDEX facts_by_doc ON facts (doc);
CREATE INDEX facts_by_label ON facts (district, label, doc);
CREATE INDEX facts_by_year ON facts (year, label);
CREATE TABLE generations (
  id SERIAL PRIMARY KEY, built_at TEXT NOT NULL, format_version INTEGER NOT NULL, rules_hash TEXT NOT NULL,
  files INTEGER NOT NULL, passages INTEGER NOT NULL, facts INTEGER NOT NULL
);
`;

const TABLES = ['settings', 'files', 'reports', 'terms', 'passages', 'term_stats', 'search_stats', 'facts', 'generations'];

/** Tables of earlier schema versions: dropped with the others when the schema is recreated. */
const RETIRED_TABLES = ['glossary'];

/** The rows a report replaces: everything filed under its name. */
const REPORT_TABLES = ['files', 'reports', 'passages', 'facts'];

export class PgStore implements Store {
  readonly checked = true;
  readonly reader: SqlReader;
  /** Term ids known to be committed; the table is append-only, so they stay right whoever else writes. */
  private readonly termIds = new Map<string, number>();

  private constructor(private readonly db: SyncPg) {
    this.reader = pgReader(db);
  }

  /** Connects and creates the tables when missing; says what to do when the server cannot be used. */
  static open(url: string): PgStore {
    const db = new SyncPg(url);
    try {
      db.transaction(() => ensureSchema(db));
    } catch (e) {
      db.close();
      const why = e instanceof Error ? e.message : String(e);
      throw new PgError(
        `cannot use the PostgreSQL database at ${redacted(url)} (${why}). Start the server or fix DATABASE_URL; ` +
          'unset DATABASE_URL to keep the index in INDEX_DIR instead.',
        e instanceof PgError ? e.code : undefined,
      );
    }
    return new PgStore(db);
  }

  // PostgreSQL checks its own pages; there is no file here to check or move aside.
  verify(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  replaceDamaged(problem: string): void {
    throw new Error(`internal: a PostgreSQL store is never replaced (${problem})`);
  }

  prepare(rulesHash: string, force = false): void {
    this.write(() => {
      const setting = (key: string) => this.db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key])[0]?.value;
      const same = setting('format_version') === String(FORMAT_VERSION) && setting('rules_hash') === rulesHash;
      if (same && !force) return;
      // Terms are kept: ids already handed out must keep their meaning for a process that cached them.
      this.db.query('TRUNCATE files, reports, passages, facts, generations, term_stats');
      this.db.query('UPDATE search_stats SET passages = 0, text_len = 0, title_len = 0, term_len = 0');
      const put = 'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value';
      this.db.query(put, ['format_version', String(FORMAT_VERSION)]);
      this.db.query(put, ['rules_hash', rulesHash]);
    });
  }

  /** Everything stored, read in one snapshot, so a writer elsewhere never shows half a report. */
  load(fill: IndexFiller | undefined, _onReset: () => void, rows = true): StoredCorpus {
    return this.db.transaction(() => this.readAll(fill, rows), 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  private readAll(fill: IndexFiller | undefined, rows: boolean): StoredCorpus {
    return readCorpus((sql) => this.db.query(sql), fill, rows, this.termIds);
  }

  putFile(file: FileRecord, tokens: PassageTokens[], stamp: string): void {
    const added = new Map<string, number>();
    this.write(() => {
      this.deleteRows(file.doc);
      this.putFileRow(file.doc, file.hash, stamp, 'indexed', null);
      const { meta } = file;
      this.db.query(
        `INSERT INTO reports (doc, district, report_year, kind, title, meta, fact_years, glossary, passages, facts)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [file.doc, meta.district, meta.reportYear, meta.kind, meta.title, JSON.stringify(withoutCiteSuffix(meta))].concat([
          JSON.stringify(factYearsOf(file)),
          glossaryColumn(file),
          file.passages.length,
          file.facts.length,
        ]),
      );
      const stats = this.putPassages(file, tokens, this.termIdsOf(tokens, added));
      this.applyStats(stats);
      this.putFacts(file);
    });
    // Only now: ids from a transaction that rolled back were never committed.
    for (const [term, id] of added) this.termIds.set(term, id);
  }

  /** The report's passages and their search vectors; returns BM25's new statistics. */
  private putPassages(file: FileRecord, tokens: PassageTokens[], idOf: (term: string) => number): StatsDelta {
    const stats = new StatsDelta();
    const columns: unknown[][] = [[], [], [], [], [], [], [], [], []];
    file.passages.forEach((p, n) => {
      const own = tokens[n];
      if (!own) throw new Error(`internal: ${file.doc} passage ${n} has no tokens`);
      const counts = termCounts(own, idOf);
      stats.add(counts, 1);
      const blob = Buffer.from(counts.buffer, counts.byteOffset, counts.byteLength).toString('hex');
      const row = [n, p.id, p.district, p.reportYear, p.period?.year ?? null, p.kind === 'glossary', blob];
      row.concat([passageVector(own), JSON.stringify(p)]).forEach((v, c) => columns[c]!.push(v));
    });
    this.db.query(
      `INSERT INTO passages (doc, n, id, district, report_year, data_year, glossary, terms, tsv, data)
       SELECT $1, u.n, u.id, u.district, u.report_year, u.data_year, u.glossary, decode(u.terms, 'hex'), u.tsv::tsvector, u.data
       FROM unnest($2::int[], $3::text[], $4::text[], $5::int[], $6::int[], $7::bool[], $8::text[], $9::text[], $10::text[])
         AS u (n, id, district, report_year, data_year, glossary, terms, tsv, data)`,
      [file.doc, ...columns],
    );
    return stats;
  }

  private putFacts(file: FileRecord): void {
    const columns: unknown[][] = [[], [], [], [], []];
    file.facts.forEach((f, n) => [n, f.district, f.period.year, f.label, JSON.stringify(f)].forEach((v, c) => columns[c]!.push(v)));
    this.db.query(
      `INSERT INTO facts (doc, n, district, year, label, data)
       SELECT $1, u.n, u.district, u.year, u.label, u.data FROM unnest($2::int[], $3::text[], $4::int[], $5::text[], $6::text[])
         AS u (n, district, year, label, data)`,
      [file.doc, ...columns],
    );
  }

  /** Within a write: the id of every term the passages have, adding the new ones (noted in `added`). */
  private termIdsOf(tokens: PassageTokens[], added: Map<string, number>): (term: string) => number {
    const missing = new Set<string>();
    for (const own of tokens) for (const field of FIELDS) for (const t of own[field]) if (!this.termIds.has(t)) missing.add(t);
    if (missing.size) {
      const list = [...missing];
      this.db.query('INSERT INTO terms (term) SELECT unnest($1::text[]) ON CONFLICT (term) DO NOTHING', [list]);
      for (const r of this.db.query<{ id: number; term: string }>('SELECT id, term FROM terms WHERE term = ANY($1::text[])', [list])) {
        added.set(r.term, r.id);
      }
    }
    return (term) => {
      const id = this.termIds.get(term) ?? added.get(term);
      if (id === undefined) throw new Error(`internal: the term ${JSON.stringify(term)} has no id`);
      return id;
    };
  }

  putSkipped(skipped: SkippedRecord, stamp: string): void {
    this.write(() => {
      this.deleteRows(skipped.doc);
      this.putFileRow(skipped.doc, skipped.hash, stamp, 'skipped', skipped.reason);
    });
  }

  private putFileRow(doc: string, hash: string, stamp: string, status: string, reason: string | null): void {
    const { size, mtime } = statOf(stamp);
    this.db.query('INSERT INTO files (doc, hash, stamp, size, mtime, status, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      ...[doc, hash, stamp, size, mtime],
      ...[status, reason],
    ]);
  }

  restamp(doc: string, stamp: string): void {
    const { size, mtime } = statOf(stamp);
    this.db.query('UPDATE files SET stamp = $1, size = $2, mtime = $3 WHERE doc = $4', [stamp, size, mtime, doc]);
  }

  remove(doc: string): void {
    this.write(() => this.deleteRows(doc));
  }

  finishGeneration(rulesHash: string, counts: GenerationCounts): void {
    this.write(() => {
      this.db.query(
        'INSERT INTO generations (built_at, format_version, rules_hash, files, passages, facts) VALUES ($1, $2, $3, $4, $5, $6)',
        [new Date().toISOString(), FORMAT_VERSION, rulesHash, counts.files, counts.passages, counts.facts],
      );
      // Only the last few are of any use to someone looking at the table.
      this.db.query('DELETE FROM generations WHERE id <= (SELECT MAX(id) FROM generations) - 20');
    });
  }

  storedSearch(): SearchEngine {
    return new PgSearch(this.reader);
  }

  inputs(): Record<string, string> {
    const rows = this.db.query<{ doc: string; hash: string }>('SELECT doc, hash FROM files ORDER BY doc');
    return Object.fromEntries(rows.map((r) => [r.doc, r.hash]));
  }

  close(): void {
    this.db.close();
  }

  /** A write transaction, one writer at a time: the advisory lock is held until it commits. */
  private write(fn: () => void): void {
    this.db.transaction(() => {
      this.db.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      fn();
    });
  }

  /** Within a write: what passages added or removed change in BM25's statistics. */
  private applyStats(delta: StatsDelta): void {
    const [text = 0, title = 0, term = 0] = delta.lengths;
    this.db.query(
      'UPDATE search_stats SET passages = passages + $1, text_len = text_len + $2, title_len = title_len + $3, term_len = term_len + $4',
      [delta.passages, text, title, term],
    );
    const columns: number[][] = [[], [], []];
    for (const [key, docs] of delta.docs) {
      if (docs) [Math.floor(key / FIELDS.length), key % FIELDS.length, docs].forEach((v, c) => columns[c]!.push(v));
    }
    this.db.query(
      `INSERT INTO term_stats (term_id, field, docs) SELECT * FROM unnest($1::int[], $2::int[], $3::int[])
       ON CONFLICT (term_id, field) DO UPDATE SET docs = term_stats.docs + excluded.docs`,
      columns,
    );
  }

  private deleteRows(doc: string): void {
    const stats = new StatsDelta();
    for (const r of this.db.query<{ terms: Uint8Array }>('SELECT terms FROM passages WHERE doc = $1', [doc])) {
      stats.add(countsOf(r.terms), -1);
    }
    if (stats.passages) this.applyStats(stats);
    for (const table of REPORT_TABLES) this.db.query(`DELETE FROM ${table} WHERE doc = $1`, [doc]);
  }
}

/** Creates the tables when missing, or recreates them when they are of another schema version (an index: rebuilt). */
function ensureSchema(db: SyncPg): void {
  db.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
  const exists = db.query<{ found: boolean }>("SELECT to_regclass('settings') IS NOT NULL AS found")[0]?.found;
  const version = exists ? db.query<{ value: string }>("SELECT value FROM settings WHERE key = 'schema_version'")[0] : undefined;
  if (version?.value === SCHEMA_VERSION) return;
  db.query(`DROP TABLE IF EXISTS ${[...TABLES, ...RETIRED_TABLES].join(', ')}`);
  for (const statement of SCHEMA.split(';').filter((s) => s.trim())) db.query(statement);
  db.query("INSERT INTO settings (key, value) VALUES ('schema_version', $1)", [SCHEMA_VERSION]);
}
