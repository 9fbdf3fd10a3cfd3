/**
 * `convertText` on a `Table`: what opencc-js's `ConverterFactory` does with
 * the same dictionaries (the script check, `src/check/script.ts`, converts
 * with it): longest key first, the earlier dictionary of a group winning,
 * astral characters and ideographic description sequences kept whole.
 * Tables packed into a file (`src/convert/packed.ts`, the bundled command's
 * `dist/bin/tables.bin`) come back the same.
 */
import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import {ConverterFactory} from 'opencc-js/core'
import {from, to} from 'opencc-js/preset'
import {describe, expect, it} from 'vitest'
import {converterTables} from '../src/check/script.js'
import {chainTables, compileChain} from '../src/convert/chain.js'
import {packTables, readPacked} from '../src/convert/packed.js'
import {convertText, type DictLike, mergeGroup, pairsOf, Table} from '../src/convert/table.js'
import {added, review} from '../src/convert/vocabulary.js'

/** Convert through groups in turn, on tables. */
function converter(...groups: ReadonlyArray<readonly DictLike[]>): (text: string) => string {
  const tables = groups.map((group) => new Table(mergeGroup(group)))
  return (text) => tables.reduce((result, table) => convertText(table, result), text)
}

describe('convertText', () => {
  it('should replace the longest key at each place and keep the rest', () => {
    const table = new Table(mergeGroup(['中 zhong|中國 China|國 guo', [['𠀀', 'astral']]]))
    expect(convertText(table, '中國人中𠀀國')).toBe('China人zhongastralguo')
    expect(convertText(table, '')).toBe('')
    expect(convertText(table, 'abc')).toBe('abc')
  })

  it('should let the earlier dictionary of a group win', () => {
    expect(mergeGroup(['a 1', 'a 2|b 3'])).toEqual(
      new Map([
        ['a', '1'],
        ['b', '3']
      ])
    )
    expect(pairsOf('a 1|b 2')).toEqual([
      ['a', '1'],
      ['b', '2']
    ])
    expect(() => pairsOf('a')).toThrow('Unexpected dictionary line `a`, expected `source replacement`')
  })

  it('should step over an ideographic description sequence whole, as opencc-js does', () => {
    const table = new Table(mergeGroup(['木 wood|國 country']))
    expect(convertText(table, '⿰木國木')).toBe('⿰木國wood')
    expect(ConverterFactory(['木 wood|國 country'])('⿰木國木')).toBe('⿰木國wood')
  })

  it('should convert as opencc-js does with OpenCC’s dictionaries', () => {
    const [stPhrases, stCharacters] = from.cn![0]!
    const [twPhrases, twCharacters] = to.tw![0]!
    const chains: Array<ReadonlyArray<readonly DictLike[]>> = [
      to.cn!,
      [
        [stPhrases!, stCharacters!],
        [twPhrases!, twCharacters!]
      ],
      [[stCharacters!]]
    ]
    const alphabet = Array.from('关系于着群发干后里台个软件网络为了⿰木国系統關係𠀀a ')
    const text = fc.array(fc.constantFrom(...alphabet), {maxLength: 24}).map((characters) => characters.join(''))
    for (const groups of chains) {
      const ours = converter(...groups)
      const theirs = ConverterFactory(...groups)
      expect(ours('关系软件网络于发干')).toBe(theirs('关系软件网络于发干'))
      fc.assert(
        fc.property(text, (value) => ours(value) === theirs(value)),
        {seed: 18, numRuns: 300}
      )
    }
  })
})

describe('packTables', () => {
  it('should give back the tables it packed, arrays and entries', () => {
    const words = new Table(mergeGroup(['中 zhong|中國 China|國 guo', [['𠀀', 'astral']]]))
    const none = new Table(new Map<string, string>())
    const data = packTables({words: [words, none]})
    for (const bytes of [data, new Uint8Array([0, ...data]).subarray(1)]) {
      const file = readPacked(bytes)
      expect(file.names).toEqual(['words'])
      expect(file.group('other')).toBeUndefined()
      const [back, empty] = file.group('words') as [Table<string>, Table<string>]
      expect(back.pack()).toEqual(words.pack())
      expect(convertText(back, '中國人中𠀀國')).toBe('China人zhongastralguo')
      expect(empty.empty).toBe(true)
      expect(empty.pack()).toEqual(none.pack())
    }
  })

  it('should be what the bundled command carries: the chains and converters compiled now', () => {
    const file = readPacked(fs.readFileSync(path.join(import.meta.dirname, '..', 'dist', 'bin', 'tables.bin')))
    const packed = (name: string) => file.group(name)!.map((table) => table.pack())
    expect(packed('chain-general')).toEqual(
      chainTables(compileChain('general', {review, added})).map((table) => table.pack())
    )
    for (const [name, tables] of Object.entries(converterTables())) {
      expect(packed('check-' + name)).toEqual(tables.map((table) => table.pack()))
    }
  })
})
