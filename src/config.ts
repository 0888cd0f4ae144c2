/** The environment, parsed once at start-up. Everything else receives a Config and never reads process.env. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

const Snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord ID (17–20 digits)');

export const ConfigSchema = z.object({
  DISCORD_TOKEN: z.string().min(50, 'looks too short for a bot token; copy it again from the Developer Portal → Bot → Reset Token').optional(),
  DISCORD_APP_ID: Snowflake.optional(),
  DISCORD_GUILD_ID: Snowflake.optional(),
  SEEDS_DIR: z.string().min(1).default('seeds'),
  INDEX_DIR: z.string().min(1).default('index'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export interface Config {
  discordToken?: string;
  discordAppId?: string;
  discordGuildId?: string;
  seedsDir: string;
  indexDir: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

export class ConfigError extends Error {}

/** Reads `.env` (if present) beneath the real environment, validates, and says what to set when wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const merged = { ...readDotEnv(cwd), ...env };
  const blankless = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(blankless);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Configuration is invalid:\n${lines.join('\n')}\nFix these in the environment or in .env (see README → Configuration).`);
  }
  const c = parsed.data;
  return {
    discordToken: c.DISCORD_TOKEN,
    discordAppId: c.DISCORD_APP_ID,
    discordGuildId: c.DISCORD_GUILD_ID,
    seedsDir: resolve(cwd, c.SEEDS_DIR),
    indexDir: resolve(cwd, c.INDEX_DIR),
    logLevel: c.LOG_LEVEL,
  };
}

function readDotEnv(cwd: string): Record<string, string> {
  const file = resolve(cwd, '.env');
  if (!existsSync(file)) return {};
  const target: Record<string, string> = {};
  // process.loadEnvFile writes into process.env; parse into a copy instead so tests stay isolated.
  const saved = { ...process.env };
  try {
    process.loadEnvFile(file);
    for (const [k, v] of Object.entries(process.env)) if (saved[k] === undefined && v !== undefined) target[k] = v;
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  }
  return target;
}
