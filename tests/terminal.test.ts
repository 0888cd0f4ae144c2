import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tempCorpus } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');

function chat(input: string, env: Record<string, string> = {}) {
  const dirs = tempCorpus();
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, DISCORD_TOKEN: '', SEEDS_DIR: dirs.seedsDir, INDEX_DIR: dirs.indexDir, ...env },
  });
}

describe('the terminal chat (npm start without a token)', () => {
  it('answers each piped line with the same commands as Discord and exits at the end of input', () => {
    const r = chat('/metric 徐汇 2024 绿地\n虹口的“三师联创”是什么?\n/reports\n');
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('终端模式');
    expect(r.stderr).toContain('DISCORD_TOKEN');
    expect(r.stdout).toContain('新增各类绿地 14.15公顷');
    expect(r.stdout).toContain('004_ac793ded085856f1.txt 第 5 行');
    expect(r.stdout).toContain('责任规划师、责任建筑师、责任评估师');
    expect(r.stdout).toContain('静安区2020年重点工作目标安排');
  });

  it('a bad line gets a clear message and the next line is still answered', () => {
    const r = chat('/metric 火星 2024 绿地\n/nosuch\n/metric 徐汇 二〇二四 绿地\n/cite 徐汇25G-5\n');
    expect(r.stdout).toMatch(/没有“火星”的报告。相近的地区:(?=.*徐汇)(?=.*虹口)(?=.*长宁)(?=.*静安)/);
    expect(r.stdout).toContain('没有 /nosuch 命令');
    expect(r.stdout).toContain('年份应为四位数字');
    expect(r.stdout).toContain('新增各类绿地14.15公顷');
  });

  it('a malformed setting says what to set', () => {
    const r = chat('', { LOG_LEVEL: 'loud' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('LOG_LEVEL');
  });
});

describe('the CLI', () => {
  function cli(args: string[]) {
    const dirs = tempCorpus();
    return spawnSync(process.execPath, ['--import', 'tsx', 'src/adapters/cli.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, SEEDS_DIR: dirs.seedsDir, INDEX_DIR: dirs.indexDir },
    });
  }

  it('runs every chat command from its one definition: trend, compare with its options, cite, as the README lists', () => {
    const trend = cli(['trend', '徐汇', '绿地']);
    expect(trend.status).toBe(0);
    expect(trend.stdout).toContain('新增各类绿地');
    const compare = cli(['compare', '2024', '绿地', '--level', 'county', '--json']);
    expect(compare.status).toBe(0);
    expect(JSON.parse(compare.stdout).rows.length).toBeGreaterThan(0);
    const cite = cli(['cite', '徐汇25G-5']);
    expect(cite.status).toBe(0);
    expect(cite.stdout).toContain('新增各类绿地14.15公顷');
  });
});
