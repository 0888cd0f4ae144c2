import { SlashCommandBuilder } from 'discord.js';
import { z } from 'zod';
import { listReports } from '../src/query/reports.js';
import type { Command } from './types.js';

const schema = z.object({});

export const reports: Command<typeof schema> = {
  name: 'reports',
  description: '列出已收录的报告',
  schema,
  definition: new SlashCommandBuilder().setName('reports').setDescription('列出已收录的报告及其区、年份和数据期').toJSON(),
  fromText: () => ({}),
  handle: (_options, { index }) => ({ answer: listReports(index), actions: [] }),
};
