import { citePassage } from '../src/query/context.js';
import { defineCommand } from './define.js';
import { boundedText, MAX_LENGTH, tooLong } from './limits.js';

export const cite = defineCommand({
  name: 'cite',
  description: '按出处编号把原文段落贴成引用卡片',
  options: {
    id: {
      type: 'string',
      zh: '编号',
      description: '出处编号,例如 徐汇25G-5',
      maxLength: MAX_LENGTH.citeId,
      text: 'rest',
      schema: boundedText(MAX_LENGTH.citeId, tooLong('出处编号', MAX_LENGTH.citeId)).regex(
        /^.+-L?\d+$/,
        '出处编号形如 徐汇25G-5',
      ),
    },
  },
  handle({ id }, { index }) {
    const answer = citePassage(index, id);
    return { answer, actions: [{ kind: 'share' }, { kind: 'context', citeId: answer.citeId }] };
  },
});
