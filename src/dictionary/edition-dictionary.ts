/**
 * An edition's pop-up dictionary: the CC-CEDICT entries of the words its chapters and title page
 * use, and only those.
 */
import {VFile} from 'vfile'
import {warn} from '../core/diagnostics.js'
import type {BookMeta, EditionChapter, EditionDictionary} from '../core/model.js'
import type {DictionaryLoad} from './cache.js'
import type {DictionaryIndex} from './dictionary-index.js'
import type {BuildSession} from '../build/session.js'
import {popupWords} from './popup-words.js'
import {chineseRuns} from './text.js'

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
   * Metadata in the edition's script: its title, subtitle, author, host and source are shown to
   * readers too (optional).
   */
  meta?: BookMeta | undefined
}

/**
 * The dictionary of an edition: the CC-CEDICT headwords (Simplified) of the words of the Chinese
 * text of its chapters (not in English, code or pinyin ruby) and of its title page (`popupWords`),
 * each single character included, with their readings.
 *
 * @param book
 *   The edition (its chapters, and its metadata when given).
 * @param index
 *   The CC-CEDICT index.
 * @param session
 *   The build session (optional): it keeps the words of each chapter object (in watch mode an
 *   unchanged chapter is not searched again) and the union of the last edition's words (see
 *   `Union`).
 * @returns
 *   Dictionary with its words in sorted order (same input, same output).
 */
export function editionDictionary(
  book: DictionarySource,
  index: DictionaryIndex,
  session?: BuildSession | undefined
): EditionDictionary {
  const wordsMemo = session?.chapterMemo<readonly string[]>('dictionary.words')
  const find = (chapter: EditionChapter) => popupWords(index, chineseRuns(chapter.tree))
  const lists = book.chapters.map((chapter) =>
    wordsMemo ? wordsMemo(chapter, '', () => find(chapter)) : find(chapter)
  )
  const meta = book.meta
  const runs = meta
    ? [meta.title, meta.subtitle, meta.author, meta.host, meta.source].filter((value): value is string =>
        Boolean(value)
      )
    : []
  // Only the bilingual edition has a dictionary: one union per index.
  const union = (session?.chapterMemo<Union>('dictionary.union') ?? ((_, __, make: () => Union) => make()))(
    index,
    '',
    () => ({lists: new Map(), counts: new Map(), readings: new Map(), metaText: '', metaWords: [], result: undefined})
  )

  const metaText = runs.join('\n')
  if (metaText !== union.metaText || union.result === undefined) {
    union.metaText = metaText
    union.metaWords = popupWords(index, runs)
  }

  lists.push(union.metaWords)
  return unite(union, lists, index)
}

/**
 * The words of an edition so far, as word lists (each chapter's, the title page's) and how many of
 * them hold each word.
 *
 * Why: a rebuild after an edit changes one chapter's list; the union is updated by that list alone,
 * and when no word comes or goes, the last dictionary is handed back as it was (the same object, so
 * its table is not written again).
 */
interface Union {
  /** Lists in the union, with how many times each is in it. */
  lists: Map<readonly string[], number>
  /** Number of lists holding each word. */
  counts: Map<string, number>
  /** Readings of each word in the union. */
  readings: Map<string, EditionDictionary['words'][string]>
  /** Text of the title page, and its words. */
  metaText: string
  metaWords: readonly string[]
  /** The dictionary last made from the union. */
  result: EditionDictionary | undefined
}

/**
 * Make the union hold exactly `lists`, and give its dictionary.
 *
 * @param union
 *   Union (changed in place).
 */
function unite(union: Union, lists: ReadonlyArray<readonly string[]>, index: DictionaryIndex): EditionDictionary {
  const wanted = new Map<readonly string[], number>()
  for (const list of lists) wanted.set(list, (wanted.get(list) ?? 0) + 1)
  let changed = union.result === undefined

  // Lists that come in first, then lists that go: a word in both stays counted throughout, so only
  // a word that truly comes or goes changes the dictionary.
  for (const [list, times] of wanted) {
    for (let time = union.lists.get(list) ?? 0; time < times; time++) {
      for (const word of list) {
        const count = union.counts.get(word) ?? 0
        if (count === 0) changed = true
        union.counts.set(word, count + 1)
      }
    }
  }

  for (const [list, times] of union.lists) {
    for (let time = wanted.get(list) ?? 0; time < times; time++) {
      for (const word of list) {
        const count = union.counts.get(word)! - 1
        if (count > 0) {
          union.counts.set(word, count)
        } else {
          union.counts.delete(word)
          union.readings.delete(word)
          changed = true
        }
      }
    }
  }

  union.lists = wanted
  if (!changed && union.result) return union.result
  const words: Record<string, EditionDictionary['words'][string]> = {}
  for (const word of [...union.counts.keys()].sort()) {
    let readings = union.readings.get(word)
    if (!readings) {
      readings = index.readings(word)!
      union.readings.set(word, readings)
    }

    words[word] = readings
  }

  union.result = {words, attribution: {...cedictAttribution}}
  return union.result
}

/**
 * The warning a build shows when it has no dictionary (or no cache), as a file with its message so
 * it is reported like the others.
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
