import { lookupMetric } from '../src/query/metric.js';
import { metricChoices } from './choices.js';
import { defineCommand } from './define.js';
import { boundedText, MAX_LENGTH, tooLong } from './limits.js';
import { periodKind, requiredPlace, requiredYear } from './options.js';

const KEYWORD_MISSING = '请指定指标,例如:绿地';

export const metric = defineCommand({
  name: 'metric',
  description: '查某地区某年的指标数字,附原文出处',
  options: {
    district: requiredPlace('地区,例如 徐汇、广东、全国'),
    year: requiredYear('数据所属年份,例如 2024'),
    keyword: {
      type: 'string',
      zh: '指标',
      description: '指标,例如 绿地、一般公共预算收入',
      maxLength: MAX_LENGTH.keyword,
      text: 'rest',
      // The batch contract calls the keyword `query`.
      batch: ['query', 'keyword'],
      schema: boundedText(MAX_LENGTH.keyword, tooLong('指标', MAX_LENGTH.keyword), KEYWORD_MISSING).min(
        1,
        KEYWORD_MISSING,
      ),
      complete: (typed, options, { index }) => metricChoices(index, options.district, typed),
    },
    kind: periodKind,
  },
  handle({ district, year, keyword, kind }, { index }) {
    const answer = lookupMetric(index, { district, year, query: keyword, kind });
    return { answer, actions: [{ kind: 'share' }, { kind: 'context', citeId: answer.best.citeId }] };
  },
});
