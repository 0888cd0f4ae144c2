import { z } from 'zod';
import { search as searchPassages } from '../src/query/search.js';
import { defineCommand } from './define.js';
import { boundedText, MAX_LENGTH, tooLong } from './limits.js';
import { optionalPlace, optionalYear } from './options.js';
import type { Action } from './types.js';

const QUERY_MISSING = '请输入要搜索的词,例如:架空线入地';
const PAGE = 5;
/** searchPassages ranks at most this many hits, so no page starts later. */
const MAX_OFFSET = 200;

export const search = defineCommand({
  name: 'search',
  description: '全文搜索报告段落,可按区和年份筛选',
  options: {
    query: {
      type: 'string',
      zh: '关键词',
      description: '例如:架空线入地',
      maxLength: MAX_LENGTH.query,
      text: 'rest',
      schema: boundedText(MAX_LENGTH.query, tooLong('搜索词', MAX_LENGTH.query), QUERY_MISSING).min(1, QUERY_MISSING),
    },
    district: optionalPlace('只看某个地区'),
    year: optionalYear('只看某一年'),
    offset: {
      type: 'integer',
      zh: '起始',
      description: '从第几条起',
      internal: true,
      schema: z.coerce.number().int().min(0).max(MAX_OFFSET).default(0),
    },
  },
  handle({ query, district, year, offset }, { index }) {
    const answer = searchPassages(index, { query, district, year, offset, limit: PAGE });
    const actions: Action[] = [{ kind: 'share' }];
    if (answer.hits[0]) actions.push({ kind: 'context', citeId: answer.hits[0].citeId });
    if (offset + PAGE < answer.total)
      actions.push({ kind: 'more', next: { query, district, year, offset: offset + PAGE } });
    return { answer, actions };
  },
});
