/**
 * What the bench reads from the store itself (the index file opened read-only, or the PostgreSQL database):
 * counts, passage samples, reports' metadata and fact labels. The index may keep passages and facts in the
 * store (FTS5, PostgreSQL), so the bench does not ask it for them.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { IndexLocation } from '../src/index/build.js';
import { DB_FILE, sqliteReader } from '../src/index/db.js';
import { pgReader, SyncPg } from '../src/index/pg.js';
import type { SqlReader } from '../src/index/stored.js';
import type { Fact, Passage, ReportMeta } from '../src/types.js';
import type { MetricRequest } from '../src/query/metric.js';

function withDb<T>(at: IndexLocation, read: (db: SqlReader) => T): T {
  if (at.databaseUrl) {
    const pg = new SyncPg(at.databaseUrl);
    try {
      return read(pgReader(pg));
    } finally {
      pg.close();
    }
  }
  const db = new Database(join(at.indexDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return read(sqliteReader(() => db));
  } finally {
    db.close();
  }
}

/** The store's size: the index folder's files, or the PostgreSQL database. */
export function storeBytes(at: IndexLocation, dirSize: (dir: string) => number): number {
  if (!at.databaseUrl) return dirSize(at.indexDir);
  return withDb(at, (db) => Number(db.all<{ n: string }>('SELECT pg_database_size(current_database()) AS n')[0]?.n));
}

export function storeCounts(at: IndexLocation): { passages: number; facts: number } {
  return withDb(at, (db) => {
    const count = (table: string) => Number(db.all<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)[0]?.n ?? 0);
    return { passages: count('passages'), facts: count('facts') };
  });
}

/** The first `limit` passages in store order, with their reports' metadata (for extraction). */
export function passageSample(
  at: IndexLocation,
  limit: number,
): { passages: Passage[]; metas: Map<string, ReportMeta> } {
  return withDb(at, (db) => {
    const passages = db
      .all<{ data: string }>('SELECT data FROM passages ORDER BY doc, n LIMIT ?', [limit])
      .map((r) => JSON.parse(r.data) as Passage);
    const metas = db.all<{ meta: string }>('SELECT meta FROM reports').map((r) => JSON.parse(r.meta) as ReportMeta);
    return { passages, metas: new Map(metas.map((m) => [m.doc, m])) };
  });
}

/**
 * Up to `count` metric requests, each for a different fact label at a place and year that has it. The index
 * keeps the label scores of recent keywords, so a keyword asked twice would measure that memory, not the lookup.
 */
export function distinctMetricRequests(at: IndexLocation, count: number): MetricRequest[] {
  return withDb(at, (db) => {
    // Each label's first fact in store order (a window both databases have).
    const rows = db.all<{ label: string; district: string; year: number }>(
      `SELECT label, district, year FROM (
         SELECT label, district, year, row_number() OVER (PARTITION BY label ORDER BY doc, n) AS k FROM facts
       ) AS first WHERE k = 1 ORDER BY label`,
    );
    // Spread over the whole list rather than the first labels of one sort order.
    const step = Math.max(1, rows.length / count);
    return Array.from({ length: Math.min(count, rows.length) }, (_, i) => rows[Math.floor(i * step)]!).map(
      ({ label, district, year }) => ({ district, year, query: label }),
    );
  });
}

/** A report's first fact, in the order the index stored them. */
export function firstFact(at: IndexLocation, doc: string): Fact | undefined {
  return withDb(at, (db) => {
    const row = db.all<{ data: string }>('SELECT data FROM facts WHERE doc = ? ORDER BY n LIMIT 1', [doc])[0];
    return row && (JSON.parse(row.data) as Fact);
  });
}
