import { describe, expect, it } from 'vitest';
import { reportKindOf } from '../../src/ingest/metadata.js';
import { assignCiteSuffixes, citeId, parseCiteId, reportCode } from '../../src/query/cite.js';
import type { ReportMeta } from '../../src/types.js';

const meta = (over: Partial<ReportMeta> = {}): ReportMeta => ({
  doc: 'a.txt',
  district: '徐汇',
  reportYear: 2025,
  kind: '政府工作报告',
  title: 't',
  periods: [],
  format: 'text',
  overridden: false,
  ...over,
});

describe('reportKindOf', () => {
  it('reads the kind from its name, the work report first', () => {
    expect(reportKindOf('政府工作报告')).toBe('work');
    expect(reportKindOf('计划执行情况与计划草案报告')).toBe('plan');
    expect(reportKindOf('重点工作目标安排')).toBe('arrangement');
    expect(reportKindOf('预算执行情况与预算草案报告')).toBe('budget');
    expect(reportKindOf('报告')).toBe('other');
  });
});

describe('reportCode', () => {
  it('district, two-digit delivered year and kind letter', () => {
    expect(reportCode(meta())).toBe('徐汇25G');
    expect(reportCode(meta({ district: '长宁', reportYear: 2022, kind: '计划执行情况与计划草案报告' }))).toBe(
      '长宁22P',
    );
    expect(reportCode(meta({ district: '静安', reportYear: 2020, kind: '重点工作目标安排' }))).toBe('静安20A');
  });

  it('a file that is not plain text adds its format letter', () => {
    expect(reportCode(meta({ format: 'html' }))).toBe('徐汇25Gh');
    expect(reportCode(meta({ format: 'docx' }))).toBe('徐汇25Gw');
  });
});

describe('assignCiteSuffixes', () => {
  it('the first copy by name keeps the plain code; another copy adds a suffix from its own name', () => {
    const [a, b] = [meta({ doc: 'b.txt' }), meta({ doc: 'a.txt' })];
    assignCiteSuffixes([a, b]);
    expect(reportCode(b)).toBe('徐汇25G');
    expect(reportCode(a)).toMatch(/^徐汇25G~[0-9a-f]{4,}$/);
  });
});

describe('citeId', () => {
  it('the report code and the first raw line', () => {
    expect(citeId(meta(), [5, 7])).toBe('徐汇25G-5');
  });
});

describe('parseCiteId', () => {
  it('splits an id into report code and line, with or without L', () => {
    expect(parseCiteId('徐汇25G-5')).toEqual({ code: '徐汇25G', line: 5 });
    expect(parseCiteId(' 徐汇25Gh-L12 ')).toEqual({ code: '徐汇25Gh', line: 12 });
  });

  it('a code that itself holds a dash keeps it', () => {
    expect(parseCiteId('徐汇25G~ab-cd-9')).toEqual({ code: '徐汇25G~ab-cd', line: 9 });
  });

  it('what is not an id is null', () => {
    expect(parseCiteId('徐汇25G')).toBeNull();
    expect(parseCiteId('-5')).toBeNull();
  });

  it('reads back what citeId writes', () => {
    const m = meta({ doc: 'x.pdf', format: 'pdf', citeSuffix: '~1a2b' });
    expect(parseCiteId(citeId(m, [42, 43]))).toEqual({ code: reportCode(m), line: 42 });
  });
});
