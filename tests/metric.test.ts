import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReportIndex } from '../src/index/build.js';
import { lookupMetric } from '../src/query/metric.js';
import { ask } from '../src/query/ask.js';
import { QueryError } from '../src/query/answer.js';
import { seedIndex, tempDir } from './helpers.js';
import { districtChoices } from '../commands/choices.js';
import { first } from '../src/list.js';

let index: ReportIndex;
beforeAll(async () => {
  index = await seedIndex();
});

function errorOf(fn: () => unknown): QueryError {
  try {
    fn();
  } catch (e) {
    return e as QueryError;
  }
  throw new Error('expected an error');
}

describe('/metric', () => {
  it('徐汇 2024 绿地 is 新增各类绿地 14.15 公顷, achieved, cited to its line', () => {
    const a = lookupMetric(index, { district: '徐汇', year: 2024, query: '绿地' });
    expect(a.best.fact).toMatchObject({
      label: '新增各类绿地',
      valueText: '14.15',
      unit: '公顷',
      period: { year: 2024, kind: 'actual' },
    });
    expect(a.best.fact.citation).toMatchObject({ doc: '004_ac793ded085856f1.txt', lines: [5, 5] });
    expect(a.best.citeId).toBe('徐汇25G-5');
  });

  it('shows the same metric in other years as related figures', () => {
    const a = lookupMetric(index, { district: '徐汇', year: 2024, query: '绿地' });
    expect(
      a.related.some((r) => r.relation === 'other-year' && r.fact.period.year === 2025 && r.fact.valueText === '10'),
    ).toBe(true);
  });

  it('a paired figure comes with it: 开工 and 竣工', () => {
    const a = lookupMetric(index, { district: '长宁', year: 2020, query: '架空线入地' });
    expect(a.best.fact.valueText).toBe('32');
    expect(a.related.find((r) => r.relation === 'paired')?.fact.valueText).toBe('25');
  });

  it('a synonym finds the label the report uses: 加装电梯 → 电梯加装', () => {
    expect(lookupMetric(index, { district: '徐汇', year: 2024, query: '加装电梯' }).best.fact.valueText).toBe('333');
    expect(lookupMetric(index, { district: '长宁', year: 2019, query: '地区生产总值' }).best.fact.label).toBe('GDP');
  });

  it('a keyword that names the measure (数, 面积) or varies a character still finds the label', () => {
    expect(lookupMetric(index, { district: '长宁', year: 2022, query: '养老床位数' }).best.fact.label).toBe(
      '新增养老床位',
    );
    expect(lookupMetric(index, { district: '长宁', year: 2019, query: '公共绿地面积' }).best.fact.valueText).toBe(
      '1.23',
    );
    expect(lookupMetric(index, { district: '长宁', year: 2019, query: '养老院床位' }).best.fact.valueText).toBe('311');
    expect(lookupMetric(index, { district: '长宁', year: 2020, query: '架空线落地' }).best.fact.valueText).toBe('32');
  });

  it('a keyword that shares only a few characters with every label is still not found', () => {
    expect(errorOf(() => lookupMetric(index, { district: '长宁', year: 2019, query: '床位费用标准' })).code).toBe(
      'NO_MATCH',
    );
  });

  it('the kind option picks the target or the achieved column', () => {
    expect(
      lookupMetric(index, { district: '长宁', year: 2021, query: '高新技术企业', kind: 'target' }).best.fact.valueText,
    ).toBe('370');
    expect(
      lookupMetric(index, { district: '长宁', year: 2021, query: '高新技术企业', kind: 'actual' }).best.fact.valueText,
    ).toBe('375');
  });

  it('district aliases work with and without 区, and in pinyin', () => {
    for (const d of ['徐汇区', 'xuhui', '徐汇'])
      expect(lookupMetric(index, { district: d, year: 2024, query: '绿地' }).district).toBe('徐汇');
  });

  it('an unknown place lists the places there are, nearest first', () => {
    const e = errorOf(() => lookupMetric(index, { district: '火星', year: 2024, query: '绿地' }));
    expect(e.code).toBe('UNKNOWN_DISTRICT');
    expect([...e.suggestions].sort()).toEqual(['徐汇', '虹口', '上海长宁', '静安'].sort());
    // A place the register knows but the corpus lacks points at the corpus's places that share its characters.
    const near = errorOf(() => lookupMetric(index, { district: '徐州', year: 2024, query: '绿地' }));
    expect(near.suggestions[0]).toBe('徐汇');
  });

  it('a place typed as its full name, with its city, or in pinyin resolves; a shared name asks which', () => {
    for (const spelling of ['徐汇区', '上海市徐汇区', 'xuhui', 'Xu Hui']) {
      expect(lookupMetric(index, { district: spelling, year: 2024, query: '绿地' }).best.fact.valueText).toBe('14.15');
    }
  });

  it('a year with no data names the years that have it', () => {
    const e = errorOf(() => lookupMetric(index, { district: '徐汇', year: 2019, query: '绿地' }));
    expect(e.code).toBe('NO_DATA_FOR_YEAR');
    expect(e.suggestions).toEqual(['2024', '2025']);
  });

  it('nothing matched says so with the closest labels instead of guessing', () => {
    const e = errorOf(() => lookupMetric(index, { district: '徐汇', year: 2024, query: '床位火箭发射' }));
    expect(e.code).toBe('NO_MATCH');
    // The offered labels share the keyword's words (床位), and the message names each of them.
    expect(e.suggestions.length).toBeGreaterThan(0);
    expect(e.suggestions.every((l) => l.includes('床位'))).toBe(true);
    for (const label of e.suggestions) expect(e.message).toContain(label);
    // Nothing alike: nothing offered, rather than a label that shares no word.
    const none = errorOf(() => lookupMetric(index, { district: '徐汇', year: 2024, query: '火箭发射' }));
    expect(none.code).toBe('NO_MATCH');
    expect(none.suggestions).toEqual([]);
    expect(none.message).not.toContain('相近');
  });
});

describe('/ask', () => {
  it('a numeric question is answered from facts, the figure first', () => {
    const a = ask(index, '徐汇区2024年新增了多少绿地?');
    expect(a.via).toBe('facts');
    expect(first(a.sentences).text).toContain('新增各类绿地14.15公顷');
  });

  it('"增加了多少" asks for the 新增 figure', () => {
    const a = ask(index, '徐汇2024年绿地增加了多少');
    expect(a.via).toBe('facts');
    expect(first(a.sentences).text).toContain('14.15');
  });

  it('"哪个区…最多" is answered by the sentence that says who leads, in the report\'s word order', () => {
    const a = ask(index, '加装电梯哪个区完工最多');
    expect(first(a.sentences).text).toContain('完工数继续保持全市第一');
  });

  it('a definition question reads the glossary first', () => {
    const a = ask(index, '虹口的"三师联创"是什么?');
    expect(a.via).toBe('glossary');
    expect(first(a.sentences).text).toContain('责任规划师、责任建筑师、责任评估师');
  });

  it('other questions get sentences from the reports with numbered citations', () => {
    const a = ask(index, '长宁区为老人购买了什么保险');
    expect(first(a.sentences).text).toContain('银发无忧');
    expect(a.sentences.map((s) => s.n)).toEqual([1, 2, 3]);
    expect(first(a.sentences).citation.doc).toBe('000_3e8a29c4a87eb63b.txt');
  });

  it('says how "今年" was read', () => {
    const a = ask(index, '徐汇今年要新增多少绿地');
    expect(a.assumptions.join('')).toContain('2025');
  });
});

describe('a figure of another economy', () => {
  it("is never the place's own: 全球经济增速 does not answer 地区生产总值增长", async () => {
    const dir = tempDir('elsewhere-');
    writeFileSync(
      join(dir, 'r.txt'),
      [
        '海门区2018年国民经济和社会发展计划',
        '一、2018年经济社会发展的预期目标',
        '国际货币基金组织调高全球经济2018年增速至3.7%,世界经济复苏的动力仍然强劲。',
        '全区地区生产总值预期增长7%左右。',
      ].join('\n'),
    );
    const idx = await ReportIndex.open({ seedsDir: dir, indexDir: join(dir, 'index') });
    const a = lookupMetric(idx, { district: '海门', year: 2018, query: '地区生产总值增长' });
    expect(a.best.fact.valueText).toBe('7');
    expect(lookupMetric(idx, { district: '海门', year: 2018, query: '全球经济增速' }).best.fact.valueText).toBe('3.7');
  });
});

describe('two places of one name', () => {
  it('are two places: 北京朝阳 and 长春朝阳 each answer with their own figure, and 朝阳 offers both', async () => {
    const dir = tempDir('chaoyang-');
    const report = (city: string, gdp: string) =>
      [
        '政府工作报告',
        `——2024年1月10日在${city}朝阳区第十七届人民代表大会第三次会议上`,
        '各位代表:',
        `现在,我代表${city}朝阳区人民政府向大会报告工作。`,
        '一、2023年工作回顾',
        `过去一年,全区地区生产总值达到${gdp}亿元,增长5%。`,
      ].join('\n');
    writeFileSync(join(dir, 'a.txt'), report('北京市', '8200'));
    writeFileSync(join(dir, 'b.txt'), report('长春市', '720'));
    const idx = await ReportIndex.open({ seedsDir: dir, indexDir: join(dir, 'index') });
    const gdp = (district: string) =>
      lookupMetric(idx, { district, year: 2023, query: '地区生产总值' }).best.fact.valueText;
    expect([gdp('北京朝阳'), gdp('长春朝阳'), gdp('长春市朝阳区')]).toEqual(['8200', '720', '720']);
    const e = errorOf(() => lookupMetric(idx, { district: '朝阳', year: 2023, query: '地区生产总值' }));
    expect(e.code).toBe('AMBIGUOUS_PLACE');
    expect([...e.suggestions].sort()).toEqual(['北京朝阳', '长春朝阳']);
    expect(
      districtChoices(idx, '朝阳')
        .map((c) => c.value)
        .sort(),
    ).toEqual(['北京朝阳', '长春朝阳']);
  });
});
