/** The environment, parsed once at start-up. Everything else receives a Config and never reads process.env. */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_MAX_REPORT_BYTES } from './ingest/files.js';
import { ENGINES, type EngineName } from './types.js';

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  kb: 1024,
  k: 1024,
  mb: 1024 ** 2,
  m: 1024 ** 2,
  gb: 1024 ** 3,
  g: 1024 ** 3,
};

/** A size in bytes, or with a unit ("50MB", "512 KB"): nobody should have to multiply by 1024 twice. */
const Bytes = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?\s*([kmg]?b?)$/i, 'must be a size in bytes, or with a unit such as 50MB')
  .transform((v) => {
    const [, n = '', unit = ''] = v.match(/^([\d.]+)\s*(.*)$/) ?? [];
    // The regex above admits only the units UNITS names; 0 makes the pipe below refuse anything else.
    return Math.floor(Number(n) * (UNITS[unit.toLowerCase()] ?? 0));
  })
  .pipe(z.number().int().positive('must be more than 0'));

const Snowflake = z.string().regex(/^\d{17,20}$/, 'must be a Discord ID (17–20 digits)');

export const ConfigSchema = z
  .object({
    DISCORD_TOKEN: z
      .string()
      .min(50, 'looks too short for a bot token; copy it again from the Developer Portal → Bot → Reset Token')
      .optional(),
    DISCORD_APP_ID: Snowflake.optional(),
    DISCORD_GUILD_ID: Snowflake.optional(),
    SEEDS_DIR: z.string().min(1).default('seeds'),
    INDEX_DIR: z.string().min(1).default('index'),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    /** Larger report files are skipped with a message: a huge file would take gigabytes of memory to index. */
    MAX_REPORT_BYTES: Bytes.optional(),
    /** minisearch (in memory), fts5 (SQLite's BM25 in the index file), postgres, or auto (types.ts ENGINES). */
    SEARCH_ENGINE: z.enum(ENGINES).default('auto'),
    /** Keep the index in PostgreSQL instead of INDEX_DIR, shared by every process that names the same database. */
    DATABASE_URL: z
      .string()
      .regex(
        /^postgres(ql)?:\/\/\S+$/,
        'must be a PostgreSQL URL such as postgres://user:password@localhost:5432/reports',
      )
      .optional(),
  })
  .superRefine((c, ctx) => {
    const engine = c.SEARCH_ENGINE;
    if (engine === 'postgres' && !c.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['SEARCH_ENGINE'],
        message: 'postgres needs DATABASE_URL set (README → PostgreSQL)',
      });
    }
    if (engine === 'fts5' && c.DATABASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['SEARCH_ENGINE'],
        message: 'fts5 searches the SQLite file in INDEX_DIR; with DATABASE_URL use postgres or minisearch',
      });
    }
  });

export interface Config {
  discordToken?: string;
  discordAppId?: string;
  discordGuildId?: string;
  seedsDir: string;
  indexDir: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** Per-file size limit for reports. */
  maxReportBytes: number;
  searchEngine: EngineName;
  databaseUrl?: string;
}

export class ConfigError extends Error {}

/** Reads `.env` (if present) beneath the real environment, validates, and says what to set when wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const merged = { ...readDotEnv(cwd), ...env };
  const blankless = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(blankless);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(
      `Configuration is invalid:\n${lines.join('\n')}\nFix these in the environment or in .env (see README → Configuration).`,
    );
  }
  const c = parsed.data;
  return {
    discordToken: c.DISCORD_TOKEN,
    discordAppId: c.DISCORD_APP_ID,
    discordGuildId: c.DISCORD_GUILD_ID,
    seedsDir: resolve(cwd, c.SEEDS_DIR),
    indexDir: resolve(cwd, c.INDEX_DIR),
    logLevel: c.LOG_LEVEL,
    maxReportBytes: c.MAX_REPORT_BYTES ?? DEFAULT_MAX_REPORT_BYTES,
    searchEngine: c.SEARCH_ENGINE,
    databaseUrl: c.DATABASE_URL,
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
