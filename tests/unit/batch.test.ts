import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportIndex } from '../../src/index/build.js';
import { answerLine } from '../../src/adapters/batch.js';
import { seedIndex } from '../helpers.js';

let index: ReportIndex;
beforeAll(async () => {
  index = await seedIndex();
});

const line = (request: unknown, n = 1) => answerLine(index, JSON.stringify(request), n) as Record<string, any>;

describe('answerLine', () => {
  it("a metric request in the contract's fields (district, year, query) gets the figure and its citation", () => {
    const r = line({ id: 'm1', command: 'metric', district: '徐汇', year: 2024, query: '绿地' });
    expect(r).toMatchObject({ id: 'm1', ok: true });
    expect(r.results[0]).toMatchObject({
      district: '徐汇',
      year: 2024,
      kind: 'actual',
      metric: '新增各类绿地',
      value: 14.15,
      valueText: '14.15',
      unit: '公顷',
    });
    expect(r.results[0].citation).toMatchObject({ doc: '004_ac793ded085856f1.txt', lines: [5, 5] });
  });

  it('place means the same as district, and kind picks the target', () => {
    const byPlace = line({ id: 'm2', command: 'metric', place: '徐汇', year: 2024, query: '绿地' });
    expect(byPlace.results[0].value).toBe(14.15);
    const target = line({ id: 'm3', command: 'metric', place: '徐汇', year: 2025, query: '绿地', kind: 'target' });
    expect(target.results[0].kind).toBe('target');
  });

  it('an ask request gets the answer with numbered citations', () => {
    const r = line({ id: 'q1', command: 'ask', question: '虹口的三师联创是什么?' });
    expect(r).toMatchObject({ id: 'q1', ok: true });
    expect(r.citations[0]).toMatchObject({
      n: 1,
      doc: expect.any(String),
      lines: expect.any(Array),
      excerpt: expect.stringContaining('三师'),
    });
  });

  it('an option the command refuses names the field and the limit, with the line number', () => {
    const r = line({ id: 'm4', command: 'metric', place: '徐汇', year: 2024, query: '绿'.repeat(101) }, 3);
    expect(r).toMatchObject({ id: 'm4', ok: false, line: 3, error: { code: 'BAD_REQUEST' } });
    expect(r.error.message).toMatch(/^line 3: keyword: 指标太长了:最多 100 字/);
  });

  it('a metric request without a place says what to give', () => {
    const r = line({ id: 'm5', command: 'metric', year: 2024, query: '绿地' });
    expect(r.ok).toBe(false);
    expect(r.error.message).toContain('请指定地区');
  });

  it('an unknown command lists the commands there are', () => {
    const r = line({ id: 'x', command: 'launch' });
    expect(r.error.message).toMatch(/command must be one of metric, ask, search.*not "launch"/);
  });

  it('a query error keeps its own code and suggestions', () => {
    const r = line({ id: 'm6', command: 'metric', place: '火星', year: 2024, query: '绿地' });
    expect(r).toMatchObject({ id: 'm6', ok: false, error: { code: 'UNKNOWN_DISTRICT' } });
    expect(r.error.suggestions.length).toBeGreaterThan(0);
  });
});
