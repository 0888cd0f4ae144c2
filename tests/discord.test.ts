import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from 'discord.js';
import { createBot } from '../src/adapters/discord.js';
import { createLogger } from '../src/log.js';
import { RateLimiter } from '../src/adapters/ratelimit.js';
import type { ReportIndex } from '../src/index/build.js';
import { FakeDiscord, button, mentionMessage, slash, CHANNEL_ID } from './fake-discord.js';
import { seedIndex } from './helpers.js';

const TOKEN = 'MTAwMDAwMDAwMDAwMDAwMDAx.FAKE00.this-is-a-test-token-that-must-never-be-logged';
let discord: FakeDiscord;
let client: Client;
let index: ReportIndex;
const logLines: string[] = [];
let failNext = false;

beforeAll(async () => {
  index = await seedIndex();
  discord = new FakeDiscord();
  await discord.start();
  const log = createLogger('debug', [TOKEN], (l) => logLines.push(l));
  const sabotaged = new Proxy(index, {
    get: (t, p, r) => {
      if (p === 'corpus' && failNext) {
        failNext = false;
        throw new Error('boom');
      }
      return Reflect.get(t, p, r);
    },
  });
  client = createBot({
    index: () => sabotaged,
    log,
    limiter: new RateLimiter(1000, 1000),
    clientOptions: { rest: { api: discord.apiUrl } },
  });
  client.on('debug', (m) => log.debug(m));
  await client.login(TOKEN);
  await discord.ready;
});

afterAll(async () => {
  await client?.destroy();
  await discord?.stop();
});

const EPHEMERAL = 64;
const S = 3;
const I = 4;

async function run(payload: ReturnType<typeof slash>) {
  discord.dispatch('INTERACTION_CREATE', payload);
  return discord.callback(payload.id);
}

function customIds(body: any): string[] {
  return (body.data.components ?? []).flatMap((row: any) => row.components.map((c: any) => c.custom_id));
}

describe('slash commands through discord.js', () => {
  it('/metric answers with the figure as the title, the number in bold, a citation footer, buttons, no pings', async () => {
    const cb = await run(
      slash('metric', [
        { name: 'district', type: S, value: '徐汇' },
        { name: 'year', type: I, value: 2024 },
        { name: 'keyword', type: S, value: '绿地' },
      ]),
    );
    expect(cb.body.type).toBe(4);
    const embed = cb.body.data.embeds[0];
    expect(embed.title).toBe('新增各类绿地 14.15公顷');
    expect(embed.description).toContain('**14.15**');
    expect(embed.footer.text).toContain('004_ac793ded085856f1.txt 第 5 行');
    expect(cb.body.data.flags).toBe(EPHEMERAL);
    expect(cb.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const labels = cb.body.data.components[0].components.map((c: any) => c.label);
    expect(labels).toEqual(['公开分享', '上下文']);
  });

  it('/ask answers with sentences and numbered citations', async () => {
    const cb = await run(slash('ask', [{ name: 'question', type: S, value: '虹口的“三师联创”是什么?' }]));
    expect(cb.body.data.embeds[0].description).toContain('责任规划师');
    expect(cb.body.data.embeds[0].fields[0].value).toMatch(/^\[1\] `虹口24G-\d+`/);
  });

  it('/search pages with a 更多结果 button that shows the next page', async () => {
    const cb = await run(slash('search', [{ name: 'query', type: S, value: '绿地' }]));
    expect(cb.body.data.embeds[0].fields).toHaveLength(5);
    const more = customIds(cb.body).find((id) => id.startsWith('more:'))!;
    const next = await run(button(more));
    expect(next.body.data.embeds[0].fields[0].name).toMatch(/^6\./);
  });

  it('/reports, /cite and /help reply', async () => {
    expect((await run(slash('reports', []))).body.data.embeds[0].description).toContain('徐汇区2025年政府工作报告');
    expect(
      (await run(slash('cite', [{ name: 'id', type: S, value: '徐汇25G-5' }]))).body.data.embeds[0].description,
    ).toContain('新增各类绿地14.15公顷');
    expect((await run(slash('help', []))).body.data.embeds[0].description).toContain('/metric');
  });

  it('a bad option gets a clear ephemeral message', async () => {
    const cb = await run(
      slash('metric', [
        { name: 'district', type: S, value: '火星' },
        { name: 'year', type: I, value: 2024 },
        { name: 'keyword', type: S, value: '绿地' },
      ]),
    );
    expect(cb.body.data.flags).toBe(EPHEMERAL);
    expect(cb.body.data.embeds[0].description).toContain('相近的地区');
  });
});

describe('autocomplete', () => {
  it('offers districts from the corpus, the years of the chosen district and existing labels, at most 25', async () => {
    const d = await run(slash('metric', [{ name: 'district', type: S, value: '', focused: true }], 4));
    expect(d.body.type).toBe(8);
    expect(d.body.data.choices.map((c: any) => c.value).sort()).toEqual(['徐汇', '虹口', '上海长宁', '静安'].sort());
    const y = await run(
      slash(
        'metric',
        [
          { name: 'district', type: S, value: '徐汇' },
          { name: 'year', type: I, value: '', focused: true },
        ],
        4,
      ),
    );
    expect(y.body.data.choices.map((c: any) => c.value)).toEqual([2025, 2024]);
    const m = await run(
      slash(
        'metric',
        [
          { name: 'district', type: S, value: '徐汇' },
          { name: 'keyword', type: S, value: '绿地', focused: true },
        ],
        4,
      ),
    );
    expect(m.body.data.choices.length).toBeLessThanOrEqual(25);
    expect(m.body.data.choices.map((c: any) => c.value)).toContain('新增各类绿地');
  });

  it('/search offers districts matching what was typed, and the years of the chosen district', async () => {
    const d = await run(
      slash(
        'search',
        [
          { name: 'query', type: S, value: '绿地' },
          { name: 'district', type: S, value: '徐', focused: true },
        ],
        4,
      ),
    );
    expect(d.body.type).toBe(8);
    expect(d.body.data.choices.map((c: any) => c.value)).toEqual(['徐汇']);
    const y = await run(
      slash(
        'search',
        [
          { name: 'query', type: S, value: '绿地' },
          { name: 'district', type: S, value: '长宁' },
          { name: 'year', type: I, value: '', focused: true },
        ],
        4,
      ),
    );
    const years = y.body.data.choices.map((c: any) => c.value);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    expect(years).toEqual(expect.arrayContaining([2022, 2021, 2020, 2019]));
    expect(years).not.toContain(2025); // only 徐汇 has 2025
  });
});

describe('buttons', () => {
  it('公开分享 re-posts the answer publicly as a card crediting the asker; 上下文 shows adjacent passages', async () => {
    const cb = await run(
      slash('metric', [
        { name: 'district', type: S, value: '徐汇' },
        { name: 'year', type: I, value: 2024 },
        { name: 'keyword', type: S, value: '绿地' },
      ]),
    );
    const [share, ctx] = customIds(cb.body);
    assert(share && ctx, 'a share and a context button');
    const shared = await run(button(share));
    expect(shared.body.data.flags ?? 0).toBe(0);
    expect(shared.body.data.embeds[0].author.name).toBe('提问者 分享');
    expect(shared.body.data.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const context = await run(button(ctx));
    expect(context.body.data.embeds[0].description).toContain('新增各类绿地14.15公顷');
  });
});

describe('mention chat and safety', () => {
  it('mentioning the bot is an /ask, answered in the channel without pinging anyone', async () => {
    const message = mentionMessage('<@100000000000000001> 长宁区为老人购买了什么保险');
    discord.dispatch('MESSAGE_CREATE', message);
    const sent = await discord.next((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages`);
    expect(sent.body.embeds[0].description).toContain('银发无忧');
    expect(sent.body.message_reference.message_id).toBe(message.id);
    expect(sent.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it('a handler that throws yields an error reply with an id, and the next interaction is still answered', async () => {
    failNext = true;
    const cb = await run(slash('reports', []));
    expect(cb.body.data.flags).toBe(EPHEMERAL);
    const id = cb.body.data.embeds[0].description.match(/错误编号 ([0-9a-f]+)/)?.[1];
    expect(id).toBeTruthy();
    expect(logLines.some((l) => l.includes(`[${id}]`))).toBe(true);
    const again = await run(slash('reports', []));
    expect(again.body.data.embeds[0].description).toContain('徐汇');
  });

  it('the token never appears in any log line, even at debug level', () => {
    expect(logLines.length).toBeGreaterThan(5);
    for (const l of logLines) expect(l).not.toContain(TOKEN);
  });
});
