/** Validates raw options with the command's schema and runs its handler; bad options become a clear message. */
import { QueryError } from '../src/query/answer.js';
import { COMMANDS, findCommand } from './index.js';
import type { CommandContext, Reply } from './types.js';

export function runCommand(name: string, raw: Record<string, unknown>, ctx: CommandContext): Reply {
  const command = findCommand(name);
  if (!command) throw new QueryError('BAD_REQUEST', `没有 /${name} 命令。可用:${COMMANDS.map((c) => `/${c.name}`).join(' ')}`);
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== null && v !== ''));
  const parsed = command.schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new QueryError('BAD_REQUEST', `/${name}:${parsed.error.issues.map((i) => i.message).join(';')}`);
  }
  return command.handle(parsed.data, ctx);
}

/** "/metric 徐汇 2024 绿地" or a plain question (→ /ask). */
export function runText(line: string, ctx: CommandContext): Reply {
  const m = line.trim().match(/^\/(\S+)\s*([\s\S]*)$/);
  if (!m) return runCommand('ask', { question: line.trim() }, ctx);
  const command = findCommand(m[1]);
  if (!command) throw new QueryError('BAD_REQUEST', `没有 /${m[1]} 命令。可用:${COMMANDS.map((c) => `/${c.name}`).join(' ')}`);
  return runCommand(command.name, command.fromText(m[2]), ctx);
}
