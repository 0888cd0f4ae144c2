/**
 * The Discord bot: slash commands with autocomplete, buttons (公开分享 / 上下文 / 更多结果) and mention-chat.
 * Thin: options go to the command handlers, replies to render/discord. Nothing here pings anyone.
 */
import { randomBytes } from 'node:crypto';
import {
  Client, Events, GatewayIntentBits, MessageFlags, Partials,
  Options, type AutocompleteInteraction, type ButtonInteraction, type ChatInputCommandInteraction, type ClientOptions, type Message,
} from 'discord.js';
import type { ReportIndex } from '../index/build.js';
import type { Logger } from '../log.js';
import { QueryError } from '../query/answer.js';
import { citePassage } from '../query/context.js';
import { findCommand } from '../../commands/index.js';
import { runCommand } from '../../commands/run.js';
import type { Action, Reply } from '../../commands/types.js';
import { errorPayload, payload, type Button } from '../render/discord.js';
import { RateLimiter } from './ratelimit.js';

interface SavedReply { command: string; options: Record<string, unknown>; asker: string }

const MAX_SAVED = 2000;

export interface BotOptions {
  index: () => ReportIndex;
  log: Logger;
  clientOptions?: Partial<ClientOptions>;
  limiter?: RateLimiter;
}

export function createBot({ index, log, clientOptions, limiter = new RateLimiter() }: BotOptions): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    allowedMentions: { parse: [], repliedUser: false },
    // The bot reads no history and looks up no members: caching every message, member and presence it sees
    // would only cost memory and time per event.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0, GuildMemberManager: 0, PresenceManager: 0, ReactionManager: 0, GuildMessageManager: 0,
      ThreadMemberManager: 0, VoiceStateManager: 0, GuildEmojiManager: 0, GuildStickerManager: 0,
    }),
    ...clientOptions,
  });
  const saved = new Map<string, SavedReply>();
  const save = (s: SavedReply) => {
    const id = randomBytes(6).toString('hex');
    saved.set(id, s);
    if (saved.size > MAX_SAVED) saved.delete(saved.keys().next().value!);
    return id;
  };

  const buttons = (reply: Reply, state: string): Button[] => reply.actions.map((a: Action) =>
    a.kind === 'share' ? { id: `share:${state}`, label: '公开分享' }
      : a.kind === 'context' ? { id: `ctx:${a.citeId}`, label: '上下文' }
        : { id: `more:${save({ ...saved.get(state)!, options: { ...saved.get(state)!.options, ...a.next } })}`, label: '更多结果' });

  const fail = async (i: ChatInputCommandInteraction | ButtonInteraction, e: unknown) => {
    const message = e instanceof QueryError ? e.message : internalError(log, e);
    const body = { ...errorPayload(message), flags: MessageFlags.Ephemeral as const };
    if (i.deferred || i.replied) await i.followUp(body); else await i.reply(body);
  };

  const limited = async (i: ChatInputCommandInteraction | ButtonInteraction) => {
    const wait = limiter.check(i.user.id);
    if (wait) await i.reply({ ...errorPayload(`请求有点多,请 ${Math.ceil(wait / 1000)} 秒后再试。`), flags: MessageFlags.Ephemeral });
    return wait > 0;
  };

  async function onCommand(i: ChatInputCommandInteraction) {
    if (await limited(i)) return;
    const options = Object.fromEntries(i.options.data.map((o) => [o.name, o.value]));
    const reply = runCommand(i.commandName, options, { index: index(), user: { id: i.user.id, name: i.user.displayName } });
    const state = save({ command: i.commandName, options, asker: i.user.displayName });
    await i.reply({ ...payload(reply.answer, buttons(reply, state)), flags: MessageFlags.Ephemeral });
  }

  async function onButton(i: ButtonInteraction) {
    if (await limited(i)) return;
    const [kind, arg] = [i.customId.slice(0, i.customId.indexOf(':')), i.customId.slice(i.customId.indexOf(':') + 1)];
    if (kind === 'ctx') {
      await i.reply({ ...payload(citePassage(index(), arg)), flags: MessageFlags.Ephemeral });
      return;
    }
    const state = saved.get(arg);
    if (!state) throw new QueryError('NOT_FOUND', '这个按钮已过期(机器人重启过)。请重新执行命令。');
    const reply = runCommand(state.command, state.options, { index: index() });
    if (kind === 'share') await i.reply(payload(reply.answer, [], state.asker));
    else await i.reply({ ...payload(reply.answer, buttons(reply, arg)), flags: MessageFlags.Ephemeral });
  }

  async function onAutocomplete(i: AutocompleteInteraction) {
    const command = findCommand(i.commandName);
    const focused = i.options.getFocused(true);
    const options = Object.fromEntries(i.options.data.map((o) => [o.name, o.value]));
    const choices = command?.autocomplete?.({ name: focused.name, value: String(focused.value ?? '') }, options, { index: index() }) ?? [];
    const integer = focused.type === 4;
    await i.respond(choices.slice(0, 25).map((c) => ({ name: c.name, value: integer ? Number(c.value) : c.value })));
  }

  client.on(Events.InteractionCreate, async (i) => {
    try {
      if (i.isAutocomplete()) await onAutocomplete(i);
      else if (i.isChatInputCommand()) await onCommand(i);
      else if (i.isButton()) await onButton(i);
    } catch (e) {
      if (i.isAutocomplete()) { log.warn(`autocomplete failed: ${(e as Error).message}`); return; }
      if (i.isChatInputCommand() || i.isButton()) await fail(i, e).catch((err) => log.error('could not send the error reply', err));
    }
  });

  client.on(Events.MessageCreate, async (m: Message) => {
    if (m.author.bot || !client.user) return;
    const mentioned = m.mentions.users.has(client.user.id);
    if (!mentioned && m.guildId) return;
    const question = m.content.replace(/<@!?\d+>/g, ' ').trim();
    try {
      if (!question) { await m.reply({ ...errorPayload('请在提及我之后写下问题,例如:@我 虹口的“三师联创”是什么?') }); return; }
      if (limiter.check(m.author.id)) { await m.reply(errorPayload('请求有点多,请稍后再试。')); return; }
      const reply = runCommand('ask', { question }, { index: index(), user: { id: m.author.id, name: m.author.displayName } });
      await m.reply(payload(reply.answer));
    } catch (e) {
      const message = e instanceof QueryError ? e.message : internalError(log, e);
      await m.reply(errorPayload(message)).catch((err) => log.error('could not send the error reply', err));
    }
  });

  client.once(Events.ClientReady, (c) => log.info(`logged in as ${c.user.tag}; ${index().corpus.reports.length} reports`));
  client.on(Events.Error, (e) => log.error('discord client error', e));
  return client;
}

function internalError(log: Logger, e: unknown): string {
  const id = randomBytes(4).toString('hex');
  log.error(`handler failed [${id}]`, e);
  return `出错了,错误编号 ${id}。请稍后再试;如果一直出错,请把编号告诉管理员。`;
}
