import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SEEDS, seedByDistrict, seedIndex, tempCorpus } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');
const FOUND = /新增各类绿地 14\.15公顷/g;
const GONE = /没有“徐汇”的报告/g;

/** Resolves when the predicate holds for the output so far; polls because output arrives in chunks. */
function until(pred: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (pred()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 50);
    };
    tick();
  });
}

describe('a live corpus', () => {
  it('picks up a report added to seeds/ while the chat runs, forgets it when removed, and answers throughout', async () => {
    const xuhui = seedByDistrict(await seedIndex(), '徐汇', 2025).doc;
    const dirs = tempCorpus();
    rmSync(join(dirs.seedsDir, xuhui));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, DISCORD_TOKEN: '', SEEDS_DIR: dirs.seedsDir, INDEX_DIR: dirs.indexDir, LOG_LEVEL: 'info' },
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const ask = (line: string) => child.stdin.write(`${line}\n`);
    const count = (re: RegExp) => out.match(re)?.length ?? 0;
    try {
      ask('/reports');
      await until(() => out.includes('静安区2020年重点工作目标安排'), 'the first answer');
      ask('/metric 徐汇 2024 绿地');
      await until(() => count(GONE) === 1, 'the unknown-district answer');

      // Keep asking while files come and go: every question must get an answer, old or new.
      let asked = 1;
      const pump = setInterval(() => {
        ask('/metric 徐汇 2024 绿地');
        asked++;
      }, 40);
      copyFileSync(join(SEEDS, xuhui), join(dirs.seedsDir, xuhui));
      await until(() => count(FOUND) > 0, 'an answer from the added file');
      const foundAt = count(FOUND) + count(GONE);
      rmSync(join(dirs.seedsDir, xuhui));
      await until(() => out.lastIndexOf('没有“徐汇”的报告') > out.lastIndexOf('14.15'), 'the removal to be noticed');
      clearInterval(pump);
      await until(() => count(FOUND) + count(GONE) === asked, 'every question to be answered');
      expect(foundAt).toBeGreaterThan(1);

      ask('/reports');
      child.stdin.end();
      expect(await exited).toBe(0);
      expect(out).not.toContain('出错了');
      expect(out.slice(out.lastIndexOf('静安区2020年重点工作目标安排'))).not.toContain('徐汇区2025年政府工作报告');
      expect(err).toMatch(/corpus updated: \+1/);
      expect(err).toMatch(/corpus updated: \+0 ~0 -1/);
    } finally {
      child.kill();
    }
  }, 90_000);
});
