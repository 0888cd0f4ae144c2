import { SlashCommandBuilder } from 'discord.js';
import { z } from 'zod';
import { ask as answerQuestion } from '../src/query/ask.js';
import { boundedText, MAX_LENGTH, tooLong } from './limits.js';
import type { Command } from './types.js';

const schema = z.object({ question: boundedText(MAX_LENGTH.question, tooLong('问题', MAX_LENGTH.question)).min(2, '请写出问题,例如:虹口的“三师联创”是什么?') });

export const ask: Command<typeof schema> = {
  name: 'ask',
  description: '用报告原文回答问题',
  schema,
  definition: new SlashCommandBuilder()
    .setName('ask').setDescription('用报告原文回答问题,附编号出处')
    .addStringOption((o) => o.setName('question').setNameLocalizations({ 'zh-CN': '问题' }).setDescription('例如:虹口的“三师联创”是什么?').setRequired(true).setMaxLength(MAX_LENGTH.question))
    .toJSON(),
  fromText: (args) => ({ question: args }),
  handle({ question }, { index }) {
    const answer = answerQuestion(index, question);
    return { answer, actions: [{ kind: 'share' }, { kind: 'context', citeId: answer.sentences[0].citeId }] };
  },
};
