/**
 * /trend and /compare on the real-report corpus: the State Council's growth targets against what each next
 * report says was achieved, and the provinces side by side in one year.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReportIndex } from '../src/index/build.js';
import { compare, trend } from '../src/query/trend.js';
import { QueryError } from '../src/query/answer.js';
import { tempDir } from './helpers.js';

const CORPUS = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));

let index: ReportIndex;
beforeAll(async () => {
  index = await ReportIndex.open({ seedsDir: CORPUS, indexDir: join(tempDir('trend-'), 'index') });
}, 180_000);

const shown = (r: { fact: { value: number; unit: string } } | null) => (r ? `${r.fact.value}${r.fact.unit}` : null);

describe('trend', () => {
  it('gives each year the target beside the actual figure, and says whether the target was met', () => {
    const t = trend(index, { place: '国务院', query: 'GDP增速' });
    expect(t.district).toBe('全国');
    const at = (year: number) => t.points.find((p) => p.year === year);
    expect([shown(at(2010)!.target), shown(at(2010)!.actual), at(2010)!.met]).toEqual(['8%', '10.3%', true]);
    expect([shown(at(2014)!.target), shown(at(2014)!.actual), at(2014)!.met]).toEqual(['7.5%', '7.4%', false]);
    // A growth question is answered with growth rates only, never a level or a share of GDP.
    for (const p of t.points) for (const f of [p.target, p.actual]) if (f) expect(f.fact.unit, `${p.year}`).toBe('%');
  });

  it('an unknown place lists near ones instead of an empty trend', () => {
    const e = (() => {
      try {
        trend(index, { place: '海拉区', query: 'GDP' });
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(QueryError);
    expect((e as QueryError).suggestions.join()).toContain('海拉尔');
  });
});

describe('compare', () => {
  it('puts the provinces of one year side by side, largest actual growth first', () => {
    const c = compare(index, { year: 2025, query: 'GDP增速', level: 'province' });
    expect(c.rows.length).toBeGreaterThanOrEqual(25);
    const actual = c.rows.flatMap((r) => (r.actual ? [r.actual.fact] : []));
    for (const f of actual) expect([f.unit, f.qualifiers.includes('增长')], f.district).toEqual(['%', true]);
    const values = actual.map((f) => f.value);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(c.rows.some((r) => r.district === '全国')).toBe(false);
  });
});
