import { z } from 'zod';
import { compare as compareOf, COMPARE_ORDERS } from '../src/query/trend.js';
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
    order: {
      type: 'string',
      zh: '排序',
      description: '按显示的数字排序:从大到小(默认)或从小到大',
      schema: z.enum(COMPARE_ORDERS, { error: '排序应为 desc(从大到小)或 asc(从小到大)' }).optional(),
      choices: [
        { name: '从大到小', value: 'desc' },
        { name: '从小到大', value: 'asc' },
      ],
    },
  },
  handle({ year, keyword, level, order }, { index }) {
    return { answer: compareOf(index, { year, query: keyword, level, order }), actions: [{ kind: 'share' }] };
  },
});
