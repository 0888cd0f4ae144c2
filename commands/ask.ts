import { SlashCommandBuilder } from 'discord.js';
import { z } from 'zod';
import { ask as answerQuestion } from '../src/query/ask.js';
import type { Command } from './types.js';

const schema = z.object({ question: z.string().trim().min(2, '请写出问题,例如:虹口的“三师联创”是什么?').max(300, '问题太长了,请控制在 300 字以内') });

export const ask: Command<typeof schema> = {
  name: 'ask',
  description: '用报告原文回答问题',
  schema,
  definition: new SlashCommandBuilder()
    .setName('ask').setDescription('用报告原文回答问题,附编号出处')
    .addStringOption((o) => o.setName('question').setNameLocalizations({ 'zh-CN': '问题' }).setDescription('例如:虹口的“三师联创”是什么?').setRequired(true).setMaxLength(300))
    .toJSON(),
  fromText: (args) => ({ question: args }),
  handle({ question }, { index }) {
    const answer = answerQuestion(index, question);
    return { answer, actions: [{ kind: 'share' }, { kind: 'context', citeId: answer.sentences[0].citeId }] };
  },
};
