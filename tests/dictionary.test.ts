/**
 * The pop-up dictionary's data: pinyin, the rows derived from CC-CEDICT, the
 * text that is looked up, the cache, and the build.
 *
 * Only one thing here reads the real CC-CEDICT: the shared index in
 * `node_modules/.cache/zhbook/` (made once, by the first test that needs it,
 * then read). The cache itself is tested on a small cc-cedict package
 * written into a temporary folder.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type {Root} from 'hast'
import {h} from 'hastscript'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {buildFiles} from '../src/build/build.js'
import {formatMessages} from '../src/core/diagnostics.js'
import {cacheFileName, dictionaryIndex, loadDictionaryIndex} from '../src/dictionary/cache.js'
import {deriveRows} from '../src/dictionary/cedict.js'
import {cedictAttribution, dictionaryMessages, editionDictionary} from '../src/dictionary/edition-dictionary.js'
import {toneMarks, toneMarksInText} from '../src/dictionary/pinyin.js'
import {withLock} from '../src/dictionary/lock.js'
import {popupWords, type Segmented} from '../src/dictionary/popup-words.js'
import {chineseRuns} from '../src/dictionary/text.js'
import type {EditionChapter} from '../src/core/model.js'
import {BuildSession} from '../src/build/session.js'

const manuscript = path.join(import.meta.dirname, '..', 'manuscript')

/** A small CC-CEDICT in the shape of cc-cedict's `data/all.js`. */
const fakeData = {
  all: [
    ['110', '110', 'yao1 yao1 ling2', 'the emergency number for law enforcement', [], []],
    ['乾', '干', 'Gan1', 'surname Gan', [], []],
    ['乾', '干', 'gan1', ['dry', 'dried food'], [], []],
    ['亁', '干', 'gan1', 'variant of 乾|干[gan1]', [0], []],
    ['前邊兒', '前边儿', 'qian2 bian5 r5', 'erhua variant of 前邊|前边[qian2 bian5]', [1], []],
    ['女', '女', 'nu:3', ['female', 'woman'], [], []],
    ['宊', '宊', 'tu2', [], [2], []],
    ['干', '干', 'gan1', ['to concern oneself with', 'dry'], [], []],
    ['幹', '干', 'gan4', ['tree trunk', 'to do'], [], []],
    ['會', '会', 'hui4', ['can', 'to meet'], [], []],
    ['會', '会', 'kuai4', 'to balance an account', [], []],
    ['機', '机', 'ji1', ['machine', 'opportunity'], [], []],
    ['機會', '机会', 'ji1 hui4', ['opportunity', 'chance'], [], []],
    ['模型', '模型', 'mo2 xing2', ['model', 'mold'], [], []],
    ['略', '略', 'lu:e4', ['brief', 'outline'], [], []],
    ['畧', '略', 'lu:e4', 'variant of 略[lu:e4]', [3], []],
    ['歐洲', '欧洲', 'Ou1 zhou1', 'Europe', [], []],
    ['的', '的', 'de5', 'possessive particle (see also 地[de5])', [], []],
    ['的', '的', 'di4', 'target', [], []]
  ] as Array<[string, string, string, string | string[], number[], number[]]>,
  variantLookup: [
    ['乾', '干', 'gan1'],
    ['前邊', '前边', 'qian2 bian5'],
    ['突', '突', ''],
    ['略', '略', 'lu:e4']
  ] as Array<[string, string, string]>,
  classifierLookup: []
}

/** The rows of `fakeData`, written out. */
const fakeRows = [
  {word: '会', pinyin: 'huì', en: 'can; to meet'},
  {word: '会', pinyin: 'kuài', en: 'to balance an account'},
  {word: '前边儿', pinyin: 'qián bian r', en: 'erhua variant of 前邊|前边[qián bian]'},
  {word: '女', pinyin: 'nǚ', en: 'female; woman'},
  {word: '宊', pinyin: 'tú', en: 'variant of 突'},
  {word: '干', pinyin: 'gān', en: 'dry; dried food; to concern oneself with'},
  {word: '干', pinyin: 'gàn', en: 'tree trunk; to do'},
  {word: '干', pinyin: 'Gān', en: 'surname Gan'},
  {word: '机', pinyin: 'jī', en: 'machine; opportunity'},
  {word: '机会', pinyin: 'jī huì', en: 'opportunity; chance'},
  {word: '模型', pinyin: 'mó xíng', en: 'model; mold'},
  {word: '欧洲', pinyin: 'Ōu zhōu', en: 'Europe'},
  {word: '略', pinyin: 'lüè', en: 'brief; outline'},
  {word: '的', pinyin: 'de', en: 'possessive particle (see also 地[de])'},
  {word: '的', pinyin: 'dì', en: 'target'}
]

/** A hand-made chapter as the bilingual edition's stages make them. */
const handMade: Root = h(null, [
  h('h1', ['大模型', h('span', {lang: 'en', className: ['translation']}, 'Large models 猫')]),
  h('p', ['我们的', h('strong', '模型'), '有', h('ruby', ['机会', h('rp', '('), h('rt', '狗'), h('rp', ')')]), '。']),
  h('p', {lang: 'en', className: ['translation']}, ['English 鸟 ', h('span', {lang: 'zh-Hans'}, '开场')]),
  h('pre', h('code', '变量')),
  h('p', ['小', h('br'), '说'])
])

/**
 * A chapter around a tree.
 *
 * @param tree
 *   Tree.
 * @returns
 *   Chapter.
 */
function chapter(tree: Root): EditionChapter {
  return {id: 'test', title: 'test', sourcePath: 'test.md', tree}
}

let temporary: string

beforeAll(async () => {
  temporary = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-dictionary-'))
})

afterAll(async () => {
  await fs.rm(temporary, {recursive: true, force: true})
})

/**
 * Write a fake cc-cedict package.
 *
 * @param name
 *   Folder name in the temporary folder.
 * @returns
 *   Its folder.
 */
async function fakePackage(name: string): Promise<string> {
  const dir = path.join(temporary, name, 'node_modules', 'cc-cedict')
  await fs.mkdir(path.join(dir, 'data'), {recursive: true})
  await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify({name: 'cc-cedict', version: '9.9.9'}))
  await fs.writeFile(path.join(dir, 'data', 'all.js'), `export default ${JSON.stringify(fakeData)}`)
  return dir
}

describe('toneMarks', () => {
  it('should put tone marks on numbered pinyin', () => {
    expect(toneMarks('da4 mo2 xing2')).toBe('dà mó xíng')
    expect(toneMarks('ji1 hui4')).toBe('jī huì')
    expect(toneMarks('xiong1 zhuang4 gui1 liu2')).toBe('xiōng zhuàng guī liú')
  })

  it('should read `u:` as ü, marked or not', () => {
    expect(toneMarks('lu:4')).toBe('lǜ')
    expect(toneMarks('nu:3')).toBe('nǚ')
    expect(toneMarks('lu:e4')).toBe('lüè')
    expect(toneMarks('nu:5')).toBe('nü')
  })

  it('should drop the neutral tone’s 5', () => {
    expect(toneMarks('ma5')).toBe('ma')
    expect(toneMarks('qian2 bian5 r5')).toBe('qián bian r')
  })

  it('should keep the capitals of proper nouns, marking the right vowel', () => {
    expect(toneMarks('Zhong1 guo2')).toBe('Zhōng guó')
    expect(toneMarks('Ou1 zhou1')).toBe('Ōu zhōu')
    expect(toneMarks('Ai4 er3 lan2')).toBe('Ài ěr lán')
    expect(toneMarks('E2 guo2')).toBe('É guó')
    expect(toneMarks('Lu:3')).toBe('Lǚ')
  })

  it('should keep what is not a syllable', () => {
    expect(toneMarks('san1 D da3 yin4')).toBe('sān D dǎ yìn')
    expect(toneMarks('Ka3 er3 · Ma3 ke4 si1')).toBe('Kǎ ěr · Mǎ kè sī')
    expect(toneMarks('bu4 guan3 , zhuo1 zhu4')).toBe('bù guǎn , zhuō zhù')
  })

  it('should convert bracketed pinyin in definitions, and only pinyin', () => {
    expect(toneMarksInText('a taxi (abbr. for 的士[di1 shi4])')).toBe('a taxi (abbr. for 的士[dī shì])')
    expect(toneMarksInText('also pr. [di4] or [di5]')).toBe('also pr. [dì] or [di]')
    expect(toneMarksInText('a [sic] note')).toBe('a [sic] note')
  })
})

describe('deriveRows', () => {
  it('should merge, order and filter the readings of each Simplified headword', () => {
    expect(deriveRows(fakeData.all, fakeData.variantLookup)).toEqual(fakeRows)
  })
})

describe('chineseRuns', () => {
  it('should collect the Chinese text a reader sees unbroken, without English, code or ruby text', () => {
    expect(chineseRuns(handMade)).toEqual(['大模型', '我们的模型有机会。', '开场', '小', '说'])
  })
})

describe('DictionaryIndex', () => {
  it('should visit every headword by start, then by length, characters beyond the BMP included', async () => {
    const {index} = await dictionaryIndex()
    const visited: string[] = []
    index!.eachWord('二𫫇英和𫫇嗪', (word, start, end) => {
      visited.push(`${word} ${start}-${end}`)
    })
    expect(visited).toEqual(['二 0-1', '二𫫇英 0-4', '𫫇 1-3', '英 3-4', '和 4-5', '𫫇 5-7', '𫫇嗪 5-8', '嗪 7-8'])
    // Whitespace ends a headword.
    expect(index!.wordsIn(['原子 弹'])).toEqual(['原', '原子', '子', '弹'])
  })

  it('should say the same of a word before and after a text was searched', async () => {
    // A fresh index: nothing searched yet.
    const {index} = await loadDictionaryIndex()
    const answers = () =>
      ['原子弹', '原子弹头', '原子能', '子弹', '弹头', '𫫇嗪', '二𫫇'].map((word) => [
        word,
        index!.has(word),
        index!.readings(word)?.map((reading) => reading.pinyin)
      ])
    const expected = [
      ['原子弹', true, ['yuán zǐ dàn']],
      ['原子弹头', false, undefined],
      ['原子能', true, ['yuán zǐ néng']],
      ['子弹', true, ['zǐ dàn']],
      ['弹头', true, ['dàn tóu']],
      ['𫫇嗪', true, ['è qín']],
      ['二𫫇', false, undefined]
    ]
    expect(answers()).toEqual(expected)
    expect(index!.wordsIn(['原子弹头', '二𫫇英和𫫇嗪'])).toEqual([
      '二',
      '二𫫇英',
      '原',
      '原子',
      '原子弹',
      '和',
      '嗪',
      '头',
      '子',
      '子弹',
      '弹',
      '弹头',
      '英',
      '𫫇',
      '𫫇嗪'
    ])
    expect(answers()).toEqual(expected)
  })
})

describe('popupWords', () => {
  it('should find in a clause what it finds there alone, however often the clause repeats', async () => {
    const {index} = await dictionaryIndex()
    // 和音 stands as a word alone, not inside 视频和音频.
    expect(popupWords(index!, ['和音'])).toEqual(['和', '和音', '音'])
    expect(popupWords(index!, ['视频和音频。视频和音频', '视频和音频'])).toEqual([
      '和',
      '视',
      '视频',
      '音',
      '音频',
      '频'
    ])
    expect(popupWords(index!, ['视频和音频。视频和音频', '和音', '视频和音频'])).toEqual([
      '和',
      '和音',
      '视',
      '视频',
      '音',
      '音频',
      '频'
    ])
  })

  it('should segment a clause once across calls that share what they segmented, finding the same words', async () => {
    const {index} = await dictionaryIndex()
    const segmented: Segmented = new Map()
    expect(popupWords(index!, ['视频和音频。和音'], segmented)).toEqual([
      '和',
      '和音',
      '视',
      '视频',
      '音',
      '音频',
      '频'
    ])
    expect([...segmented.keys()]).toEqual(['视频和音频', '和音'])
    const kept = segmented.get('视频和音频')
    expect(popupWords(index!, ['视频和音频'], segmented)).toEqual(['和', '视', '视频', '音', '音频', '频'])
    expect(popupWords(index!, ['和音。原子弹'], segmented)).toEqual(['原', '原子弹', '和', '和音', '子', '弹', '音'])
    expect([...segmented.keys()]).toEqual(['视频和音频', '和音', '原子弹'])
    expect(segmented.get('视频和音频')).toBe(kept)
  })
})

describe('editionDictionary', () => {
  it('should hold exactly the CC-CEDICT words of the text, single characters included', async () => {
    const {index} = await dictionaryIndex()
    const dictionary = editionDictionary({chapters: [chapter(handMade)]}, index!)
    // Not 大模型 (not in CC-CEDICT), not 猫, 狗, 鸟, 变量 (English, ruby
    // text, code), not 小说 (a line break between), not 有机 (有|机会).
    expect(Object.keys(dictionary.words)).toEqual([
      '们',
      '会',
      '场',
      '型',
      '大',
      '小',
      '开',
      '开场',
      '我',
      '我们',
      '有',
      '机',
      '机会',
      '模',
      '模型',
      '的',
      '说'
    ])
    expect(dictionary.words['模型']).toEqual([{pinyin: 'mó xíng', en: 'model; mold; matrix; pattern'}])
    expect(dictionary.words['机会']).toEqual([{pinyin: 'jī huì', en: 'opportunity; chance; occasion'}])
    expect(dictionary.words['会']!.map((reading) => reading.pinyin)).toEqual(['huì', 'kuài'])
    expect(dictionary.attribution).toEqual(cedictAttribution)
  })

  it('should hold the words a reader sees, not words across two or inside one', async () => {
    const {index} = await dictionaryIndex()
    const tree: Root = h(null, [h('p', '视频和音频。一枚原子弹。保证注册人为真实的人。人工智能。')])
    const words = Object.keys(editionDictionary({chapters: [chapter(tree)]}, index!).words)
    expect(['和音', '子弹', '原子', '人为'].filter((word) => words.includes(word))).toEqual([])
    expect(
      ['视频', '音频', '原子弹', '注册', '真实', '人工智能', '人工', '智能', '和', '子', '人'].filter(
        (word) => !words.includes(word)
      )
    ).toEqual([])
  })

  it('should look up the title page too', async () => {
    const {index} = await dictionaryIndex()
    const meta = {title: '机会', author: '小', language: 'zh-Hans', identifier: 'x', date: '2026-01-01', slug: 'x'}
    expect(Object.keys(editionDictionary({chapters: [], meta}, index!).words)).toEqual(['会', '小', '机', '机会'])
  })

  it('should follow edits, as a dictionary made afresh, and give back the same one while no word comes or goes', async () => {
    const {index} = await dictionaryIndex()
    // A session keeps what the last build found (watch mode).
    const session = new BuildSession()
    const a = chapter(h(null, [h('p', '我们的机会')]))
    const b = chapter(h(null, [h('p', '小模型')]))
    /** The words of chapters, found afresh. */
    const afresh = (chapters: EditionChapter[]) =>
      [...new Set(chapters.flatMap((one) => index!.wordsIn(chineseRuns(one.tree))))].sort()
    const steps: EditionChapter[][] = [
      [a, b],
      // An edit of b: a new chapter object with more words.
      [a, chapter(h(null, [h('p', '小模型开场')]))],
      [a, a, chapter(h(null, [h('p', '开场')]))],
      [a],
      []
    ]
    let last: ReturnType<typeof editionDictionary> | undefined
    for (const chapters of steps) {
      const dictionary = editionDictionary({chapters}, index!, session)
      expect(Object.keys(dictionary.words)).toEqual(afresh(chapters))
      expect(dictionary).not.toBe(last)
      last = dictionary
    }

    // The same words again, from other chapter objects: the same dictionary.
    const again = editionDictionary({chapters: [chapter(h(null, [h('p', '我们')]))]}, index!, session)
    expect(editionDictionary({chapters: [chapter(h(null, [h('p', '我们们')]))]}, index!, session)).toBe(again)
  })

  it('should find nothing in English or pinyin', async () => {
    const {index} = await dictionaryIndex()
    const tree: Root = h(null, [
      h('p', {lang: 'en'}, '模型 and 机会'),
      h('p', [h('ruby', ['', h('rt', {lang: 'zh-Latn-pinyin'}, '模型')])]),
      h('p', h('span', {lang: 'zh-Latn-pinyin'}, '机会'))
    ])
    expect(editionDictionary({chapters: [chapter(tree)]}, index!).words).toEqual({})
  })
})

describe('loadDictionaryIndex', () => {
  it('should derive the index once, then read it, with the same result', async () => {
    const cedictDir = await fakePackage('cache')
    const cacheDir = path.join(temporary, 'cache', 'cache-folder')
    const options = {cedictDir, cacheDir}

    const first = await loadDictionaryIndex(options)
    expect([first.from, first.rebuilt, first.problem]).toEqual(['cedict', 'missing', undefined])
    expect(first.file).toBe(path.join(cacheDir, 'cedict-9.9.9-f1.tsv'))
    expect(cacheFileName({version: '9.9.9'})).toBe('cedict-9.9.9-f1.tsv')
    // Written atomically: nothing else is left in the folder.
    expect(await fs.readdir(cacheDir)).toEqual(['cedict-9.9.9-f1.tsv'])

    const second = await loadDictionaryIndex(options)
    expect(second.from).toBe('cache')

    const tree: Root = h(null, [h('p', '干女的机会，前边儿略有模型。欧洲宊')])
    const words = editionDictionary({chapters: [chapter(tree)]}, first.index!).words
    expect(editionDictionary({chapters: [chapter(tree)]}, second.index!).words).toEqual(words)
    expect(JSON.stringify(words)).toBe(
      JSON.stringify(
        Object.fromEntries(
          [...new Set(fakeRows.map((row) => row.word))].map((word) => [
            word,
            fakeRows.filter((row) => row.word === word).map(({pinyin, en}) => ({pinyin, en}))
          ])
        )
      )
    )
    expect(second.index!.readings('会')).toEqual([
      {pinyin: 'huì', en: 'can; to meet'},
      {pinyin: 'kuài', en: 'to balance an account'}
    ])
    expect(second.index!.readings('110')).toBe(undefined)
    expect(second.index!.readings('机会 ')).toBe(undefined)
  })

  it('should rebuild a truncated, altered or stale cache file, never use it', async () => {
    const cedictDir = await fakePackage('damaged')
    const options = {cedictDir, cacheDir: path.join(temporary, 'damaged', 'cache-folder')}
    const {file} = await loadDictionaryIndex(options)
    const good = await fs.readFile(file!)

    await fs.writeFile(file!, good.subarray(0, good.length - 20))
    const truncated = await loadDictionaryIndex(options)
    expect([truncated.from, truncated.rebuilt]).toEqual(['cedict', 'corrupt'])
    expect(await fs.readFile(file!)).toEqual(good)

    const altered = Buffer.from(good)
    altered[altered.length - 5] = 0x21
    await fs.writeFile(file!, altered)
    expect((await loadDictionaryIndex(options)).rebuilt).toBe('corrupt')

    await fs.writeFile(file!, 'zhbook-cedict\tformat=0\n')
    expect((await loadDictionaryIndex(options)).rebuilt).toBe('stale')

    await fs.writeFile(file!, '')
    expect((await loadDictionaryIndex(options)).rebuilt).toBe('corrupt')

    // New data under the same version (cc-cedict's postinstall can do that).
    await fs.appendFile(path.join(cedictDir, 'data', 'all.js'), '\n')
    expect((await loadDictionaryIndex(options)).rebuilt).toBe('stale')
    expect((await loadDictionaryIndex(options)).from).toBe('cache')
  })

  it('should derive the index once when loads run side by side', async () => {
    const cedictDir = await fakePackage('together')
    const cacheDir = path.join(temporary, 'together', 'cache-folder')
    const loads = await Promise.all([
      loadDictionaryIndex({cedictDir, cacheDir}),
      loadDictionaryIndex({cedictDir, cacheDir})
    ])
    expect(loads.map((load) => load.from).sort()).toEqual(['cache', 'cedict'])
    expect(await fs.readdir(cacheDir)).toEqual(['cedict-9.9.9-f1.tsv'])
  })

  it('should warn, naming the file, when CC-CEDICT’s data is missing', async () => {
    const cedictDir = path.join(temporary, 'missing', 'node_modules', 'cc-cedict')
    const load = await loadDictionaryIndex({cedictDir, cacheDir: path.join(temporary, 'missing', 'cache')})
    expect([load.index, load.from]).toEqual([undefined, 'none'])
    const file = path.join(cedictDir, 'data', 'all.js')
    expect(formatMessages(dictionaryMessages(load), temporary)).toEqual([
      `${path.relative(temporary, file)}:1:1: warning: Unexpected missing CC-CEDICT data file, expected the cc-cedict package's data (install the dependencies with \`npm ci\`); the edition is built without its pop-up dictionary [D001]`
    ])
  })
})

describe('withLock', () => {
  it('should let one task run at a time, telling the next it waited', async () => {
    const file = path.join(temporary, 'task.lock')
    const order: string[] = []
    const task = (name: string) => async (waited: boolean) => {
      order.push(`${name} start ${waited}`)
      await new Promise((resolve) => setTimeout(resolve, 30))
      order.push(`${name} end`)
    }

    await Promise.all([withLock(file, task('a'), {interval: 5}), withLock(file, task('b'), {interval: 5})])
    expect(order).toEqual(['a start false', 'a end', 'b start true', 'b end'])
    await expect(fs.access(file)).rejects.toThrow()
  })

  it('should take over a lock left by a crashed process', async () => {
    const file = path.join(temporary, 'stale.lock')
    await fs.writeFile(file, '')
    const old = new Date(Date.now() - 60_000)
    await fs.utimes(file, old, old)
    expect(await withLock(file, async (waited) => waited)).toBe(false)
  })

  it('should go on without a lock it cannot make', async () => {
    expect(await withLock(path.join(temporary, 'no', 'such', 'folder.lock'), async () => 'ran')).toBe('ran')
  })
})

describe('build', () => {
  it('should give the bilingual edition, and only it, a dictionary of its words', async () => {
    const result = await buildFiles({input: manuscript, renderers: [], env: {}})
    expect(result.ok).toBe(true)
    expect(result.editions.map((book) => [book.edition.id, book.dictionary !== undefined])).toEqual([
      ['hant', false],
      ['hans', false],
      ['bilingual', true]
    ])
    const dictionary = result.editions[2]!.dictionary!
    // CC-CEDICT has no 大模型; the pop-up finds 大 and 模型.
    expect(dictionary.words['大模型']).toBe(undefined)
    expect(dictionary.words['大']![0]!.pinyin).toBe('dà')
    expect(dictionary.words['模型']).toEqual([{pinyin: 'mó xíng', en: 'model; mold; matrix; pattern'}])
    expect(dictionary.words['机会']).toEqual([{pinyin: 'jī huì', en: 'opportunity; chance; occasion'}])
    expect(dictionary.words['人工智能']).toEqual([{pinyin: 'rén gōng zhì néng', en: 'artificial intelligence (AI)'}])
    expect(dictionary.attribution).toEqual({
      name: 'CC-CEDICT',
      url: 'https://www.mdbg.net/chinese/dictionary?page=cc-cedict',
      license: 'CC BY-SA 4.0',
      licenseUrl: 'https://creativecommons.org/licenses/by-sa/4.0/'
    })
    const keys = Object.keys(dictionary.words)
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
    // Every Han character of the text is there.
    const {chapters, meta} = result.editions[2]!
    const text = [
      ...chapters.flatMap((entry) => chineseRuns(entry.tree)),
      meta.title,
      meta.subtitle,
      meta.author,
      meta.host,
      meta.source
    ].join('\n')
    expect([...new Set(text.match(/\p{Script=Han}/gu))].filter((character) => !dictionary.words[character])).toEqual([])
    expect(keys.filter((word) => !text.includes(word))).toEqual([])
  })

  it('should build without a dictionary, and warn, when CC-CEDICT’s data is missing', async () => {
    const cedictDir = path.join(temporary, 'build', 'node_modules', 'cc-cedict')
    const result = await buildFiles({
      input: manuscript,
      renderers: [],
      env: {},
      editions: ['bilingual'],
      dictionary: {cedictDir}
    })
    expect(result.ok).toBe(true)
    expect(result.editions[0]!.dictionary).toBe(undefined)
    expect(formatMessages(result.messages, temporary).filter((line) => line.endsWith('[D001]'))).toEqual([
      `${path.relative(temporary, path.join(cedictDir, 'data', 'all.js'))}:1:1: warning: Unexpected missing CC-CEDICT data file, expected the cc-cedict package's data (install the dependencies with \`npm ci\`); the edition is built without its pop-up dictionary [D001]`
    ])
  })

  it('should not read CC-CEDICT for editions without a dictionary', async () => {
    const cedictDir = path.join(temporary, 'build', 'node_modules', 'cc-cedict')
    const result = await buildFiles({
      input: manuscript,
      renderers: [],
      env: {},
      editions: ['hant', 'hans'],
      dictionary: {cedictDir}
    })
    expect(result.ok).toBe(true)
    // Had it tried, the missing data would have been reported.
    expect(formatMessages(result.messages).filter((line) => line.endsWith('[D001]'))).toEqual([])
  })
})
