import { describe, expect, it } from 'vitest';
import { segment } from '../../src/ingest/segment.js';

const lines = (...texts: string[]) => texts.map((text, i) => ({ no: i + 1, text }));
const linesOf = (b: { spans: { line: number }[] }) => [...new Set(b.spans.map((s) => s.line))];

describe('segment', () => {
  const blocks = segment(
    lines(
      '徐汇区2025年政府工作报告',
      '各位代表:',
      '一、2024年工作回顾',
      '(一)坚持承压而上',
      '全年新增各类绿地14.15公顷,',
      '立体绿化3.01万平方米。',
      '二、2025年主要任务',
    ),
  );

  it('a numbered heading is level 1 and a bracketed one level 2', () => {
    expect(blocks.filter((b) => b.kind === 'heading').map((b) => [b.level, b.text])).toEqual([
      [1, '一、2024年工作回顾'],
      [2, '(一)坚持承压而上'],
      [1, '二、2025年主要任务'],
    ]);
  });

  it('the line before the body is the title', () => {
    expect(blocks[0]).toMatchObject({ kind: 'title', text: '徐汇区2025年政府工作报告' });
  });

  it('a sentence broken across lines is one paragraph that still knows both raw lines', () => {
    const p = blocks.find((b) => b.text.includes('14.15'))!;
    expect(p).toMatchObject({ kind: 'paragraph', text: '全年新增各类绿地14.15公顷,立体绿化3.01万平方米。' });
    expect(linesOf(p)).toEqual([5, 6]);
  });

  it('a line ending a sentence is not joined to the next heading', () => {
    expect(blocks.at(-1)).toMatchObject({ kind: 'heading', text: '二、2025年主要任务' });
    expect(linesOf(blocks.at(-1)!)).toEqual([7]);
  });
});
