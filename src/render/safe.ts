/**
 * Text that came from files or from users, made safe to show: cut on grapheme boundaries, invisible control and
 * direction characters made visible, mention syntax defused. Shared by the renderers and the logger.
 */

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * At most `max` UTF-16 units, ending with "…" when cut. The cut falls between graphemes, so a surrogate pair, an
 * emoji sequence or a letter with its combining marks is kept whole or dropped whole (a lone surrogate is
 * invalid Unicode, and Discord rejects or mangles it).
 */
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  if (max <= 0) return '';
  return `${graphemePrefix(s, max - 1)}…`;
}

/** The longest run of whole graphemes from the start that fits in `max` UTF-16 units. */
export function graphemePrefix(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = 0;
  for (const { index, segment } of graphemes.segment(s)) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  return s.slice(0, end);
}

// C0 controls, DEL and C1 controls; the bidi embeddings, overrides and isolates, and the invisible direction
// marks. A file named "报告\u202Etxt.exe" or "a\nERROR forged" must read as what it is, in a citation and in a log.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const CONTROLS_BUT_LAYOUT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const visible = (c: string) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Controls and direction characters written as \uXXXX, lone surrogates as U+FFFD. `keepLayout` leaves newlines
 * and tabs alone, for report text where they are layout; names, titles and log messages are one line each.
 */
export function escapeControls(s: string, keepLayout = false): string {
  return s.replace(LONE_SURROGATE, '\ufffd').replace(keepLayout ? CONTROLS_BUT_LAYOUT : CONTROLS, visible);
}

/**
 * <@id>, <@!id>, <@&id>, <#id>, </cmd:id>, <:emoji:id>, <t:time> and @everyone / @here made inert with a zero-width space,
 * so no mention pill is drawn even where allowed_mentions already stops the ping.
 */
export function defuseMentions(s: string): string {
  return s.replace(/@/g, '@\u200b').replace(/<(?=[@#:&!/]|[at]:)/g, '<\u200b');
}
