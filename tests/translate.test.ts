import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {VFile} from 'vfile'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {buildFiles} from '../src/build/build.js'
import {formatMessages} from '../src/core/diagnostics.js'
import {parseCatalog, stringifyCatalog, type Catalog} from '../src/translate/catalog.js'
import {mergeCatalog, similarity} from '../src/translate/merge.js'
import {collectUnits, parseChapter} from '../src/translate/units.js'
import {updateTranslations} from '../src/translate/update.js'

const headers = {Language: 'en', 'Content-Type': 'text/plain; charset=UTF-8'}

function catalog(entries: Array<[string, string, boolean?]>, obsolete: Array<[string, string]> = []): Catalog {
  return {
    headers,
    entries: entries.map(([id, translation, fuzzy]) => ({
      context: 'ch',
      id,
      translation,
      fuzzy: fuzzy ?? false,
      references: []
    })),
    obsolete: obsolete.map(([id, translation]) => ({context: 'ch', id, translation, fuzzy: false, references: []}))
  }
}

const units = (...keys: string[]) => keys.map((key, index) => ({key, reference: `ch.md:${index + 1}`}))

describe('collectUnits', () => {
  it('should key paragraphs, headings, list items, quotes and cells by their Markdown, skipping blocks without Han text', () => {
    const source = [
      '# 標題 *強調*',
      '',
      '第一段，**粗體**與`code`。',
      '',
      '> 引用的',
      '> 第二行',
      '',
      '1. 列表項',
      '2. Only English',
      '',
      '```',
      '程式碼',
      '```',
      '',
      '| 甲 | b |',
      '| --- | --- |',
      '| 乙 | c |'
    ].join('\n')
    const file = new VFile({path: 'ch.md', value: source})
    expect(collectUnits(parseChapter(file), source).map((u) => `${u.line}:${u.column} ${u.key}`)).toEqual([
      '1:1 標題 *強調*',
      '3:1 第一段，**粗體**與`code`。',
      '5:3 引用的\n第二行',
      '8:4 列表項',
      '15:1 甲',
      '17:1 乙'
    ])
  })
})

describe('catalog', () => {
  it('should round-trip fuzzy entries with their previous source, references, comments and obsolete entries', () => {
    const text = [
      'msgid ""',
      'msgstr ""',
      '"Language: en\\n"',
      '"Content-Type: text/plain; charset=UTF-8\\n"',
      '',
      '# Translator: check the name.',
      '#: ch.md:3',
      '#, fuzzy',
      '#| msgctxt "ch"',
      '#| msgid "舊的段落"',
      'msgctxt "ch"',
      'msgid "新的段落"',
      'msgstr "The \\"old\\" paragraph"',
      '',
      '#~ msgctxt "ch"',
      '#~ msgid "刪掉的"',
      '#~ msgstr "Removed"',
      ''
    ].join('\n')
    const parsed = parseCatalog(text)
    expect(parsed.entries).toEqual([
      {
        context: 'ch',
        id: '新的段落',
        translation: 'The "old" paragraph',
        fuzzy: true,
        previous: '舊的段落',
        references: ['ch.md:3'],
        comment: 'Translator: check the name.'
      }
    ])
    expect(parsed.obsolete.map((e) => `${e.id}=${e.translation}`)).toEqual(['刪掉的=Removed'])
    expect(stringifyCatalog(parsed)).toBe(text.replace('charset=UTF-8', 'charset=utf-8') + '\n')
  })
})

describe('mergeCatalog', () => {
  it('should give a new paragraph an empty entry', () => {
    const {catalog: merged, stats} = mergeCatalog(units('甲段', '乙段'), 'ch', catalog([['甲段', 'A']]), headers)
    expect(merged.entries.map((e) => [e.id, e.translation, e.fuzzy])).toEqual([
      ['甲段', 'A', false],
      ['乙段', '', false]
    ])
    expect(stats).toEqual({kept: 1, added: 1, fuzzy: 0, obsolete: 0})
  })

  it('should keep a changed paragraph’s translation, marked fuzzy, with the previous source', () => {
    const old = catalog([
      ['大模型只是少數人的機會。', 'Large models are for the few.'],
      ['別的段落。', 'Another.']
    ])
    const {catalog: merged, stats} = mergeCatalog(units('大模型只是極少數人的機會。', '別的段落。'), 'ch', old, headers)
    expect(merged.entries).toEqual([
      {
        context: 'ch',
        id: '大模型只是極少數人的機會。',
        translation: 'Large models are for the few.',
        fuzzy: true,
        previous: '大模型只是少數人的機會。',
        references: ['ch.md:1'],
        comment: undefined
      },
      {context: 'ch', id: '別的段落。', translation: 'Another.', fuzzy: false, references: ['ch.md:2']}
    ])
    expect(stats).toEqual({kept: 1, added: 0, fuzzy: 1, obsolete: 0})
  })

  it('should keep the first previous source across several edits', () => {
    const old: Catalog = {
      headers,
      entries: [
        {context: 'ch', id: '第二版的段落', translation: 'T', fuzzy: true, previous: '第一版的段落', references: []}
      ],
      obsolete: []
    }
    const {catalog: merged} = mergeCatalog(units('第三版的段落'), 'ch', old, headers)
    expect(merged.entries[0]).toMatchObject({id: '第三版的段落', fuzzy: true, previous: '第一版的段落'})
  })

  it('should make a removed paragraph obsolete, and bring it back when it returns', () => {
    const {catalog: merged, stats} = mergeCatalog(
      units('留下的。'),
      'ch',
      catalog([
        ['留下的。', 'Kept'],
        ['完全刪掉的句子', 'Gone']
      ]),
      headers
    )
    expect(merged.entries.map((e) => e.id)).toEqual(['留下的。'])
    expect(merged.obsolete.map((e) => [e.id, e.translation])).toEqual([['完全刪掉的句子', 'Gone']])
    expect(stats).toEqual({kept: 1, added: 0, fuzzy: 0, obsolete: 1})

    const back = mergeCatalog(units('留下的。', '完全刪掉的句子'), 'ch', merged, headers)
    expect(back.catalog.entries.map((e) => [e.id, e.translation, e.fuzzy])).toEqual([
      ['留下的。', 'Kept', false],
      ['完全刪掉的句子', 'Gone', false]
    ])
    expect(back.catalog.obsolete).toEqual([])
  })

  it('should follow reordered paragraphs without marking anything fuzzy', () => {
    const old = catalog([
      ['第一段。', 'One.'],
      ['第二段。', 'Two.'],
      ['第三段。', 'Three.']
    ])
    const {catalog: merged, stats} = mergeCatalog(units('第三段。', '第一段。', '第二段。'), 'ch', old, headers)
    expect(merged.entries.map((e) => [e.id, e.translation, e.fuzzy])).toEqual([
      ['第三段。', 'Three.', false],
      ['第一段。', 'One.', false],
      ['第二段。', 'Two.', false]
    ])
    expect(stats).toEqual({kept: 3, added: 0, fuzzy: 0, obsolete: 0})
  })

  it('should not pass off an unrelated paragraph as a changed one', () => {
    const {catalog: merged} = mergeCatalog(
      units('完全不同的內容'),
      'ch',
      catalog([['人工智能的未來', 'The future of AI']]),
      headers
    )
    expect(merged.entries.map((e) => [e.id, e.translation, e.fuzzy])).toEqual([['完全不同的內容', '', false]])
    expect(merged.obsolete.map((e) => e.id)).toEqual(['人工智能的未來'])
  })

  it('should measure similarity by character bigrams', () => {
    expect(similarity('大模型', '大模型')).toBe(1)
    expect(similarity('大模型', '小提琴')).toBe(0)
    expect(similarity('大模型的機會', '大模型的機遇')).toBeCloseTo(0.8)
  })
})

describe('zhbook translate then build', () => {
  let dir: string

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-translate-'))
    await fs.writeFile(path.join(dir, 'book.yaml'), 'title: 書名\nauthor: 作者\nchapters:\n  - 1-one.md\n')
    await fs.writeFile(
      path.join(dir, '1-one.md'),
      '# 第一章\n\n第一段講大模型。\n\n第二段講小模型。\n\n第三段講算力。\n'
    )
  })

  afterEach(async () => {
    await fs.rm(dir, {recursive: true, force: true})
  })

  async function po(name: string) {
    return fs.readFile(path.join(dir, 'translations/en', `${name}.po`), 'utf8')
  }

  async function translateAll() {
    for (const name of ['one', 'book']) {
      let text = await po(name)
      text = text.replace(/msgid "([^"]*)"\nmsgstr ""/g, (_, id: string) => `msgid "${id}"\nmsgstr "EN ${id}"`)
      await fs.writeFile(path.join(dir, 'translations/en', `${name}.po`), text)
    }
  }

  it('should create catalogs with an empty entry per paragraph and report every missing one', async () => {
    const first = await updateTranslations(dir)
    expect(first.ok).toBe(true)
    expect(first.catalogs.map((c) => `${c.path} ${c.stats.added} ${c.written}`)).toEqual([
      'translations/en/one.po 4 true',
      'translations/en/book.po 1 true'
    ])

    const result = await buildFiles({input: dir, renderers: [], env: {}})
    expect(result.ok).toBe(true)
    expect(result.editions.map((e) => e.edition.id)).toEqual(['hant', 'hans', 'bilingual'])
    expect(result.coverage).toEqual([{edition: 'bilingual', translated: 0, fuzzy: 0, missing: 4}])
    expect(formatMessages(result.messages, dir).filter((line) => line.includes('[T001]'))).toHaveLength(4)
  })

  it('should mark exactly the edited paragraph fuzzy, keep its English, report it, and change nothing else', async () => {
    await updateTranslations(dir)
    await translateAll()
    expect((await updateTranslations(dir)).catalogs.map((c) => c.written)).toEqual([true, true])
    const before = await po('one')
    const clean = await buildFiles({input: dir, renderers: [], env: {}})
    expect(clean.coverage).toEqual([{edition: 'bilingual', translated: 4, fuzzy: 0, missing: 0}])
    expect(formatMessages(clean.messages, dir)).toEqual([])

    // An editor changes one paragraph.
    await fs.writeFile(
      path.join(dir, '1-one.md'),
      '# 第一章\n\n第一段講大模型。\n\n第二段仔細講小模型。\n\n第三段講算力。\n'
    )
    const update = await updateTranslations(dir)
    expect(update.catalogs.map((c) => [c.path, c.stats, c.written])).toEqual([
      ['translations/en/one.po', {kept: 3, added: 0, fuzzy: 1, obsolete: 0}, true],
      ['translations/en/book.po', {kept: 1, added: 0, fuzzy: 0, obsolete: 0}, false]
    ])

    const after = await po('one')
    const changed = diffLines(before, after)
    expect(changed).toEqual({
      removed: ['msgid "第二段講小模型。"'],
      added: ['#, fuzzy', '#| msgctxt "one"', '#| msgid "第二段講小模型。"', 'msgid "第二段仔細講小模型。"']
    })
    expect(after).toContain('msgid "第二段仔細講小模型。"\nmsgstr "EN 第二段講小模型。"')

    const result = await buildFiles({input: dir, renderers: [], env: {}})
    expect(result.ok).toBe(true)
    expect(result.coverage).toEqual([{edition: 'bilingual', translated: 3, fuzzy: 1, missing: 0}])
    expect(formatMessages(result.messages, dir)).toEqual([
      '1-one.md:5:1: warning: Unexpected fuzzy translation in `translations/en/one.po`, expected it reviewed: update the English and remove the `fuzzy` flag [T002]'
    ])

    const bilingual = result.editions.find((e) => e.edition.id === 'bilingual')!
    const html = JSON.stringify(bilingual.chapters[0]!.tree)
    expect(html).toContain('EN 第一段講大模型。')
    expect(html).toContain('English translation awaiting review.')
    expect(html).not.toContain('EN 第二段講小模型。')
  })
})

/** Lines only in `a`, lines only in `b` (order kept). */
function diffLines(a: string, b: string) {
  const left = a.split('\n')
  const right = b.split('\n')
  return {
    removed: left.filter((line) => !right.includes(line)),
    added: right.filter((line) => !left.includes(line))
  }
}
