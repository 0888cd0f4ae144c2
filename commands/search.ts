import { SlashCommandBuilder } from 'discord.js';
import { z } from 'zod';
import { search as searchPassages } from '../src/query/search.js';
import { districtChoices, yearChoices } from './choices.js';
import { boundedText, MAX_LENGTH, tooLong } from './limits.js';
import type { Action, Command } from './types.js';

const PAGE = 5;
/** searchPassages ranks at most this many hits, so no page starts later. */
const MAX_OFFSET = 200;
const schema = z.object({
  query: boundedText(MAX_LENGTH.query, tooLong('搜索词', MAX_LENGTH.query)).min(1, '请输入要搜索的词,例如:架空线入地'),
  district: boundedText(MAX_LENGTH.place, tooLong('地区名', MAX_LENGTH.place)).min(1).optional(),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  offset: z.coerce.number().int().min(0).max(MAX_OFFSET).default(0),
});

export const search: Command<typeof schema> = {
  name: 'search',
  description: '全文搜索报告段落',
  schema,
  definition: new SlashCommandBuilder()
    .setName('search').setDescription('全文搜索报告段落,可按区和年份筛选')
    .addStringOption((o) => o.setName('query').setNameLocalizations({ 'zh-CN': '关键词' }).setDescription('例如:架空线入地').setRequired(true).setMaxLength(MAX_LENGTH.query))
    .addStringOption((o) => o.setName('district').setNameLocalizations({ 'zh-CN': '区' }).setDescription('只看某个区').setMaxLength(MAX_LENGTH.place).setAutocomplete(true))
    .addIntegerOption((o) => o.setName('year').setNameLocalizations({ 'zh-CN': '年份' }).setDescription('只看某一年').setAutocomplete(true))
    .toJSON(),
  fromText(args) {
    const district = args.match(/--district[= ](\S+)/)?.[1];
    const year = args.match(/--year[= ](\d{4})/)?.[1];
    return { query: args.replace(/--(district|year)[= ]\S+/g, '').trim(), district, year };
  },
  handle({ query, district, year, offset }, { index }) {
    const answer = searchPassages(index, { query, district, year, offset, limit: PAGE });
    const actions: Action[] = [{ kind: 'share' }];
    if (answer.hits[0]) actions.push({ kind: 'context', citeId: answer.hits[0].citeId });
    if (offset + PAGE < answer.total) actions.push({ kind: 'more', next: { query, district, year, offset: offset + PAGE } });
    return { answer, actions };
  },
  autocomplete(focused, options, { index }) {
    return focused.name === 'district' ? districtChoices(index, focused.value) : yearChoices(index, options.district, focused.value);
  },
};
