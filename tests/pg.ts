/**
 * A real PostgreSQL server for the tests that need one: TEST_DATABASE_URL names it (.ci/run starts one on
 * loopback; README → Tests). Each test gets a database of its own, dropped when the file's tests end.
 */
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { SyncPg } from '../src/index/pg.js';

export const SERVER_URL = process.env.TEST_DATABASE_URL || undefined;

const created: string[] = [];
let admin: SyncPg | undefined;

/** A new, empty database on the test server; its URL. */
export function freshDatabase(): string {
  if (!SERVER_URL) throw new Error('TEST_DATABASE_URL is not set');
  admin ??= new SyncPg(SERVER_URL);
  const name = `reports_test_${randomBytes(6).toString('hex')}`;
  admin.query(`CREATE DATABASE ${name}`);
  created.push(name);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

afterAll(() => {
  for (const name of created.splice(0)) admin?.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  admin?.close();
  admin = undefined;
});
