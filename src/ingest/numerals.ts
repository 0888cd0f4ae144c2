const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 一 → 1, 十二 → 12, 三十四 → 34, 一百零五 → 105. Returns NaN for anything else. */
export function chineseNumeral(s: string): number {
  if (!s) return NaN;
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    const d = DIGITS[ch];
    if (d !== undefined) digit = d;
    else if (ch === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else if (ch === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else return NaN;
  }
  return total + digit;
}
