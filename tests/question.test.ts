/**
 * Plain questions on the real-report corpus (../shared/corpus) answered as the commands answer them: the same
 * figure with the same citation, target beside result, rankings top first, series in order, and "没有直接答案"
 * when nothing answers. The terminal chat gives a question and its command the same figure and citation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'discord.js';
import { createBot } from '../src/adapters/discord.js';
import { createLogger } from '../src/log.js';
import { RateLimiter } from '../src/adapters/ratelimit.js';
import { CHANNEL_ID, FakeDiscord, mentionMessage, slash } from './fake-discord.js';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReportIndex } from '../src/index/build.js';
import { ask } from '../src/query/ask.js';
import { lookupMetric } from '../src/query/metric.js';
import { QueryError, type AskAnswer } from '../src/query/answer.js';
import { lexiconExamples, severalYears } from '../src/query/question.js';
import { errorOf, seedIndex, tempCorpus, tempDir } from './helpers.js';

const CORPUS = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const ROOT = join(import.meta.dirname, '..');

let index: ReportIndex;
beforeAll(async () => {
  index = await ReportIndex.open({ seedsDir: CORPUS, indexDir: join(tempDir('question-'), 'index') });
}, 180_000);

const reportYearOf = (a: AskAnswer, i = 0) => index.report(a.sentences[i]!.citation.doc)?.reportYear;

describe('a figure question is answered as /metric answers it', () => {
  it('the same figure and the same citation as the command', () => {
    const a = ask(index, '江苏2026年城镇新增就业目标是多少');
    const m = lookupMetric(index, { district: '江苏', year: 2026, query: '城镇新增就业', kind: 'target' });
    expect(a.metric?.best.fact.id).toBe(m.best.fact.id);
    expect(a.sentences[0]!.citeId).toBe(m.best.citeId);
    expect(a.reading).toBe('按 /metric 江苏 2026 城镇新增就业 目标 查询');
  });

  it('a year’s result is read from the next year’s report', () => {
    const a = ask(index, '2023年全国居民消费价格涨了多少');
    expect(a.metric?.best.fact.period).toMatchObject({ year: 2023, kind: 'actual' });
    expect(reportYearOf(a)).toBe(2024);
  });

  it('a target the report says it did not set is answered with that sentence', () => {
    const a = ask(index, '2020年全国经济增速目标是多少');
    expect(a.sentences[0]!.text).toContain('没有提出');
    expect(a.metric).toBeUndefined();
  });

  it('a year no report of the place holds says which report would and which is the newest', () => {
    const e = errorOf(() => ask(index, '2030年全国城镇新增就业目标是多少'));
    expect(e.code).toBe('NO_DATA_FOR_YEAR');
    expect(e.message).toContain('最新的是2025年的报告');
  });
});

describe('places as people type them', () => {
  const figureOf = (q: string) => ask(index, q).metric?.best.fact.id;

  it('a one-character abbreviation, traditional characters, pinyin and a close typo all find the province', () => {
    const plain = figureOf('四川2025年地区生产总值是多少');
    expect(plain).toBeDefined();
    expect(figureOf('川2025年地区生产总值是多少')).toBe(plain);
    expect(figureOf('四川2025年地區生產總值是多少')).toBe(plain);
    expect(figureOf('Sichuan 2025年地区生产总值是多少')).toBe(plain);
    expect(figureOf('四穿2025年地区生产总值是多少')).toBe(plain);
  });

  it('a typo one edit from two places is read as the one that sounds the same, else not at all', () => {
    expect(ask(index, '宁厦2025年地区生产总值是多少').metric?.best.fact.district).toBe('宁夏');
    expect(ask(index, '贵洲2025年地区生产总值是多少').metric?.best.fact.district).toBe('贵州');
  });

  it('国家 and 全国 are the country', () => {
    expect(ask(index, '国家2022年城镇新增就业多少人').metric?.best.fact.district).toBe('全国');
  });

  it('a place with no report says so and offers close places', () => {
    expect(errorOf(() => ask(index, '深圳2025年GDP增长目标是多少')).code).toBe('UNKNOWN_DISTRICT');
  });
});

describe('target against result', () => {
  it('完成了吗: the result first, the target beside it, and the verdict', () => {
    const a = ask(index, '2022年全国城镇新增就业目标实现了吗');
    expect(a.verdict?.actual?.fact.period).toMatchObject({ year: 2022, kind: 'actual' });
    expect(a.verdict?.target?.fact.period).toMatchObject({ year: 2022, kind: 'target' });
    expect(a.verdict?.met).toBe(true);
    expect(reportYearOf(a, 0)).toBe(2023);
    expect(reportYearOf(a, 1)).toBe(2022);
    expect(a.answer).toContain('达到目标');
  });
});

describe('a series', () => {
  it('这几年: newest year first', () => {
    const a = ask(index, '全国城镇新增就业这几年怎么变化');
    const years = a.trend!.points.map((p) => p.year);
    expect(years).toEqual([...years].sort((x, y) => y - x));
    expect(a.reading).toBe('按 /trend 全国 城镇新增就业 查询');
  });

  it('a span of years: from its first year, and only those years', () => {
    const a = ask(index, '海拉尔区2013到2018年财政收入');
    const years = a.trend!.points.map((p) => p.year);
    expect(years[0]).toBe(2013);
    expect(years.every((y) => y >= 2013 && y <= 2018)).toBe(true);
  });

  it('哪一年最高: the years ranked, the top one cited first', () => {
    const a = ask(index, '2012到2020年全国哪一年城镇新增就业最多');
    const values = a.trend!.points.map((p) => p.actual!.fact.value);
    expect(values).toEqual([...values].sort((x, y) => y - x));
    expect(a.sentences[0]!.citeId).toBe(a.trend!.points[0]!.actual!.citeId);
  });
});

describe('a ranking of places', () => {
  it('哪个省…最多: the provinces ranked, the top one cited first', () => {
    const a = ask(index, '2026年哪个省城镇新增就业目标最多');
    const rows = a.compare!.rows;
    const values = rows.map((r) => r.target!.fact.baseValue ?? r.target!.fact.value);
    expect(values).toEqual([...values].sort((x, y) => y - x));
    expect(a.sentences[0]!.citeId).toBe(rows[0]!.target!.citeId);
    expect(a.reading).toContain('--level province');
  });

  it('a figure for several years never stands in a one-year ranking', () => {
    const a = ask(index, '2025年哪个省城镇新增就业最多');
    for (const r of a.compare!.rows) {
      const f = r.actual!.fact;
      expect(severalYears(f.excerpt, f.valueText, '城镇新增就业')).toBe(false);
      expect(f.multiYear).toBeUndefined();
    }
  });
});

describe('who delivered a report and what a term means', () => {
  it('the speaker’s name on the line under the office is in the citation', () => {
    const a = ask(index, '2024年政府工作报告是谁作的');
    const m = index.report(a.sentences[0]!.citation.doc)!;
    expect(a.sentences[0]!.citation.lines[1]).toBeGreaterThan(m.speaker!.line);
  });
});

describe('nothing answers well', () => {
  it('says 没有直接答案 and names the nearest passages as such, without answer citations', () => {
    const e = errorOf(() => ask(index, '政府工作报告里对比特币有什么说法'));
    expect(e.code).toBe('NO_MATCH');
    expect(e.message).toContain('没有直接答案');
  });
});

describe('every example of the lexicon', () => {
  it('is read and answered (or refused with a reason) without failing', () => {
    for (const { example } of lexiconExamples()) {
      try {
        const a = ask(index, example);
        expect(a.sentences.length).toBeGreaterThan(0);
      } catch (e) {
        expect(e).toBeInstanceOf(QueryError);
      }
    }
  });
});

describe('the terminal chat', () => {
  it('a question and its command give the same figure and citation', () => {
    const dirs = tempCorpus();
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      input: '/metric 徐汇 2024 绿地\n徐汇2024年新增了多少绿地\n',
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, DISCORD_TOKEN: '', SEEDS_DIR: dirs.seedsDir, INDEX_DIR: dirs.indexDir },
    });
    expect(r.status).toBe(0);
    const figure = '新增各类绿地 14.15公顷';
    const citation = '004_ac793ded085856f1.txt 第 5 行';
    const [command, question] = r.stdout.split('按 /metric')[0]!.split(/\n(?=新增各类绿地 14\.15公顷 {2}\()/);
    expect(command).toContain(figure);
    expect(command).toContain(citation);
    expect(question).toContain(figure);
    expect(question).toContain(citation);
    expect(r.stdout).toContain('按 /metric 徐汇 2024 新增绿地 完成 查询');
  });
});

describe('the fake Discord', () => {
  let discord: FakeDiscord;
  let client: Client;
  beforeAll(async () => {
    const seeds = await seedIndex();
    discord = new FakeDiscord();
    await discord.start();
    client = createBot({
      index: () => seeds,
      log: createLogger('error', [], () => undefined),
      limiter: new RateLimiter(1000, 1000),
      clientOptions: { rest: { api: discord.apiUrl } },
    });
    await client.login('MTAwMDAwMDAwMDAwMDAwMDAx.FAKE00.question-test-token');
    await discord.ready;
  });
  afterAll(async () => {
    await client?.destroy();
    await discord?.stop();
  });

  it('a question mentioned in a channel gives the figure and citation /metric gives, and shows its reading', async () => {
    const command = slash('metric', [
      { name: 'district', type: 3, value: '徐汇' },
      { name: 'year', type: 4, value: 2024 },
      { name: 'keyword', type: 3, value: '绿地' },
    ]);
    discord.dispatch('INTERACTION_CREATE', command);
    const byCommand = (await discord.callback(command.id)).body.data.embeds[0];
    const message = mentionMessage('<@100000000000000001> 徐汇2024年新增了多少绿地');
    discord.dispatch('MESSAGE_CREATE', message);
    const sent = await discord.next((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages`);
    const byQuestion = sent.body.embeds[0];
    expect(byCommand.title).toBe('新增各类绿地 14.15公顷');
    expect(byQuestion.description).toContain('新增各类绿地 14.15公顷');
    expect(byCommand.footer.text).toContain('004_ac793ded085856f1.txt 第 5 行');
    expect(byCommand.footer.text).toContain('徐汇25G-5');
    expect(JSON.stringify(byQuestion.fields)).toContain('徐汇25G-5');
    expect(byQuestion.footer.text).toContain('按 /metric 徐汇 2024 新增绿地 完成 查询');
  });
});
