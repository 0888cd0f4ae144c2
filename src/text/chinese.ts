/**
 * Traditional ↔ simplified characters, for matching only: the pipeline analyses simplified text, while
 * citations and excerpts keep the report's own characters. Conversion is OpenCC's (Taiwan/Hong Kong →
 * mainland), kept length-preserving so an offset in the converted text is the same offset in the original.
 */
import * as OpenCC from 'opencc-js/t2cn';

const convert = OpenCC.Converter({ from: 't', to: 'cn' });

// Characters that occur only in traditional writing: the ones OpenCC changes. Built once from its tables,
// as a flag per UTF-16 code unit so that checking a whole report is a plain scan.
let traditionalOnly: Uint8Array | null = null;

function flags(): Uint8Array {
  if (traditionalOnly) return traditionalOnly;
  traditionalOnly = new Uint8Array(0x10000);
  for (let code = 0x3400; code <= 0x9fff; code++) {
    const ch = String.fromCharCode(code);
    if (convert(ch) !== ch) traditionalOnly[code] = 1;
  }
  return traditionalOnly;
}

function countTraditional(text: string, stopAtFirst: boolean): number {
  const f = flags();
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if (f[text.charCodeAt(i)] && (++n, stopAtFirst)) return n;
  }
  return n;
}

export function hasTraditional(text: string): boolean {
  return countTraditional(text, true) > 0;
}

/** Share of Han characters that are traditional-only: above a few percent the text is traditional. */
export function traditionalShare(text: string): number {
  // Counted as what is left after removing everything else: one string, not an array of every character.
  const han = text.replace(/\P{Script=Han}/gu, '').length;
  return han === 0 ? 0 : countTraditional(text, false) / han;
}

/** Simplified spelling of the text, same length; text without traditional characters is returned as is. */
export function toSimplified(text: string): string {
  if (!hasTraditional(text)) return text;
  const whole = convert(text);
  if (whole.length === text.length) return whole;
  // A phrase rule changed the length: fall back to character by character so offsets still line up.
  return [...text]
    .map((ch) => {
      const c = convert(ch);
      return c.length === ch.length ? c : ch;
    })
    .join('');
}
