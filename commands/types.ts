/**
 * What every command module exports: a zod schema for its options, its Discord slash definition (Chinese
 * names and descriptions), a parser for the terminal's "/metric 徐汇 2024 绿地" form, and a handler that turns
 * options into a transport-neutral Reply.
 */
import type { z } from 'zod';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { ReportIndex } from '../src/index/build.js';
import type { Answer } from '../src/query/answer.js';

export interface CommandContext {
  index: ReportIndex;
}

/** Follow-ups a reply offers: post it publicly, show the passages around it, the next page. */
export type Action =
  | { kind: 'share' }
  | { kind: 'context'; citeId: string }
  | { kind: 'more'; next: Record<string, unknown> };

export interface Reply {
  answer: Answer;
  actions: Action[];
}

export interface Choice { name: string; value: string }

export interface Command<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  schema: S;
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** "/metric 徐汇 2024 绿地" → raw options for the schema. */
  fromText(args: string): Record<string, unknown>;
  handle(options: z.infer<S>, ctx: CommandContext): Reply;
  autocomplete?(focused: { name: string; value: string }, options: Record<string, unknown>, ctx: CommandContext): Choice[];
}
