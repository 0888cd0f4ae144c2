/**
 * What the bench reads from the index file itself, opened read-only: counts, passage samples, reports' metadata
 * and fact labels. The index may keep passages and facts on disk (FTS5), so the bench does not ask it for them.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { DB_FILE } from '../src/index/db.js';
import type { Fact, Passage, ReportMeta } from '../src/types.js';
import type { MetricRequest } from '../src/query/metric.js';

function withDb<T>(indexDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(join(indexDir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export function storeCounts(indexDir: string): { passages: number; facts: number } {
  return withDb(indexDir, (db) => {
    const count = (table: string) => db.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck().get() ?? 0;
    return { passages: count('passages'), facts: count('facts') };
  });
}

/** The first `limit` passages in store order, with their reports' metadata (for extraction). */
export function passageSample(
  indexDir: string,
  limit: number,
): { passages: Passage[]; metas: Map<string, ReportMeta> } {
  return withDb(indexDir, (db) => {
    const passages = db
      .prepare<[number], string>('SELECT data FROM passages ORDER BY doc, n LIMIT ?')
      .pluck()
      .all(limit)
      .map((data) => JSON.parse(data) as Passage);
    const metas = db
      .prepare<[], string>('SELECT meta FROM reports')
      .pluck()
      .all()
      .map((meta) => JSON.parse(meta) as ReportMeta);
    return { passages, metas: new Map(metas.map((m) => [m.doc, m])) };
  });
}

/**
 * Up to `count` metric requests, each for a different fact label at a place and year that has it. The index
 * keeps the label scores of recent keywords, so a keyword asked twice would measure that memory, not the lookup.
 */
export function distinctMetricRequests(indexDir: string, count: number): MetricRequest[] {
  return withDb(indexDir, (db) => {
    const rows = db
      .prepare<[], { label: string; district: string; year: number }>(
        // Bare columns next to min(): SQLite takes them from the row holding the minimum, so they belong together.
        "SELECT label, district, year, min(doc || ':' || printf('%06d', n)) FROM facts GROUP BY label ORDER BY label",
      )
      .all();
    // Spread over the whole list rather than the first labels of one sort order.
    const step = Math.max(1, rows.length / count);
    return Array.from({ length: Math.min(count, rows.length) }, (_, i) => rows[Math.floor(i * step)]!).map(
      ({ label, district, year }) => ({ district, year, query: label }),
    );
  });
}

/** A report's first fact, in the order the index stored them. */
export function firstFact(indexDir: string, doc: string): Fact | undefined {
  return withDb(indexDir, (db) => {
    const data = db
      .prepare<[string], string>('SELECT data FROM facts WHERE doc = ? ORDER BY n LIMIT 1')
      .pluck()
      .get(doc);
    return data === undefined ? undefined : (JSON.parse(data) as Fact);
  });
}
