import { lookupMetric } from '../src/query/metric.js';
import { defineCommand } from './define.js';
import { metricKeyword, periodKind, requiredPlace, requiredYear } from './options.js';

export const metric = defineCommand({
  name: 'metric',
  description: '查某地区某年的指标数字,附原文出处',
  options: {
    district: requiredPlace('地区,例如 徐汇、广东、全国'),
    year: requiredYear('数据所属年份,例如 2024'),
    keyword: metricKeyword('指标,例如 绿地、一般公共预算收入', '绿地'),
    kind: periodKind,
  },
  handle({ district, year, keyword, kind }, { index }) {
    const answer = lookupMetric(index, { district, year, query: keyword, kind });
    return { answer, actions: [{ kind: 'share' }, { kind: 'context', citeId: answer.best.citeId }] };
  },
});
