import { SlashCommandBuilder } from 'discord.js';
import { z } from 'zod';
import { citePassage } from '../src/query/context.js';
import { boundedText, MAX_LENGTH, tooLong } from './limits.js';
import type { Command } from './types.js';

const schema = z.object({ id: boundedText(MAX_LENGTH.citeId, tooLong('出处编号', MAX_LENGTH.citeId)).regex(/^.+-L?\d+$/, '出处编号形如 徐汇25G-5') });

export const cite: Command<typeof schema> = {
  name: 'cite',
  description: '按出处编号显示原文段落',
  schema,
  definition: new SlashCommandBuilder()
    .setName('cite').setDescription('按出处编号把原文段落贴成引用卡片')
    .addStringOption((o) => o.setName('id').setNameLocalizations({ 'zh-CN': '编号' }).setDescription('出处编号,例如 徐汇25G-5').setRequired(true).setMaxLength(MAX_LENGTH.citeId))
    .toJSON(),
  fromText: (args) => ({ id: args.trim() }),
  handle({ id }, { index }) {
    const answer = citePassage(index, id);
    return { answer, actions: [{ kind: 'share' }, { kind: 'context', citeId: answer.citeId }] };
  },
};
