import fs from 'node:fs'
import fc from 'fast-check'
import * as OpenCC from 'opencc-js'
import {configs} from 'opencc-js/preset'
import {describe, expect, it} from 'vitest'
import {createConverter} from '../src/convert/converter.js'
import type {OverrideEntry} from '../src/core/model.js'

function entry(from: string, to: string, line = 1): OverrideEntry {
  return {from, to, path: 'overrides.yaml', line}
}

describe('createConverter', () => {
  it('should give the same text as opencc-js twp → cn without overrides', () => {
    const reference = OpenCC.Converter({from: 'twp', to: 'cn'})
    const converter = createConverter()
    const text = fs
      .readdirSync('manuscript')
      .filter((name) => name.endsWith('.md'))
      .map((name) => fs.readFileSync(`manuscript/${name}`, 'utf8'))
      .join('\n')
    expect(converter.convert(text).value).toBe(reference(text))
  })

  it('should convert Taiwan vocabulary to mainland vocabulary', () => {
    const {value} = createConverter().convert('螢幕、作業系統、矽谷、軟體、資訊')
    expect(value).toBe('屏幕、操作系统、硅谷、软件、信息')
  })

  it('should report vocabulary changes with their offsets', () => {
    const {hits} = createConverter().convert('新的作業系統在矽谷')
    expect(hits).toEqual([
      {kind: 'vocabulary', from: '作業系統', to: '操作系统', start: 2, end: 6},
      {kind: 'vocabulary', from: '矽', to: '硅', start: 7, end: 8}
    ])
  })

  it('should count single-character conversions without listing them', () => {
    const result = createConverter().convert('這個國家')
    expect(result.value).toBe('这个国家')
    expect(result.hits).toEqual([])
    expect(result.characters).toBe(3)
  })

  it('should let an override win over an OpenCC phrase', () => {
    expect(createConverter().convert('核心邏輯').value).toBe('内核逻辑')
    const converter = createConverter([entry('核心', '核心')])
    const result = converter.convert('核心邏輯')
    expect(result.value).toBe('核心逻辑')
    expect(result.hits).toEqual([
      {
        kind: 'override',
        from: '核心',
        to: '核心',
        start: 0,
        end: 2,
        override: entry('核心', '核心')
      }
    ])
  })

  it('should match overrides on the Traditional input, before OpenCC segments it', () => {
    // Stock OpenCC reads 人｜類比｜作 and writes 模拟.
    expect(createConverter().convert('如果把人類比作老鷹').value).toBe('如果把人模拟作老鹰')
    const converter = createConverter([entry('人類比作', '人类比作')])
    expect(converter.convert('如果把人類比作老鷹').value).toBe('如果把人类比作老鹰')
  })

  it('should stop an OpenCC phrase that an override overlaps', () => {
    // 作業 alone is not a phrase: the override cuts 作業系統 in two.
    const converter = createConverter([entry('作業', '作业')])
    expect(converter.convert('作業系統').value).toBe('作业系统')
  })

  it('should prefer the longest override', () => {
    const converter = createConverter([entry('領網域', '领域'), entry('網域', '域名')])
    expect(converter.convert('領網域與網域').value).toBe('领域与域名')
  })

  it('should map every output index to a non-decreasing input offset', () => {
    const input = '網際網路的作業系統'
    const result = createConverter().convert(input)
    expect(result.value).toBe('互联网的操作系统')
    expect([...result.origin]).toEqual([0, 1, 2, 4, 5, 6, 7, 8, 9])
  })

  it('should keep characters outside the BMP intact', () => {
    const result = createConverter().convert('𠮷野家的資訊')
    expect(result.value).toBe('𠮷野家的信息')
  })

  it('should convert any mix of Traditional text, ASCII, punctuation and astral characters like opencc-js', () => {
    const reference = OpenCC.Converter({from: 'twp', to: 'cn'})
    const converter = createConverter()
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 40}), (pieces) => {
        const input = pieces.join('')
        const {value, origin, hits} = converter.convert(input)
        expect(value).toBe(reference(input))
        expect(origin.length).toBe(value.length + 1)
        expect(origin[0]).toBeGreaterThanOrEqual(0)
        expect(origin[value.length]).toBe(input.length)
        for (let index = 1; index < origin.length; index++) {
          expect(origin[index]).toBeGreaterThanOrEqual(origin[index - 1]!)
        }

        for (const hit of hits) expect(hit.from).toBe(input.slice(hit.start, hit.end))
      }),
      {numRuns: 300}
    )
  })
})

type Dict = string | ReadonlyArray<readonly [string, string]>

const tw2sp = configs.tw2sp as {
  normalizationChain: Dict[][]
  segmentation: Dict[]
  conversionChain: Dict[][]
}

/** Keys of the dictionaries of opencc-js's tw2sp chain. */
const keys: string[] = [
  ...tw2sp.normalizationChain.flat(),
  ...tw2sp.segmentation,
  ...tw2sp.conversionChain.flat()
].flatMap((dict) =>
  typeof dict === 'string' ? dict.split('|').map((line) => line.split(' ')[0]!) : dict.map(([key]) => key)
)

/**
 * A piece of text: a whole dictionary key or the start of one (so a match
 * can fail part way), Han text, ASCII and Markdown, CJK punctuation and
 * ideographic description characters (`⿰`), any astral character, or a
 * lone surrogate.
 */
const piece = fc.oneof(
  fc.constantFrom(...keys),
  fc
    .tuple(fc.constantFrom(...keys), fc.nat())
    .map(([key, cut]) => [...key].slice(0, 1 + (cut % [...key].length)).join('')),
  fc.constantFrom('這個國家', '網際網路的作業系統', '核心邏輯', '乾隆皇帝', '著作權', '矽谷'),
  fc.string({unit: 'binary-ascii', maxLength: 6}),
  fc.constantFrom('「', '」', '『', '』', '，', '。', '、', '？', '！', '：', '…', '——', '《', '》', ' ', '\n'),
  fc.integer({min: 0x2ff0, max: 0x2fff}).map((code) => String.fromCodePoint(code)),
  fc.integer({min: 0x10000, max: 0x10ffff}).map((code) => String.fromCodePoint(code)),
  fc.constantFrom('\ud842', '\udfb7')
)
