import { ask as answerQuestion } from '../src/query/ask.js';
import { first } from '../src/list.js';
import { defineCommand } from './define.js';
import { boundedText, MAX_LENGTH, tooLong } from './limits.js';

const QUESTION_MISSING = '请写出问题,例如:虹口的“三师联创”是什么?';

export const ask = defineCommand({
  name: 'ask',
  description: '用报告原文回答问题,附编号出处',
  options: {
    question: {
      type: 'string',
      zh: '问题',
      description: '例如:虹口的“三师联创”是什么?',
      maxLength: MAX_LENGTH.question,
      text: 'rest',
      schema: boundedText(MAX_LENGTH.question, tooLong('问题', MAX_LENGTH.question), QUESTION_MISSING).min(
        2,
        QUESTION_MISSING,
      ),
    },
  },
  handle({ question }, { index }) {
    const answer = answerQuestion(index, question);
    return {
      answer,
      actions: [{ kind: 'share' }, { kind: 'context', citeId: first(answer.sentences, 'answer sentences').citeId }],
    };
  },
});
