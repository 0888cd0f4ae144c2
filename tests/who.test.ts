/**
 * "Who delivered it / at which session" questions are answered from each report's metadata and cite its masthead,
 * and /reports lists place, level, speaker and session: checked on the real-report corpus (/work/shared/corpus).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReportIndex } from '../src/index/build.js';
import { ask, asksAboutReport } from '../src/query/ask.js';
import { QueryError } from '../src/query/answer.js';
import { listReports } from '../src/query/reports.js';
import { citePassage } from '../src/query/context.js';
import { answerJson, askJson } from '../src/render/json.js';
import { renderAsk, renderReports } from '../src/render/text.js';
import { answerEmbed, LIMITS } from '../src/render/discord.js';
import type { ReportMeta } from '../src/types.js';
import { tempDir } from './helpers.js';
import { first as firstOf } from '../src/list.js';

const CORPUS = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));

let index: ReportIndex;
beforeAll(async () => {
  index = await ReportIndex.open({ seedsDir: CORPUS, indexDir: join(tempDir('who-'), 'index') });
}, 180_000);

const report = (doc: string): ReportMeta => {
  const r = index.report(doc);
  if (!r) throw new Error(`${doc} is not in the corpus index`);
  return r;
};

/** The 1-based raw lines of a corpus file whose text (width-folded, spaces dropped) contains `needle`. */
function rawLinesWith(doc: string, needle: string, encoding = 'utf-8'): number[] {
  const text = new TextDecoder(encoding).decode(readFileSync(join(CORPUS, doc)));
  const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
  return text.split('\n').flatMap((l, i) => (fold(l).includes(fold(needle)) ? [i + 1] : []));
}

describe('questions about who delivered a report and where', () => {
  it('recognises the ways people ask, and leaves content questions alone', () => {
    for (const q of [
      '2017年海拉尔区政府工作报告是谁作的？',
      '2025年安徽省政府工作报告是谁作的',
      '2026年湖南省政府工作报告由谁作？',
      '2010年的政府工作报告是在哪次会议上作的？',
      '北京市2025年政府工作报告是在哪次会议上作的？',
      '2017年政府工作报告是在哪次全国人大会议上作的？',
      '谁作的报告',
      '在什么会议上作的',
      '2026年西藏自治区政府工作报告在哪次会议上作？',
    ])
      expect(asksAboutReport(q), q).toBe(true);
    for (const q of [
      '谁作出了突出贡献?',
      '报告要求贯彻哪次会议精神?',
      '2024年报告提到了什么会议?',
      '徐汇2024年新增了多少绿地?',
      '谁负责河长制?',
    ]) {
      expect(asksAboutReport(q), q).toBe(false);
    }
  });

  it('海拉尔 2017: names 杨国宏 and cites the masthead lines, which hold the raw line naming him', () => {
    const a = ask(index, '2017年海拉尔区政府工作报告是谁作的？');
    const meta = report('hulunbuir-hailar-2017-gov-report.txt');
    expect(a.answer).toContain('杨国宏');
    expect(a.answer).toContain('代区长');
    expect(a.answer).toContain('2017年2月11日');
    const first = firstOf(askJson(a).citations);
    expect(first.doc).toBe('hulunbuir-hailar-2017-gov-report.txt');
    expect(first.lines).toEqual(meta.masthead!.lines);
    expect(first.excerpt).toBe(meta.masthead!.text);
    // The file is GBK: the line that names the speaker, found independently of the metadata.
    const named = rawLinesWith(first.doc, '海拉尔区人民政府代区长 杨国宏', 'gbk');
    expect(named.length).toBeGreaterThan(0);
    expect(named.some((l) => first.lines[0] <= l && l <= first.lines[1])).toBe(true);
    // The terminal shows the answer sentence above the cited masthead.
    const shown = renderAsk(a);
    expect(shown.split('\n')[0]).toContain('杨国宏');
    expect(shown).toContain('hulunbuir-hailar-2017-gov-report.txt 第');
  });

  it('2010 with no place named: the State Council report, its session in the answer and the citation', () => {
    const a = ask(index, '2010年的政府工作报告是在哪次会议上作的？');
    expect(a.answer).toContain('第十一届全国人民代表大会第三次会议');
    const first = firstOf(askJson(a).citations);
    expect(first.doc).toBe('national-2010-gov-report.txt');
    const session = rawLinesWith(first.doc, '2010年3月5日在第十一届全国人民代表大会第三次会议上', 'gbk');
    expect(session.some((l) => first.lines[0] <= l && l <= first.lines[1])).toBe(true);
  });

  it("a Word report (山东 2025) names its governor; the excerpt carries the report's own words", () => {
    const a = ask(index, '山东省2025年政府工作报告是谁作的？');
    expect(a.answer).toContain('周乃翔');
    expect(a.answer).toContain('省长');
    const first = firstOf(askJson(a).citations);
    expect(first.doc).toBe('shandong-2025-gov-report.docx');
    expect(first.excerpt).toContain('周乃翔作政府工作报告');
  });

  it('全国人大 in the question means the national report; 2017 gives 李克强 and the 12th NPC', () => {
    const a = ask(index, '2017年政府工作报告是在哪次全国人大会议上作的？');
    expect(firstOf(a.sentences).citation.doc).toBe('national-2017-gov-report.txt');
    expect(a.answer).toContain('第十二届全国人民代表大会第五次会议');
    expect(a.answer).toContain('李克强');
  });

  it('several reports fit (2026, no national report): answers one and says which others there are', () => {
    const a = ask(index, '2026年政府工作报告是谁作的？');
    const first = report(firstOf(a.sentences).citation.doc);
    expect(first.reportYear).toBe(2026);
    expect(a.answer).toContain(first.speaker!.name);
    const note = a.assumptions.join(';');
    const n2026 = index.corpus.reports.filter((r) => r.reportYear === 2026).length;
    expect(note).toContain(`${n2026} 份`);
  });

  it('no year: the latest report that names its speaker, saying which year was assumed', () => {
    const a = ask(index, '海拉尔区的政府工作报告是谁作的?');
    const latest = Math.max(
      ...index.corpus.reports.filter((r) => r.district === '海拉尔').map((r) => r.reportYear ?? -Infinity),
    );
    expect(report(firstOf(a.sentences).citation.doc).reportYear).toBe(latest);
    expect(a.assumptions.join('')).toContain(String(latest));
  });

  it('a year the place has no report for is said plainly, with the years there are', () => {
    try {
      ask(index, '2020年海拉尔区政府工作报告是谁作的？');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(QueryError);
      expect((e as QueryError).code).toBe('NO_DATA_FOR_YEAR');
      expect((e as QueryError).message).toContain('2017');
    }
  });

  it('reads mastheads written other ways: name before office, office after the date, a session line broken in two', () => {
    const who = (doc: string) => {
      const m = report(doc);
      return [m.speaker && `${m.speaker.title}${m.speaker.name}`, m.session?.text, m.date];
    };
    // "2025年1月15日龚正市长在上海市第十六届人民代表大会第三次会议的政府工作报告"
    expect(who('shanghai-2025-gov-report.docx')).toEqual([
      '上海市市长龚正',
      '第十六届上海市人民代表大会第三次会议',
      '2025-01-15',
    ]);
    // "——2025年1月14日海南省省长刘小明在海南省第七届人民代表大会第四次会议上的讲话"
    expect(who('hainan-2025-gov-report.docx')).toEqual([
      '海南省省长刘小明',
      '第七届海南省人民代表大会第四次会议',
      '2025-01-14',
    ]);
    // "3月5日,李克强代表国务院在十二届全国人大二次会议上作《政府工作报告》"
    expect(who('national-2014-gov-report.txt')[0]).toBe('国务院总理李克强');
    // "在广东省第十四届" / "人民代表大会第五次会议上"
    expect(who('guangdong-2026-gov-report.txt')[1]).toBe('第十四届广东省人民代表大会第五次会议');
  });

  it('/cite on the masthead citation of an answer shows those lines, then the body that follows', () => {
    const a = ask(index, '2017年政府工作报告是谁作的?');
    const c = citePassage(index, firstOf(a.sentences).citeId);
    expect(c.passage.kind).toBe('masthead');
    expect(c.passage.text).toContain('李克强');
    expect(c.after?.kind).not.toBe('masthead');
  });

  it('a content question that mentions a meeting still searches the text', () => {
    const a = ask(index, '海拉尔2019年报告提到了什么会议？');
    const meta = report('hulunbuir-hailar-2019-gov-report.txt');
    expect(firstOf(a.sentences).citation.lines).not.toEqual(meta.masthead!.lines);
  });
});

describe('/reports', () => {
  it('lists every corpus report with place, level, speaker, session, date and file', () => {
    const listed = listReports(index);
    const text = renderReports(listed);
    const lines = text.split('\n');
    for (const r of index.corpus.reports) {
      const line = lines.find((l) => l.endsWith(` · ${r.doc}`));
      expect(line, r.doc).toBeDefined();
      if (r.speaker) expect(line, r.doc).toContain(r.speaker.name);
      if (r.date) expect(line, r.doc).toContain(r.date);
      if (r.place?.level === 'province') expect(line, r.doc).toContain(`${r.place.name}(省级)`);
    }
    expect(lines).toContain(
      '海拉尔区2017年政府工作报告 · 海拉尔区(县级,呼伦贝尔市) · 代区长 杨国宏 · 第十四届人民代表大会第六次会议 · 2017-02-11 · hulunbuir-hailar-2017-gov-report.txt',
    );
    expect(text).toMatch(
      /2010年国务院政府工作报告 · 全国 · 总理 温家宝 · 第十一届全国人民代表大会第三次会议 · 2010-03-05 · national-2010-gov-report\.txt/,
    );
  });

  it('JSON keeps the new metadata on each report', () => {
    const json = answerJson(listReports(index)) as { reports: ReportMeta[] };
    const hailar = json.reports.find((r) => r.doc === 'hulunbuir-hailar-2017-gov-report.txt')!;
    expect(hailar.speaker?.name).toBe('杨国宏');
    expect(hailar.place?.level).toBe('county');
    expect(hailar.session?.meeting).toBe(6);
    expect(hailar.masthead?.lines).toEqual(report(hailar.doc).masthead!.lines);
  });

  it('the Discord list keeps whole lines within the limit and says how many are not shown', () => {
    const listed = listReports(index);
    const e = answerEmbed(listed);
    expect(e.description!.length).toBeLessThanOrEqual(LIMITS.description);
    const shown = e.description!.split('\n');
    // Every line is a whole report line: it ends with the file name, not with a cut "…".
    for (const l of shown) expect(l).toMatch(/\.(txt|docx|html|pdf)$/);
    expect(shown.length).toBeLessThan(listed.reports.length);
    expect(e.footer?.text).toContain(`共 ${listed.reports.length} 份`);
    expect(e.footer?.text).toContain(`前 ${shown.length} 份`);
  });
});
