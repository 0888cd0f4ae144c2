/** Validates raw options with the command's schema and runs its handler; bad options become a clear message. */
import type { CorpusView } from '../src/index/view.js';
import { CacheKey } from '../src/index/lru.js';
import { QueryError } from '../src/query/answer.js';
import { truncate } from '../src/render/safe.js';
import { COMMANDS, findCommand } from './index.js';
import type { Issue } from './define.js';
import type { CommandContext, Reply } from './types.js';

export function runCommand(name: string, raw: Record<string, unknown>, ctx: CommandContext): Reply {
  const command = findCommand(name);
  if (!command) throw unknownCommand(name);
  const prepared = command.prepare(withoutBlanks(raw));
  if (!prepared.ok) throw new BadOptions(name, prepared.issues);
  return remembered(ctx.index.corpus, prepared.key, () => prepared.run(ctx));
}

/** Options the command's schema refused: the message for a chat, and each issue with its option for a batch line. */
export class BadOptions extends QueryError {
  constructor(
    command: string,
    readonly issues: Issue[],
  ) {
    super('BAD_REQUEST', `/${command}:${issues.map((i) => i.message).join(';')}`);
  }
}

/** An option left empty (Discord's null, a blank text field, an absent flag) is an option not given. */
export function withoutBlanks(raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== null && v !== ''));
}

// The replies (and "not found" answers) to the most recent requests, kept by the corpus. A channel asks the
// same few things, and 公开分享 / 更多结果 re-run the command they belong to. Replies are never mutated
// downstream; a live refresh makes a new corpus, so nothing outlives the reports it came from.
type Outcome = { reply: Reply } | { error: QueryError };
const RECENT = new CacheKey<Outcome>('replies', 500);

function remembered(corpus: CorpusView, key: string, run: () => Reply): Reply {
  const memo = corpus.cache(RECENT);
  let outcome = memo.get(key);
  if (!outcome) {
    try {
      outcome = { reply: run() };
    } catch (e) {
      if (!(e instanceof QueryError)) throw e;
      outcome = { error: e };
    }
    memo.set(key, outcome);
  }
  if ('error' in outcome) throw outcome.error;
  return outcome.reply;
}

/** "/metric 徐汇 2024 绿地" or a plain question (→ /ask). */
export function runText(line: string, ctx: CommandContext): Reply {
  const m = line.trim().match(/^\/(?<name>\S+)\s*(?<args>[\s\S]*)$/);
  if (!m?.groups) return runCommand('ask', { question: line.trim() }, ctx);
  const { name = '', args = '' } = m.groups;
  const command = findCommand(name);
  if (!command) throw unknownCommand(name);
  return runCommand(command.name, command.fromText(args), ctx);
}

/** The name is echoed cut: whatever followed a "/" on a pasted line comes back short. */
function unknownCommand(name: string): QueryError {
  return new QueryError(
    'BAD_REQUEST',
    `没有 /${truncate(name, 30)} 命令。可用:${COMMANDS.map((c) => `/${c.name}`).join(' ')}`,
  );
}
