/**
 * The real-report corpus (State Council 2010–2025, 31 provinces, one district) through the real pipeline:
 * places at every level, messy files read once, and figures read as the genre writes them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { fileURLToPath } from 'node:url';
import { ReportIndex } from '../src/index/build.js';
import { lookupMetric } from '../src/query/metric.js';
import { ask } from '../src/query/ask.js';
import type { MetricAnswer } from '../src/query/answer.js';
import type { Fact, PeriodKind } from '../src/types.js';
import { errorOf, tempDir } from './helpers.js';
import { first } from '../src/list.js';

const CORPUS = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));

let index: ReportIndex;
beforeAll(async () => {
  index = await ReportIndex.open({ seedsDir: CORPUS, indexDir: join(tempDir('corpus-'), 'index') });
}, 180_000);

const metric = (district: string, year: number, query: string, kind?: PeriodKind): MetricAnswer =>
  lookupMetric(index, { district, year, query, kind });

describe('places', () => {
  it('gives every report its place, level and parent from its own text', () => {
    const by = (doc: string) => index.report(doc)?.place;
    expect(by('national-2016-gov-report.txt')).toMatchObject({ name: '全国', level: 'national' });
    expect(by('hebei-2026-gov-report.txt')).toMatchObject({ name: '河北省', level: 'province' });
    expect(by('neimenggu-2025-gov-report.docx')).toMatchObject({ short: '内蒙古', level: 'province' });
    expect(by('hulunbuir-hailar-2013-gov-report.txt')).toMatchObject({
      name: '海拉尔区',
      level: 'county',
      parent: '呼伦贝尔市',
      chain: ['呼伦贝尔市', '内蒙古自治区', '中华人民共和国'],
    });
    const unknown = index.corpus.reports.filter((r) => !r.place);
    expect(unknown.map((r) => r.doc)).toEqual([]);
  });

  it('resolves short and full names, pinyin and the names of the State Council', () => {
    for (const spelling of [
      '全国',
      '国务院',
      '安徽',
      '安徽省',
      'anhui',
      '内蒙古自治区',
      '广西',
      '海拉尔',
      '呼伦贝尔市海拉尔区',
    ]) {
      expect(() => metric(spelling, 2024, '地区生产总值')).not.toThrow(/没有“/);
    }
  });

  it('names every file it cannot use, with the reason', () => {
    const skipped = index.corpus.skipped.map((s) => s.doc);
    expect(skipped).toContain('README.md');
    expect(index.corpus.reports).toHaveLength(86);
  });
});

describe('messy files', () => {
  it('reads a report saved on one line and a page that holds its body several times', () => {
    expect(index.factsOf('national-2014-gov-report.txt').length).toBeGreaterThan(50);
    // What a user is shown is the report's own sentence, not characters taken from another piece of the line.
    const raw = iconv.decode(readFileSync(join(CORPUS, 'national-2014-gov-report.txt')), 'gb18030').replace(/\s/g, '');
    const shownText = (f: Fact) => (f.original ?? f.excerpt).replace(/\s/g, '');
    const unfaithful = index.factsOf('national-2014-gov-report.txt').filter((f) => !raw.includes(shownText(f)));
    expect(unfaithful.map(shownText)).toEqual([]);
    const texts = index
      .passagesOf('national-2010-gov-report.txt')
      .map((p) => p.text)
      .filter((t) => t.length >= 20);
    expect(new Set(texts).size).toBe(texts.length);
    const gdp = metric('全国', 2009, '国内生产总值');
    expect(gdp.best.fact.valueText).toBe('33.5');
    expect(gdp.best.fact.unit).toBe('万亿元');
  });

  it('keeps full-width punctuation out of labels and shows the sentence as written', () => {
    const labels = index.corpus.facts.map((f) => f.label);
    expect(labels.filter((l) => /[，；：。％（）]/.test(l))).toEqual([]);
    expect(metric('全国', 2009, '国内生产总值').best.fact.original ?? '').toContain('，');
  });
});

describe('sections as the genre orders them', () => {
  it('every report yields figures for the year it reviews, whatever its headings look like', () => {
    // Headings without "一、" ("2024年工作回顾") or naming no period ("一、牢记殷殷嘱托,…取得新成效").
    const without = index.corpus.reports
      .filter((r) => r.kind === '政府工作报告')
      .filter(
        (r) =>
          !index.factsOf(r.doc).some((f) => f.period.year === (r.reportYear ?? 0) - 1 && f.period.kind === 'actual'),
      )
      .map((r) => r.doc);
    expect(without).toEqual([]);
  });

  it("in a section reviewing a year and a span, 累计 names the span: 城镇累计新增就业超700万人 is not 2025's", () => {
    expect(metric('广东', 2025, '城镇新增就业', 'actual').best.fact.valueText).toBe('149.4');
  });

  it('"2025年主要工作和“十四五”发展成就" in a 2026 report is a review, not a plan', () => {
    const facts = index.factsOf('zhejiang-2026-gov-report.txt').filter((f) => f.period.year === 2025);
    expect(facts.length).toBeGreaterThan(20);
    expect(facts.every((f) => f.period.kind === 'actual')).toBe(true);
  });

  it('in a five-year review, a paragraph opening on one year ("刚刚过去的2017年") is about that year', () => {
    expect(metric('全国', 2017, '进出口增长', 'actual').best.fact).toMatchObject({ value: 14.2, unit: '%' });
    expect(metric('全国', 2017, '进出口增长', 'actual').best.fact.multiYear).toBeFalsy();
  });

  it("a plan heading that names no year plans the report's year", () => {
    const planned = (doc: string) => index.factsOf(doc).filter((f) => f.period.kind === 'target');
    expect(planned('national-2023-gov-report.txt').every((f) => f.period.year === 2023)).toBe(true);
    expect(planned('national-2023-gov-report.txt').length).toBeGreaterThan(5);
  });
});

describe('figures as the genre writes them', () => {
  it('a rate asked for gets the rate, a level the level', () => {
    const rate = metric('全国', 2009, 'GDP增速').best.fact;
    expect([rate.valueText, rate.unit]).toEqual(['8.7', '%']);
    expect(metric('全国', 2009, 'GDP').best.fact.unit).toBe('万亿元');
  });

  it('a plan section reporting last year gives last year its figure, not the plan', () => {
    const target = metric('全国', 2011, 'GDP增长目标', 'target').best.fact;
    expect(target.valueText).toBe('8');
    expect(target.qualifiers).toContain('左右');
  });

  it("never gives a five-year figure as one year's, nor a total as 人均", () => {
    const averaged = index.corpus.facts.filter((x) =>
      /年均(增长|提高)?$/.test(x.excerpt.slice(0, x.excerpt.indexOf(x.display.replace(/^增长 /, '')))),
    );
    expect(averaged.length).toBeGreaterThan(10);
    for (const f of averaged) {
      expect(f.multiYear, f.excerpt).toBe(true);
    }
    // 甘肃 gives its 地区生产总值 for 2024 and, in "突破5万关口、达到5.28万元", its 人均 figure.
    expect(metric('甘肃', 2024, 'GDP').best.fact.label).not.toContain('人均');
    expect(metric('甘肃', 2024, '人均GDP').best.display).toBe('达到5.28万元');
  });

  it('a keyword matching no label well is not answered with a guess', () => {
    const e = errorOf(() => metric('北京', 2024, '粮食产量', 'actual'));
    expect(e.code).toBe('NO_MATCH');
  });

  it('a label holding only part of the keyword, or only its subject, is offered, not given', () => {
    // "研发投入增长34.4%" is not an intensity; "有进出口实绩的企业数量" is not a trade total.
    expect(errorOf(() => metric('河南', 2024, '研发投入强度', 'actual')).code).toBe('NO_MATCH');
    expect(errorOf(() => metric('吉林', 2025, '进出口总额', 'actual')).code).toBe('NO_MATCH');
    // "县域经济增速高于全省经济增速0.4个百分点" compares two rates: it is neither.
    const gdp = (() => {
      try {
        return metric('湖南', 2024, '地区生产总值', 'actual').best.fact.label;
      } catch {
        return undefined;
      }
    })();
    expect(gdp ?? '').not.toMatch(/高于/);
  });

  it('a share is filed as a share: "民间投资占比34%" answers the share, not the investment', () => {
    expect(metric('吉林', 2025, '民间投资占比', 'actual').best.fact).toMatchObject({
      label: '民间投资占比',
      value: 34,
    });
    const level = (() => {
      try {
        return metric('吉林', 2025, '民间投资', 'actual').best.fact;
      } catch {
        return undefined;
      }
    })();
    expect(level?.value).not.toBe(34);
  });
});

describe('questions across levels and years', () => {
  const top = (q: string) => first(ask(index, q).sentences);

  it('answers about the place named first, not a place the question mentions', () => {
    const s = top('河北的主要菜篮子产品在北京市场占多大份额?');
    expect(s.citation.doc).toMatch(/^hebei-/);
    expect(s.text).toContain('北京市场份额');
  });

  it('a question naming no place is searched everywhere, and the answer says so', () => {
    const a = ask(index, '粮食单产排第几?');
    expect(a.assumptions.join()).toMatch(/没有写地区.*全部 \d+ 个地区/);
    expect(ask(index, '新疆粮食单产在全国排第几?').assumptions.join()).not.toContain('没有写地区');
  });

  it('a year written in the question scopes it; a year compared against does not', () => {
    const s = top('2019年增值税税率怎么调整?');
    expect(s.citation.doc).toBe('national-2019-gov-report.html');
    expect(s.text).toContain('16%的税率降至13%');
  });

  it("a five-year plan named in the question reads that plan's section", () => {
    expect(top('“十二五”时期全国经济增长预期目标是多少?').text).toContain('年均增长7%');
  });

  it('says "not found" rather than cite another place or an unrelated sentence', () => {
    for (const q of ['天津2024年城镇新增就业多少人?', '广西2025年社会消费品零售总额增长了多少?']) {
      expect(errorOf(() => ask(index, q)).code, q).toBe('NO_MATCH');
    }
  });

  it('a sentence that goes on from the one before answers what that one names', () => {
    expect(top('2013年结构性减税的重点是什么?').text).toContain('营业税改征增值税');
  });
});
