/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set, otherwise the terminal chat, so a fresh checkout
 * works with nothing configured. `--shards auto` runs the bot under discord.js's ShardingManager.
 */
import { fileURLToPath } from 'node:url';
import { ShardingManager } from 'discord.js';
import { loadConfig, ConfigError } from './config.js';
import { createLogger } from './log.js';
import { ReportIndex } from './index/build.js';
import { createBot } from './adapters/discord.js';
import { runTerminal } from './adapters/terminal.js';
import { progressReporter } from './adapters/progress.js';
import { watchSeeds } from './adapters/watch.js';
import { initTokenizer } from './text/tokenizer.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel, [config.discordToken]);
  const shards = process.argv.includes('--shards') ? process.argv[process.argv.indexOf('--shards') + 1] : undefined;
  if (config.discordToken && shards && !process.env.SHARDING_MANAGER) {
    const manager = new ShardingManager(fileURLToPath(import.meta.url), {
      token: config.discordToken,
      totalShards: shards === 'auto' ? 'auto' : Number(shards),
      execArgv: process.execArgv,
    });
    manager.on('shardCreate', (s) => log.info(`shard ${s.id} started`));
    await manager.spawn();
    return;
  }
  const mode = config.discordToken ? 'discord' : 'terminal';
  process.stderr.write(
    mode === 'discord'
      ? 'Discord 模式:正在连接 Discord…(去掉 DISCORD_TOKEN 即可改用终端模式)\n'
      : '终端模式(未设置 DISCORD_TOKEN)。输入问题或 /metric 徐汇 2024 绿地、/ask、/search、/reports、/help;Ctrl+D 退出。\n要运行 Discord 机器人,请在 .env 中设置 DISCORD_TOKEN(见 README)。\n',
  );
  const index = await ReportIndex.open(config, {
    onProgress: progressReporter(),
    log: (m) => log.warn(m),
    // The bot keeps running: reports that land later are read off the thread that answers.
    readInBackground: true,
  });
  // A file that cannot be used is logged by refresh with its name and reason; a refresh that fails as a whole
  // (the index folder unwritable, the disk full) is logged by the watcher, and the reports loaded before stay.
  const stopWatching = watchSeeds(
    config.seedsDir,
    async () => {
      const summary = await index.refresh({ log: (m) => log.warn(m) });
      const skipped = summary.skipped.length ? `, ${summary.skipped.length} skipped (reasons above)` : '';
      if (!summary.reused)
        log.info(
          `corpus updated: +${summary.added.length} ~${summary.changed.length} -${summary.removed.length}${skipped}`,
        );
    },
    // Shards share one store: the first shard reads a new report and the others, a few seconds later, take its
    // rows from the store instead of reading it too (ReportIndex.refresh); one that finds nothing stored reads.
    { log, ...(isFollowerShard() && { debounceMs: FOLLOWER_DELAY_MS, maxWaitMs: 2 * FOLLOWER_DELAY_MS }) },
  );
  // Loaded before the first question rather than by it: open() leaves the tokenizer alone (a quarter of a
  // second at any corpus size), and the first person to ask should not wait for it.
  initTokenizer();
  if (mode === 'terminal') {
    await runTerminal(() => index, log);
    stopWatching();
    index.close();
    return;
  }
  const bot = createBot({ index: () => index, log });
  await bot.login(config.discordToken);
}

/** How long a shard other than the first waits after a change, so the first has usually stored it. */
const FOLLOWER_DELAY_MS = 4000;

/** A shard process (ShardingManager sets SHARDS to its id) other than shard 0. */
function isFollowerShard(): boolean {
  return Boolean(process.env.SHARDING_MANAGER) && (process.env.SHARDS ?? '0') !== '0';
}

main().catch((e) => {
  process.stderr.write(`${e instanceof ConfigError ? e.message : `error: ${(e as Error).message}`}\n`);
  process.exit(1);
});
