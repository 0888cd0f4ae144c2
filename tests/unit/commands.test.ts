import { describe, expect, it } from 'vitest';
import { ApplicationCommandOptionType } from 'discord.js';
import { COMMANDS, findCommand } from '../../commands/index.js';
import { decodeButtonId, encodeButtonId, type ButtonAction } from '../../src/render/discord.js';

const command = (name: string) => findCommand(name)!;

describe('fromText', () => {
  it('/metric: place and year in order, the rest is the keyword, 目标 or 完成 anywhere after them is the kind', () => {
    expect(command('metric').fromText('徐汇 2024 绿地')).toEqual({ district: '徐汇', year: '2024', keyword: '绿地' });
    expect(command('metric').fromText('徐汇 2024 目标 一般公共 预算收入')).toEqual({
      district: '徐汇',
      year: '2024',
      keyword: '一般公共 预算收入',
      kind: 'target',
    });
    expect(command('metric').fromText('徐汇 2024 绿地 --kind=actual')).toEqual({
      district: '徐汇',
      year: '2024',
      keyword: '绿地',
      kind: 'actual',
    });
  });

  it('/search: the text is the query; --district and --year filter', () => {
    expect(command('search').fromText('架空线入地 --district 长宁 --year=2020')).toEqual({
      query: '架空线入地',
      district: '长宁',
      year: '2020',
    });
    expect(command('search').fromText('架空线入地')).toEqual({ query: '架空线入地' });
  });

  it('/ask and /cite take the whole text as it was typed', () => {
    expect(command('ask').fromText('虹口的“三师联创” 是什么?')).toEqual({ question: '虹口的“三师联创” 是什么?' });
    expect(command('cite').fromText(' 徐汇25G-5 ')).toEqual({ id: '徐汇25G-5' });
  });
});

describe('fromBatch', () => {
  it("/metric reads the contract's place (or district) and query", () => {
    expect(command('metric').fromBatch({ place: '徐汇', year: 2024, query: '绿地' })).toMatchObject({
      district: '徐汇',
      year: 2024,
      keyword: '绿地',
    });
    expect(command('metric').fromBatch({ district: '长宁', year: 2020, query: '架空线' })).toMatchObject({
      district: '长宁',
      keyword: '架空线',
    });
    expect(command('metric').fromBatch({ place: '徐汇', district: '长宁' }).district).toBe('徐汇');
  });

  it('fields the command does not declare are dropped', () => {
    expect(command('ask').fromBatch({ id: 'q1', command: 'ask', question: '什么', extra: 1 })).toEqual({
      question: '什么',
    });
  });
});

describe('prepare', () => {
  it('valid options give a run and a key that names the command and the parsed options', () => {
    const p = command('metric').prepare({ district: '徐汇', year: '2024', keyword: ' 绿地 ' });
    expect(p.ok && p.key).toBe(`metric\0${JSON.stringify({ district: '徐汇', year: 2024, keyword: '绿地' })}`);
  });

  it('invalid options give each issue with its option', () => {
    const p = command('metric').prepare({ district: '徐汇', year: '二〇二四', keyword: '绿地' });
    expect(p).toEqual({ ok: false, issues: [{ path: 'year', message: '年份应为四位数字,例如 2024' }] });
  });
});

describe('definition', () => {
  it("every command is registered under its definition's name, once", () => {
    const names = COMMANDS.map((c) => c.definition.name);
    expect(names).toEqual(COMMANDS.map((c) => c.name));
    expect(new Set(names).size).toBe(names.length);
  });

  it("/metric's Discord options come from its option list: types, required, localized names, autocomplete, choices", () => {
    const options = command('metric').definition.options ?? [];
    expect(options.map((o) => [o.name, o.type, o.required, o.name_localizations?.['zh-CN']])).toEqual([
      ['district', ApplicationCommandOptionType.String, true, '地区'],
      ['year', ApplicationCommandOptionType.Integer, true, '年份'],
      ['keyword', ApplicationCommandOptionType.String, true, '指标'],
      ['kind', ApplicationCommandOptionType.String, false, '类型'],
    ]);
    expect(options.filter((o) => 'autocomplete' in o && o.autocomplete).map((o) => o.name)).toEqual([
      'district',
      'year',
      'keyword',
    ]);
    expect(options.find((o) => o.name === 'kind')).toMatchObject({
      choices: [
        { name: '完成', value: 'actual' },
        { name: '目标', value: 'target' },
      ],
    });
  });

  it("an option the reply sets itself (the next page's offset) is not shown to Discord", () => {
    expect((command('search').definition.options ?? []).map((o) => o.name)).toEqual(['query', 'district', 'year']);
  });
});

describe('button ids', () => {
  it('decode reads back what encode writes', () => {
    const actions: ButtonAction[] = [
      { kind: 'share', state: 'ab12' },
      { kind: 'more', state: 'cd34' },
      { kind: 'context', citeId: '徐汇25G~1a2b-5' },
    ];
    for (const a of actions) expect(decodeButtonId(encodeButtonId(a))).toEqual(a);
  });

  it('an id this bot did not make is null', () => {
    for (const id of ['', 'share', 'share:', 'launch:x', ':x']) expect(decodeButtonId(id), id).toBeNull();
  });
});
