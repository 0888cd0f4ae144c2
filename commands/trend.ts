import { trend as trendOf } from '../src/query/trend.js';
import { metricChoices } from './choices.js';
import { defineCommand } from './define.js';
import { boundedText, MAX_LENGTH, tooLong } from './limits.js';
import { requiredPlace } from './options.js';

const KEYWORD_MISSING = '请指定指标,例如:GDP增速';

export const trend = defineCommand({
  name: 'trend',
  description: '某地区一个指标的逐年目标与完成,附出处',
  options: {
    district: requiredPlace('地区,例如 全国、广东、徐汇'),
    keyword: {
      type: 'string',
      zh: '指标',
      description: '指标,例如 GDP增速、一般公共预算收入',
      maxLength: MAX_LENGTH.keyword,
      text: 'rest',
      batch: ['query', 'keyword'],
      schema: boundedText(MAX_LENGTH.keyword, tooLong('指标', MAX_LENGTH.keyword), KEYWORD_MISSING).min(
        1,
        KEYWORD_MISSING,
      ),
      complete: (typed, options, { index }) => metricChoices(index, options.district, typed),
    },
  },
  handle({ district, keyword }, { index }) {
    return { answer: trendOf(index, { place: district, query: keyword }), actions: [{ kind: 'share' }] };
  },
});
