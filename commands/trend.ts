import { trend as trendOf } from '../src/query/trend.js';
import { defineCommand } from './define.js';
import { metricKeyword, requiredPlace } from './options.js';

export const trend = defineCommand({
  name: 'trend',
  description: '某地区一个指标的逐年目标与完成,附出处',
  options: {
    district: requiredPlace('地区,例如 全国、广东、徐汇'),
    keyword: metricKeyword('指标,例如 GDP增速、一般公共预算收入', 'GDP增速'),
  },
  handle({ district, keyword }, { index }) {
    return { answer: trendOf(index, { place: district, query: keyword }), actions: [{ kind: 'share' }] };
  },
});
