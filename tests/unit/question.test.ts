/**
 * The question reader on the shipped seeds (Shanghai districts): each kind of question becomes the command that
 * answers it, and what is left to look up never holds the question's frame (多少, 完成了吗, 有什么安排).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportIndex } from '../../src/index/build.js';
import { QueryError } from '../../src/query/answer.js';
import {
  asksAboutReport,
  LEXICON,
  lexiconExamples,
  readingLine,
  readQuestion,
  saysNoTarget,
  severalYears,
} from '../../src/query/question.js';
import { seedIndex } from '../helpers.js';

let index: ReportIndex;
beforeAll(async () => {
  index = await seedIndex();
});

const read = (q: string) => readQuestion(q, index.corpus);

describe('the lexicon', () => {
  it('every cue group says why it exists and gives a question that needs it', () => {
    const examples = lexiconExamples();
    expect(examples.length).toBeGreaterThan(15);
    for (const { example } of examples) expect(example.length).toBeGreaterThan(1);
  });

  it('no cue word is empty and the province abbreviations are one character each', () => {
    for (const [abbreviation, name] of Object.entries(LEXICON.abbreviations.names)) {
      expect(abbreviation).toHaveLength(1);
      expect(name.length).toBeGreaterThan(1);
    }
  });
});

describe('a figure question → /metric', () => {
  it('reads place, year, metric and kind, and shows the reading as a command', () => {
    const r = read('徐汇2024年新增了多少绿地');
    expect(r).toMatchObject({ command: 'metric', place: '徐汇', year: 2024, keyword: '新增绿地', kind: 'actual' });
    expect(readingLine(r)).toBe('按 /metric 徐汇 2024 新增绿地 完成 查询');
  });

  it('a target question asks for the target, and its frame words are not part of the metric', () => {
    expect(read('徐汇2025年绿地的目标定的是多少')).toMatchObject({
      command: 'metric',
      keyword: '绿地',
      kind: 'target',
    });
  });

  it('a place, a year and a metric name alone ask for the figure', () => {
    expect(read('徐汇2024年绿地')).toMatchObject({ command: 'metric', keyword: '绿地', asksFigure: false });
  });
});

describe('target against result → both figures and the verdict', () => {
  it('完成了吗 reads as the year’s result beside its target', () => {
    const r = read('徐汇2024年绿地目标完成了吗');
    expect(r).toMatchObject({ command: 'verdict', place: '徐汇', year: 2024, keyword: '绿地' });
    expect(readingLine(r)).toContain('/metric 徐汇 2024 绿地 完成');
  });
});

describe('a series → /trend', () => {
  it('历年 asks for every year, newest first', () => {
    expect(read('徐汇历年新增绿地')).toMatchObject({
      command: 'trend',
      place: '徐汇',
      keyword: '新增绿地',
      newestFirst: true,
    });
  });

  it('a span of years is read from its first year', () => {
    expect(read('虹口2020到2024年新增绿地')).toMatchObject({
      command: 'trend',
      from: 2020,
      to: 2024,
      newestFirst: false,
    });
  });
});

describe('a ranking → /compare', () => {
  it('哪个区…最多 compares the districts of one year, largest first', () => {
    const r = read('2024年哪个区新增绿地最多');
    expect(r).toMatchObject({ command: 'compare', year: 2024, level: 'county', end: 'high', keyword: '新增绿地' });
    expect(readingLine(r)).toContain('/compare 2024 新增绿地 --level county');
  });

  it('最少 ranks the smallest first', () => {
    expect(read('2024年哪个区新增绿地最少')).toMatchObject({ command: 'compare', end: 'low' });
  });
});

describe('who delivered a report', () => {
  it('is a question about the report, with the report’s year', () => {
    expect(read('2024年虹口区政府工作报告是谁作的')).toMatchObject({ command: 'who', place: '虹口', reportYear: 2024 });
    expect(asksAboutReport('谁作出了贡献')).toBe(false);
  });
});

describe('what a term means', () => {
  it('is a definition question about the quoted term', () => {
    expect(read('虹口的“三师联创”是什么?')).toMatchObject({
      command: 'definition',
      place: '虹口',
      keyword: '三师联创',
    });
  });
});

describe('anything else → a passage search with place and year as filters', () => {
  it('searches the topic only, never the question’s frame', () => {
    const r = read('长宁对架空线入地有什么安排');
    expect(r.command).toBe('search');
    expect(r.keyword).toBe('架空线入地');
    expect(readingLine(r)).toMatch(/^按 \/search 架空线入地 --district \S*长宁/);
  });
});

describe('places and years as people write them', () => {
  it('traditional characters, pinyin and a close typo of a corpus place', () => {
    expect(read('徐匯2024年新增綠地多少').place).toBe('徐汇');
    expect(read('xuhui 2024年新增绿地多少').place).toBe('徐汇');
    expect(read('徐江2024年新增绿地多少')).toMatchObject({ place: '徐汇', assumptions: ['“徐江”读作徐汇'] });
  });

  it('a registered place the corpus has no report of is an error that offers close places', () => {
    const e = (() => {
      try {
        read('深圳2024年新增绿地多少');
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(QueryError);
    expect((e as QueryError).code).toBe('UNKNOWN_DISTRICT');
  });

  it('今年 is the newest report’s year, and the reading says so', () => {
    const r = read('虹口今年新增绿地多少');
    expect(r.year).toBe(2024);
    expect(r.yearWritten).toBe(false);
    expect(r.assumptions.join()).toContain('2024');
  });
});

describe('figures for several years and targets not set', () => {
  it('a clause saying 累计 or 年均 before the figure is for several years, unless the question says so', () => {
    expect(severalYears('城镇累计新增就业超700万人', '700', '城镇新增就业')).toBe(true);
    expect(severalYears('城镇新增就业人数年均超过46万人', '46', '城镇新增就业')).toBe(true);
    expect(severalYears('城镇新增就业149.4万人', '149.4', '城镇新增就业')).toBe(false);
    expect(severalYears('研发经费投入年均增长9.5%', '9.5', '年均增长')).toBe(false);
  });

  it('a report that set no target says so in words the lexicon knows', () => {
    expect(saysNoTarget('我们没有提出全年经济增速具体目标')).toBe(true);
    expect(saysNoTarget('国内生产总值增长5%左右')).toBe(false);
  });
});
