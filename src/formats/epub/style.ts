/**
 * The EPUB stylesheet (`style.css` next to this file), made for reading Chinese on e-readers, and
 * the font families it names.
 *
 * Readers let people pick the size, margins and often the font, so this only sets proportions
 * (`em`, `%`), never pixel font sizes or positioning. Nothing is fetched, and nothing embedded
 * unless `book.yaml` asks (`epub-font.ts`): the font stacks name fonts that ship with reading
 * systems and operating systems, chosen by `:lang()` so Traditional and Simplified text get the
 * glyph shapes of their own standard (the same code point is drawn differently in TC and SC fonts,
 * e.g. 骨, 直, 角).
 */

import {scriptOf, type Script} from '../../core/locale.js'
import {readAsset} from '../shared/assets.js'

/**
 * Serif (Song / Ming) font families per script, most specific first.
 *
 * Exported so the SVG cover draws its text with the same faces as the book. The generic `serif` is
 * not in the lists: each format appends it unquoted.
 */
export const serifFamilies: Readonly<Record<Script, readonly string[]>> = {
  hant: [
    'Noto Serif CJK TC',
    'Noto Serif TC',
    'Source Han Serif TC',
    'Source Han Serif',
    'Songti TC',
    'PMingLiU',
    'MingLiU'
  ],
  hans: [
    'Noto Serif CJK SC',
    'Noto Serif SC',
    'Source Han Serif SC',
    'Source Han Serif',
    'Songti SC',
    'STSong',
    'SimSun'
  ]
}

/**
 * Latin serif families for English (the bilingual edition's translation and notes), most specific
 * first: faces that e-readers and systems ship (Apple Books: Charter, Georgia; Kobo: Georgia;
 * Android: Noto Serif; Linux: DejaVu).
 *
 * Exported so the SVG cover draws its English title with the same faces.
 */
export const latinSerifFamilies: readonly string[] = [
  'Charter',
  'Bitstream Charter',
  'Georgia',
  'Literata',
  'Noto Serif',
  'DejaVu Serif',
  'Times New Roman'
]

/** Kai (regular script) families for quotations, per script. */
export const kaiFamilies: Readonly<Record<Script, readonly string[]>> = {
  hant: ['Kaiti TC', 'BiauKai', 'DFKai-SB', 'TW-Kai'],
  hans: ['Kaiti SC', 'STKaiti', 'KaiTi', 'AR PL UKai CN']
}

/** Monospace families for code. */
export const monospaceFamilies: readonly string[] = ['Sarasa Mono TC', 'Noto Sans Mono CJK TC', 'Menlo']

/**
 * The script whose fonts a language tag wants: Traditional unless the tag says Simplified (a reader
 * without the right fonts is better off with either).
 *
 * @param lang
 *   Language tag, e.g. `zh-Hans`, `zh-CN`, `zh-Hant-TW`.
 * @returns
 *   `'hans'` or `'hant'`.
 */
export function fontScriptOf(lang: string): Script {
  return scriptOf(lang) ?? 'hant'
}

/**
 * Turn font family names into a CSS `font-family` value.
 *
 * @param families
 *   Family names.
 * @param generic
 *   Generic family to end with (a system without any named font still gets its own CJK fallback for
 *   the element's `lang`).
 * @param quote
 *   Quote to wrap names in (optional, default: `"`); the SVG cover uses `'` because its value sits
 *   in a double-quoted attribute.
 * @returns
 *   CSS value.
 */
export function fontFamily(families: readonly string[], generic: string, quote: '"' | "'" = '"'): string {
  return [...families.map((name) => quote + name + quote), generic].join(', ')
}

/**
 * The EPUB stylesheet (`OEBPS/style.css`).
 *
 * Chinese body text: serif, line height 1.8, justified, first-line indent of two characters and no
 * blank line between paragraphs, strict line breaking (no small kana or closing punctuation at a
 * line start). Distinctions never rest on colour alone (e-ink has none): quotations have a rule and
 * an indent, links an underline, speaker labels bold; in the bilingual edition English has a Latin
 * face, a smaller size and a rule, and a missing translation a dashed outline and italics. Its font
 * stacks are the lists above (tests/render-bilingual.test.ts holds them together).
 *
 * @returns
 *   CSS.
 */
export function epubStyle(): string {
  return readAsset('epub/style.css')
}
