/**
 * The store under faults, through the real CLI in child processes where a fault is about processes: two
 * builders on one index folder, a builder killed with SIGKILL at random instants, and each store file damaged
 * in turn. Every case must end with the product answering a known seed question right.
 */
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ReportIndex, type IndexLocation } from '../src/index/build.js';
import { DB_FILE } from '../src/index/db.js';
import { lookupMetric } from '../src/query/metric.js';
import { SEEDS, SEED_FILES, tempDir } from './helpers.js';
import { freshDatabase, SERVER_URL } from './pg.js';

const ROOT = join(import.meta.dirname, '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** A reports folder with the seeds and extra copies under other names, so a build lasts long enough to interrupt. */
function corpus(copies = 2): { seedsDir: string; indexDir: string } {
  const root = tempDir('store-');
  const seedsDir = join(root, 'seeds');
  mkdirSync(seedsDir);
  for (const f of SEED_FILES) {
    copyFileSync(join(SEEDS, f), join(seedsDir, f));
    for (let i = 1; i <= copies; i++) copyFileSync(join(SEEDS, f), join(seedsDir, `copy${i}_${f}`));
  }
  return { seedsDir, indexDir: join(root, 'index') };
}

type Dirs = { seedsDir: string; indexDir: string; databaseUrl?: string };

/** `npm run index` in a child process, on the given folders (and database, when one is named). */
function cliIndex(dirs: Dirs): ChildProcess {
  const env = { SEEDS_DIR: dirs.seedsDir, INDEX_DIR: dirs.indexDir, DATABASE_URL: dirs.databaseUrl ?? '' };
  return spawn(TSX, ['src/adapters/cli.ts', 'index'], {
    cwd: ROOT,
    env: { ...process.env, ...env, DISCORD_TOKEN: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  child.stdout?.resume();
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
}

/** Opens the index as the product does and asks /metric 徐汇 2024 绿地. */
async function expectAnswered(dirs: Dirs, logs: string[] = []): Promise<ReportIndex> {
  const index = await ReportIndex.open(dirs, { log: (m) => logs.push(m) });
  const a = lookupMetric(index, { district: '徐汇', year: 2024, query: '绿地' });
  expect(a.best.fact).toMatchObject({ label: '新增各类绿地', valueText: '14.15', unit: '公顷' });
  expect(index.corpus.reports.length).toBe(readdirSync(dirs.seedsDir).length);
  return index;
}

/** After recovery the store is whole again: the next open reads no file. */
async function expectStoredWhole(dirs: Dirs): Promise<void> {
  let reads = 0;
  const index = await ReportIndex.open(dirs, {
    onProgress: (done) => {
      reads += done;
    },
  });
  index.close();
  expect(reads).toBe(0);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(ready: () => boolean, timeoutMs: number): Promise<void> {
  for (const start = Date.now(); !ready() && Date.now() - start < timeoutMs;) await sleep(10);
}

/** Where the builders keep the index: the SQLite file in the index folder, or a PostgreSQL database. */
const STORES = [
  { name: 'the index folder', at: () => corpus(), skip: false },
  { name: 'one PostgreSQL database', at: () => ({ ...corpus(), databaseUrl: freshDatabase() }), skip: !SERVER_URL },
];

describe.each(STORES)('two builders on $name', ({ at, skip }) => {
  it.skipIf(skip)(
    'both finish, and the index they leave answers without rebuilding',
    async () => {
      const dirs = at();
      const [a, b] = await Promise.all([exited(cliIndex(dirs)), exited(cliIndex(dirs))]);
      expect(a, a.stderr).toMatchObject({ code: 0 });
      expect(b, b.stderr).toMatchObject({ code: 0 });
      (await expectAnswered(dirs)).close();
      await expectStoredWhole(dirs);
    },
    60_000,
  );
});

describe('a new index file another process is writing to', () => {
  // Making a file WAL needs it to itself, and SQLite answers "database is locked" at once rather than wait:
  // the second of two builders starting together on a new folder failed that way.
  it('is opened once the other process commits, not refused as locked', async () => {
    const dirs = corpus(0);
    mkdirSync(dirs.indexDir);
    const file = join(dirs.indexDir, DB_FILE);
    new Database(file).exec('CREATE TABLE t(x)').close();
    const holder = spawn(process.execPath, ['-e', HOLD_WRITE_LOCK, file], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise((held) => holder.stdout?.once('data', held));
    const released = exited(holder);
    (await expectAnswered(dirs)).close();
    expect(await released).toMatchObject({ code: 0 });
  });
});

/** A process in a write transaction on a rollback-journal file for 400 ms: says "held", then commits. */
const HOLD_WRITE_LOCK = `
const db = new (require('better-sqlite3'))(process.argv[1]);
db.exec('BEGIN IMMEDIATE');
db.prepare('INSERT INTO t VALUES (1)').run();
process.stdout.write('held');
setTimeout(() => { db.exec('COMMIT'); db.close(); }, 400);
`;

describe('a PostgreSQL server that cannot be reached', () => {
  it('npm run index names it without its password, says what to do, and fails', async () => {
    const dirs = { ...corpus(0), databaseUrl: 'postgres://reports:s3cret@127.0.0.1:9/reports' };
    const { code, stderr } = await exited(cliIndex(dirs));
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/cannot use the PostgreSQL database at postgres:\/\/reports:\*\*\*@127\.0\.0\.1:9\/reports/);
    expect(stderr).toMatch(/Start the server or fix DATABASE_URL/);
    expect(stderr).not.toMatch(/s3cret/);
  });
});

describe.each(STORES)('a builder on $name killed with SIGKILL', ({ at, skip }) => {
  it.skipIf(skip)(
    'at random instants of a build, leaves a store the next open completes',
    async () => {
      const dirs: Dirs = at();
      // Each kill lands on a store left by the kills before it: empty, partial, or already complete. Half the
      // rounds count from the first report being read rather than from the spawn, so some kills land mid-write
      // however slowly the child starts.
      for (let round = 0; round < 4; round++) {
        const child = cliIndex(dirs);
        let reading = false;
        child.stderr?.on('data', (d: Buffer) => (reading ||= d.toString().includes('indexing')));
        const done = exited(child);
        if (round % 2 === 1) await until(() => reading, 10_000);
        await sleep(50 + Math.random() * 1450);
        child.kill('SIGKILL');
        await done;
      }
      const logs: string[] = [];
      (await expectAnswered(dirs, logs)).close();
      expect(logs.join('\n')).not.toMatch(/damaged/);
      await expectStoredWhole(dirs);
    },
    60_000,
  );
});

describe('a damaged store file', () => {
  const damages: [string, (db: string) => void, boolean][] = [
    ['truncated to half', (db) => truncateSync(db, Math.floor(statSync(db).size / 2)), true],
    ['overwritten with garbage', (db) => writeFileSync(db, randomBytes(statSync(db).size)), true],
    ['replaced by an empty file', (db) => writeFileSync(db, ''), false],
    ['with a garbage WAL beside it', (db) => writeFileSync(`${db}-wal`, randomBytes(64 * 1024)), false],
  ];
  for (const [name, damage, reported] of damages) {
    it(`${name}: is detected, moved aside when unreadable, rebuilt, and the product answers`, async () => {
      const dirs = corpus(0);
      (await ReportIndex.open(dirs)).close();
      damage(join(dirs.indexDir, DB_FILE));
      const logs: string[] = [];
      (await expectAnswered(dirs, logs)).close();
      const aside = readdirSync(dirs.indexDir).filter((f) => f.includes('.damaged-'));
      if (reported) {
        expect(logs.join('\n')).toMatch(/is damaged .*moved to .*rebuilt from the reports folder/);
        expect(aside.length).toBeGreaterThan(0);
      }
      await expectStoredWhole(dirs);
    }, 60_000);
  }

  it('too large to check at open: damage is found by the background check, and the index rebuilt while it answers', async () => {
    const dirs = { ...corpus(0), searchEngine: 'fts5' as const };
    (await ReportIndex.open(dirs)).close();
    const db = join(dirs.indexDir, DB_FILE);
    // Garbage over the pages of the facts table: a store that leaves facts on disk does not read them at open.
    const pages = new Database(db, { readonly: true });
    const size = pages.pragma('page_size', { simple: true }) as number;
    const numbers = pages.prepare<[], number>("SELECT pageno FROM dbstat WHERE name = 'facts'").pluck().all();
    pages.close();
    expect(numbers.length).toBeGreaterThan(1);
    const fd = openSync(db, 'r+');
    for (const n of numbers) writeSync(fd, randomBytes(size), 0, size, (n - 1) * size);
    closeSync(fd);
    const logs: string[] = [];
    const index = await ReportIndex.open(dirs, { log: (m) => logs.push(m), checkAtOpenMaxBytes: 0 });
    const atOpen = logs.length;
    await index.verified();
    expect(logs.slice(atOpen).join('\n')).toMatch(/is damaged .*moved to .*rebuilt from the reports folder/);
    const a = lookupMetric(index, { district: '徐汇', year: 2024, query: '绿地' });
    expect(a.best.fact).toMatchObject({ label: '新增各类绿地', valueText: '14.15', unit: '公顷' });
    index.close();
    await expectStoredWhole(dirs);
  }, 60_000);

  it('a missing index folder is built from scratch', async () => {
    const dirs = corpus(0);
    expect(existsSync(dirs.indexDir)).toBe(false);
    (await expectAnswered(dirs)).close();
  }, 60_000);
});

describe.each([
  {
    name: 'the index file (FTS5)',
    at: (): Dirs & IndexLocation => ({ ...corpus(0), searchEngine: 'fts5' }),
    skip: false,
  },
  {
    name: 'PostgreSQL',
    at: (): Dirs & IndexLocation => ({ ...corpus(0), databaseUrl: SERVER_URL && freshDatabase() }),
    skip: !SERVER_URL,
  },
])('processes sharing $name', ({ at, skip }) => {
  it.skipIf(skip)('a report one of them stored is taken from the store by the others, not read again', async () => {
    const dirs = at();
    const [a, b] = [await ReportIndex.open(dirs), await ReportIndex.open(dirs)];
    try {
      const doc = `copy_${SEED_FILES[0]}`;
      copyFileSync(join(SEEDS, SEED_FILES[0]!), join(dirs.seedsDir, doc));
      let readByA = 0;
      let readByB = 0;
      expect((await a.refresh({ onProgress: () => readByA++ })).added).toEqual([doc]);
      const summary = await b.refresh({ onProgress: () => readByB++ });
      expect([readByA > 0, readByB]).toEqual([true, 0]);
      expect(summary.added).toEqual([doc]);
      expect(b.counts(doc)).toEqual(a.counts(doc));
      expect(b.corpus.reports.map((r) => r.doc)).toEqual(a.corpus.reports.map((r) => r.doc));
      const hits = b.searchPassages('绿地', {}, 100).filter((h) => h.doc === doc);
      expect(hits.length).toBeGreaterThan(0);
    } finally {
      a.close();
      b.close();
    }
  });
});

describe('a report with a NUL character, in PostgreSQL', () => {
  it.skipIf(!SERVER_URL)('is indexed and answers like the others (PostgreSQL text cannot hold U+0000)', async () => {
    const dirs = { ...corpus(0), databaseUrl: SERVER_URL && freshDatabase() };
    const doc = SEED_FILES[0]!;
    const text = readFileSync(join(SEEDS, doc), 'utf8');
    writeFileSync(join(dirs.seedsDir, doc), text.replace('绿地', '绿\u0000地'));
    const index = await ReportIndex.open(dirs);
    try {
      expect(index.corpus.skipped).toEqual([]);
      expect(index.corpus.reports.map((r) => r.doc)).toContain(doc);
      expect(index.searchPassages('绿地', {}, 200).some((h) => h.doc === doc)).toBe(true);
    } finally {
      index.close();
    }
  });
});
