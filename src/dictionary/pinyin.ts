/**
 * CC-CEDICT's numbered pinyin (`da4 mo2 xing2`, `lu:4`, `ma5`) as readers read it, with tone marks
 * (`dà mó xíng`, `lǜ`, `ma`).
 *
 * pinyin-pro places the marks; around it this module handles what CC-CEDICT writes and pinyin-pro
 * does not read: `u:` for ü, the neutral tone `5`, and capitalised syllables (proper nouns, `Ou1
 * zhou1` → `Ōu zhōu`: pinyin-pro marks the wrong vowel of a capitalised syllable that starts with a
 * vowel).
 */
import {convert} from 'pinyin-pro'

/** A syllable with its tone number: letters (`u:` for ü), then 1–5. */
const numberedSyllable = /^([A-Za-zÜü:]+)([1-5])$/

/**
 * Convert CC-CEDICT's numbered pinyin to pinyin with tone marks.
 *
 * Syllables are space-separated; what is not a numbered syllable (a Latin letter as in `san1 D da3
 * yin4`, the `·` and `,` of names and phrases) is kept as it is. Case is kept: CC-CEDICT
 * capitalises proper nouns.
 *
 * @param numbered
 *   Pinyin with tone numbers, e.g. `Zhong1 guo2`.
 * @returns
 *   Pinyin with tone marks, e.g. `Zhōng guó`.
 */
export function toneMarks(numbered: string): string {
  return numbered
    .split(' ')
    .map((token) => syllableMarks(token))
    .join(' ')
}

/**
 * Convert numbered pinyin in brackets inside a definition (CC-CEDICT's cross-references, `see
 * 的士[di1 shi4]`, `also pr. [di4]`) to tone marks.
 *
 * @param text
 *   Definition.
 * @returns
 *   Definition with its bracketed pinyin converted.
 */
export function toneMarksInText(text: string): string {
  if (!text.includes('[')) return text
  return text.replace(/\[([^\]]+)\]/g, (whole, inner: string) =>
    inner.split(' ').every((token) => numberedSyllable.test(token) || token === '·' || token === ',')
      ? `[${toneMarks(inner)}]`
      : whole
  )
}

/** Convert one token. */
function syllableMarks(token: string): string {
  const match = numberedSyllable.exec(token)
  if (!match) return token
  const letters = match[1]!
  const tone = match[2]!
  // pinyin-pro reads lowercase pinyin with `v` for ü.
  const lower = letters.toLowerCase().replace(/u:|ü/g, 'v')
  // The neutral tone has no mark; pinyin-pro would keep the `5`.
  const marked = (tone === '5' ? lower : convert(lower + tone, {format: 'numToSymbol'}))
    // A `v` the tone mark did not land on (`lve4` → `lvè`) is still ü.
    .replace(/v/g, 'ü')
  return letters[0] === letters[0]!.toLowerCase() ? marked : marked.charAt(0).toUpperCase() + marked.slice(1)
}
