/**
 * Glossary terms made ready for an edition: in the edition's script, with
 * their pinyin.
 */
import {pinyin} from 'pinyin-pro'
import type {GlossaryEntry} from '../core/model.js'

/** A glossary term in an edition. */
export interface EditionTerm {
  /** Position in the glossary (0-based): identifies the term across chapters. */
  index: number
  /** The term as the edition writes it (Simplified in `bilingual`). */
  term: string
  /** English gloss. */
  en: string
  /** Note (optional). */
  note?: string | undefined
  /** Pinyin, for terms with Han characters (optional). */
  pinyin?: string | undefined
}

/** Han characters. */
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
      note: entry.note,
      // The override is the editor's word for a polyphone pinyin-pro misreads.
      pinyin: han.test(term) ? (entry.pinyin ?? pinyinOf(term)) : undefined
    }
  })
}

/**
 * Pinyin of a word or phrase, with tone marks, syllables separated by spaces.
 *
 * @param value
 *   Chinese text.
 * @returns
 *   Pinyin.
 */
export function pinyinOf(value: string): string {
  return pinyin(value, {toneType: 'symbol'})
}

/**
 * Pinyin of every character of a text, read in context (so polyphones get
 * the reading of their word), aligned with the text's characters.
 *
 * @param value
 *   Text.
 * @returns
 *   One entry per code point: its pinyin, or `undefined` for a non-Han one.
 */
export function pinyinPerCharacter(value: string): Array<string | undefined> {
  return pinyin(value, {type: 'all', toneType: 'symbol'}).map((item) =>
    item.isZh && item.pinyin ? item.pinyin : undefined
  )
}
