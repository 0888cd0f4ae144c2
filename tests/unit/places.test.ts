import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportIndex } from '../../src/index/build.js';
import { resolveQuestion } from '../../src/query/resolve.js';
import { placesNamed } from '../../src/text/places.js';
import { seedIndex } from '../helpers.js';

const named = (input: string) => placesNamed(input).map((p) => `${p.name}/${p.level}`);

describe('placesNamed', () => {
  it('a district by its short name, full name or pinyin', () => {
    expect(named('徐汇')).toEqual(['徐汇区/county']);
    expect(named('徐汇区')).toEqual(['徐汇区/county']);
    expect(named('xuhui')).toEqual(['徐汇区/county']);
  });

  it('places at every level: a province without its suffix, and the country', () => {
    expect(named('内蒙古')).toEqual(['内蒙古自治区/province']);
    expect(named('海拉尔')).toEqual(['海拉尔区/county']);
    expect(named('全国')).toEqual(['全国/national']);
  });

  it('a name no division has is nothing', () => {
    expect(named('火星')).toEqual([]);
  });
});

describe('resolveQuestion', () => {
  let index: ReportIndex;
  beforeAll(async () => {
    index = await seedIndex();
  });

  it('reads the district, the written year and a numeric intent about what was achieved', () => {
    expect(resolveQuestion('徐汇区2024年新增了多少绿地?', index.corpus)).toMatchObject({
      district: '徐汇',
      year: 2024,
      yearWritten: true,
      intent: 'numeric',
      kindHint: 'actual',
    });
  });

  it('今年 is read against the newest report of the place, and the reply says so', () => {
    const r = resolveQuestion('虹口今年要建设多少', index.corpus);
    expect(r).toMatchObject({ district: '虹口', year: 2024, yearWritten: false, kindHint: 'target' });
    expect(r.assumptions.join()).toContain('今年');
  });

  it('a definition question names no place and asks for a definition', () => {
    const r = resolveQuestion('什么是三师联创', index.corpus);
    expect(r.intent).toBe('definition');
    expect(r.district).toBeUndefined();
  });
});
