import { listReports } from '../src/query/reports.js';
import { defineCommand } from './define.js';

export const HELP_TEXT = [
  '/metric 区 年份 指标   查数字,例如 /metric 徐汇 2024 绿地(可加 目标 或 完成)',
  '/ask 问题             用原文回答,例如 /ask 虹口的“三师联创”是什么?',
  '/search 关键词        搜索段落,例如 /search 架空线入地 --district 长宁',
  '/trend 地区 指标       逐年目标与完成,例如 /trend 全国 GDP增速',
  '/compare 年份 指标     各地区排名对比(从大到小,可加 从小到大),例如 /compare 2025 GDP增速 --level province',
  '/reports              已收录的报告',
  '/cite 编号            按出处编号显示原文,例如 /cite 徐汇25G-5',
  '直接输入问题也可以,等同于 /ask。',
].join('\n');

export const help = defineCommand({
  name: 'help',
  description: '用法说明和已收录的报告',
  options: {},
  handle: (_options, { index }) => ({
    answer: { type: 'help', text: HELP_TEXT, reports: listReports(index) },
    actions: [],
  }),
});
