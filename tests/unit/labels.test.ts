import { describe, expect, it } from 'vitest';
import words from '../../src/facts/labels.json' with { type: 'json' };
import {
  cleanLabel,
  distributeRespectively,
  outsideBrackets,
  RATE_LABEL,
  RATE_QUERY,
  splitClauses,
} from '../../src/facts/labels.js';
import { findFigures } from '../../src/facts/figures.js';
import { isQualifier } from '../../src/types.js';

describe('cleanLabel', () => {
  it('strips leading words: 预计全年GDP → GDP', () => {
    expect(cleanLabel('预计全年GDP')).toEqual({ label: 'GDP', stripped: ['预计', '全年'] });
  });

  it('strips a trailing verb: 区级一般公共预算收入完成 → 区级一般公共预算收入', () => {
    expect(cleanLabel('区级一般公共预算收入完成').label).toBe('区级一般公共预算收入');
  });

  it('keeps the verb that tells paired figures apart as the action', () => {
    expect(cleanLabel('开工')).toMatchObject({ label: '', action: '开工' });
  });
});

describe('splitClauses', () => {
  it('splits at commas and semicolons, never inside brackets', () => {
    expect(splitClauses('引进(地区总部、总部型机构、研发中心)12家,新增绿地3公顷;完成目标。')).toEqual([
      '引进(地区总部、总部型机构、研发中心)12家',
      '新增绿地3公顷',
      '完成目标',
    ]);
  });

  it('a stray closing bracket does not hide the commas after it', () => {
    expect(splitClauses('其中)新增绿地3公顷,立体绿化1公顷')).toEqual(['其中)新增绿地3公顷', '立体绿化1公顷']);
  });
});

describe('outsideBrackets', () => {
  const at = (text: string) =>
    [...outsideBrackets(text)]
      .filter((c) => !c.stray)
      .map((c) => text[c.at])
      .join('');

  it('gives the characters outside brackets and quotes, without the brackets', () => {
    expect(at('甲(乙、丙)丁“戊”己')).toBe('甲丁己');
  });

  it('marks a closer with nothing open as stray', () => {
    expect([...outsideBrackets('a)b')]).toEqual([
      { at: 0, stray: false },
      { at: 1, stray: true },
      { at: 2, stray: false },
    ]);
  });

  it('scans only the range asked for', () => {
    expect([...outsideBrackets('甲乙丙丁', 1, 3)].map((c) => c.at)).toEqual([1, 2]);
  });
});

describe('distributeRespectively', () => {
  it("gives the figures after 分别 to the items before it, in order, borrowing the last item's tail", () => {
    const clause = '信息、科技、文体服务业营收分别增长25.6%、12.2%和43.2%';
    expect(distributeRespectively(clause, findFigures(clause))).toEqual({
      labels: ['信息服务业营收', '科技服务业营收', '文体服务业营收'],
      change: '增长',
    });
  });

  it('a single figure is not distributed', () => {
    const clause = '新增各类绿地14.15公顷';
    expect(distributeRespectively(clause, findFigures(clause))).toBeUndefined();
  });
});

describe('labels.json word lists', () => {
  it('every word before or after a figure is a qualifier, or one of the words extraction maps to one', () => {
    const mapped = new Set(['超', '逾', '达', '不低于', '大于', '高于', '多']);
    for (const w of [...words.before, ...words.after]) expect(isQualifier(w) || mapped.has(w), w).toBe(true);
  });

  it('falling words are change words, so a fall is read where a change is', () => {
    for (const w of words.falling) expect(words.change, w).toContain(w);
  });

  it('rate patterns come from the rate words: 增速 asks for a rate, 工业增加值 does not', () => {
    expect(RATE_QUERY.test('GDP增速')).toBe(true);
    expect(RATE_QUERY.test('工业增加值')).toBe(false);
    expect(RATE_LABEL.test('居民消费价格涨幅')).toBe(true);
    expect(RATE_LABEL.test('增速较快的产业')).toBe(false);
  });
});
