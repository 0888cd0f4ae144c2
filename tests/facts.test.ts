import { assert, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ReportIndex } from '../src/index/build.js';
import type { Fact, Passage, Period, ReportMeta } from '../src/types.js';
import { extractFacts } from '../src/facts/extract.js';
import { ingestText } from '../src/ingest/ingest.js';
import { findFigures } from '../src/facts/figures.js';
import { rawLines, seedIndex, squash } from './helpers.js';
import { first } from '../src/list.js';

let index: ReportIndex;
beforeAll(async () => {
  index = await seedIndex();
});

/** Facts extracted from the seed sentence containing `text` (real passage, real period). */
function factsIn(text: string): Fact[] {
  const facts = index.corpus.facts.filter((f) => squash(f.excerpt).includes(squash(text)));
  expect(facts.length, `no facts in a sentence containing ${text}`).toBeGreaterThan(0);
  return facts;
}
const summary = (f: Fact) => `${f.label}=${f.valueText}${f.unit}`;

/** The facts of one sentence, as a paragraph of a report delivered in `reportYear` under a section about `period`. */
function sentenceFacts(text: string, period: Period, reportYear: number, section = 's'): Fact[] {
  return paragraphFacts([text], period, reportYear, section);
}

/** The facts of a paragraph of these sentences, under a section (its heading) about `period`. */
function paragraphFacts(sentences: string[], period: Period, reportYear: number, section = 's'): Fact[] {
  const meta: ReportMeta = {
    doc: 't.txt',
    district: '测试',
    reportYear,
    kind: '政府工作报告',
    title: 't',
    periods: [],
    format: 'text',
    overridden: false,
  };
  const p: Passage = {
    id: 't#0',
    doc: 't.txt',
    district: '测试',
    reportYear,
    section,
    sectionTitle: section,
    period,
    kind: 'paragraph',
    text: sentences.join(''),
    lines: [1, 1],
    sentences: sentences.map((text) => ({ text, lines: [1, 1] })),
    ordinal: 0,
  };
  return extractFacts([p], meta);
}

describe('extraction patterns on real seed sentences', () => {
  it('label then number: 新增养老床位 311 张', () => {
    expect(factsIn('新增养老床位 311 张').map(summary)).toContain('新增养老床位=311张');
  });

  it('number then label: 完成458张认知症床位建设', () => {
    expect(factsIn('完成458张认知症床位建设').map(summary)).toContain('认知症床位建设=458张');
  });

  it('an enumeration sharing one verb gives each item its own label', () => {
    const got = factsIn('新增公共绿地 1.23 万平方米').map(summary);
    expect(got).toEqual(expect.arrayContaining(['新增公共绿地=1.23万平方米', '立体绿化=3.01万平方米', '绿道=6.1公里']));
  });

  it('paired figures (开工/竣工) are told apart and point at each other', () => {
    const [a, b] = factsIn('计划开工32 公里以上、竣工 25 公里以上').filter((f) => f.unit === '公里');
    assert(a && b, 'two 公里 figures');
    expect([a.label, b.label]).toEqual(['架空线入地及合杆整治开工', '架空线入地及合杆整治竣工']);
    expect(a.pairedWith).toBe(b.id);
    expect(a.qualifiers).toContain('以上');
    expect(a.period).toEqual({ year: 2020, kind: 'target' });
  });

  it('a table row with target and actual columns gives a 2021 target and a 2021 actual', () => {
    const row = index.corpus.facts.filter((f) => f.label === '高新技术企业数');
    expect(row.map((f) => [f.valueText, f.period.kind, f.period.year])).toEqual([
      ['370', 'target', 2021],
      ['375', 'actual', 2021],
    ]);
  });

  it('"分别增长 A、B 和 C" is distributed over the items listed before it', () => {
    const got = factsIn('信息、科技、文体服务业营收分别增长').map(
      (f) => `${f.label}:${f.valueText}:${f.qualifiers.join('')}`,
    );
    expect(got).toEqual(['信息服务业营收:25.6:增长', '科技服务业营收:12.2:增长', '文体服务业营收:43.2:增长']);
  });

  it('a range keeps both ends: 5%-10%', () => {
    const f = index.corpus.facts.find((x) => x.label === '固定资产投资总额增速' && x.period.kind === 'target')!;
    expect([f.value, f.valueMax, f.unit, f.display]).toEqual([5, 10, '%', '2021年目标值:5%-10%']);
  });

  it('qualifiers stay with the figure: 近, 以上, 左右, 超, 不少于, 小于', () => {
    const d = (t: string, label: string) => factsIn(t).find((f) => f.label.includes(label))!.display;
    expect(d('占全市近60%', '全市')).toBe('近60%');
    // Both sentences open with 预计: the year was not closed, and the figure says it is an estimate.
    expect(d('社会消费品零售总额1200亿元以上', '社会消费品零售总额')).toBe('预计 1200亿元以上');
    expect(d('预计全年 GDP 同比增长 6.3%左右', 'GDP')).toBe('预计 同比增长 6.3%左右');
    expect(d('规模以上工业总产值超900亿元', '工业总产值')).toBe('预计 超900亿元');
    expect(d('修缮各类旧住房不少于50万平方米', '旧住房')).toBe('不少于50万平方米');
    expect(d('城镇调查失业率小于5.5%', '失业率')).toBe('小于5.5%');
  });

  it('figures in words (三分之一, 四成) never pose as numbers', () => {
    // Inline, so a recognizer that read Chinese numerals would fail here, not pass on seeds that lack them.
    expect(findFigures('占比超过三分之一,四成以上,增长百分之五')).toEqual([]);
    expect(findFigures('三分之一的人口达到1.5万人').map((f) => f.valueText)).toEqual(['1.5']);
    expect(factsIn('占比超过三分之一').every((f) => f.unit === '%' && f.value !== 3)).toBe(true);
  });

  it('values are converted to base units where that makes sense', () => {
    const green = index.corpus.facts.find((f) => f.label === '新增各类绿地' && f.valueText === '14.15')!;
    expect([green.baseValue, green.baseUnit]).toEqual([141500, '平方米']);
    const budget = index.corpus.facts.find((f) => f.valueText === '131.62')!;
    expect([budget.baseValue, budget.baseUnit]).toEqual([13162000000, '元']);
  });

  it("an explicit year in the sentence wins over the section's", () => {
    const text = '按照2023年生活垃圾回收利用率达到43%以上的目标,推进分类。';
    expect(first(sentenceFacts(text, { year: 2024, kind: 'target' }, 2024)).period).toEqual({
      year: 2023,
      kind: 'target',
    });
  });
});

describe('reading the genre: sentences as provincial and national reports write them', () => {
  const read = (text: string, period: Period = { year: 2024, kind: 'actual' }) => sentenceFacts(text, period, 2025);
  const brief = (f: Fact) => `${f.label}=${f.display}${f.multiYear ? '(多年)' : ''}`;

  it('"分别" over names holding 和, and over one name of a pair (产销, 城乡), gives each its own figure', () => {
    expect(read('金融业、软件和信息服务业增加值分别增长9.7%、15.3%。').map(brief)).toEqual([
      '金融业增加值=增长 9.7%',
      '软件和信息服务业增加值=增长 15.3%',
    ]);
    expect(read('红旗汽车产销量分别增长22.9%和17.4%。').map(brief)).toEqual([
      '红旗汽车产量=增长 22.9%',
      '红旗汽车销量=增长 17.4%',
    ]);
    expect(read('银行机构本外币存贷款余额分别达38.7万亿元、29.9万亿元。').map((f) => f.label)).toEqual([
      '银行机构本外币存款余额',
      '银行机构本外币贷款余额',
    ]);
    expect(read('全省城乡居民人均可支配收入分别增长4.7%、6.6%。').map((f) => f.label)).toEqual([
      '城镇居民人均可支配收入',
      '农村居民人均可支配收入',
    ]);
  });

  it("an annual mean (PM2.5年均浓度) is one year's figure; 年均增长 is a span of years", () => {
    const air = read('PM2.5年均浓度36.2微克/立方米、同比下降5%,优良天数比例达到77%。');
    expect(air.map((f) => f.value)).toEqual([36.2, 5, 77]);
    expect(air.some((f) => f.multiYear)).toBe(false);
    expect(read('地区生产总值年均增长5.5%。').map(brief)).toEqual(['地区生产总值=增长 5.5%(多年)']);
  });

  it('a word stripped before a name is not cut off the start of the name (服务 of 服务业)', () => {
    expect(read('服务业增加值比重由46.9%提高到48.2%。').map(brief)).toEqual(['服务业增加值比重=48.2%']);
    expect(read('服务企业1200家。').map((f) => f.label)).toEqual(['企业']);
    expect(read('拟安排财政赤字9000亿元,其中中央财政赤字7000亿元。').map((f) => f.label)).toEqual([
      '财政赤字',
      '中央财政赤字',
    ]);
  });

  it('"从A增至B": A is where the change started, not the figure of the year', () => {
    expect(read('人均地区生产总值从5.6万元增至7.8万元,超过1万美元。').map(brief)[0]).toBe('人均地区生产总值=7.8万元');
    expect(read('民间投资占比34%、提高1.3个百分点。').map(brief)[0]).toBe('民间投资占比=34%');
  });

  it('a measure word alone (总量, 总额, 总产, 增量, 占全国) names the subject before it', () => {
    expect(read('地区生产总值增长5.8%、增速全国第3,总量达到60013亿元;').map(brief)).toEqual([
      '地区生产总值=增长 5.8%',
      '地区生产总值总量=达到60013亿元',
    ]);
    expect(read('外贸进出口增长8.4%,总额突破8000亿元。').map(brief)[1]).toBe('外贸进出口总额=突破8000亿元');
    expect(read('粮食增产42.2亿斤,总产466亿斤。').map(brief)[1]).toBe('粮食总产=466亿斤');
    expect(read('外送电量3150亿度、占全国16%。').map(brief)).toEqual(['外送电量=3150亿度', '外送电量占全国=16%']);
    expect(read('粮食总产再创历史新高,连续16年位居全国首位,增量39.7亿斤、占全国23.6%。').map(brief)).toEqual([
      '粮食总产增量=39.7亿斤',
      '粮食总产增量占全国=23.6%',
    ]);
  });

  it("a milestone passed is the subject's level, not a change nor a 大关", () => {
    const [rate, level] = read('地区生产总值同比增长6.1%、突破2万亿元大关。');
    assert(rate && level, 'a rate and a level');
    expect(level.label).toBe('地区生产总值');
    expect(level.qualifiers).toEqual(['突破']);
    expect(rate.qualifiers).toContain('增长');
    expect(read('人均地区生产总值突破5万关口、达到5.28万元。').map(brief)).toEqual(['人均地区生产总值=达到5.28万元']);
  });

  it('a clause of bare figures takes the names of the figures before it, in order', () => {
    expect(read('城镇居民人均可支配收入17175元,农村居民人均纯收入5153元,实际增长9.8%和8.5%。').map(brief)).toEqual([
      '城镇居民人均可支配收入=17175元',
      '农村居民人均纯收入=5153元',
      '城镇居民人均可支配收入=增长 9.8%',
      '农村居民人均纯收入=增长 8.5%',
    ]);
    expect(read('城镇和农村人均住房面积32.9平方米、37.1平方米。').map(brief)).toEqual([
      '城镇人均住房面积=32.9平方米',
      '农村人均住房面积=37.1平方米',
    ]);
  });

  it('items listed before one change share its figure', () => {
    const got = read('社会消费品零售总额、固定资产投资增长4%左右。', { year: 2025, kind: 'target' }).map(brief);
    expect(got).toEqual(['社会消费品零售总额=增长 4%左右', '固定资产投资=增长 4%左右']);
  });

  it("a year written before its figure dates it; a change since an earlier year is several years'", () => {
    const [from, to] = read('财政赤字占国内生产总值的比重从2009年的2.8%降到去年的1.5%左右。', {
      year: 2012,
      kind: 'actual',
    });
    assert(from && to, 'a from and a to figure');
    expect([from.label, from.period.year, to.label, to.period.year]).toEqual([
      '财政赤字占国内生产总值的比重',
      2009,
      '财政赤字占国内生产总值的比重',
      2012,
    ]);
    const since = read('城镇人均住房面积32.9平方米,比2007年增加2.8平方米。', { year: 2012, kind: 'actual' });
    expect(since.map(brief)).toEqual(['城镇人均住房面积=32.9平方米', '城镇人均住房面积=增长 2.8平方米(多年)']);
  });

  it('力争 marks the stretch target beside the base one; 争取 funds is no stretch', () => {
    const [base, stretch] = read('地区生产总值增长6%以上、力争7%。', { year: 2025, kind: 'target' });
    assert(base && stretch, 'a base and a stretch target');
    expect([base.display, stretch.display, stretch.label]).toEqual(['增长 6%以上', '力争 7%', '地区生产总值']);
    expect(first(read('积极争取中央支持资金2083亿元。')).qualifiers).not.toContain('力争');
  });

  it('half a bracket across a figure never becomes a label', () => {
    const got = read('地方一般公共预算收入达3507.6亿元、增长1.7%(同口径增长2.5%以上)。');
    expect(got.map((f) => f.label)).toEqual(Array(3).fill('地方一般公共预算收入'));
  });
});

describe('extraction properties', () => {
  const pieces = fc.constantFrom(
    '新增',
    '完成',
    '绿地',
    '万平方米',
    '亿元',
    '%',
    '、',
    ',',
    '分别增长',
    '和',
    '左右',
    '以上',
    '(',
    ')',
    '“',
    '”',
    '近',
    '超',
    '-',
    '.',
    '个',
    '张',
    '2024年',
    '第',
    ' ',
    '\t',
    '●',
    '增长',
    '同比',
  );
  const adversarial = fc
    .array(fc.oneof(pieces, fc.integer({ min: 0, max: 99999 }).map(String), fc.string()), { maxLength: 30 })
    .map((xs) => xs.join(''));

  it('random and adversarial text never throws, and every valueText occurs in its excerpt', () => {
    fc.assert(
      fc.property(adversarial, (text) => {
        for (const f of sentenceFacts(text, { year: 2023, kind: 'actual' }, 2024)) {
          expect(f.excerpt).toContain(f.valueText);
          expect(Number.isFinite(f.value)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("every seed fact's valueText occurs in its excerpt and in its raw lines", () => {
    for (const f of index.corpus.facts) {
      expect(f.excerpt).toContain(f.valueText);
      const raw = rawLines(f.citation.doc)
        .slice(f.citation.lines[0] - 1, f.citation.lines[1])
        .join('\n');
      expect(raw, f.id).toContain(f.valueText);
    }
    expect(index.corpus.facts.length).toBeGreaterThan(800);
  });
});

describe('figures in texts of every form: summaries, five-year reviews, scopes', () => {
  /** The facts of a text read whole through ingestion, as a user's file would be. */
  const fileFacts = (text: string) => {
    const { meta, passages } = ingestText('t.txt', new TextEncoder().encode(text));
    return extractFacts(passages, meta).map(
      (f) => `${f.label}=${f.valueText}${f.unit} ${f.period.year}${f.period.kind}`,
    );
  };

  it('a news summary with no headings dates its figures by the year its sentences open on', () => {
    const facts = fileFacts(
      [
        '1月23日,保定市第十五届人民代表大会第四次会议开幕。',
        '2018年,在市委的坚强领导下,全市经济社会呈现稳中有进的良好态势。',
        '全市地区生产总值增长6.9%;社会消费品零售总额达到2000亿元。',
        '2019年,全市地区生产总值预期增长7%左右。',
      ].join('\n'),
    );
    expect(facts).toEqual(
      expect.arrayContaining([
        '地区生产总值=6.9% 2018actual',
        '社会消费品零售总额=2000亿元 2018actual',
        '地区生产总值=7% 2019target',
      ]),
    );
  });

  it('in an undated text, a sentence takes the period the passage last named, and a horizon is a target', () => {
    const facts = fileFacts(
      [
        '3月19日上午,昆明市第十四届人民代表大会第一次会议开幕。',
        '市长代表市人民政府作政府工作报告。他说,过去的一年,我们坚持稳中求进,全市实现地区生产总值4300亿元,增长8.5%;一般公共预算收入530亿元,增长5.5%。',
        '今后五年经济社会发展主要目标是:到2021年,全市地区生产总值达到7000亿元以上。',
        '2017-03-22 13:26',
      ].join('\n'),
    );
    expect(facts).toEqual(
      expect.arrayContaining([
        '地区生产总值=4300亿元 2016actual',
        '一般公共预算收入=530亿元 2016actual',
        '地区生产总值=7000亿元 2021target',
      ]),
    );
  });

  it('预计 in an undated text is the estimate of the year just closed; a figure nothing dates is no fact', () => {
    const facts = fileFacts(
      [
        '2024年1月17日,友谊县第十二届人民代表大会第三次会议开幕。',
        '预计全县地区生产总值增长5%。',
        '新建道路12公里。',
      ].join('\n'),
    );
    expect(facts.some((f) => f.startsWith('地区生产总值=5% 2023actual'))).toBe(true);
    expect(facts.filter((f) => f.includes('12公里'))).toEqual([]);
  });

  it('"500万元以上固定资产投资完成39.73亿元": the bound of a scope is no value', () => {
    const facts = sentenceFacts(
      '500万元以上固定资产投资完成39.73亿元,同比增长15.3%。',
      { year: 2022, kind: 'actual' },
      2023,
    );
    expect(facts.map(summary)).not.toContain('固定资产投资=500万元');
    expect(facts.map((f) => f.valueText)).toContain('39.73');
  });

  it("in a five-year review, a level compared with the first year is the last year's; its multiple is the span's", () => {
    const [level, ratio] = sentenceFacts(
      '全口径财政收入1796亿元,是2006年的3.6倍。',
      { year: 2011, kind: 'actual' },
      2012,
    ).map((f) => f);
    expect([level?.valueText, level?.period.year, level?.multiYear]).toEqual(['1796', 2011, undefined]);
    expect([ratio?.valueText, ratio?.period.year, ratio?.multiYear]).toEqual(['3.6', 2011, true]);
  });

  it("初步统计 under a plan heading is the closed year's figure", () => {
    const [f] = sentenceFacts('初步统计,全市地区生产总值预计完成4725亿元。', { year: 2020, kind: 'target' }, 2020);
    expect([f?.valueText, f?.period]).toEqual(['4725', { year: 2019, kind: 'actual' }]);
  });
});

describe('what a figure is of: shares, starts, other economies', () => {
  const period = { year: 2020, kind: 'actual' } as const;

  it('"地方级财政收入58.7亿元,占13.4%": the share is the share of what was just named', () => {
    const facts = sentenceFacts('其中:地方级财政收入58.7亿元,占13.4%。', period, 2021).map(summary);
    expect(facts).toEqual(['地方级财政收入=58.7亿元', '地方级财政收入占比=13.4%']);
  });

  it('"由2017年929家增长到3605家": a dated start is where the change began, the figure is the one reached', () => {
    const facts = sentenceFacts('国家认定的高新技术企业由2017年929家增长到3605家。', period, 2021).map(summary);
    expect(facts).toEqual(['国家认定的高新技术企业=3605家']);
  });

  it('"牲畜存栏125万头只": 头只 counts livestock as written', () => {
    expect(sentenceFacts('牧业年度牲畜存栏125万头只。', period, 2021).map(summary)).toEqual([
      '牧业年度牲畜存栏=125万头只',
    ]);
  });
});

describe("a plan report's indicator table", () => {
  it('gives each row its target and its result for the year its heading names, in the unit its row gives', () => {
    const text = [
      '关于徐汇区2023年国民经济和社会发展计划执行情况与2024年计划草案的报告',
      '——2024年1月9日在徐汇区第十七届人民代表大会第四次会议上',
      '各位代表:',
      '一、2023年计划执行情况',
      '表1 2023年主要指标完成情况',
      '指标\t计划目标\t执行结果',
      '地区生产总值增长(%)\t5.5左右\t5.8',
      '一般公共预算收入(亿元)\t120\t125.3',
    ].join('\n');
    const { meta, passages } = ingestText('plan.txt', new TextEncoder().encode(text));
    const facts = extractFacts(passages, meta).map((f) => `${f.label}=${f.display} ${f.period.year}${f.period.kind}`);
    expect(facts).toEqual([
      '地区生产总值=计划目标:增长 5.5%左右 2023target',
      '地区生产总值=执行结果:增长 5.8% 2023actual',
      '一般公共预算收入=计划目标:120亿元 2023target',
      '一般公共预算收入=执行结果:125.3亿元 2023actual',
    ]);
  });
});

describe('names as the genre writes them around a figure', () => {
  const period = { year: 2019, kind: 'actual' } as const;
  const read = (text: string, p: Period = period) => sentenceFacts(text, p, 2020).map(summary);

  it('"225,000万元": a comma between groups of three digits is part of the number, not a clause break', () => {
    expect(read('安排基建资金225,000万元,增长5%。')).toContain('安排基建资金=225,000万元');
  });

  it('how a figure was counted (根据…修订结果, 按可比价格计算) and the year it is about are not its name', () => {
    expect(read('全市地区生产总值根据省统计局的修订结果预计完成4725亿元。')).toEqual(['地区生产总值=4725亿元']);
    expect(read('2019年全市一般公共预算收入356亿元。')).toEqual(['一般公共预算收入=356亿元']);
    expect(read('地区生产总值按可比价格计算增长6%。')).toEqual(['地区生产总值=6%']);
    expect(read('实现业委会按时换届率达到50%。')).toEqual(['业委会按时换届率=50%']);
  });

  it("in a five-year review, a level the span reached is its last year's; a flow and an average stay the span's", () => {
    const review = { year: 2021, kind: 'actual' } as const;
    const facts = (text: string) =>
      sentenceFacts(text, review, 2022, '一、“十三五”时期发展成就').map(
        (f) => `${f.label}=${f.valueText}${f.unit}${f.multiYear ? ' 多年' : ''}`,
      );
    expect(facts('城乡常住居民人均可支配收入分别达到44846元和37342元,年均增长4.9%和7.2%。')).toEqual([
      '城镇常住居民人均可支配收入=44846元',
      '农村常住居民人均可支配收入=37342元',
      '城镇常住居民人均可支配收入=4.9% 多年',
      '农村常住居民人均可支配收入=7.2% 多年',
    ]);
    expect(facts('固定资产投资累计完成65.3亿元。')).toEqual(['固定资产投资累计完成=65.3亿元 多年']);
  });
});

describe('a figure beside its plan and its place', () => {
  it('"…672.2亿元,完成预算的101.9%,同比增长13.6%": the ratio to the plan is the subject\'s, and so is the change after it', () => {
    const facts = sentenceFacts(
      '全省一般公共预算收入672.2亿元,完成预算的101.9%,同比增长13.6%。',
      { year: 2014, kind: 'actual' },
      2015,
    ).map((f) => `${f.label}=${f.display}`);
    expect(facts).toEqual([
      '一般公共预算收入=672.2亿元',
      '一般公共预算收入完成预算=101.9%',
      '一般公共预算收入=同比增长 13.6%',
    ]);
  });

  it('"汶上县完成GDP 115亿元,现价增长27.7%": the report\'s own name and the price basis are not part of the name', () => {
    const text = [
      '汶上县第十六届人民代表大会第二次会议开幕,县长作政府工作报告。',
      '2008年,汶上县完成GDP 115亿元,现价增长27.7%。',
    ].join('\n');
    const { meta, passages } = ingestText('wenshang.txt', new TextEncoder().encode(text));
    expect(extractFacts(passages, meta).map((f) => `${f.label}=${f.valueText}${f.unit}`)).toEqual([
      'GDP=115亿元',
      'GDP=27.7%',
    ]);
  });
});

describe('a paragraph that turns to the closed year under a plan heading', () => {
  it('"过去一年里取得的最重要的成绩……粮食产量达到39109万吨" is the closed year\'s figure', () => {
    const [f] = paragraphFacts(
      ['在经济领域,过去一年里取得的最重要的成绩,就是经济过热得到控制。', '农业生产继续发展,粮食产量达到39109万吨。'],
      { year: 1987, kind: 'target' },
      1987,
      '一、当前国内形势和基本任务',
    );
    expect([f?.label, f?.period]).toEqual(['粮食产量', { year: 1986, kind: 'actual' }]);
  });
});

describe('the number a keyword means', () => {
  const read = (text: string) =>
    sentenceFacts(text, { year: 2019, kind: 'actual' }, 2020).map(
      (f) => `${f.label}=${f.valueText}${f.unit}${f.qualifiers.includes('突破') ? ' 里程碑' : ''}`,
    );

  it('"新能源产业、装备制造业增加值分别增长25.3%、7.9%": the last item\'s measure is the others\' too', () => {
    expect(read('新能源产业、装备制造业增加值分别增长25.3%、7.9%。')).toEqual([
      '新能源产业增加值=25.3%',
      '装备制造业增加值=7.9%',
    ]);
  });

  it('"23幢楼宇实现税收12.5亿元": the count names what it counts, the amount names what it amounts to', () => {
    expect(read('全区23幢楼宇实现税收12.5亿元。')).toEqual(['楼宇=23幢', '税收=12.5亿元']);
  });

  it('"规模工业增加值1730亿元,增长9.1%": 增加值 is value added, a level; "优良天数达到317天" counts days', () => {
    expect(read('规模工业增加值1730亿元,增长9.1%。')).toEqual(['规模工业增加值=1730亿元', '规模工业增加值=9.1%']);
    expect(sentenceFacts('县城二级以上优良天数达到317天。', { year: 2008, kind: 'actual' }, 2009).map(summary)).toEqual(
      ['县城二级以上优良天数=317天'],
    );
  });

  it('"迈上5000亿元新台阶,达到5120.5亿元": the milestone is marked, the figure reached is the plain one', () => {
    expect(read('地区生产总值迈上5000亿元新台阶,达到5120.5亿元。')).toEqual([
      '地区生产总值=5000亿元 里程碑',
      '地区生产总值=5120.5亿元',
    ]);
  });
});

describe('budget and final-accounts reports', () => {
  it("a target named as such is the plan's figure; the amount done after it is the subject's result", () => {
    const facts = sentenceFacts(
      '区五届人大四次会议通过的地方一般公共预算收入目标为357000万元,区五届人大常委会第27次会议通过的调整预算目标为379800万元,全年实际完成392695万元。',
      { year: 2019, kind: 'actual' },
      2020,
    ).map((f) => `${f.label}=${f.valueText}${f.unit} ${f.period.kind}`);
    expect(facts).toEqual([
      '地方一般公共预算收入=357000万元 target',
      '地方一般公共预算收入=379800万元 target',
      '地方一般公共预算收入=392695万元 actual',
    ]);
  });

  it('a half-year execution report is about the year it is delivered in', () => {
    const text = [
      '关于2020年1-6月预算执行情况的报告',
      '——2020年8月26日在区第五届人民代表大会常务委员会第三十次会议上',
      '各位代表:',
      '一、上半年预算执行情况',
      '上半年,全区一般公共预算收入完成20.5亿元,同比下降5.2%。',
    ].join('\n');
    const { meta, passages } = ingestText('half.txt', new TextEncoder().encode(text));
    const [f] = extractFacts(passages, meta);
    expect([meta.reportYear, f?.label, f?.period]).toEqual([2020, '一般公共预算收入', { year: 2020, kind: 'actual' }]);
  });
});
