/**
 * Faults from issue 13, each reproduced against the real pipeline: a watched folder under a stream of changes,
 * deleted, re-created and replaced; a refresh that fails; requests far past any sensible length; autocomplete
 * floods; a report whose file name and title carry mention syntax, a newline and U+202E; blank and malformed
 * batch lines. Then properties (fast-check) over the batch contract and the query functions with adversarial
 * strings. No assertion here is about speed; bench/adversarial.ts measures that.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { Client } from 'discord.js';
import { ReportIndex } from '../src/index/build.js';
import { watchSeeds } from '../src/adapters/watch.js';
import { RateLimiter } from '../src/adapters/ratelimit.js';
import { answerLine } from '../src/adapters/batch.js';
import { createBot } from '../src/adapters/discord.js';
import { runTerminal } from '../src/adapters/terminal.js';
import { createLogger } from '../src/log.js';
import { QueryError } from '../src/query/answer.js';
import { ask } from '../src/query/ask.js';
import { search } from '../src/query/search.js';
import { lookupMetric } from '../src/query/metric.js';
import { citePassage } from '../src/query/context.js';
import { answerEmbed, errorPayload, fitEmbed, LIMITS, payload } from '../src/render/discord.js';
import { renderText } from '../src/render/text.js';
import { escapeControls, truncate } from '../src/render/safe.js';
import { COMMANDS } from '../commands/index.js';
import { runCommand, runText } from '../commands/run.js';
import { MAX_LENGTH } from '../commands/limits.js';
import { FakeDiscord, mentionMessage, slash, CHANNEL_ID } from './fake-discord.js';
import { SEEDS, seedByDistrict, seedIndex, tempCorpus, tempDir } from './helpers.js';
import { first } from '../src/list.js';

const ROOT = join(import.meta.dirname, '..');
const S = 3;
const I = 4;

/** A mention Discord would draw as a pill (or a ping, were mentions allowed). */
const LIVE_MENTION = /<@[!&]?\d+>|<#\d+>|@everyone|@here/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Control and direction characters; newlines and tabs are report layout and may stay in excerpts. */
const BIDI_OR_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

/** Resolves when `pred` holds; polls, because a watcher reports when the file system says so. */
async function until(pred: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!pred()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let index: ReportIndex;
let xuhui: string;
beforeAll(async () => {
  index = await seedIndex();
  xuhui = seedByDistrict(index, '徐汇', 2025).doc;
});

describe('the watcher keeps up', () => {
  it('a change every 100 ms for 3 s still refreshes before the stream stops', async () => {
    const dir = tempDir('watch-stream-');
    let refreshes = 0;
    const stop = watchSeeds(dir, async () => {
      refreshes++;
    });
    try {
      let seenDuringStream = 0;
      for (let i = 0; i < 30; i++) {
        writeFileSync(join(dir, `f${i % 3}.txt`), `change ${i}`);
        await sleep(100);
        seenDuringStream = refreshes;
      }
      expect(seenDuringStream).toBeGreaterThanOrEqual(1);
    } finally {
      stop();
    }
  });

  it('a folder deleted and re-created is watched again: a report added then is indexed', async () => {
    const dirs = tempCorpus();
    const live = await ReportIndex.open(dirs);
    const stop = watchSeeds(dirs.seedsDir, async () => {
      await live.refresh();
    });
    try {
      rmSync(dirs.seedsDir, { recursive: true });
      mkdirSync(dirs.seedsDir);
      await until(() => live.corpus.reports.length === 0, 'the empty folder to be read');
      copyFileSync(join(SEEDS, xuhui), join(dirs.seedsDir, xuhui));
      await until(() => live.corpus.reports.some((r) => r.doc === xuhui), 'the added report');
      expect(lookupMetric(live, { district: '徐汇', year: 2024, query: '绿地' }).best.fact.valueText).toBe('14.15');
    } finally {
      stop();
    }
  });

  it('a folder replaced by another one (moved into its place) is watched again', async () => {
    const dirs = tempCorpus();
    const live = await ReportIndex.open(dirs);
    const stop = watchSeeds(dirs.seedsDir, async () => {
      await live.refresh();
    });
    try {
      const fresh = `${dirs.seedsDir}.new`;
      mkdirSync(fresh);
      copyFileSync(join(SEEDS, xuhui), join(fresh, xuhui));
      renameSync(dirs.seedsDir, `${dirs.seedsDir}.old`);
      renameSync(fresh, dirs.seedsDir);
      await until(() => live.corpus.reports.length === 1, 'the replacement folder to be read');
      const other = readdirSync(SEEDS).find((f) => f !== xuhui && f.endsWith('.txt'))!;
      copyFileSync(join(SEEDS, other), join(dirs.seedsDir, other));
      await until(() => live.corpus.reports.length === 2, 'a report added to the replacement');
    } finally {
      stop();
    }
  });

  it('a refresh that fails is logged with its reason, and the next change is still picked up', async () => {
    const dirs = tempCorpus();
    const live = await ReportIndex.open(dirs);
    const lines: string[] = [];
    const log = createLogger('info', [], (l) => lines.push(l));
    const stop = watchSeeds(
      dirs.seedsDir,
      async () => {
        await live.refresh();
      },
      { log },
    );
    try {
      // The index folder turned into a file: persisting the refreshed index fails.
      rmSync(dirs.indexDir, { recursive: true });
      writeFileSync(dirs.indexDir, 'not a folder');
      rmSync(join(dirs.seedsDir, xuhui));
      await until(() => lines.some((l) => l.includes('ERROR')), 'the failure to be logged');
      const failure = lines.find((l) => l.includes('ERROR'))!;
      expect(failure).toContain(dirs.seedsDir);
      expect(failure).toMatch(/EEXIST|ENOTDIR/);
      rmSync(dirs.indexDir);
      copyFileSync(join(SEEDS, xuhui), join(dirs.seedsDir, xuhui));
      await until(() => live.corpus.reports.some((r) => r.doc === xuhui), 'the next change');
    } finally {
      stop();
    }
  });
});

describe('requests are bounded', () => {
  it('every text option has a max_length in its Discord definition, and the schema refuses past it, naming the limit', () => {
    for (const command of COMMANDS) {
      for (const option of command.definition.options ?? []) {
        // A string option with fixed choices cannot be typed into.
        if (option.type !== S || 'choices' in option) continue;
        const max = (option as { max_length?: number }).max_length;
        expect(max, `/${command.name} ${option.name}`).toBeGreaterThan(0);
        expect(max).toBeLessThanOrEqual(MAX_LENGTH.question);
      }
    }
    const cases: [string, Record<string, unknown>, number][] = [
      ['metric', { district: '徐汇', year: 2024, keyword: '绿'.repeat(101) }, MAX_LENGTH.keyword],
      ['metric', { district: '徐'.repeat(51), year: 2024, keyword: '绿地' }, MAX_LENGTH.place],
      ['ask', { question: '问'.repeat(100_000) }, MAX_LENGTH.question],
      ['search', { query: '搜'.repeat(201) }, MAX_LENGTH.query],
      ['cite', { id: `${'徐'.repeat(200)}-5` }, MAX_LENGTH.citeId],
    ];
    for (const [name, options, max] of cases) {
      let error: unknown;
      try {
        runCommand(name, options, { index });
      } catch (e) {
        error = e;
      }
      expect(error, name).toBeInstanceOf(QueryError);
      expect((error as QueryError).message).toContain(`最多 ${max} 字`);
      expect((error as QueryError).message.length).toBeLessThan(200);
    }
  });

  it('a 100 KB question at the terminal chat is refused with the limit, and the next line is answered', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d) => (text += d));
    const lines = [`${'虹口的三师联创是什么'.repeat(10_000)}`, `/${'x'.repeat(100_000)}`, '/metric 徐汇 2024 绿地'];
    await runTerminal(
      () => index,
      createLogger('error'),
      Readable.from(lines.map((l) => `${l}\n`)) as unknown as typeof process.stdin,
      out as unknown as typeof process.stdout,
    );
    expect(text).toContain(`问题太长了:最多 ${MAX_LENGTH.question} 字`);
    expect(text).toContain('新增各类绿地 14.15公顷');
    expect(text.length).toBeLessThan(5_000);
  });

  it('the per-user limiter forgets idle users and keeps at most its cap, and still limits an active user', () => {
    const limiter = new RateLimiter(2, 1_000, 100);
    for (let u = 0; u < 1_000; u++) limiter.check(`u${u}`, u);
    expect(limiter.size).toBeLessThanOrEqual(100);
    limiter.check('later', 10_000);
    expect(limiter.size).toBe(1);
    expect(limiter.check('busy', 10_001)).toBe(0);
    expect(limiter.check('busy', 10_002)).toBe(0);
    expect(limiter.check('busy', 10_003)).toBeGreaterThan(0);
    expect(limiter.check('busy', 11_002)).toBe(0);
  });
});

describe('Discord: limits, autocomplete and mentions through discord.js', () => {
  let discord: FakeDiscord;
  let client: Client;
  let hostile: ReportIndex;
  const logLines: string[] = [];
  // A report whose file name carries U+202E and a newline, and whose sidecar title carries mention syntax.
  const NAME = '徐汇\u202Etxt.\n报告.txt';
  const TITLE = '@everyone <@&123456> 徐汇区2025年<#42>政府工作报告';

  beforeAll(async () => {
    const dirs = tempCorpus();
    renameSync(join(dirs.seedsDir, xuhui), join(dirs.seedsDir, NAME));
    writeFileSync(join(dirs.seedsDir, `${NAME}.meta.json`), JSON.stringify({ title: TITLE }));
    hostile = await ReportIndex.open(dirs);
    discord = new FakeDiscord();
    await discord.start();
    const log = createLogger('info', [], (l) => logLines.push(l));
    client = createBot({
      index: () => hostile,
      log,
      limiter: new RateLimiter(1000, 1000),
      autocompleteLimiter: new RateLimiter(3, 60_000),
      clientOptions: { rest: { api: discord.apiUrl } },
    });
    await client.login('MTAwMDAwMDAwMDAwMDAwMDAx.FAKE00.safety-test-token-safety-test');
    await discord.ready;
  });

  afterAll(async () => {
    await client?.destroy();
    await discord?.stop();
  });

  async function run(p: ReturnType<typeof slash>) {
    discord.dispatch('INTERACTION_CREATE', p);
    return discord.callback(p.id);
  }

  it('an option past its limit (a client that ignores max_length) gets an error reply naming the limit', async () => {
    const cb = await run(
      slash('metric', [
        { name: 'district', type: S, value: '徐汇' },
        { name: 'year', type: I, value: 2024 },
        { name: 'keyword', type: S, value: '绿'.repeat(5_000) },
      ]),
    );
    expect(cb.body.data.embeds[0].title).toBe('没能回答');
    expect(cb.body.data.embeds[0].description).toContain(`最多 ${MAX_LENGTH.keyword} 字`);
  });

  it('a 100 KB mention question is refused with the limit', async () => {
    discord.dispatch('MESSAGE_CREATE', mentionMessage(`<@100000000000000001> ${'绿地'.repeat(50_000)}`));
    const sent = await discord.next((r) => r.method === 'POST' && r.path === `/channels/${CHANNEL_ID}/messages`);
    expect(sent.body.embeds[0].description).toContain(`最多 ${MAX_LENGTH.question} 字`);
  });

  it('autocomplete: typed text past the limit gets no choices, and a flood is cut off with empty lists', async () => {
    const typed = async (value: string) =>
      (await run(slash('metric', [{ name: 'district', type: S, value, focused: true }], 4))).body;
    const long = await typed('徐'.repeat(10_000));
    expect(long.type).toBe(8);
    expect(long.data.choices).toEqual([]);
    expect((await typed('徐')).data.choices.map((c: any) => c.value)).toEqual(['徐汇']);
    expect((await typed('徐')).data.choices.length).toBe(1);
    const limited = await typed('徐');
    expect(limited.type).toBe(8);
    expect(limited.data.choices).toEqual([]);
  });

  it('titles, file names and echoed text are defused and escaped in every reply', async () => {
    const replies = [
      await run(
        slash('metric', [
          { name: 'district', type: S, value: '徐汇' },
          { name: 'year', type: I, value: 2024 },
          { name: 'keyword', type: S, value: '绿地' },
        ]),
      ),
      await run(
        slash('ask', [{ name: 'question', type: S, value: '<@123456789012345678> 徐汇 @everyone 绿地是多少' }]),
      ),
      await run(slash('search', [{ name: 'query', type: S, value: '<@&1> 绿地 @here' }])),
      await run(
        slash('metric', [
          { name: 'district', type: S, value: '<@123456789012345678>' },
          { name: 'year', type: I, value: 2024 },
          { name: 'keyword', type: S, value: '绿地' },
        ]),
      ),
      await run(slash('reports', [])),
    ];
    const all = JSON.stringify(replies.map((r) => r.body.data.embeds));
    expect(all).not.toMatch(LIVE_MENTION);
    expect(
      JSON.parse(all)
        .flatMap((e: any) => [
          e.title,
          e.description,
          e.footer?.text,
          ...(e.fields ?? []).flatMap((f: any) => [f.name, f.value]),
        ])
        .join(''),
    ).not.toMatch(BIDI_OR_CONTROL);
    const metric = first(replies).body.data.embeds[0];
    expect(metric.footer.text).toContain('徐汇\\u202Etxt.\\u000A报告.txt');
    expect(metric.footer.text).toContain('@\u200beveryone');
  });

  it('the terminal shows the same citation escaped, and a log line naming the file stays one line', () => {
    const text = renderText(lookupMetric(hostile, { district: '徐汇', year: 2024, query: '绿地' }));
    expect(text).toContain('徐汇\\u202Etxt.\\u000A报告.txt');
    expect(text).not.toMatch(/\u202e/);
    const lines: string[] = [];
    createLogger('info', [], (l) => lines.push(l)).warn(
      `skipped ${NAME}: bad\nERROR forged`,
      new Error(`open '${NAME}'`),
    );
    expect(lines).toHaveLength(1);
    const [head] = first(lines).split('\n');
    expect(head).toContain('skipped 徐汇\\u202Etxt.\\u000A报告.txt: bad\\u000AERROR forged');
    expect(head).toContain("Error: open '徐汇\\u202Etxt.\\u000A报告.txt'");
    expect(lines[0]).not.toMatch(/\u202e/);
  });
});

describe('cuts fall between graphemes', () => {
  it('a surrogate pair, a flag, a family emoji and a combining accent are never split', () => {
    const text = '𠀀🇨🇳👨‍👩‍👧e\u0301'.repeat(400);
    for (let max = 1; max < 40; max++) {
      const cut = truncate(text, max);
      expect(cut.length).toBeLessThanOrEqual(max);
      expect(cut).not.toMatch(LONE_SURROGATE);
      expect(cut.endsWith('\u200d…')).toBe(false);
      expect(text.startsWith(cut.slice(0, -1))).toBe(true);
    }
    const e = fitEmbed({
      title: '𠀀'.repeat(300),
      description: '𠀀'.repeat(3000),
      fields: [{ name: 'x', value: '🇨🇳'.repeat(600) }],
    });
    expect(JSON.stringify(e)).not.toMatch(/\\ud[89a-f][0-9a-f]{2}/i);
    expect(`${e.title}${e.description}${first(e.fields ?? [], 'embed fields').value}`).not.toMatch(LONE_SURROGATE);
  });

  it('holds for any text and any limit (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.integer({ min: 1, max: 80 }), (s, max) => {
        const cut = truncate(s, max);
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(cut).not.toMatch(LONE_SURROGATE);
        if (cut !== s) expect(s.startsWith(cut.slice(0, -1))).toBe(true);
      }),
    );
  });

  it('a long astral excerpt in a real reply stays valid Unicode in every part of the embed', () => {
    const cite = citePassage(index, '徐汇25G-5');
    const e = answerEmbed({ ...cite, passage: { ...cite.passage, text: '𠀀'.repeat(5_000), original: undefined } });
    expect(e.description!.length).toBeLessThanOrEqual(LIMITS.description);
    expect(e.description).not.toMatch(LONE_SURROGATE);
  });
});

/** Runs the CLI's batch over stdin and returns its reply lines. */
function batchCli(input: string): Promise<{ lines: string[]; code: number | null }> {
  const dirs = tempCorpus();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/adapters/cli.ts', 'batch'], {
    cwd: ROOT,
    env: { ...process.env, SEEDS_DIR: dirs.seedsDir, INDEX_DIR: dirs.indexDir },
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.resume();
  child.stdin.end(input);
  return new Promise((resolve) =>
    child.on('exit', (code) => resolve({ lines: out.split('\n').filter(Boolean), code })),
  );
}

describe('the batch contract', () => {
  it('answers every line in order: blank and malformed lines get an error carrying the line number', async () => {
    const input = [
      '{"id":"m1","command":"metric","district":"徐汇","year":2024,"query":"绿地"}',
      '',
      '{not json',
      '{"id":7,"command":"ask","question":"虹口的三师联创是什么?"}',
      '{"id":{"x":1},"command":"ask","question":"绿地"}',
      '{"command":"ask"}',
      '[1,2]',
      `{"id":"long","command":"ask","question":"${'问'.repeat(100_000)}"}`,
      '{"id":"q2","command":"ask","question":"虹口的“三师联创”是什么?"}',
    ].join('\n');
    const { lines, code } = await batchCli(`${input}\n`);
    expect(code).toBe(0);
    const replies = lines.map((l) => JSON.parse(l));
    expect(replies).toHaveLength(9);
    expect(replies.map((r) => r.id)).toEqual(['m1', 2, 3, 7, 5, 6, 7, 'long', 'q2']);
    expect(replies.map((r) => r.ok)).toEqual([true, false, false, false, false, false, false, false, true]);
    for (const [i, r] of replies.entries()) {
      if (r.ok) continue;
      expect(r.line).toBe(i + 1);
      expect(r.error.code).toBe('BAD_REQUEST');
      expect(r.error.message).toMatch(new RegExp(`^line ${i + 1}: `));
    }
    expect(replies[1].error.message).toContain('blank');
    expect(replies[3].error.message).toContain('id');
    expect(replies[7].error.message).toContain(`最多 ${MAX_LENGTH.question} 字`);
    expect(replies[0].results[0].value).toBe(14.15);
  });
});

// ---- properties --------------------------------------------------------------------------------------------

/** Strings meant to hurt: markdown, mentions, bidi, controls, lone surrogates, regex syntax, place words. */
const JUNK = [
  '<@123456789012345678>',
  '<@&1>',
  '<#1>',
  '@everyone',
  '@here',
  '**',
  '__',
  '`',
  '```',
  '> ',
  '\u202E',
  '\u2066',
  '\u0000',
  '\n',
  '\t',
  '🇨🇳',
  'e\u0301',
  '\uD83D',
  '\uDC00',
  '𠀀',
  '.*+?^${}()|[]\\',
  '%',
  '徐汇',
  '绿地',
  '2024年',
  '增长',
  '是什么',
  '"',
  '\\u0000',
];
const hostile = (maxLength: number) =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...JUNK),
        fc.string({ unit: 'binary', maxLength: 8 }),
        fc.string({ unit: 'grapheme', maxLength: 8 }),
      ),
      { maxLength: Math.max(1, Math.ceil(maxLength / 4)) },
    )
    .map((parts) => parts.join('').slice(0, maxLength));

/** A reply to a batch line: the size it may not exceed (a search page or three cited sentences are far smaller). */
const MAX_REPLY = 64 * 1024;

describe('properties over adversarial input', () => {
  const anyId = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.integer(),
    fc.double(),
    fc.constant(null),
    fc.boolean(),
    fc.string({ minLength: 201, maxLength: 300 }),
  );
  const request = fc
    .oneof(
      fc.record({ id: anyId, command: fc.constant('ask'), question: hostile(400) }, { requiredKeys: ['command'] }),
      fc.record(
        {
          id: anyId,
          command: fc.constant('metric'),
          place: fc.oneof(hostile(60), fc.constantFrom('徐汇', '长宁', '全国')),
          year: fc.oneof(fc.integer({ min: 2015, max: 2026 }), fc.string()),
          query: hostile(120),
        },
        { requiredKeys: ['command'] },
      ),
      fc.record(
        { id: anyId, command: fc.constant('search'), query: hostile(250), district: hostile(60) },
        { requiredKeys: ['command', 'query'] },
      ),
      fc.record({ id: anyId, command: fc.string({ maxLength: 10 }) }),
    )
    .map((r) => JSON.stringify(r));
  const line = fc.oneof(
    request,
    request,
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.string({ unit: 'binary', maxLength: 100 }),
    fc.constantFrom('', '   ', '\t'),
  );

  it("the batch contract: every line gets one valid JSON reply, with the line's id (or its number), bounded in size", () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 8 }), (lines) => {
        lines.forEach((text, i) => {
          const reply = answerLine(index, text, i + 1);
          const json = JSON.stringify(reply);
          expect(json.length).toBeLessThanOrEqual(MAX_REPLY);
          const back = JSON.parse(json);
          expect(typeof back.ok).toBe('boolean');
          let raw: any;
          try {
            raw = JSON.parse(text);
          } catch {
            raw = undefined;
          }
          const given = raw && typeof raw === 'object' && !Array.isArray(raw) ? raw.id : undefined;
          const expected =
            (typeof given === 'string' && given.length <= MAX_LENGTH.id) ||
            (typeof given === 'number' && Number.isFinite(given))
              ? given
              : i + 1;
          expect(back.id).toEqual(expected);
          expect(back.error?.code).not.toBe('INTERNAL');
          if ('line' in back) expect(back.line).toBe(i + 1);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('the query functions answer or refuse (QueryError) any text within the limits, and the reply renders safely', () => {
    const settle = (f: () => unknown) => {
      try {
        return f();
      } catch (e) {
        if (e instanceof QueryError) return e;
        throw e;
      }
    };
    fc.assert(
      fc.property(
        hostile(MAX_LENGTH.keyword),
        hostile(MAX_LENGTH.question),
        hostile(MAX_LENGTH.place),
        (keyword, question, place) => {
          settle(() => lookupMetric(index, { district: place || '徐汇', year: 2024, query: keyword || '绿地' }));
          settle(() => lookupMetric(index, { district: '徐汇', year: 2024, query: keyword || '绿地' }));
          settle(() => ask(index, question || '绿地'));
          settle(() => search(index, { query: keyword || '绿地', district: place || undefined }));
          settle(() => citePassage(index, `${place}-${keyword.length}`));
          for (const [name, options] of [
            ['metric', { district: '徐汇', year: 2024, keyword }],
            ['ask', { question }],
            ['search', { query: question }],
          ] as const) {
            const outcome = settle(() => runCommand(name, options, { index }));
            const body = JSON.stringify(
              outcome instanceof QueryError
                ? errorPayload(outcome.message)
                : payload((outcome as ReturnType<typeof runCommand>).answer),
            );
            expect(body).not.toMatch(LIVE_MENTION);
            // JSON.stringify writes a surrogate as \uXXXX only when it is alone.
            expect(body).not.toMatch(/\\ud[89a-f][0-9a-f]{2}/i);
          }
          const text = settle(() => runText(question, { index }));
          if (!(text instanceof QueryError))
            expect(renderText((text as ReturnType<typeof runText>).answer)).not.toMatch(BIDI_OR_CONTROL);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('escapeControls leaves no control or direction character and no lone surrogate (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 50 }), (s) => {
        const out = escapeControls(s);
        expect(out).not.toMatch(BIDI_OR_CONTROL);
        expect(out).not.toMatch(/\n/);
        expect(out).not.toMatch(LONE_SURROGATE);
      }),
    );
  });
});
