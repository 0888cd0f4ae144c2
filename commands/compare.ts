import { z } from 'zod';
import { compare as compareOf } from '../src/query/trend.js';
import { PLACE_LEVELS } from '../src/types.js';
import { defineCommand } from './define.js';
import { metricKeyword, requiredYear } from './options.js';

export const compare = defineCommand({
  name: 'compare',
  description: '同一年各地区的同一指标对比,附出处',
  options: {
    year: requiredYear('年份,例如 2025'),
    keyword: metricKeyword('指标,例如 GDP增速', 'GDP增速', false),
    level: {
      type: 'string',
      zh: '层级',
      description: '只比较这一级地区',
      schema: z
        .enum(PLACE_LEVELS, { error: '层级应为 national(全国)、province(省级)、city(市级)或 county(区县)' })
        .optional(),
      choices: [
        { name: '全国', value: 'national' },
        { name: '省级', value: 'province' },
        { name: '市级', value: 'city' },
        { name: '区县', value: 'county' },
      ],
    },
  },
  handle({ year, keyword, level }, { index }) {
    return { answer: compareOf(index, { year, query: keyword, level }), actions: [{ kind: 'share' }] };
  },
});
