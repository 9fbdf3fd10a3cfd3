/** Glossary terms made ready for an edition: in the edition's script, with their pinyin. */
import type {GlossaryEntry} from '../core/model.js'
import {pinyinPro} from './pinyin-pro.js'
import {segmentWords} from './words.js'

/** A glossary term in an edition. */
export interface EditionTerm {
  /** Position in the glossary (0-based): identifies the term across chapters. */
  index: number
  /** The term as the edition writes it (Simplified in `bilingual`). */
  term: string
  en: string
  note?: string | undefined
  pinyin?: string | undefined
}

const han = /\p{Script=Han}/u

/**
 * Prepare the glossary for an edition.
 *
 * @param entries
 *   Glossary entries (Traditional terms).
 * @param convert
 *   Converts text into the edition's script.
 * @returns
 *   Terms in glossary order.
 */
export function editionTerms(entries: readonly GlossaryEntry[], convert: (value: string) => string): EditionTerm[] {
  return entries.map((entry, index) => {
    const term = convert(entry.term)
    return {
      index,
      term,
      en: entry.en,
      note: entry.note === undefined ? undefined : convert(entry.note),
      // The glossary's pinyin is the editor's word for a polyphone pinyin-pro misreads.
      pinyin: han.test(term) ? (entry.pinyin ?? pinyinOf(term)) : undefined
    }
  })
}

/**
 * Pinyin of a term as a dictionary writes it (GB/T 16159): a word's syllables joined (大模型 →
 * `dà móxíng`). Which term is a name (capitalised) is the editor's call, in the glossary's `pinyin`.
 *
 * @param value
 *   Chinese text.
 * @returns
 *   Pinyin.
 */
export function pinyinOf(value: string): string {
  const readings = pinyinPerCharacter(value)
  const characters = Array.from(value)
  return termWords(value)
    .map(({start, end}) =>
      readings
        .slice(start, end)
        .map((reading, index) => reading ?? characters[start + index]!)
        // After another syllable, a, o or e takes an apostrophe (dì'èr, not dìèr).
        .reduce((word, syllable) => word + (word && /^[aoeāáǎàōóǒòēéěè]/.test(syllable) ? "'" : '') + syllable, '')
        .replace(/^dì'?(?=[a-zāáǎàēéěèīíǐìōóǒòūúǔù])/, (whole) => (characters[start] === '第' ? 'dì-' : whole))
    )
    .join(' ')
    .replace(/ ?· ?/g, '·')
}

/** Prefixes that join the word after them (预训练 yùxùnliàn). */
const prefixes = new Set(Array.from('预元超非反准'))

/** Suffixes that join the word before them (分布式 fēnbùshì). */
const suffixes = new Set(Array.from('式性化者员院家链'))

/** The words of a term: `segmentWords`'s, single characters (芯|片) as one, affixes joined to their word. */
function termWords(value: string): Array<{start: number; end: number}> {
  const words: Array<{start: number; end: number; text: string}> = []
  let start = 0
  for (const segment of segmentWords(value)) {
    const length = Array.from(segment).length
    const previous = words.at(-1)
    const single = length === 1 && han.test(segment)
    const joins =
      previous &&
      han.test(segment) &&
      ((single && previous.end - previous.start === 1 && !prefixes.has(previous.text)) ||
        prefixes.has(previous.text) ||
        (single && suffixes.has(segment) && !previous.text.startsWith('第')))
    if (joins) {
      previous.end += length
      previous.text += segment
    } else {
      words.push({start, end: start + length, text: segment})
    }

    start += length
  }

  return words
}

/**
 * Pinyin of every code point of a text, read in context (polyphones by their word).
 *
 * @param value
 *   Text.
 * @returns
 *   One entry per code point: its pinyin, or `undefined` for a non-Han one.
 */
export function pinyinPerCharacter(value: string): Array<string | undefined> {
  return pinyinPro()
    .pinyin(value, {type: 'all', toneType: 'symbol'})
    .map((item) => (item.isZh && item.pinyin ? item.pinyin : undefined))
}
