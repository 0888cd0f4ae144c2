import { describe, expect, it } from 'vitest';
import { findFigures, toBase } from '../../src/facts/figures.js';

const figures = (clause: string) => findFigures(clause).map(({ start: _s, end: _e, ...f }) => f);

describe('findFigures', () => {
  it('reads a number with its scale and unit', () => {
    expect(figures('新增公共绿地1.23万平方米')).toEqual([
      { valueText: '1.23', value: 1.23, unit: '万平方米', scale: 10000, surface: '1.23万平方米' },
    ]);
  });

  it('keeps the qualifier before and after the number', () => {
    expect(figures('占比近60%').map((f) => [f.before, f.surface])).toEqual([['近', '近60%']]);
    expect(figures('收入1200亿元以上').map((f) => [f.after, f.surface])).toEqual([['以上', '1200亿元以上']]);
    expect(figures('服务1.3万余人').map((f) => [f.after, f.unit])).toEqual([['余', '万人']]);
  });

  it('a range is one figure with two ends', () => {
    expect(figures('增长5%-10%')).toMatchObject([{ value: 5, valueMax: 10, unit: '%', surface: '5%-10%' }]);
  });

  it('figures in words are not figures: 三分之一, 四成, 百分之五', () => {
    expect(findFigures('占比超过三分之一,四成以上,增长百分之五')).toEqual([]);
  });

  it('a year, an ordinal or a code is not a figure', () => {
    expect(findFigures('2024年第32届G20峰会')).toEqual([]);
  });
});

describe('toBase', () => {
  it('scales 万 and 亿 and converts 公顷 to 平方米', () => {
    expect(toBase(1.23, '万平方米')).toEqual({ baseValue: 12300, baseUnit: '平方米' });
    expect(toBase(14.15, '公顷')).toEqual({ baseValue: 141500, baseUnit: '平方米' });
    expect(toBase(5, '亿元')).toEqual({ baseValue: 500000000, baseUnit: '元' });
  });

  it('a unit with no base is left alone', () => {
    expect(toBase(3, '张')).toBeUndefined();
  });
});
