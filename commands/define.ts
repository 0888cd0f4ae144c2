/**
 * One definition per command. A command writes its options once (name, Chinese name, description, zod schema,
 * where it sits in the typed text form, how it is completed, which batch fields carry it), and everything else
 * is derived here: the zod schema of the whole request, the Discord definition (through SlashCommandBuilder, so a
 * bad name or description fails at start-up, not at registration), the terminal's text parser, autocomplete
 * dispatch and the batch field mapping. The handler is typed from the options (yuudachi's `ArgsParam<typeof
 * Command>`), and what leaves this module is a plain `Command` whose list needs no cast.
 */
import { SlashCommandBuilder, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { z } from 'zod';
import type { Choice, CommandContext, Reply } from './types.js';

/** What was typed so far in every option of the command: unvalidated, since autocomplete runs before sending. */
export type Typed = Record<string, unknown>;

export interface OptionSpec<S extends z.ZodType = z.ZodType> {
  /** 'integer' options reach the handler as numbers; Discord shows a number field. */
  type: 'string' | 'integer';
  /** Localized name shown in Discord's Chinese client. */
  zh: string;
  description: string;
  /** The value's schema; an option whose schema accepts nothing (`.optional()`, `.default()`) is not required. */
  schema: S;
  /** Discord's client stops a user past this many characters; the schema names the same limit. */
  maxLength?: number;
  /** Fixed choices; in the text form, a word equal to a choice's name or value fills the option. */
  choices?: readonly Choice[];
  /**
   * Where the option sits in the text form ("/metric 徐汇 2024 绿地"): 'word' takes the next word, 'rest'
   * everything left. Any option can also be written `--name value`.
   */
  text?: 'word' | 'rest';
  complete?(typed: string, options: Typed, ctx: CommandContext): Choice[];
  /** The batch contract's field names for this option, first present wins (default: the option's own name). */
  batch?: readonly string[];
  /** Not shown to Discord: set by the reply itself (the 更多结果 button's next page). */
  internal?: true;
}

export type OptionSpecs = Record<string, OptionSpec>;
type Shape<O extends OptionSpecs> = { [K in keyof O]: O[K]['schema'] };
export type OptionsOf<O extends OptionSpecs> = z.infer<z.ZodObject<Shape<O>>>;

export interface CommandSpec<O extends OptionSpecs> {
  name: string;
  description: string;
  options: O;
  handle(options: OptionsOf<O>, ctx: CommandContext): Reply;
}

export interface Issue {
  path: string;
  message: string;
}

/** Options checked against the schema: a run to do (and the key its reply is remembered by), or what is wrong. */
export type Prepared = { ok: true; key: string; run(ctx: CommandContext): Reply } | { ok: false; issues: Issue[] };

/** What the registry, the adapters and runCommand see of a command: no generics, so a list of them is typed. */
export interface Command {
  name: string;
  definition: RESTPostAPIChatInputApplicationCommandsJSONBody;
  prepare(raw: Record<string, unknown>): Prepared;
  /** "徐汇 2024 绿地 目标" → raw options for prepare. */
  fromText(args: string): Record<string, unknown>;
  /** A batch request's fields → raw options, through each option's batch names. */
  fromBatch(request: Record<string, unknown>): Record<string, unknown>;
  complete(focused: { name: string; value: string }, options: Typed, ctx: CommandContext): Choice[];
}

export function defineCommand<O extends OptionSpecs>(spec: CommandSpec<O>): Command {
  const schema = z.object(shapeOf(spec.options));
  const entries = Object.entries(spec.options);
  return {
    name: spec.name,
    definition: discordDefinition(spec),
    prepare(raw) {
      const parsed = schema.safeParse(raw);
      if (!parsed.success)
        return { ok: false, issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) };
      const options = parsed.data as OptionsOf<O>;
      return { ok: true, key: `${spec.name}\0${JSON.stringify(options)}`, run: (ctx) => spec.handle(options, ctx) };
    },
    fromText: (args) => parseText(entries, args),
    fromBatch: (request) =>
      Object.fromEntries(
        entries.map(([name, o]) => [name, (o.batch ?? [name]).map((f) => request[f]).find((v) => v !== undefined)]),
      ),
    complete: (focused, options, ctx) => spec.options[focused.name]?.complete?.(focused.value, options, ctx) ?? [],
  };
}

function shapeOf<O extends OptionSpecs>(options: O): Shape<O> {
  const shape = {} as Shape<O>;
  for (const name in options) {
    const option = options[name];
    if (option) shape[name] = option.schema;
  }
  return shape;
}

const required = (o: OptionSpec) => !o.schema.safeParse(undefined).success;

function discordDefinition({
  name,
  description,
  options,
}: CommandSpec<OptionSpecs>): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const builder = new SlashCommandBuilder().setName(name).setDescription(description);
  for (const [key, o] of Object.entries(options)) {
    if (o.internal) continue;
    if (o.type === 'integer') {
      builder.addIntegerOption((b) =>
        b
          .setName(key)
          .setNameLocalizations({ 'zh-CN': o.zh })
          .setDescription(o.description)
          .setRequired(required(o))
          .setAutocomplete(Boolean(o.complete)),
      );
      continue;
    }
    builder.addStringOption((b) => {
      b.setName(key).setNameLocalizations({ 'zh-CN': o.zh }).setDescription(o.description).setRequired(required(o));
      if (o.maxLength) b.setMaxLength(o.maxLength);
      if (o.choices) b.addChoices(...o.choices);
      else b.setAutocomplete(Boolean(o.complete));
      return b;
    });
  }
  return builder.toJSON();
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The text form: `--name value` (or `--name=value`) for any option, then a word equal to a choice fills that
 * option, then 'word' options take the leading words in order and the 'rest' option the text that is left, as
 * it was typed. Nothing is validated here: prepare does that with the same messages as Discord's options.
 */
function parseText(entries: [string, OptionSpec][], args: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let text = args;
  for (const [name, o] of entries) {
    if (o.text === 'rest') continue;
    const flag = new RegExp(`(^|\\s)--${escapeRegExp(name)}(?:=|\\s+)(\\S+)`);
    const m = text.match(flag);
    if (!m) continue;
    out[name] = m[2];
    text = text.replace(flag, '$1');
  }
  for (const [name, o] of entries) {
    if (o.text !== 'word' || out[name] !== undefined) continue;
    const m = text.match(/^\s*(\S+)/);
    if (!m) break;
    out[name] = m[1];
    text = text.slice(m[0].length);
  }
  for (const [name, o] of entries) {
    if (!o.choices || out[name] !== undefined) continue;
    const words = text.split(/\s+/);
    const choice = o.choices.find((c) => words.includes(c.name) || words.includes(c.value));
    if (!choice) continue;
    out[name] = choice.value;
    text = words.filter((w) => w !== choice.name && w !== choice.value).join(' ');
  }
  const rest = entries.find(([, o]) => o.text === 'rest');
  if (rest) out[rest[0]] = text.trim();
  return out;
}
