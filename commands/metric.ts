import { SlashCommandBuilder } from 'discord.js';
import { z } from 'zod';
import { lookupMetric } from '../src/query/metric.js';
import { districtChoices, metricChoices, yearChoices } from './choices.js';
import { boundedText, MAX_LENGTH, tooLong } from './limits.js';
import type { Command } from './types.js';

const schema = z.object({
  district: boundedText(MAX_LENGTH.place, tooLong('地区名', MAX_LENGTH.place)).min(1, '请指定区,例如:徐汇'),
  year: z.coerce.number({ error: '年份应为四位数字,例如 2024' }).int().min(1990, '年份应为四位数字,例如 2024').max(2100, '年份应为四位数字,例如 2024'),
  keyword: boundedText(MAX_LENGTH.keyword, tooLong('指标', MAX_LENGTH.keyword)).min(1, '请指定指标,例如:绿地'),
  kind: z.enum(['actual', 'target']).optional(),
});

export const metric: Command<typeof schema> = {
  name: 'metric',
  description: '查某区某年的指标数字',
  schema,
  definition: new SlashCommandBuilder()
    .setName('metric').setDescription('查某区某年的指标数字,附原文出处')
    .addStringOption((o) => o.setName('district').setNameLocalizations({ 'zh-CN': '区' }).setDescription('区,例如 徐汇').setRequired(true).setMaxLength(MAX_LENGTH.place).setAutocomplete(true))
    .addIntegerOption((o) => o.setName('year').setNameLocalizations({ 'zh-CN': '年份' }).setDescription('数据所属年份,例如 2024').setRequired(true).setAutocomplete(true))
    .addStringOption((o) => o.setName('keyword').setNameLocalizations({ 'zh-CN': '指标' }).setDescription('指标,例如 绿地、一般公共预算收入').setRequired(true).setMaxLength(MAX_LENGTH.keyword).setAutocomplete(true))
    .addStringOption((o) => o.setName('kind').setNameLocalizations({ 'zh-CN': '类型' }).setDescription('完成值或目标值').addChoices({ name: '完成', value: 'actual' }, { name: '目标', value: 'target' }))
    .toJSON(),
  fromText(args) {
    const [district, year, ...rest] = args.split(/\s+/).filter(Boolean);
    const kindWord = rest.find((w) => ['完成', '目标', 'actual', 'target', '--kind=actual', '--kind=target'].includes(w));
    const keyword = rest.filter((w) => w !== kindWord).join(' ');
    const kind = kindWord ? (/目标|target/.test(kindWord) ? 'target' : 'actual') : undefined;
    return { district, year, keyword, kind };
  },
  handle({ district, year, keyword, kind }, { index }) {
    const answer = lookupMetric(index, { district, year, query: keyword, kind });
    return { answer, actions: [{ kind: 'share' }, { kind: 'context', citeId: answer.best.citeId }] };
  },
  autocomplete(focused, options, { index }) {
    if (focused.name === 'district') return districtChoices(index, focused.value);
    if (focused.name === 'year') return yearChoices(index, options.district, focused.value);
    return metricChoices(index, options.district, focused.value);
  },
};
