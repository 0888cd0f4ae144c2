import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanLines } from '../../src/ingest/clean.js';
import { repairLine, repairRules } from '../../src/ingest/repair.js';

const CORPUS2 = fileURLToPath(new URL('../../../shared/corpus2/', import.meta.url));
const cleaned = (file: string) => cleanLines(readFileSync(CORPUS2 + file, 'utf8'));
const cleanedText = (file: string) =>
  cleaned(file)
    .map((l) => l.text)
    .join('\n');

describe('repair rules', () => {
  it.each(repairRules.map((r) => [r.name, r] as const))('%s repairs its own example', (_name, rule) => {
    expect(repairLine(rule.example.before)).toBe(rule.example.after);
  });

  it('every rule has a distinct name', () => {
    expect(new Set(repairRules.map((r) => r.name)).size).toBe(repairRules.length);
  });
});

describe('repairs on real reports, through cleanLines', () => {
  it('a broken converter’s pinyin readings are gone and the characters stay', () => {
    const songyang = cleanedText('songyang-2016-plan.txt');
    expect(songyang).toContain('松陽縣');
    expect(songyang).toContain('發展');
    for (const file of ['beijing-2013-summary.txt', 'songyang-2016-plan.txt', 'gaoqing-2022-plan-exec.txt']) {
      expect(cleanedText(file)).not.toMatch(/\p{Script=Han}\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)/u);
    }
    expect(cleanedText('beijing-2013-summary.txt')).toContain('大會執行主席');
  });

  it('digits spaced apart read as one number: 1997年, 49250万吨, 10.06‰, 2021年2月24日', () => {
    const national = cleanedText('national-1998-gov-report.txt');
    expect(national).toContain('1997年粮食产量达到49250万吨');
    expect(national).toContain('人口自然增长率下降到10.06‰');
    expect(national).toContain('研究生17.5万人');
    expect(cleanedText('haidong-2021-plan.txt')).toContain('(2021年2月24日海东市');
  });

  it('℅ written for % is a percent sign', () => {
    const sansui = cleanedText('sansui-2011-summary.txt');
    expect(sansui).toContain('增长57.7%');
    expect(sansui).not.toContain('℅');
  });

  it('a title spaced letter by letter reads as words', () => {
    expect(cleanedText('dabu-2020-gov-report.txt')).toContain('政府工作报告');
  });

  it('anti-copy tokens at line ends and inside lines are gone, and line numbers stay', () => {
    const dabu = cleaned('dabu-2020-gov-report.txt');
    expect(dabu.map((l) => l.text).join('\n')).not.toContain('PZl');
    expect(dabu.find((l) => l.no === 9)?.text).toBe('各位代表:');
    const mashan = cleaned('mashan-2021-gov-report.txt');
    expect(mashan.map((l) => l.text).join('\n')).not.toContain('v7R');
    expect(mashan.find((l) => l.no === 7)?.text).toBe('大会');
  });

  it('a variant character reads as the standard one: 支岀 is 支出', () => {
    const liandu = cleanedText('liandu-2017-budget.txt');
    expect(liandu).toContain('支出执行数');
    expect(liandu).not.toContain('岀');
  });
});

describe('what repair leaves alone', () => {
  it.each([
    ['acronyms and codes after Han characters', '地区生产总值GDP增长,5G基站,PM2.5浓度,CPI上涨,R&D投入,AAAA级景区'],
    ['mixed-case shapes that are words or units', '新增装机120万kW,mRNA疫苗,VOCs排放,基础设施REITs'],
    ['table columns of numbers', '地区生产总值 12.5 13.1 1.5 2.3'],
    ['two single digits without a unit (page and line numbers)', '1 1 2021最新修订'],
    ['a list marker in brackets that is no reading of the character before', '附件(a)和附件(b)'],
    ['an abbreviation in brackets', '国际货币基金组织(IMF)'],
  ])('%s', (_what, text) => {
    expect(repairLine(text)).toBe(text);
  });
});
