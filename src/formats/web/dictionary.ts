/**
 * The pop-up dictionary's table (`web/<edition>/dictionary.js`): this edition's words only, as a
 * script assigning a global (`fetch` of a local file is blocked on `file://`).
 */
import type {BuildSession} from '../../build/session.js'
import type {EditionDictionary} from '../../core/model.js'

/** Global the table script assigns. */
export const dictionaryGlobal = 'zhbookDictionary'

/**
 * Serialise a dictionary as `dictionary.js`: a word per line, in code point order (output does not
 * depend on the order words were found in), each reading as `[pinyin, english]`.
 *
 * @param dictionary
 *   Dictionary.
 * @param session
 *   The build session: it serialises a dictionary once while the edition's words stay (watch mode).
 * @returns
 *   JavaScript.
 */
export function dictionaryTableScript(dictionary: EditionDictionary, session: BuildSession): string {
  return session.chapterMemo<string>('web.dictionary-table')(dictionary, '', () => tableScript(dictionary))
}

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

function comment(value: string): string {
  return value.replace(/\*\//g, '* /').replace(/\s+/g, ' ')
}
