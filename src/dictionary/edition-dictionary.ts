/**
 * An edition's pop-up dictionary: the CC-CEDICT entries of the words its
 * chapters and title page use, and only those.
 */
import {VFile} from 'vfile'
import {warn} from '../diagnostics.js'
import type {BookMeta, EditionChapter, EditionDictionary} from '../model.js'
import type {DictionaryLoad} from './cache.js'
import type {DictionaryIndex} from './dictionary-index.js'
import {chapterMemo} from '../cache/memo.js'
import {chineseRuns} from './text.js'

/** Words found per chapter. */
const wordsMemo = chapterMemo<readonly string[]>()

/** What CC-CEDICT's licence (CC BY-SA 4.0) asks readers be shown. */
export const cedictAttribution: Readonly<EditionDictionary['attribution']> = Object.freeze({
  name: 'CC-CEDICT',
  url: 'https://www.mdbg.net/chinese/dictionary?page=cc-cedict',
  license: 'CC BY-SA 4.0',
  licenseUrl: 'https://creativecommons.org/licenses/by-sa/4.0/'
})

/** What of an edition is looked up. */
export interface DictionarySource {
  /** Chapters, after the edition's stages. */
  chapters: readonly EditionChapter[]
  /**
   * Metadata in the edition's script: its title, subtitle, author, host and
   * source are shown to readers too (optional).
   */
  meta?: BookMeta | undefined
}

/**
 * The dictionary of an edition: every CC-CEDICT headword (Simplified) that
 * occurs in the Chinese text of its chapters (not in English, code or pinyin
 * ruby) or of its title page, each single character included, with its
 * readings.
 *
 * @param book
 *   The edition (its chapters, and its metadata when given).
 * @param index
 *   The CC-CEDICT index.
 * @returns
 *   Dictionary with its words in sorted order (same input, same output).
 */
export function editionDictionary(book: DictionarySource, index: DictionaryIndex): EditionDictionary {
  // Words per chapter, remembered per chapter object: in watch mode an
  // unchanged chapter is not searched again.
  const found = new Set<string>()
  for (const chapter of book.chapters) {
    for (const word of wordsMemo(chapter, '', () => index.wordsIn(chineseRuns(chapter.tree)))) found.add(word)
  }

  const meta = book.meta
  if (meta) {
    const runs = [meta.title, meta.subtitle, meta.author, meta.host, meta.source].filter(
      (value): value is string => Boolean(value)
    )
    for (const word of index.wordsIn(runs)) found.add(word)
  }

  const words: Record<string, EditionDictionary['words'][string]> = {}
  for (const word of [...found].sort()) words[word] = index.readings(word)!
  return {words, attribution: {...cedictAttribution}}
}

/**
 * The warning a build shows when it has no dictionary (or no cache), as a
 * file with its message so it is reported like the others.
 *
 * @param load
 *   Result of loading the index.
 * @returns
 *   Files with a warning (none when all went well).
 */
export function dictionaryMessages(load: DictionaryLoad): VFile[] {
  if (!load.problem) return []
  const file = new VFile({path: load.problem.file})
  warn(file, load.problem.reason, undefined, 'D001')
  return [file]
}
