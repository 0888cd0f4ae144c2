/**
 * Options more than one command takes (a place, a year), written once with their messages, limits and
 * completion; each command says only whether it requires them and how it describes them.
 */
import { z } from 'zod';
import { PERIOD_KINDS } from '../src/types.js';
import { districtChoices, metricChoices, yearChoices } from './choices.js';
import { boundedText, MAX_LENGTH, tooLong } from './limits.js';
import type { OptionSpec, Typed } from './define.js';
import type { CommandContext } from './types.js';

const PLACE_MISSING = '请指定地区,例如:徐汇、广东、全国';
const place = (missing?: string) => boundedText(MAX_LENGTH.place, tooLong('地区名', MAX_LENGTH.place), missing);
/** The first year a report can be about: the People's Republic's first (its reports are there from 1954). */
const FIRST_YEAR = 1949;
const YEAR_FORMAT = '年份应为四位数字,例如 2024';
const year = z.coerce
  .number({ error: YEAR_FORMAT })
  .int(YEAR_FORMAT)
  .min(FIRST_YEAR, YEAR_FORMAT)
  .max(2100, YEAR_FORMAT);

/** The batch contract names a place `place` or `district` (both mean a place at any level); `place` wins. */
const PLACE_FIELDS = ['place', 'district'] as const;

export const requiredPlace = (description: string) =>
  ({
    type: 'string',
    zh: '地区',
    description,
    maxLength: MAX_LENGTH.place,
    text: 'word',
    batch: PLACE_FIELDS,
    schema: place(PLACE_MISSING).min(1, PLACE_MISSING),
    complete: (typed, _options, { index }) => districtChoices(index, typed),
  }) satisfies OptionSpec;

export const optionalPlace = (description: string) =>
  ({
    type: 'string',
    zh: '地区',
    description,
    maxLength: MAX_LENGTH.place,
    batch: PLACE_FIELDS,
    schema: place().min(1).optional(),
    complete: (typed, _options, { index }) => districtChoices(index, typed),
  }) satisfies OptionSpec;

export const requiredYear = (description: string) =>
  ({
    type: 'integer',
    zh: '年份',
    description,
    text: 'word',
    schema: year,
    complete: (typed, options, { index }) => yearChoices(index, options.district, typed),
  }) satisfies OptionSpec;

export const optionalYear = (description: string) =>
  ({
    type: 'integer',
    zh: '年份',
    description,
    schema: year.optional(),
    complete: (typed, options, { index }) => yearChoices(index, options.district, typed),
  }) satisfies OptionSpec;

/** Achieved or planned; typed as 完成 / 目标 at the terminal, or the value itself. */
export const periodKind = {
  type: 'string',
  zh: '类型',
  description: '完成值或目标值',
  schema: z.enum(PERIOD_KINDS).optional(),
  choices: [
    { name: '完成', value: 'actual' },
    { name: '目标', value: 'target' },
  ],
} satisfies OptionSpec;

/**
 * The metric keyword of /metric, /trend and /compare: the rest of the typed line, `query` in the batch contract,
 * completed from the labels of the chosen place when the command takes one.
 */
export const metricKeyword = (description: string, example: string, completes = true) => {
  const missing = `请指定指标,例如:${example}`;
  return {
    type: 'string',
    zh: '指标',
    description,
    maxLength: MAX_LENGTH.keyword,
    text: 'rest',
    batch: ['query', 'keyword'],
    schema: boundedText(MAX_LENGTH.keyword, tooLong('指标', MAX_LENGTH.keyword), missing).min(1, missing),
    ...(completes
      ? {
          complete: (typed: string, options: Typed, { index }: CommandContext) =>
            metricChoices(index, options.district, typed),
        }
      : {}),
  } satisfies OptionSpec;
};
