/** `npm run register`: sends the command definitions through discord.js's REST client, to one guild or globally. */
import { REST, Routes } from 'discord.js';
import { loadConfig, ConfigError } from '../config.js';
import { createLogger } from '../log.js';
import { COMMANDS } from '../../commands/index.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel, [config.discordToken]);
  if (!config.discordToken || !config.discordAppId) {
    throw new ConfigError(
      'Registering needs DISCORD_TOKEN and DISCORD_APP_ID (Developer Portal → your application → General Information → Application ID). Set them in .env.',
    );
  }
  const rest = new REST().setToken(config.discordToken);
  const body = COMMANDS.map((c) => c.definition);
  const route = config.discordGuildId
    ? Routes.applicationGuildCommands(config.discordAppId, config.discordGuildId)
    : Routes.applicationCommands(config.discordAppId);
  await rest.put(route, { body });
  log.info(
    `registered ${body.length} commands ${config.discordGuildId ? `to guild ${config.discordGuildId} (instant)` : 'globally (may take up to an hour to appear)'}`,
  );
}

main().catch((e) => {
  process.stderr.write(`${e instanceof ConfigError ? e.message : `registration failed: ${(e as Error).message}`}\n`);
  process.exit(1);
});
