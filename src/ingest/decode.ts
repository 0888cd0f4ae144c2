/**
 * Bytes → text. Government sites publish UTF-8, GBK/GB18030 and (Taiwan, Hong Kong) Big5; files come with
 * or without a BOM. Detection is by strict decoding, then by how Chinese the result reads.
 */

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

export interface Decoded {
  text: string;
  encoding: Encoding;
}

export class UnreadableFile extends Error {}

/** Longest single line we accept: a report paragraph is a few thousand characters at most. */
const MAX_LINE_CHARS = 200_000;

// Characters that any Chinese report uses constantly; a wrong legacy decoding produces rare ones instead.
const COMMON = new Set('的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞');

export function decode(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) throw new UnreadableFile('the file is empty');
  const bom = detectBom(bytes);
  if (bom) return { text: new TextDecoder(bom.encoding).decode(bytes.subarray(bom.skip)), encoding: bom.encoding };
  if (looksBinary(bytes)) throw new UnreadableFile('the file is binary, not text (NUL or control bytes found)');
  const candidates: Encoding[] = ['utf-8', 'gb18030', 'big5'];
  let best: Decoded | null = null;
  let bestScore = -Infinity;
  for (const encoding of candidates) {
    const text = strictDecode(bytes, encoding);
    if (text === null) continue;
    if (encoding === 'utf-8') return { text, encoding };
    const score = chineseScore(text);
    if (score > bestScore) { best = { text, encoding }; bestScore = score; }
  }
  if (!best) throw new UnreadableFile('the text encoding is not UTF-8, UTF-16, GB18030/GBK or Big5');
  return best;
}

/** Checks a decoded text is something the pipeline can segment. */
export function assertReadableText(text: string): void {
  if (text.trim().length === 0) throw new UnreadableFile('the file has no text');
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text.charCodeAt(i) === 10) {
      if (i - lineStart > MAX_LINE_CHARS) {
        throw new UnreadableFile(`a single line of ${(i - lineStart).toLocaleString('en')} characters; this is not report text (split it into lines)`);
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
  for (let i = 0; i < n; i++) {
    const c = b[i];
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
    if (/\p{Script=Han}/u.test(ch)) { han++; if (COMMON.has(ch)) common++; }
  }
  return han === 0 ? 0 : common / han;
}
