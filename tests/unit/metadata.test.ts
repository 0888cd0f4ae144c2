import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest/ingest.js';

const report = (opening: string[], body: string[]) =>
  ingestText('r.txt', new TextEncoder().encode([...opening, '', '各位代表:', '', ...body].join('\n'))).meta;

describe('inferMeta: the place a report is delivered for', () => {
  const body = ['一、2024年工作回顾', '', '新建口袋公园12座,新增绿地3公顷。'];

  it('a national session in the masthead places the report at the national level', () => {
    const m = report(['政府工作报告', '——2025年3月5日在第十四届全国人民代表大会第三次会议上'], body);
    expect(m.place?.level).toBe('national');
    expect(m.session?.text).toBe('第十四届全国人民代表大会第三次会议');
  });

  it('a provincial report quoting the national session in its body stays provincial', () => {
    const m = report(
      ['政府工作报告', '——2025年1月14日在海南省第七届人民代表大会第四次会议上'],
      ['认真贯彻十四届全国人大二次会议精神,全省经济稳中有进。', ...body],
    );
    expect([m.place?.name, m.place?.level]).toEqual(['海南省', 'province']);
  });
});
