/** An edition's pop-up dictionary: the CC-CEDICT entries of the words it uses, and only those. */
import {VFile} from 'vfile'
import {warn} from '../core/diagnostics.js'
import type {BookMeta, EditionChapter, EditionDictionary} from '../core/model.js'
import type {DictionaryLoad} from './cache.js'
import type {DictionaryIndex} from './dictionary-index.js'
import type {BuildSession} from '../build/session.js'
import {popupWords, type Segmented} from './popup-words.js'
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
  chapters: readonly EditionChapter[]
  /** Metadata in the edition's script: the title page is shown to readers too (optional). */
  meta?: BookMeta | undefined
}

/**
 * The dictionary of an edition: the CC-CEDICT headwords of the Chinese text of its chapters and
 * title page (not English, code or ruby), single characters included.
 *
 * @param book
 *   The edition (its chapters, and its metadata when given).
 * @param index
 *   The CC-CEDICT index.
 * @param session
 *   The build session (optional): an unchanged chapter is not searched again, and the union of the
 *   last edition's words is kept (see `Union`).
 * @returns
 *   Dictionary with its words in sorted order (same input, same output).
 */
export function editionDictionary(
  book: DictionarySource,
  index: DictionaryIndex,
  session?: BuildSession | undefined
): EditionDictionary {
  const wordsMemo = session?.chapterMemo<readonly string[]>('dictionary.words')
  // Chapters repeat clauses: each is segmented once in this call (bounded, see `popupWords`).
  const segmented: Segmented = new Map()
  const find = (chapter: EditionChapter) => popupWords(index, chineseRuns(chapter.tree), segmented)
  const lists = book.chapters.map((chapter) =>
    wordsMemo ? wordsMemo(chapter, '', () => find(chapter)) : find(chapter)
  )
  const meta = book.meta
  const runs = meta
    ? [meta.title, meta.subtitle, meta.author, meta.host, meta.source].filter((value): value is string =>
        Boolean(value)
      )
    : []
  const union = (session?.chapterMemo<Union>('dictionary.union') ?? ((_, __, make: () => Union) => make()))(
    index,
    '',
    () => ({lists: new Map(), counts: new Map(), readings: new Map(), metaText: '', metaWords: [], result: undefined})
  )

  const metaText = runs.join('\n')
  if (metaText !== union.metaText || union.result === undefined) {
    union.metaText = metaText
    union.metaWords = popupWords(index, runs, segmented)
  }

  lists.push(union.metaWords)
  return unite(union, lists, index)
}

/**
 * The words of an edition so far, as word lists and how many lists hold each word: an edit changes
 * one list, and when no word comes or goes, the last dictionary is handed back as it was (its table
 * is not written again).
 */
interface Union {
  lists: Map<readonly string[], number>
  counts: Map<string, number>
  readings: Map<string, EditionDictionary['words'][string]>
  metaText: string
  metaWords: readonly string[]
  result: EditionDictionary | undefined
}

/** Make the union hold exactly `lists` (changed in place), and give its dictionary. */
function unite(union: Union, lists: ReadonlyArray<readonly string[]>, index: DictionaryIndex): EditionDictionary {
  const wanted = new Map<readonly string[], number>()
  for (const list of lists) wanted.set(list, (wanted.get(list) ?? 0) + 1)
  let changed = union.result === undefined

  // Lists that come in first, then those that go: only a word that truly comes or goes counts.
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
 * The warning a build shows when it has no dictionary (or no cache), as a file with its message.
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
