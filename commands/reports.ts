import { listReports } from '../src/query/reports.js';
import { defineCommand } from './define.js';

export const reports = defineCommand({
  name: 'reports',
  description: '列出已收录的报告及其区、年份和数据期',
  options: {},
  handle: (_options, { index }) => ({ answer: listReports(index), actions: [] }),
});
