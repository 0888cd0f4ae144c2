/**
 * The Discord bot: slash commands with autocomplete, buttons (公开分享 / 上下文 / 更多结果) and mention-chat.
 * Thin: options go to the command handlers, replies to render/discord. Nothing here pings anyone.
 *
 * Replies go to the REST API as the JSON render/discord built, through discord.js's REST client. discord.js's
 * reply() would rebuild that body (MessagePayload, snake-casing every key), a third of the bot's own work per
 * interaction; under a burst of interactions that work queues in front of every later reply.
 */
import { randomBytes } from 'node:crypto';
import {
  ApplicationCommandOptionType,
  Client,
  Events,
  GatewayIntentBits,
  InteractionResponseType,
  MessageFlags,
  Partials,
  Routes,
  Options,
  type APIApplicationCommandOptionChoice,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type ClientOptions,
  type Interaction,
  type Message,
} from 'discord.js';
import type { ReportIndex } from '../index/build.js';
import type { Logger } from '../log.js';
import { QueryError } from '../query/answer.js';
import { citePassage } from '../query/context.js';
import { findCommand } from '../../commands/index.js';
import { runCommand } from '../../commands/run.js';
import type { Action, Reply } from '../../commands/types.js';
import { decodeButtonId, errorPayload, payload, type ButtonAction, type DiscordPayload } from '../render/discord.js';
import { truncate } from '../render/safe.js';
import { RateLimiter } from './ratelimit.js';

interface SavedReply {
  command: string;
  options: Record<string, unknown>;
  asker: string;
}

const MAX_SAVED = 2000;

export interface BotOptions {
  index: () => ReportIndex;
  log: Logger;
  clientOptions?: Partial<ClientOptions>;
  limiter?: RateLimiter;
  /**
   * Autocomplete has its own, wider budget: Discord asks on every keystroke, so typing one name is a dozen
   * requests, which must not use up the budget for the command itself.
   */
  autocompleteLimiter?: RateLimiter;
}

export function createBot({
  index,
  log,
  clientOptions,
  limiter = new RateLimiter(),
  autocompleteLimiter = new RateLimiter(40, 10_000),
}: BotOptions): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    allowedMentions: { parse: [], repliedUser: false },
    // The bot reads no history and looks up no members: caching every message, member and presence it sees
    // would only cost memory and time per event.
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: 0,
      GuildMemberManager: 0,
      PresenceManager: 0,
      ReactionManager: 0,
      GuildMessageManager: 0,
      ThreadMemberManager: 0,
      VoiceStateManager: 0,
      GuildEmojiManager: 0,
      GuildStickerManager: 0,
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

  const buttons = (reply: Reply, state: string): ButtonAction[] =>
    reply.actions.map((a: Action): ButtonAction =>
      a.kind === 'share'
        ? { kind: 'share', state }
        : a.kind === 'context'
          ? a
          : {
              kind: 'more',
              state: save({ ...saved.get(state)!, options: { ...saved.get(state)!.options, ...a.next } }),
            },
    );

  const respond = (i: Interaction, type: InteractionResponseType, data: object) =>
    client.rest.post(Routes.interactionCallback(i.id, i.token), { body: { type, data }, auth: false });
  const reply = (i: Interaction, body: DiscordPayload, ephemeral = true) =>
    respond(
      i,
      InteractionResponseType.ChannelMessageWithSource,
      ephemeral ? { ...body, flags: MessageFlags.Ephemeral } : body,
    );
  const replied = new WeakSet<Interaction>();
  const answer = async (i: Interaction, body: DiscordPayload, ephemeral = true) => {
    replied.add(i);
    await reply(i, body, ephemeral);
  };

  const fail = async (i: ChatInputCommandInteraction | ButtonInteraction, e: unknown) => {
    const message = e instanceof QueryError ? e.message : internalError(log, e);
    // Sending the answer itself failed: the interaction is spent, and the error is in the log.
    if (replied.has(i)) return;
    await reply(i, errorPayload(message));
  };

  const limited = async (i: ChatInputCommandInteraction | ButtonInteraction) => {
    const wait = limiter.check(i.user.id);
    if (wait) await answer(i, errorPayload(`请求有点多,请 ${Math.ceil(wait / 1000)} 秒后再试。`));
    return wait > 0;
  };

  async function onCommand(i: ChatInputCommandInteraction) {
    if (await limited(i)) return;
    const options = Object.fromEntries(i.options.data.map((o) => [o.name, o.value]));
    const result = runCommand(i.commandName, options, { index: index() });
    const state = save({ command: i.commandName, options, asker: i.user.displayName });
    await answer(i, payload(result.answer, buttons(result, state)));
  }

  async function onButton(i: ButtonInteraction) {
    if (await limited(i)) return;
    const action = decodeButtonId(i.customId);
    if (!action) throw new QueryError('NOT_FOUND', '这个按钮不认识。请重新执行命令。');
    if (action.kind === 'context') {
      await answer(i, payload(citePassage(index(), action.citeId)));
      return;
    }
    const state = saved.get(action.state);
    if (!state) throw new QueryError('NOT_FOUND', '这个按钮已过期(机器人重启过)。请重新执行命令。');
    const result = runCommand(state.command, state.options, { index: index() });
    if (action.kind === 'share') await answer(i, payload(result.answer, [], state.asker), false);
    else await answer(i, payload(result.answer, buttons(result, action.state)));
  }

  async function onAutocomplete(i: AutocompleteInteraction) {
    // Over budget: an empty list costs nothing and tells Discord there is nothing to offer, where no answer at
    // all would show the user an error.
    if (autocompleteLimiter.check(i.user.id)) {
      await respond(i, InteractionResponseType.ApplicationCommandAutocompleteResult, { choices: [] });
      return;
    }
    const focused = i.options.getFocused(true);
    const options = Object.fromEntries(i.options.data.map((o) => [o.name, o.value]));
    const choices =
      findCommand(i.commandName)?.complete({ name: focused.name, value: String(focused.value ?? '') }, options, {
        index: index(),
      }) ?? [];
    const integer = focused.type === ApplicationCommandOptionType.Integer;
    const list: APIApplicationCommandOptionChoice[] = choices
      .slice(0, 25)
      .map((c) => ({ name: truncate(c.name, 100), value: integer ? Number(c.value) : c.value }));
    await respond(i, InteractionResponseType.ApplicationCommandAutocompleteResult, { choices: list });
  }

  client.on(Events.InteractionCreate, async (i) => {
    try {
      if (i.isAutocomplete()) await onAutocomplete(i);
      else if (i.isChatInputCommand()) await onCommand(i);
      else if (i.isButton()) await onButton(i);
    } catch (e) {
      if (i.isAutocomplete()) {
        log.warn(`autocomplete failed: ${(e as Error).message}`);
        return;
      }
      if (i.isChatInputCommand() || i.isButton())
        await fail(i, e).catch((err) => log.error('could not send the error reply', err));
    }
  });

  client.on(Events.MessageCreate, async (m: Message) => {
    if (m.author.bot || !client.user) return;
    const mentioned = m.mentions.users.has(client.user.id);
    if (!mentioned && m.guildId) return;
    const question = m.content.replace(/<@!?\d+>/g, ' ').trim();
    const replyTo = (body: DiscordPayload) =>
      client.rest.post(Routes.channelMessages(m.channelId), {
        body: { ...body, message_reference: { message_id: m.id, fail_if_not_exists: false } },
      });
    try {
      if (!question) {
        await replyTo(errorPayload('请在提及我之后写下问题,例如:@我 虹口的“三师联创”是什么?'));
        return;
      }
      if (limiter.check(m.author.id)) {
        await replyTo(errorPayload('请求有点多,请稍后再试。'));
        return;
      }
      await replyTo(payload(runCommand('ask', { question }, { index: index() }).answer));
    } catch (e) {
      const message = e instanceof QueryError ? e.message : internalError(log, e);
      await replyTo(errorPayload(message)).catch((err) => log.error('could not send the error reply', err));
    }
  });

  client.once(Events.ClientReady, (c) =>
    log.info(`logged in as ${c.user.tag}; ${index().corpus.reports.length} reports`),
  );
  client.on(Events.Error, (e) => log.error('discord client error', e));
  return client;
}

function internalError(log: Logger, e: unknown): string {
  const id = randomBytes(4).toString('hex');
  log.error(`handler failed [${id}]`, e);
  return `出错了,错误编号 ${id}。请稍后再试;如果一直出错,请把编号告诉管理员。`;
}
