/**
 * The place and year a report is filed under, read from how the document names itself: each named rule's own
 * example, and the sentences of the genre that need them.
 */
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest/ingest.js';
import { CUE_RULES, findCues } from '../../src/ingest/place-cues.js';
import { YEAR_RULES } from '../../src/ingest/report-year.js';
import { abbreviations, placesNamed } from '../../src/text/places.js';
import data from '../../src/text/places.json' with { type: 'json' };

const meta = (text: string, doc = 'r.txt') => ingestText(doc, new TextEncoder().encode(text)).meta;
const BODY = '一、2023年工作回顾\n全年地区生产总值增长5.2%,新增绿地3公顷。';

describe('place cues: each rule finds the words of its example', () => {
  for (const rule of CUE_RULES) {
    it(`${rule.name}: ${rule.example.text}`, () => {
      const src = { masthead: rule.example.text, head: rule.example.text, title: rule.example.text };
      const names = findCues(src)
        .filter((c) => c.rule === rule.name)
        .map((c) => c.name);
      expect(names.some((n) => n.endsWith(rule.example.names))).toBe(true);
    });
  }
});

describe('report year: each rule reads the year of its example', () => {
  for (const rule of YEAR_RULES) {
    it(`${rule.name}: ${rule.example.text}`, () => {
      const text = rule.example.text;
      const headings = /^[一二三四五六七八九十]+、/.test(text) ? [text] : [];
      expect(rule.find({ masthead: text, headings, text, doc: text })).toBe(rule.example.year);
    });
  }
});

describe("the genre's short names", () => {
  for (const r of [data.abbreviations.autonomous, ...data.abbreviations.rules]) {
    const [full = '', short = ''] = r.example;
    it(`${full} is also written ${short}`, () => {
      const [place] = placesNamed(full);
      expect(place && abbreviations(place)).toContain(short);
      expect(placesNamed(short)).toContain(place);
    });
  }
});

describe('a place is read as a whole word, from how the document names itself', () => {
  it("the State Council's report is national whatever places it mentions (沿海城市, 和县的干部, 稷山县)", () => {
    const m = meta(
      [
        '1959年中华人民共和国国务院政府工作报告',
        '',
        '各位代表:',
        '沿海城市的工业有了很大发展,省、专区和县的干部和县的干部都下去了。山西省稷山县太阳村的经验值得推广。',
      ].join('\n'),
    );
    expect(m.place?.level).toBe('national');
    expect(m.reportYear).toBe(1959);
  });

  it('a county named only in passing (西和发展), never a county inside 省市和县委', () => {
    const m = meta(
      [
        '政府工作报告',
        '',
        '各位代表,刚刚过去的2018年,是我县脱贫攻坚加速推进的一年。坚决贯彻中央、省市和县委重大决策部署,全县上下团结一心。',
        '今年是西和发展的关键一年,全县经济增长7%。',
      ].join('\n'),
    );
    expect([m.place?.name, m.place?.parent, m.reportYear]).toEqual(['西和县', '陇南市', 2019]);
  });

  it('a short form of the genre (黔西南州) over a county the report mentions (晴隆县)', () => {
    const m = meta(
      [
        '(2021年3月29日在州八届人大七次会议第一次全体会议上)',
        '州人民政府代理州长 黄兴文',
        '各位代表:',
        '现在,我代表州人民政府向大会报告工作。',
        '一、2020年工作回顾',
        '晴隆县、望谟县如期脱贫摘帽,黔西南州全州生产总值增长4.5%。',
      ].join('\n'),
    );
    expect([m.place?.name, m.place?.level]).toEqual(['黔西南布依族苗族自治州', 'city']);
  });

  it('a place the register lacks keeps its own name, under the parent it names', () => {
    const m = meta(
      [
        '政府工作报告',
        '——2014年1月8日在上海市闸北区第十五届人民代表大会第三次会议上',
        '各位代表:',
        '现在,我代表闸北区人民政府向大会报告工作。',
        BODY,
        '静安区、虹口区的经验值得借鉴,闸北发展迎来新机遇。',
      ].join('\n'),
    );
    expect(m.place).toMatchObject({ name: '闸北区', level: 'county', parent: '上海市' });
    expect(m.district).toBe('闸北');
  });

  it('a place the register lacks and whose city goes unnamed takes the parent its neighbours share', () => {
    const m = meta(
      [
        '闸北区2014年政府工作报告',
        '——2014年1月8日在闸北区第十五届人民代表大会第三次会议上',
        '各位代表:',
        '现在,我代表闸北区人民政府向大会报告工作。',
        BODY,
        '与静安区、普陀区加强合作,闸北区地区生产总值增长8%。',
      ].join('\n'),
    );
    expect(m.place).toMatchObject({ name: '闸北区', level: 'county', parent: '上海市' });
  });

  it("a short name that would be its parent's keeps its suffix (兰州新区, not 兰州)", () => {
    const m = meta(
      ['兰州新区2019年政府工作报告', '各位代表:', '现在,我代表兰州新区管委会向大会报告工作。', BODY].join('\n'),
    );
    expect([m.place?.name, m.district]).toEqual(['兰州新区', '兰州新区']);
  });

  it('two places of one name are two places: the key names the parent (北京朝阳, 长春朝阳)', () => {
    const opening = (city: string) =>
      ['政府工作报告', `——2024年1月10日在${city}朝阳区第十七届人民代表大会第三次会议上`, '各位代表:', BODY].join('\n');
    const beijing = meta(opening('北京市'));
    const changchun = meta(opening('长春市'));
    expect(beijing.place?.code).not.toBe(changchun.place?.code);
    expect([beijing.district, changchun.district]).toEqual(['北京朝阳', '长春朝阳']);
  });

  it('a notice quoting another government by name is filed under its own (《德阳市人民政府关于…》, 全区)', () => {
    const m = meta(
      [
        '各乡镇人民政府,区级各有关部门:',
        '根据《德阳市人民政府关于下达全市2016年度经济社会发展目标任务的通知》要求及区委、区政府年度工作安排,现将全区2016年度经济社会发展目标任务下达你们。',
        '旌阳区2016年地区生产总值增长8%。全区上下要抓好落实。',
      ].join('\n'),
    );
    expect([m.place?.name, m.place?.parent]).toEqual(['旌阳区', '德阳市']);
  });

  it('a text that never says where or when is indexed as 未定 and says what to add', () => {
    const m = meta('各位代表:\n过去一年,我们新建口袋公园12座,新增绿地3公顷,群众满意度明显提高。', 'nameless.txt');
    expect([m.district, m.reportYear, m.place]).toEqual(['未定', null, undefined]);
    expect(m.warnings?.join('\n')).toMatch(/nameless\.txt\.meta\.json/);
  });

  it('a Chinese file name names the place a text never names, and its year', () => {
    const m = meta(
      '各位代表:\n过去一年,我们新建口袋公园12座,新增绿地3公顷,群众满意度明显提高。',
      '2022年松阳县政府工作报告.txt',
    );
    expect([m.place?.name, m.reportYear]).toEqual(['松阳县', 2022]);
  });

  it('the file name is the weakest cue: it breaks a tie between places named as often (liandu)', () => {
    const text = '一、2016年预算执行情况\n全区上下坚持金山银山理念,服务市区、发展莲都,全区一般公共预算收入增长10.6%。';
    expect(meta(text, 'liandu-2017-budget.txt').place?.name).toBe('莲都区');
  });
});
