/**
 * CC-CEDICT's numbered pinyin (`lu:4`, `ma5`) with tone marks (`lǜ`, `ma`). pinyin-pro places the
 * marks; this handles what it does not read: `u:`, the neutral tone `5`, and capitalised syllables
 * (it marks the wrong vowel of `Ou1`).
 */
import {pinyinPro} from '../glossary/pinyin-pro.js'

const numberedSyllable = /^([A-Za-zÜü:]+)([1-5])$/

/**
 * Convert numbered pinyin to tone marks; what is not a numbered syllable (`D` in `san1 D da3 yin4`,
 * `·`) is kept, and so is case (proper nouns).
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
 * Convert bracketed numbered pinyin in a definition (`see 的士[di1 shi4]`) to tone marks.
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

function syllableMarks(token: string): string {
  const match = numberedSyllable.exec(token)
  if (!match) return token
  const letters = match[1]!
  const tone = match[2]!
  const lower = letters.toLowerCase().replace(/u:|ü/g, 'v')
  // The neutral tone has no mark; pinyin-pro would keep the `5`.
  const marked = (tone === '5' ? lower : pinyinPro().convert(lower + tone, {format: 'numToSymbol'}))
    // A `v` the tone mark did not land on (`lve4` → `lvè`) is still ü.
    .replace(/v/g, 'ü')
  return letters[0] === letters[0]!.toLowerCase() ? marked : marked.charAt(0).toUpperCase() + marked.slice(1)
}
