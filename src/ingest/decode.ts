/**
 * Bytes → text. Government sites publish UTF-8, GBK/GB18030 and (Taiwan, Hong Kong) Big5; files come with
 * or without a BOM. Detection is by strict decoding, then by how Chinese the result reads. A file damaged in a
 * few places (a bad copy, a truncated download) is still read: the damaged bytes become U+FFFD and are counted,
 * rather than the whole report being lost or read in the wrong encoding.
 */

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

export interface Decoded {
  text: string;
  encoding: Encoding;
  /** Invalid byte sequences replaced with U+FFFD. */
  replaced: number;
}

export class UnreadableFile extends Error {}

/**
 * At most this share of a text's non-ASCII characters may be replacements for it to count as damaged UTF-8.
 * GBK or Big5 read as UTF-8 gives replacements for about 80% of them, so 5% leaves a wide margin.
 */
const MAX_REPLACED_SHARE = 0.05;

/**
 * How many bytes the last decode of a buffer replaced. ingestText only passes the text on, so the indexer
 * looks the count up here by the same buffer, rather than decoding the file a second time.
 */
const replacedBy = new WeakMap<Uint8Array, number>();

/** Longest single line we accept: a report paragraph is a few thousand characters at most. */
const MAX_LINE_CHARS = 200_000;

// Characters that any Chinese report uses constantly; a wrong legacy decoding produces rare ones instead.
const COMMON = new Set(
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞',
);

export function decode(bytes: Uint8Array): Decoded {
  const decoded = detect(bytes);
  if (decoded.replaced > 0) replacedBy.set(bytes, decoded.replaced);
  return decoded;
}

/** Invalid byte sequences replaced when `bytes` (the same buffer) was decoded; 0 when none or not decoded. */
export function replacementsIn(bytes: Uint8Array): number {
  return replacedBy.get(bytes) ?? 0;
}

function detect(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) throw new UnreadableFile('the file is empty');
  const bom = detectBom(bytes);
  if (bom) return lenientDecode(bytes.subarray(bom.skip), bom.encoding);
  if (looksBinary(bytes)) throw new UnreadableFile('the file is binary, not text (NUL or control bytes found)');
  const utf8 = strictDecode(bytes, 'utf-8');
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', replaced: 0 };
  // Checked before the legacy encodings: GB18030 accepts almost any byte pairs, so damaged UTF-8 would
  // otherwise "decode" as GB18030 gibberish.
  const damaged = lenientDecode(bytes, 'utf-8');
  if (mostlyValid(damaged)) return damaged;
  let best: Decoded | null = null;
  let bestScore = -Infinity;
  for (const encoding of ['gb18030', 'big5'] as const) {
    const text = strictDecode(bytes, encoding);
    if (text === null) continue;
    const score = chineseScore(text);
    if (score > bestScore) {
      best = { text, encoding, replaced: 0 };
      bestScore = score;
    }
  }
  best ??= damagedLegacy(bytes);
  if (!best) throw new UnreadableFile('the text encoding is not UTF-8, UTF-16, GB18030/GBK or Big5');
  return best;
}

/** A GBK or Big5 file with a few bad bytes: the legacy encoding that needs the fewest replacements. */
function damagedLegacy(bytes: Uint8Array): Decoded | null {
  const tries = (['gb18030', 'big5'] as const).map((e) => lenientDecode(bytes, e)).filter(mostlyValid);
  tries.sort((a, b) => a.replaced - b.replaced || chineseScore(b.text) - chineseScore(a.text));
  return tries[0] ?? null;
}

function lenientDecode(bytes: Uint8Array, encoding: Encoding): Decoded {
  const text = new TextDecoder(encoding).decode(bytes);
  // A U+FFFD the file itself holds (EF BF BD in UTF-8) is text, not damage.
  const genuine = encoding === 'utf-8' ? countGenuineReplacementChars(bytes) : 0;
  return { text, encoding, replaced: Math.max(0, countChar(text, 0xfffd) - genuine) };
}

function mostlyValid(d: Decoded): boolean {
  let nonAscii = 0;
  for (let i = 0; i < d.text.length; i++) if (d.text.charCodeAt(i) > 0x7f) nonAscii++;
  return nonAscii > 0 && d.replaced <= nonAscii * MAX_REPLACED_SHARE;
}

function countChar(text: string, code: number): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === code) n++;
  return n;
}

function countGenuineReplacementChars(b: Uint8Array): number {
  let n = 0;
  for (let i = b.indexOf(0xef); i >= 0 && i + 2 < b.length; i = b.indexOf(0xef, i + 1))
    if (b[i + 1] === 0xbf && b[i + 2] === 0xbd) n++;
  return n;
}

/** Checks a decoded text is something the pipeline can segment. */
export function assertReadableText(text: string): void {
  if (text.trim().length === 0) throw new UnreadableFile('the file has no text');
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 10) {
      if (i - lineStart > MAX_LINE_CHARS) {
        throw new UnreadableFile(
          `a single line of ${(i - lineStart).toLocaleString('en')} characters; this is not report text (split it into lines)`,
        );
      }
      lineStart = i + 1;
    }
  }
}

function detectBom(b: Uint8Array): { encoding: Encoding; skip: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', skip: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', skip: 2 };
  return null;
}

function looksBinary(b: Uint8Array): boolean {
  const n = Math.min(b.length, 8192);
  let control = 0;
  for (const c of b.subarray(0, n)) {
    if (c === 0) return true;
    if (c < 9 || (c > 13 && c < 32)) control++;
  }
  return control / n > 0.01;
}

function strictDecode(bytes: Uint8Array, encoding: Encoding): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function chineseScore(text: string): number {
  let common = 0;
  let han = 0;
  for (const ch of text.slice(0, 20000)) {
    if (/\p{Script=Han}/u.test(ch)) {
      han++;
      if (COMMON.has(ch)) common++;
    }
  }
  return han === 0 ? 0 : common / han;
}
