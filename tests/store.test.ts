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
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ReportIndex } from '../src/index/build.js';
import { DB_FILE } from '../src/index/db.js';
import { lookupMetric } from '../src/query/metric.js';
import { SEEDS, SEED_FILES, tempDir } from './helpers.js';

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

/** `npm run index` in a child process, on the given folders. */
function cliIndex(dirs: { seedsDir: string; indexDir: string }): ChildProcess {
  return spawn(TSX, ['src/adapters/cli.ts', 'index'], {
    cwd: ROOT,
    env: { ...process.env, SEEDS_DIR: dirs.seedsDir, INDEX_DIR: dirs.indexDir, DISCORD_TOKEN: '' },
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
async function expectAnswered(dirs: { seedsDir: string; indexDir: string }, logs: string[] = []): Promise<ReportIndex> {
  const index = await ReportIndex.open(dirs, { log: (m) => logs.push(m) });
  const a = lookupMetric(index, { district: '徐汇', year: 2024, query: '绿地' });
  expect(a.best.fact).toMatchObject({ label: '新增各类绿地', valueText: '14.15', unit: '公顷' });
  expect(index.corpus.reports.length).toBe(readdirSync(dirs.seedsDir).length);
  return index;
}

/** After recovery the store is whole again: the next open reads no file. */
async function expectStoredWhole(dirs: { seedsDir: string; indexDir: string }): Promise<void> {
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

describe('two builders on one index folder', () => {
  it('both finish, and the index they leave answers without rebuilding', async () => {
    const dirs = corpus();
    const [a, b] = await Promise.all([exited(cliIndex(dirs)), exited(cliIndex(dirs))]);
    expect(a, a.stderr).toMatchObject({ code: 0 });
    expect(b, b.stderr).toMatchObject({ code: 0 });
    (await expectAnswered(dirs)).close();
    await expectStoredWhole(dirs);
  }, 60_000);
});

describe('a builder killed with SIGKILL', () => {
  it('at random instants of a build, leaves a store the next open completes', async () => {
    const dirs = corpus();
    // Each kill lands on a store left by the kills before it: empty, partial, or already complete. Half the
    // rounds count from the store file appearing rather than from the spawn, so some kills land mid-write
    // however slowly the child starts.
    for (let round = 0; round < 4; round++) {
      const child = cliIndex(dirs);
      const done = exited(child);
      if (round % 2 === 1) await until(() => existsSync(join(dirs.indexDir, DB_FILE)), 10_000);
      await sleep(50 + Math.random() * 1450);
      child.kill('SIGKILL');
      await done;
    }
    const logs: string[] = [];
    (await expectAnswered(dirs, logs)).close();
    expect(logs.join('\n')).not.toMatch(/damaged/);
    await expectStoredWhole(dirs);
  }, 60_000);
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
