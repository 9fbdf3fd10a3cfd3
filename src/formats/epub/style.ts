/**
 * The EPUB stylesheet (`style.css`) and the font families it names. Readers let people pick size,
 * margins and font, so it sets proportions only. The stacks name fonts that ship with reading
 * systems, by `:lang()`, as the same code point is drawn differently in TC and SC fonts (骨, 直, 角).
 */

import {scriptOf, type Script} from '../../core/locale.js'
import {readAsset} from '../shared/assets.js'

/** Serif (Song / Ming) families per script, most specific first; the SVG cover's too (`serif` appended). */
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
 * Latin serif families for English, most specific first: faces e-readers and systems ship (Apple
 * Books: Charter, Georgia; Kobo: Georgia; Android: Noto Serif; Linux: DejaVu). Also the cover's.
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
 * The script whose fonts a language tag wants: Traditional unless the tag says Simplified.
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
 * The EPUB stylesheet (`OEBPS/style.css`). Distinctions never rest on colour alone (e-ink has none);
 * its font stacks are the lists above (tests/render-bilingual.test.ts holds them together).
 *
 * @returns
 *   CSS.
 */
export function epubStyle(): string {
  return readAsset('epub/style.css')
}
