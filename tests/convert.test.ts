import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import * as OpenCC from 'opencc-js'
import {configs} from 'opencc-js/preset'
import rehypeStringify from 'rehype-stringify'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import {describe, expect, it} from 'vitest'
import {createConverter} from '../src/convert/converter.js'
import {createStageContext} from '../src/core/editions.js'
import {loadProject} from '../src/load/project.js'
import {forwardSegments, Segmenter} from '../src/convert/segment.js'
import {Table} from '../src/convert/table.js'
import {added, review} from '../src/convert/vocabulary.js'
import rehypeHantToHans from '../src/stages/rehype-hant-to-hans.js'
import type {OverrideEntry} from '../src/core/model.js'

function entry(from: string, to: string, line = 1): OverrideEntry {
  return {from, to, path: 'overrides.yaml', line}
}

describe('createConverter', () => {
  it('should make none of the mistakes of OpenCC that the manuscript’s overrides correct', () => {
    const converter = createConverter()
    expect(converter.convert('底層核心邏輯；宣告了 AR 時代；建立在基石之上；把人類比作老鷹').value).toBe(
      '底层核心逻辑；宣告了 AR 时代；建立在基石之上；把人类比作老鹰'
    )
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
    expect(createConverter().convert('資訊時代').value).toBe('信息时代')
    const converter = createConverter([entry('資訊', '资讯')])
    const result = converter.convert('資訊時代')
    expect(result.value).toBe('资讯时代')
    expect(result.hits).toEqual([
      {
        kind: 'override',
        from: '資訊',
        to: '资讯',
        start: 0,
        end: 2,
        override: entry('資訊', '资讯')
      }
    ])
  })

  it('should let an override win over zhbook’s vocabulary', () => {
    expect(createConverter().convert('實作細節').value).toBe('实现细节')
    const converter = createConverter([entry('實作', '实作')])
    expect(converter.convert('實作細節').value).toBe('实作细节')
    expect(converter.convert('實作細節').hits.map((hit) => hit.kind)).toEqual(['override'])
  })

  it('should match overrides on the Traditional input, before the text is segmented', () => {
    // 資訊科技 is one OpenCC phrase (信息技术); the override cuts it.
    expect(createConverter().convert('資訊科技').value).toBe('信息技术')
    const converter = createConverter([entry('資訊科', '资讯科')])
    expect(converter.convert('資訊科技').value).toBe('资讯科技')
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

  it('should convert any mix of Traditional text, ASCII, punctuation and astral characters, tracing every unit', () => {
    const converter = createConverter([], {vocabulary: 'technical'})
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 40}), (pieces) => {
        const input = pieces.join('')
        const {value, origin, hits} = converter.convert(input)
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

describe('segmentation', () => {
  it('should not cut words the way forward matching does', () => {
    const converter = createConverter()
    // Forward matching: 順｜序列｜出, 一｜行程｜式碼, 參數列｜表.
    expect(converter.convert('請按順序列出').value).toBe('请按顺序列出')
    expect(converter.convert('寫一行程式碼').value).toBe('写一行代码')
    expect(converter.convert('傳入參數列表').value).toBe('传入参数列表')
    expect(converter.convert('程序式巨集').value).toBe('程序式宏')
    expect(createConverter([], {vocabulary: 'technical'}).convert('程序式巨集').value).toBe('过程宏')
  })

  it('should keep 序列 "sequence" (seq2seq), and 串行 "serial" where it is meant', () => {
    const converter = createConverter()
    expect(converter.convert('序列到序列學習（seq2seq）').value).toBe('序列到序列学习（seq2seq）')
    expect(converter.convert('接上序列埠').value).toBe('接上串口')
  })

  it('should still convert a word forward matching finds', () => {
    expect(createConverter().convert('網際網路的作業系統').value).toBe('互联网的操作系统')
  })
})

describe('Segmenter', () => {
  // A lattice over four characters, so words overlap often.
  const alphabet = ['甲', '乙', '丙', '丁']
  const word = fc.array(fc.constantFrom(...alphabet), {minLength: 2, maxLength: 4}).map((chars) => chars.join(''))
  const text = fc.array(fc.constantFrom(...alphabet), {maxLength: 30}).map((chars) => chars.join(''))

  /** Segments of `value` as strings, by the segmenter and by forward matching. */
  function both(words: readonly string[], value: string) {
    const lattice = new Table(new Map(words.map((key) => [key, true])))
    const units = Uint16Array.from(value, (character) => character.charCodeAt(0))
    const next = new Segmenter(lattice).segment(units, 0, units.length)
    const ours: string[] = []
    for (let index = 0; index < units.length; index = next[index]!) ours.push(value.slice(index, next[index]))
    const forward: string[] = []
    let start = 0
    for (const end of forwardSegments(lattice, units, 0, units.length)) {
      forward.push(value.slice(start, end))
      start = end
    }

    return {ours, forward}
  }

  const singles = (segments: readonly string[]) => segments.filter((segment) => segment.length === 1).length

  it('should choose the fewest segments, then the fewest single characters', () => {
    expect(both(['乙丙', '甲乙', '丙丁'], '甲乙丙丁')).toEqual({ours: ['甲乙', '丙丁'], forward: ['甲乙', '丙丁']})
    // Forward matching takes 乙丙 and leaves 丁 and 甲 alone.
    expect(both(['乙丙', '丙丁'], '乙丙丁甲')).toEqual({ours: ['乙丙', '丁', '甲'], forward: ['乙丙', '丁', '甲']})
    expect(both(['甲乙丙', '丙丁', '甲乙'], '甲乙丙丁')).toEqual({
      ours: ['甲乙', '丙丁'],
      forward: ['甲乙丙', '丁']
    })
  })

  it('should never do worse than forward matching, and agree with it where it is as good', () => {
    fc.assert(
      fc.property(fc.array(word, {maxLength: 8}), text, (words, value) => {
        const {ours, forward} = both(words, value)
        expect(ours.join('')).toBe(value)
        for (const segment of ours) expect(segment.length === 1 || words.includes(segment)).toBe(true)
        expect(ours.length).toBeLessThanOrEqual(forward.length)
        if (ours.length === forward.length) {
          expect(singles(ours)).toBeLessThanOrEqual(singles(forward))
          if (singles(ours) === singles(forward)) expect(ours).toEqual(forward)
        }
      }),
      {numRuns: 500}
    )
  })
})

describe('vocabulary', () => {
  it('should drop OpenCC entries that replace a word standard in both places', () => {
    // Neither 几率 for 機率 nor 信道 for 通道, and 核心 stays 核心.
    expect(createConverter().convert('機率、通道、核心、向量').value).toBe('概率、通道、核心、向量')
    const converter = createConverter([], {vocabulary: 'technical'})
    expect(converter.convert('向量、查詢、執行、複製、離線、高階函數').value).toBe(
      '向量、查询、执行、复制、离线、高阶函数'
    )
  })

  it('should add the words of current mainland writing', () => {
    const converter = createConverter()
    expect(converter.convert('透過實作回傳預設值，疊代字串，在終端機執行程式碼').value).toBe(
      '通过实现返回默认值，迭代字符串，在终端执行代码'
    )
    expect(converter.convert('自訂品質與座標').value).toBe('自定义质量与坐标')
  })

  it('should change field-dependent words only with `vocabulary: technical`', () => {
    const general = createConverter()
    const technical = createConverter([], {vocabulary: 'technical'})
    expect(general.convert('介面；使用者介面；預設；行程；資料').value).toBe('界面；用户界面；预设；行程；资料')
    expect(technical.convert('介面；使用者介面；預設；行程；資料').value).toBe('接口；用户界面；默认；进程；数据')
  })

  it('should say which layer made each change', () => {
    const converter = createConverter([entry('核心', '核心')])
    const {hits} = converter.convert('核心實作在作業系統裡')
    expect(hits.map(({kind, from, to}) => ({kind, from, to}))).toEqual([
      {kind: 'override', from: '核心', to: '核心'},
      {kind: 'zhbook', from: '實作', to: '实现'},
      {kind: 'vocabulary', from: '作業系統', to: '操作系统'}
    ])
  })

  it('should give every entry a reason, and each key once', () => {
    for (const entry of [...added, ...review]) expect(entry.reason.length).toBeGreaterThan(10)
    const keys = added.map((entry) => `${entry.field ?? ''}:${entry.from}`)
    expect(new Set(keys).size).toBe(keys.length)
    expect(new Set(review.map((entry) => entry.from)).size).toBe(review.length)
  })

  it('should review only entries OpenCC has', () => {
    const openccKeys = new Set(pairs(tw2sp.conversionChain[0]![0]!).map(([key]) => key))
    for (const entry of review) expect(openccKeys.has(entry.from), entry.from).toBe(true)
  })

  it('should write added words in Simplified that OpenCC’s Traditional → Simplified step leaves alone', () => {
    const toSimplified = OpenCC.Converter({from: 't', to: 'cn'})
    for (const entry of added) expect(toSimplified(entry.to), entry.from).toBe(entry.to)
  })
})

describe('createStageContext', () => {
  it('should convert with the field `book.yaml` names', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-vocabulary-'))
    try {
      await fs.writeFile(path.join(dir, 'a.md'), '# 第一章\n')
      const convert = async (config: string) => {
        await fs.writeFile(path.join(dir, 'book.yaml'), `title: 書名\nauthor: 作者\n${config}`)
        const {project: book} = await loadProject(dir, {env: {}})
        return createStageContext(book!).converter().convert('程式的介面').value
      }

      expect(await convert('')).toBe('程序的界面')
      expect(await convert('vocabulary: technical\n')).toBe('程序的接口')
    } finally {
      await fs.rm(dir, {recursive: true, force: true})
    }
  })
})

describe('rehypeHantToHans with the vocabulary', () => {
  it('should never convert code', async () => {
    const processor = unified()
      .use(remarkParse)
      .use(remarkRehype)
      .use(rehypeHantToHans, {converter: createConverter([], {vocabulary: 'technical'})})
      .use(rehypeStringify)
    const html = String(await processor.process('實作`實作()`與\n\n```\n回傳 介面\n```\n'))
    expect(html).toBe('<p>实现<code>實作()</code>与</p>\n<pre><code>回傳 介面\n</code></pre>')
  })
})

type Dict = string | ReadonlyArray<readonly [string, string]>

const tw2sp = configs.tw2sp as {
  normalizationChain: Dict[][]
  segmentation: Dict[]
  conversionChain: Dict[][]
}

/** Pairs of a dictionary. */
function pairs(dict: Dict): ReadonlyArray<readonly [string, string]> {
  return typeof dict === 'string' ? dict.split('|').map((line) => line.split(' ') as [string, string]) : dict
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

describe('data words in every field', () => {
  it('should write 資料型別, 資料型態 and 資料庫 as the mainland does, whatever the field', () => {
    for (const vocabulary of ['general', 'technical'] as const) {
      const converter = createConverter([], {vocabulary})
      expect(converter.convert('資料型別、資料型態與資料庫').value).toBe('数据类型、数据类型与数据库')
    }
  })
})
