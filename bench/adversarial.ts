/**
 * Hostile and careless requests, measured where users reach the bot: the command edge (options schema, handler,
 * the reply memory) and the Discord and terminal renderers. Very long keywords and questions, markdown,
 * mention and bidi junk, and random Unicode (lone surrogates, combining marks, emoji, astral CJK). A refusal is
 * an answer too; what counts is the time until the user has one. Requests come from a seeded generator, so two
 * runs measure the same requests.
 */
import { performance } from 'node:perf_hooks';
import type { ReportIndex } from '../src/index/build.js';
import { QueryError } from '../src/query/answer.js';
import { runCommand } from '../commands/run.js';
import { payload } from '../src/render/discord.js';
import { renderText } from '../src/render/text.js';
import { answerLine } from '../src/adapters/batch.js';

/** mulberry32: small, seeded, good enough to pick junk. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JUNK = [
  '<@123456789012345678>',
  '<@!1>',
  '<@&1>',
  '<#1>',
  '</ask:1>',
  '@everyone',
  '@here',
  '**',
  '__',
  '~~',
  '||',
  '`',
  '```',
  '> ',
  '# ',
  '[链接](https://example.com)',
  '\u202E',
  '\u202D',
  '\u2066',
  '\u2069',
  '\u200F',
  '\u0000',
  '\u001B[31m',
  '\n',
  '\r\n',
  '\t',
  '🇨🇳',
  '👨‍👩‍👧',
  'e\u0301',
  '\u0301',
  '\uD83D',
  '\uDC00',
  '𠀀',
  '𪚥',
  '.*+?^${}()|[]\\',
  '%',
  '“',
  '”',
  '2024年',
  '徐汇',
  '绿地',
  '增长',
  '一般公共预算收入',
  '是什么',
  '多少',
];

/** A string of about `n` UTF-16 units of junk pieces, words and random code points. */
export function junk(rand: () => number, n: number): string {
  let s = '';
  while (s.length < n) {
    const r = rand();
    if (r < 0.5) s += JUNK[Math.floor(rand() * JUNK.length)];
    else if (r < 0.8) s += String.fromCodePoint(0x4e00 + Math.floor(rand() * 0x5000));
    else s += String.fromCodePoint(Math.floor(rand() * 0x2ffff));
  }
  return s.slice(0, n);
}

/** Mostly lengths a person might send, some at the limits, a few far past them (pasted documents). */
function length(rand: () => number): number {
  const r = rand();
  if (r < 0.4) return 1 + Math.floor(rand() * 20);
  if (r < 0.7) return 20 + Math.floor(rand() * 80);
  if (r < 0.9) return 100 + Math.floor(rand() * 400);
  if (r < 0.96) return 1_000 + Math.floor(rand() * 9_000);
  return 100_000;
}

export interface Request {
  command: string;
  options: Record<string, unknown>;
}

export function adversarialRequest(rand: () => number, places: string[]): Request {
  const text = () => junk(rand, length(rand));
  const place = () => (rand() < 0.5 ? places[Math.floor(rand() * places.length)] : text());
  switch (Math.floor(rand() * 4)) {
    case 0:
      return {
        command: 'metric',
        options: { district: place(), year: 2015 + Math.floor(rand() * 12), keyword: text() },
      };
    case 1:
      return { command: 'ask', options: { question: text() } };
    case 2:
      return { command: 'search', options: { query: text(), district: rand() < 0.5 ? place() : undefined } };
    default:
      return { command: 'cite', options: { id: `${text()}-${Math.floor(rand() * 100)}` } };
  }
}

/** Runs one request as the bot would and renders the outcome for Discord and the terminal. */
export function answerRequest(index: ReportIndex, { command, options }: Request): void {
  try {
    const reply = runCommand(command, options, { index });
    payload(reply.answer);
    renderText(reply.answer);
  } catch (e) {
    if (!(e instanceof QueryError)) throw e;
  }
}

/** The same request as a batch line (cite has no batch form; its text is asked instead). */
export function batchLine({ command, options: o }: Request, n: number): string {
  const id = `a${n}`;
  switch (command) {
    case 'metric':
      return JSON.stringify({ id, command, place: o.district, year: o.year, query: o.keyword });
    case 'search':
      return JSON.stringify({ id, command, query: o.query, place: o.district });
    case 'ask':
      return JSON.stringify({ id, command, question: o.question });
    default:
      return JSON.stringify({ id, command: 'ask', question: o.id });
  }
}

export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN; // no samples, no percentile
}

export interface Latency {
  p50: number;
  p99: number;
  max: number;
}

const summary = (times: number[]): Latency => ({ p50: pct(times, 50), p99: pct(times, 99), max: Math.max(...times) });

/** Each request through the chat path (command edge and both renderers) and as a batch line. */
export function benchAdversarial(index: ReportIndex, places: string[], count = 500): { chat: Latency; batch: Latency } {
  const rand = random(13);
  const chat: number[] = [];
  const batch: number[] = [];
  for (let i = 0; i < count; i++) {
    const req = adversarialRequest(rand, places);
    let t = performance.now();
    answerRequest(index, req);
    chat.push(performance.now() - t);
    const line = batchLine(req, i);
    t = performance.now();
    JSON.stringify(answerLine(index, line, i + 1));
    batch.push(performance.now() - t);
  }
  return { chat: summary(chat), batch: summary(batch) };
}

/**
 * Heap still held after `count` distinct requests, measured after a full collection: what the caches keep.
 * Every keyword is different; most are up to 100 characters long, one in ten is a 10,000-character paste.
 * Needs --expose-gc.
 */
export function benchMemory(
  index: ReportIndex,
  places: string[],
  words: string[],
  count = 10_000,
): { heldBytes: number; ms: number } | null {
  if (!global.gc) return null;
  const rand = random(7);
  const tail = (n: number) =>
    Array.from({ length: n }, () => String.fromCodePoint(0x4e00 + Math.floor(rand() * 0x5000))).join('');
  global.gc();
  const before = process.memoryUsage().heapUsed;
  const t = performance.now();
  for (let i = 0; i < count; i++) {
    const word = `${words[i % words.length]}${tail(i % 10 === 9 ? 10_000 : 1 + (i % 97))}`;
    const district = places[i % places.length];
    const req: Request =
      i % 3 === 0
        ? { command: 'metric', options: { district, year: 2020 + (i % 6), keyword: word } }
        : i % 3 === 1
          ? { command: 'search', options: { query: word, district } }
          : { command: 'ask', options: { question: `${district}${word}是什么` } };
    answerRequest(index, req);
  }
  const ms = performance.now() - t;
  global.gc();
  return { heldBytes: process.memoryUsage().heapUsed - before, ms };
}
