/**
 * /trend and /compare on the real-report corpus: the State Council's growth targets against what each next
 * report says was achieved, and the provinces side by side in one year.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReportIndex } from '../src/index/build.js';
import { compare, trend, verdict } from '../src/query/trend.js';
import { QueryError, type FactResult } from '../src/query/answer.js';
import { renderCompare, renderTrend } from '../src/render/text.js';
import { answerEmbed } from '../src/render/discord.js';
import { findCommand } from '../commands/index.js';
import { isQualifier, type Fact } from '../src/types.js';
import { toBase } from '../src/facts/figures.js';
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

/**
 * The State Council's CPI target against the next report's result, year by year, read by hand from
 * ../shared/corpus/national-*.txt. A price target is a ceiling (居民消费价格涨幅控制在…左右): below it is met.
 * null where the reports give no figure to judge: 2011 (the 2012 report says only 物价调控目标没有完成), 2015
 * (the 2016 report: 涨幅保持较低水平), 2017 (the 2018 report gives the five-year 年均上涨1.9% only), 2025 (no
 * 2026 national report).
 */
const CPI: Record<number, [target: string, actual: string | null, met: boolean | null]> = {
  2010: ['3%', '3.3%', false],
  2011: ['4%', null, null],
  2012: ['4%', '2.6%', true],
  2013: ['3.5%', '2.6%', true],
  2014: ['3.5%', '2%', true],
  2015: ['3%', null, null],
  2016: ['3%', '2%', true],
  2017: ['3%', null, null],
  2018: ['3%', '2.1%', true],
  2019: ['3%', '2.9%', true],
  2020: ['3.5%', '2.5%', true],
  2021: ['3%', '0.9%', true],
  2022: ['3%', '2%', true],
  2023: ['3%', '0.2%', true],
  2024: ['3%', '0.2%', true],
  2025: ['2%', null, null],
};

/** GDP growth, target against result, from the same reports; 2014 and 2015 fell 0.1 point short of 左右 targets. */
const GDP: Record<number, [target: string | null, actual: string | null, outcome: string | null]> = {
  2009: [null, '8.7%', null],
  2010: ['8%', '10.3%', 'met'],
  2011: ['8%', '9.2%', 'met'],
  2012: ['7.5%', '7.8%', 'met'],
  2013: ['7.5%', '7.7%', 'met'],
  2014: ['7.5%', '7.4%', 'near'],
  2015: ['7%', '6.9%', 'near'],
  2016: ['6.5%', '6.7%', 'met'],
  2017: ['6.5%', '6.9%', 'met'],
  2018: ['6.5%', '6.6%', 'met'],
  2019: ['6%', '6.1%', 'met'],
  2020: [null, '2.3%', 'no-target'],
  2021: ['6%', '8.1%', 'met'],
  2022: ['5.5%', '3%', 'missed'],
  2023: ['5%', '5.2%', 'met'],
  2024: ['5%', '5%', 'met'],
  2025: ['5%', null, null],
};

describe('verdicts', () => {
  it('a price target is a ceiling: the CPI verdicts agree with the reports year by year', () => {
    const t = trend(index, { place: '全国', query: '居民消费价格' });
    const got = Object.fromEntries(t.points.map((p) => [p.year, [shown(p.target), shown(p.actual), p.met]]));
    expect(got).toEqual(CPI);
    for (const p of t.points.filter((p) => p.verdict)) {
      expect(p.verdict!.rule, `${p.year}`).toBe('about-ceiling');
      expect(p.verdict!.reason, `${p.year}`).toContain('上限');
    }
  });

  it('GDP growth verdicts stay right, a 0.1-point shortfall on a 左右 target is 基本达到, and 2020 set no target', () => {
    const t = trend(index, { place: '全国', query: 'GDP增速' });
    const got = Object.fromEntries(
      t.points.map((p) => [p.year, [shown(p.target), shown(p.actual), p.verdict?.outcome ?? null]]),
    );
    expect(got).toEqual(GDP);
    // met stays strict: only a reached target is met; 基本达到 is said, not counted.
    const judged = (p: (typeof t.points)[number]) => p.verdict && p.verdict.outcome !== 'no-target';
    for (const p of t.points) expect(p.met, `${p.year}`).toBe(judged(p) ? p.verdict!.outcome === 'met' : null);
    const y2020 = t.points.find((p) => p.year === 2020)!;
    expect(y2020.noTarget?.excerpt).toContain('没有提出全年经济增速具体目标');
    expect(y2020.noTarget?.citation.doc).toBe('national-2020-gov-report.html');
  });

  it('each verdict names its rule in every render', () => {
    const t = trend(index, { place: '全国', query: '居民消费价格' });
    const text = renderTrend(t);
    expect(text).toMatch(/2010 .*未达目标\(注\d\)/);
    expect(text).toContain('判定规则');
    expect(text).toContain('为上限:不高于目标即达到');
    const embed = answerEmbed(t);
    expect(embed.fields?.find((f) => f.name === '判定规则')?.value).toContain('上限');
    const g = renderTrend(trend(index, { place: '全国', query: 'GDP增速' }));
    expect(g).toMatch(/2014 .*基本达到/);
    expect(g).toMatch(/2020 {2}目标 未设目标 \[全国20Gh-27\]/);
  });
});

/** A figure as a fact would carry it, for rules no report in the corpus happens to exercise. */
function figure(
  label: string,
  excerpt: string,
  valueText: string,
  unit: string,
  words: string[],
  max?: number,
): FactResult {
  const fact = {
    ...toBase(Number(valueText), unit),
    label,
    excerpt,
    valueText,
    value: Number(valueText),
    ...(max === undefined ? {} : { valueMax: max }),
    unit,
    qualifiers: words.filter(isQualifier),
    display: valueText + unit,
  } as Partial<Fact> as Fact;
  return { fact, label, display: fact.display, citeId: 'x-1' };
}

describe('verdict rules', () => {
  it('a cut in energy use is judged on how much lower: more is better', () => {
    const target = figure('单位国内生产总值能耗', '单位国内生产总值能耗下降3%左右', '3', '%', ['下降', '左右']);
    expect(verdict(target, figure('单位国内生产总值能耗', '能耗下降3.5%', '3.5', '%', ['下降'])).met).toBe(true);
    expect(verdict(target, figure('单位国内生产总值能耗', '能耗下降2.9%', '2.9', '%', ['下降'])).outcome).toBe('near');
  });

  it('an unemployment rate of 5.5%左右 is a ceiling, and 以内 caps any metric', () => {
    const target = figure('城镇调查失业率', '城镇调查失业率5.5%左右', '5.5', '%', ['左右']);
    expect(verdict(target, figure('城镇调查失业率', '城镇调查失业率5.2%', '5.2', '%', [])).met).toBe(true);
    expect(verdict(target, figure('城镇调查失业率', '城镇调查失业率5.6%', '5.6', '%', [])).outcome).toBe('missed');
    const cap = figure('新增债务', '新增债务控制在100亿元以内', '100', '亿元', ['以内']);
    expect(verdict(cap, figure('新增债务', '新增债务120亿元', '120', '亿元', []))).toMatchObject({
      met: false,
      rule: 'ceiling',
    });
  });

  it('a range on a metric of unknown direction must hold the result between its ends', () => {
    const target = figure('某项指标', '某项指标5%-6%', '5', '%', [], 6);
    expect(verdict(target, figure('某项指标', '某项指标5.5%', '5.5', '%', [])).met).toBe(true);
    expect(verdict(target, figure('某项指标', '某项指标6.5%', '6.5', '%', [])).met).toBe(false);
  });

  it('亿元 and 万亿元 are judged by value, an amount of increase never against a level', () => {
    const target = figure('一般公共预算收入', '一般公共预算收入1万亿元以上', '1', '万亿元', ['以上']);
    expect(verdict(target, figure('一般公共预算收入', '一般公共预算收入10500亿元', '10500', '亿元', [])).met).toBe(
      true,
    );
    expect(verdict(target, figure('一般公共预算收入', '一般公共预算收入9500亿元', '9500', '亿元', [])).met).toBe(false);
    const rise = figure('一般公共预算收入', '一般公共预算收入增加1000亿元', '1000', '亿元', ['增长']);
    expect(verdict(target, rise).rule).toBe('incomparable');
  });

  it('figures in different units are not judged', () => {
    const target = figure('地区生产总值', '地区生产总值增长5%', '5', '%', ['增长']);
    expect(verdict(target, figure('地区生产总值', '地区生产总值1万亿元', '1', '万亿元', [])).met).toBeNull();
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

describe('compare ranking', () => {
  const ranked = (c: ReturnType<typeof compare>) => c.rows.filter((r) => r.rank !== null);
  const figureOf = (r: { target: FactResult | null; actual: FactResult | null }) => (r.actual ?? r.target)!.fact;

  it('ranks the provinces by the figure shown, largest first: 西藏 leads 2026 growth targets with 7%以上', () => {
    const c = compare(index, { year: 2026, query: 'GDP增速', level: 'province' });
    const first = c.rows[0]!;
    expect([first.district, first.rank, first.target?.display]).toEqual(['西藏', 1, '增长 7%以上']);
    const values = ranked(c).map((r) => figureOf(r).value);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(ranked(c).length).toBeGreaterThanOrEqual(30);
    expect(renderCompare(c)).toMatch(/^1\. 西藏 /m);
    expect(answerEmbed(c).description).toMatch(/^1\. \*\*西藏\*\*/m);
  });

  it('the order option reverses the ranking', () => {
    const compareCommand = findCommand('compare')!;
    const raw = compareCommand.fromText('2026 GDP增速 --level province --order asc');
    const prepared = compareCommand.prepare(raw);
    if (!prepared.ok) throw new Error(JSON.stringify(prepared.issues));
    const { answer } = prepared.run({ index });
    if (answer.type !== 'compare') throw new Error(answer.type);
    expect(answer.order).toBe('asc');
    const r = ranked(answer);
    expect(r.at(-1)!.district).toBe('西藏');
    const values = r.map((x) => figureOf(x).value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(compareCommand.prepare({ ...raw, order: 'up' }).ok).toBe(false);
  });

  it('never ranks rates with levels, and ranks 亿元 and 万亿元 by their value while each keeps its text', () => {
    const c = compare(index, { year: 2025, query: '一般公共预算收入', level: 'province' });
    const units = new Set(ranked(c).map((r) => figureOf(r).unit));
    expect(units.has('%')).toBe(false);
    expect([...units].sort()).toEqual(['万亿元', '亿元']);
    const base = ranked(c).map((r) => figureOf(r).baseValue!);
    expect(base).toEqual([...base].sort((a, b) => b - a));
    for (const r of ranked(c)) expect(r.actual?.display ?? r.target?.display).toContain(figureOf(r).unit);
    // Rates follow, unranked; places whose reports lack the figure come last, as such.
    const apart = c.rows.filter((r) => r.rank === null);
    expect(apart.every((r) => r.apart)).toBe(true);
    const embed = answerEmbed(c);
    expect(embed.fields?.map((f) => f.name)).toEqual(['口径不同,不参与排名:', '报告未写明这一数字:']);
    for (const f of embed.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(1024);
    const group = c.rows.map((r) => ['ranked', 'other-kind', 'no-figure'].indexOf(r.apart ?? 'ranked'));
    expect(group).toEqual([...group].sort((a, b) => a - b));
  });
});
