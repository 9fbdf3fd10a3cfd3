/** Word lookup of the pop-up dictionary, as Zhongwen does it: the longest word starting at a character. */
import type {DictionaryData} from './types.js'

/** Han characters (CJK Unified Ideographs, Extension A, Compatibility Ideographs). */
const han = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/

/**
 * Check whether a character is Han.
 *
 * @param character
 *   One character (or none).
 * @returns
 *   Whether it is.
 */
export function isHan(character: string): boolean {
  return han.test(character)
}

/** Readings of a word: `[pinyin, english]` each. */
export type Readings = DictionaryData['words'][string]

/**
 * Length of the longest word of a table.
 *
 * @param words
 *   Table.
 * @returns
 *   Characters (at least 1).
 */
export function longestWord(words: ReadonlyMap<string, Readings>): number {
  let longest = 1
  for (const word of words.keys()) longest = Math.max(longest, word.length)
  return longest
}

/**
 * The longest word of a table that `text` starts with.
 *
 * @param words
 *   Table.
 * @param text
 *   Text read from the character under the pointer on.
 * @returns
 *   The word, or `undefined`.
 */
export function wordAt(words: ReadonlyMap<string, Readings>, text: string): string | undefined {
  for (let length = text.length; length > 0; length--) {
    const candidate = text.slice(0, length)
    if (words.has(candidate)) return candidate
  }
  return undefined
}
