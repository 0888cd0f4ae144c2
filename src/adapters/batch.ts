/**
 * The batch contract (DESIGN.md): JSON lines in, one JSON line out per line in, in order. Every line is
 * answered, so a caller can pair replies with requests by position as well as by id: a blank, malformed or
 * invalid line gets an error reply that carries its line number, and the request's own id when it has a usable
 * one (a string, or a number echoed as it came), else the line number as the id. Text fields are bounded as in
 * the chat commands, so a pasted document is refused at once, with the limit named.
 */
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import type { ReportIndex } from '../index/build.js';
import { QueryError } from '../query/answer.js';
import { ask } from '../query/ask.js';
import { search } from '../query/search.js';
import { lookupMetric } from '../query/metric.js';
import { answerJson, askJson, metricJson } from '../render/json.js';
import { boundedText, MAX_LENGTH, tooLong } from '../../commands/limits.js';

/** A line longer than this is refused unread: no request is anywhere near it, and parsing it would cost. */
export const MAX_LINE = 1_000_000;

const COMMANDS = ['ask', 'metric', 'search'] as const;
const id = z.string().max(MAX_LENGTH.id, `id is longer than ${MAX_LENGTH.id} characters`);
const place = boundedText(MAX_LENGTH.place, tooLong('地区名', MAX_LENGTH.place));
const year = z.coerce.number().int();

const BatchRequest = z.discriminatedUnion('command', [
  z.object({ id, command: z.literal('ask'), question: boundedText(MAX_LENGTH.question, tooLong('问题', MAX_LENGTH.question)) }),
  z.object({ id, command: z.literal('metric'), district: place.optional(), place: place.optional(), year, query: boundedText(MAX_LENGTH.keyword, tooLong('指标', MAX_LENGTH.keyword)), kind: z.enum(['actual', 'target']).optional() })
    .refine((r) => r.place ?? r.district, { message: 'place (or district) is required', path: ['place'] }),
  z.object({ id, command: z.literal('search'), query: boundedText(MAX_LENGTH.query, tooLong('搜索词', MAX_LENGTH.query)), district: place.optional(), place: place.optional(), year: year.optional() }),
]);

type Reply = Record<string, unknown>;
type Id = string | number;

function refusal(id: Id, line: number, message: string, code = 'BAD_REQUEST'): Reply {
  return { id, ok: false, line, error: { code, message: `line ${line}: ${message}` } };
}

/** The id a reply carries: the request's own when it is a bounded string or a number, else the line number. */
function replyId(raw: unknown, line: number): Id {
  const given = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as { id?: unknown }).id : undefined;
  if (typeof given === 'string' && given.length <= MAX_LENGTH.id) return given;
  if (typeof given === 'number' && Number.isFinite(given)) return given;
  return line;
}

/** One request line (1-based `line`) → its reply. Never throws: whatever goes wrong is the reply. */
export function answerLine(index: ReportIndex, text: string, line: number): Reply {
  if (!text.trim()) return refusal(line, line, 'blank line; expected one JSON request');
  if (text.length > MAX_LINE) return refusal(line, line, `longer than ${MAX_LINE} characters; not read`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return refusal(line, line, `not JSON (${(e as Error).message})`);
  }
  const rid = replyId(raw, line);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return refusal(rid, line, 'a request is a JSON object such as {"id":"q1","command":"ask","question":"…"}');
  const command = (raw as { command?: unknown }).command;
  if (!COMMANDS.includes(command as never)) return refusal(rid, line, `command must be one of ${COMMANDS.join(', ')}${typeof command === 'string' ? `, not "${command.slice(0, 40)}"` : ''}`);
  const parsed = BatchRequest.safeParse(raw);
  if (!parsed.success) return refusal(rid, line, parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; '));
  try {
    return { id: rid, ok: true, ...run(index, parsed.data) };
  } catch (e) {
    if (e instanceof QueryError) return { id: rid, ok: false, error: { code: e.code, message: e.message, suggestions: e.suggestions } };
    return refusal(rid, line, (e as Error)?.message ?? String(e), 'INTERNAL');
  }
}

function run(index: ReportIndex, req: z.infer<typeof BatchRequest>): Reply {
  if (req.command === 'ask') return askJson(ask(index, req.question));
  // `place` and `district` both name the place, at any level (the batch contract keeps `district`).
  if (req.command === 'metric') return metricJson(lookupMetric(index, { district: (req.place ?? req.district)!, year: req.year, query: req.query, kind: req.kind }));
  return answerJson(search(index, { query: req.query, district: req.place ?? req.district, year: req.year })) as Reply;
}

/** Reads requests until the input ends, writing each reply as soon as it is ready (and waiting when the reader is slow). */
export async function runBatch(index: ReportIndex, input: Readable, output: Writable): Promise<void> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line++;
    if (!output.write(`${JSON.stringify(answerLine(index, text, line))}\n`)) await once(output, 'drain');
  }
}
