/**
 * The pop-up dictionary's table (`web/<edition>/dictionary.js`): the words of this edition only, as
 * the build found them in CC-CEDICT, never the whole dictionary. A script assigning a global
 * (`fetch` of a local file is blocked on `file://`).
 */
import type {BuildSession} from '../../build/session.js'
import type {EditionDictionary} from '../../core/model.js'

/** Global the table script assigns. */
export const dictionaryGlobal = 'zhbookDictionary'

/**
 * Serialise a dictionary as the script `dictionary.js`: one word per line, words in code point
 * order (so output does not depend on the order they were found in), each reading as `[pinyin,
 * english]`.
 *
 * @param dictionary
 *   Dictionary.
 * @param session
 *   The build session: the same dictionary comes back while no word of the edition comes or goes
 *   (watch mode), and is serialised once.
 * @returns
 *   JavaScript.
 */
export function dictionaryTableScript(dictionary: EditionDictionary, session: BuildSession): string {
  return session.chapterMemo<string>('web.dictionary-table')(dictionary, '', () => tableScript(dictionary))
}

/** Serialise a dictionary (see `dictionaryTableScript`). */
function tableScript(dictionary: EditionDictionary): string {
  const {attribution} = dictionary
  const words = Object.keys(dictionary.words)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map(
      (word) =>
        JSON.stringify(word) +
        ': ' +
        JSON.stringify((dictionary.words[word] ?? []).map((reading) => [reading.pinyin, reading.en]))
    )

  return (
    '/* zhbook: pop-up dictionary of this edition (the words of this book only).\n' +
    ' * ' +
    comment(attribution.name + ', ' + attribution.url) +
    '\n * ' +
    comment('License: ' + attribution.license + ', ' + attribution.licenseUrl) +
    ' */\n' +
    'window.' +
    dictionaryGlobal +
    ' = {"words": {\n' +
    words.join(',\n') +
    '\n}}\n'
  )
}

/** Make text safe inside a block comment. */
function comment(value: string): string {
  return value.replace(/\*\//g, '* /').replace(/\s+/g, ' ')
}
