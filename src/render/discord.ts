/**
 * Reply → Discord message bodies, in the API's own JSON shape (sent as they are, see adapters/discord). The
 * only place that knows Discord's limits (embed title 256, description 4096, field 1024, footer 2048, 25
 * fields, 6000 in all, 5 buttons a row). Everything that came from a file or a user (excerpts, titles, place and
 * section names, file names, the echoed question) is markdown-escaped where Discord reads markdown, has its
 * mentions defused and its control and direction characters made visible; every body sets allowed_mentions so
 * nothing pings anyone; every cut falls between graphemes.
 */
import {
  type APIEmbed,
  type APIActionRowComponent,
  type APIButtonComponent,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { Answer, CompareRow, FactResult } from '../query/answer.js';
import type { ReportsAnswer } from '../query/answer.js';
import {
  answerLead,
  cellText,
  citationText,
  figureText,
  kindLabel,
  COMPARE_APART,
  compareOrderText,
  renderReports,
  reportLine,
  targetCellText,
  verdictNotes,
  verdictText,
} from './text.js';
import { defuseMentions, escapeControls, truncate } from './safe.js';

export { truncate };

export const LIMITS = {
  title: 256,
  description: 4096,
  field: 1024,
  fieldName: 256,
  footer: 2048,
  fields: 25,
  total: 6000,
  buttonsPerRow: 5,
};
export const NO_MENTIONS = { parse: [] as never[], replied_user: false };

/**
 * What a button does when pressed: post the reply it sits under publicly, show the passages around a citation,
 * or show the next page. `state` names the saved request the reply came from (the adapter keeps it).
 */
export type ButtonAction =
  { kind: 'share'; state: string } | { kind: 'context'; citeId: string } | { kind: 'more'; state: string };

/** The custom_id prefixes; a pressed button carries only its custom_id back. */
const BUTTON_PREFIX = { share: 'share', context: 'ctx', more: 'more' } as const satisfies Record<
  ButtonAction['kind'],
  string
>;
const BUTTON_LABEL = { share: '公开分享', context: '上下文', more: '更多结果' } as const satisfies Record<
  ButtonAction['kind'],
  string
>;
/** Discord's limit for a custom_id. */
const CUSTOM_ID_LENGTH = 100;

export function encodeButtonId(a: ButtonAction): string {
  return `${BUTTON_PREFIX[a.kind]}:${a.kind === 'context' ? a.citeId : a.state}`;
}

/** The action a custom_id names, or null for one this bot did not make. */
export function decodeButtonId(id: string): ButtonAction | null {
  const at = id.indexOf(':');
  const [prefix, arg] = [id.slice(0, at), id.slice(at + 1)];
  if (at < 0 || !arg) return null;
  if (prefix === BUTTON_PREFIX.context) return { kind: 'context', citeId: arg };
  if (prefix === BUTTON_PREFIX.share) return { kind: 'share', state: arg };
  if (prefix === BUTTON_PREFIX.more) return { kind: 'more', state: arg };
  return null;
}

export interface DiscordPayload {
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIButtonComponent>[];
  allowed_mentions: typeof NO_MENTIONS;
}

/**
 * Discord markdown made literal: emphasis, code, spoiler, quote and link characters get a backslash (Discord
 * drops the backslash before any punctuation), as do heading and list markers at a line start. One pass; the
 * library's escapeMarkdown runs a dozen regular expressions and was the largest cost of a reply.
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\\*_~`|>[\]]/g, '\\$&')
    .replace(/^(\s*)(#{1,3}|[-+])(?=\s)/gm, '$1\\$2')
    .replace(/^(\s*\d+)\.(?=\s)/gm, '$1\\.');
}

/** A name, title or echoed request, for a place Discord reads markdown in: one line, literal, inert. */
export function safeLine(s: string): string {
  return defuseMentions(escapeMarkdown(escapeControls(s)));
}

/** The same for footers and author names, where Discord shows markdown characters as they are. */
export function safePlain(s: string): string {
  return defuseMentions(escapeControls(s));
}

/** A citation id inside `code`: no markdown applies there, but a control character would still act. */
const safeCode = (s: string) => escapeControls(s).replace(/`/g, "'");

/**
 * Report text: markdown escaped, mentions defused, controls made visible (newlines and tabs are its layout and
 * stay), then the marked substrings bolded.
 */
export function safeText(text: string, marks: string[] = []): string {
  const defuse = (s: string) => defuseMentions(escapeMarkdown(escapeControls(s, true)));
  const wanted = [...new Set(marks.filter((m) => m && text.includes(m)))]
    .sort((a, b) => b.length - a.length)
    .slice(0, 6);
  if (!wanted.length) return defuse(text);
  const re = new RegExp(wanted.map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  let out = '';
  let last = 0;
  for (const m of text.matchAll(re)) {
    out += defuse(text.slice(last, m.index)) + `**${defuse(m[0])}**`;
    last = m.index! + m[0].length;
  }
  return out + defuse(text.slice(last));
}

function factLine(r: FactResult): string {
  const f = r.fact;
  return `${safeText(figureText(r))} · ${safeLine(f.district)} ${f.period.year} ${kindLabel(f.period.kind)} · \`${safeCode(r.citeId)}\``;
}

export function answerEmbed(answer: Answer, sharedBy?: string): APIEmbed {
  const e = buildEmbed(answer);
  if (sharedBy) e.author = { name: truncate(safePlain(`${sharedBy} 分享`), 256) };
  return fitEmbed(e);
}

function buildEmbed(a: Answer): APIEmbed {
  switch (a.type) {
    case 'metric': {
      const f = a.best.fact;
      const related = [...a.related, ...a.alternatives].slice(0, 10).map(factLine).join('\n');
      return {
        title: safeLine(figureText(a.best)),
        description: `${safeLine(f.district)} · ${f.period.year} 年 · ${kindLabel(f.period.kind)}\n> ${safeText(f.original ?? f.excerpt, [f.valueText])}`,
        fields: related ? [{ name: '相关', value: related }] : [],
        footer: { text: safePlain(`${citationText(f.citation)} · ${a.best.citeId}`) },
      };
    }
    case 'ask': {
      const said = answerLead(a);
      const lead = a.metric
        ? `**${safeText(figureText(a.metric.best))}**(${a.metric.best.fact.period.year} ${kindLabel(a.metric.best.fact.period.kind)})\n\n`
        : said
          ? `**${safeText(said)}**\n\n`
          : '';
      return {
        title: safeLine(a.question),
        description: lead + a.sentences.map((s) => `**[${s.n}]** ${safeText(s.text, s.marks)}`).join('\n'),
        fields: [
          {
            name: '出处',
            value: a.sentences
              .map((s) => `[${s.n}] \`${safeCode(s.citeId)}\` ${safeLine(citationText(s.citation))}`)
              .join('\n'),
          },
        ],
        // The reading ("按 /metric 北京 2025 GDP增速 完成 查询") and what was assumed, under the answer.
        footer:
          a.reading || a.assumptions.length
            ? {
                text: safePlain(
                  [a.reading, a.assumptions.length ? `注:${a.assumptions.join(';')}` : ''].filter(Boolean).join('\n'),
                ),
              }
            : undefined,
      };
    }
    case 'search':
      return {
        title: `搜索“${safeLine(a.query)}”:${a.total} 条`,
        description: a.hits.length ? undefined : '没有找到。换个词试试,或去掉区和年份筛选。',
        fields: a.hits.map((h, i) => ({
          name: `${a.offset + i + 1}. ${safeLine(h.citeId)} · ${safeLine(h.citation.title)}`,
          value: safeText(h.excerpt, h.marks),
        })),
        footer: { text: a.hits.length ? `第 ${a.offset + 1}–${a.offset + a.hits.length} 条` : '' },
      };
    case 'cite':
      return {
        description: `> ${safeText(a.passage.original ?? a.passage.text)}`,
        footer: { text: safePlain(`${citationText(a.citation)} · ${a.citeId}`) },
      };
    case 'reports':
      return { title: '已收录的报告', ...reportList('', a) };
    case 'help':
      return { title: '用法', ...reportList(`${escapeMarkdown(a.text)}\n\n`, a.reports) };
    case 'trend': {
      const { marker, notes } = verdictNotes(a.points);
      return {
        title: safeLine(`${a.district} · ${a.metric} 逐年`),
        description: a.points
          .map(
            (p) =>
              `**${p.year}** 目标 ${safeText(targetCellText(p))} · 完成 ${safeText(cellText(p.actual))} ${verdictText(p)}${marker(p) && `(${marker(p)})`}${p.conflict ? ' (报告间数字不一)' : ''}`,
          )
          .join('\n'),
        fields: notes.length ? [{ name: '判定规则', value: notes.map(safeLine).join('\n') }] : [],
        footer: { text: '方括号内是出处编号,可用 /cite 查看原文' },
      };
    }
    case 'compare': {
      const line = (r: CompareRow) =>
        `${r.rank === null ? '' : `${r.rank}. `}**${safeLine(r.district)}** 目标 ${safeText(cellText(r.target))} · 完成 ${safeText(cellText(r.actual))}`;
      const otherKind = a.rows.filter((r) => r.apart === 'other-kind').map(line);
      const none = a.rows.filter((r) => r.apart === 'no-figure').map((r) => safeLine(r.district));
      return {
        title: safeLine(`${a.year} 年 · ${a.metric} 各地对比`),
        description: [compareOrderText(a), ...a.rows.filter((r) => !r.apart).map(line)].join('\n'),
        fields: [
          ...(otherKind.length ? [{ name: COMPARE_APART['other-kind'], value: wholeLines(otherKind, '\n') }] : []),
          ...(none.length ? [{ name: COMPARE_APART['no-figure'], value: wholeLines(none, '、') }] : []),
        ],
        footer: { text: '方括号内是出处编号,可用 /cite 查看原文' },
      };
    }
  }
}

/**
 * The report list in whole lines: as many as the description holds, and a footer saying how many are left out,
 * rather than a line cut in the middle.
 */
function reportList(head: string, a: ReportsAnswer): Pick<APIEmbed, 'description' | 'footer'> {
  const lines = [...a.reports.map(reportLine), ...a.skipped.map((s) => `跳过 ${s.doc}:${s.reason}`)].map(safeLine);
  if (!lines.length) return { description: head + safeText(renderReports(a)) };
  let description = head;
  let shown = 0;
  for (const line of lines) {
    const next = `${description}${shown ? '\n' : ''}${line}`;
    if (next.length > LIMITS.description) break;
    description = next;
    shown++;
  }
  const footer =
    shown < lines.length
      ? {
          text: `共 ${a.reports.length} 份报告,这里列出前 ${Math.min(shown, a.reports.length)} 份;用 /ask 或 /search 写明地区和年份可查其余报告。`,
        }
      : undefined;
  return { description, footer };
}

/** As many whole items as a field holds, and how many more there are, rather than an item cut in the middle. */
function wholeLines(items: string[], separator: string): string {
  let out = '';
  for (const [i, item] of items.entries()) {
    const rest = `…另 ${items.length - i} 项`;
    const next = i ? `${out}${separator}${item}` : item;
    const more = i < items.length - 1 ? separator.length + rest.length : 0;
    if (next.length + more > LIMITS.field) return out ? `${out}${separator}${rest}` : rest;
    out = next;
  }
  return out;
}

/** Cuts every part to its limit, then trims fields from the end until the whole embed fits 6000. */
export function fitEmbed(e: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...e, color: 0x2b6cb0 };
  if (out.title) out.title = cut(out.title, LIMITS.title);
  if (out.description) out.description = cut(out.description, LIMITS.description);
  if (out.footer?.text) out.footer = { text: truncate(out.footer.text, LIMITS.footer) };
  else delete out.footer;
  out.fields = (out.fields ?? [])
    .filter((f) => f.value)
    .slice(0, LIMITS.fields)
    .map((f) => ({ name: cut(f.name, LIMITS.fieldName), value: cut(f.value, LIMITS.field) }));
  const size = () =>
    (out.title?.length ?? 0) +
    (out.description?.length ?? 0) +
    (out.footer?.text.length ?? 0) +
    (out.author?.name.length ?? 0) +
    out.fields!.reduce((s, f) => s + f.name.length + f.value.length, 0);
  while (size() > LIMITS.total && out.fields!.length) out.fields!.pop();
  if (size() > LIMITS.total && out.description)
    out.description = cut(out.description, out.description.length - (size() - LIMITS.total));
  return out;
}

/**
 * truncate for markdown text: a cut right after an escaping backslash would leave it escaping the "…" instead
 * of the character it was written for, so that backslash goes too.
 */
function cut(s: string, max: number): string {
  const t = truncate(s, max);
  if (t === s) return t;
  const slashes = t.length - 1 - t.slice(0, -1).replace(/\\+$/, '').length;
  return slashes % 2 ? `${t.slice(0, -2)}…` : t;
}

/**
 * A button whose id would not fit is left out: a cut id would name another citation (a cite id is bounded well
 * below the limit, so this is a guard, not a case met).
 */
export function buttonRows(actions: ButtonAction[]): APIActionRowComponent<APIButtonComponent>[] {
  const buttons = actions
    .map((a) => ({ id: encodeButtonId(a), label: BUTTON_LABEL[a.kind] }))
    .filter((b) => b.id.length <= CUSTOM_ID_LENGTH);
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerRow) {
    rows.push({
      type: ComponentType.ActionRow,
      components: buttons
        .slice(i, i + LIMITS.buttonsPerRow)
        .map((b) => ({ type: ComponentType.Button, style: ButtonStyle.Secondary, custom_id: b.id, label: b.label })),
    });
  }
  return rows;
}

export function payload(answer: Answer, buttons: ButtonAction[] = [], sharedBy?: string): DiscordPayload {
  return { embeds: [answerEmbed(answer, sharedBy)], components: buttonRows(buttons), allowed_mentions: NO_MENTIONS };
}

export function errorPayload(message: string): DiscordPayload {
  return {
    embeds: [fitEmbed({ title: '没能回答', description: safeText(message) })],
    components: [],
    allowed_mentions: NO_MENTIONS,
  };
}
