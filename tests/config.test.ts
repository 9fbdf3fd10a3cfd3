import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {chapterId} from '../src/load/book.js'
import {loadProject} from '../src/load/project.js'
import {BuildSession} from '../src/build/session.js'
import {readManuscriptText} from '../src/load/read-text.js'
import {formatMessages} from '../src/core/diagnostics.js'

let dir: string
/** One session for the file, as a watch session keeps one. */
const session = new BuildSession()

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-config-'))
})

afterEach(async () => {
  await fs.rm(dir, {recursive: true, force: true})
})

async function write(files: Record<string, string | Buffer>) {
  for (const [name, value] of Object.entries(files)) await fs.writeFile(path.join(dir, name), value)
}

/** The warning a folder without book.yaml gets (L006). */
function untitled() {
  return `.:1:1: warning: Unexpected book without a title, expected \`title:\` (and \`author:\`) in a \`book.yaml\` in the book’s folder: using the folder name \`${path.basename(dir)}\` [L006]`
}

async function messages() {
  const {project: book, files} = await loadProject(dir, {env: {}, session})
  return {book, lines: formatMessages(files, dir)}
}

const chapter = '# 第一章\n\n正文。\n'

describe('loadProject', () => {
  it('should read book.yaml, chapters in listed order and the override dictionary', async () => {
    await write({
      'book.yaml': 'title: 書名\nauthor: 作者\ndate: 2024-05-06\nslug: my-book\nchapters:\n  - 2-b.md\n  - 1-a.md\n',
      '1-a.md': chapter,
      '2-b.md': chapter,
      'overrides.yaml': '# why\n核心: 核心\n'
    })
    const {book, lines} = await messages()
    expect(lines).toEqual([])
    expect(book?.chapters.map((c) => `${c.id}:${c.path}`)).toEqual(['b:2-b.md', 'a:1-a.md'])
    expect(book?.meta).toEqual({
      title: '書名',
      subtitle: undefined,
      author: '作者',
      host: undefined,
      source: undefined,
      language: 'zh-Hant',
      identifier: book?.meta.identifier,
      date: '2024-05-06',
      slug: 'my-book'
    })
    expect(book?.meta.identifier).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    )
    expect(book?.overrides).toEqual([{from: '核心', to: '核心', path: 'overrides.yaml', line: 2}])
    expect(book?.metaLines.title).toBe(1)
    expect(book?.metaLines.date).toBe(3)
  })

  it('should build a bare folder with defaults: file-name order, titled after the folder with a warning (L006)', async () => {
    await write({'b.md': '# 第二章\n', 'a.md': '前言\n\n# 書的標題\n', 'README.md': '# Read me\n'})
    const {book, lines} = await messages()
    // Never a chapter's heading: a cover would read 「書的標題」 or 「前言」.
    expect(lines).toEqual([untitled()])
    expect(book?.chapters.map((c) => c.path)).toEqual(['a.md', 'b.md'])
    expect(book?.meta.title).toBe(path.basename(dir))
    expect(book?.meta.language).toBe('zh-Hant')
    expect(book?.meta.date).toBe('1980-01-01')
  })

  it('should take a bare folder’s date from SOURCE_DATE_EPOCH', async () => {
    await write({'a.md': chapter})
    const {project: book} = await loadProject(dir, {env: {SOURCE_DATE_EPOCH: '1700000000'}, session})
    expect(book?.meta.date).toBe('2023-11-14')
  })

  it('should read `kepub`, off by default', async () => {
    await write({'book.yaml': 'title: 書名\nauthor: 作者\n', 'a.md': chapter})
    expect((await messages()).book?.settings.kepub).toBe(false)
    await write({'book.yaml': 'title: 書名\nauthor: 作者\nkepub: true\n'})
    expect((await messages()).book?.settings.kepub).toBe(true)
    await write({'book.yaml': 'title: 書名\nauthor: 作者\nkepub: yes please\n'})
    const {book, lines} = await messages()
    expect(book).toBeUndefined()
    expect(lines).toEqual([
      'book.yaml:3:8: error: Unexpected value for `kepub`: Invalid input: expected boolean, received string [C002]'
    ])
  })

  it('should read `vocabulary`, `general` by default', async () => {
    await write({'book.yaml': 'title: 書名\nauthor: 作者\n', 'a.md': chapter})
    expect((await messages()).book?.settings.vocabulary).toBe('general')
    await write({'book.yaml': 'title: 書名\nauthor: 作者\nvocabulary: technical\n'})
    expect((await messages()).book?.settings.vocabulary).toBe('technical')
    await write({'book.yaml': 'title: 書名\nauthor: 作者\nvocabulary: medical\n'})
    const {book, lines} = await messages()
    expect(book).toBeUndefined()
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^book\.yaml:3:13: error: Unexpected value for `vocabulary`: .+ \[C002\]$/)
  })

  it('should report a YAML syntax error with its line (C001)', async () => {
    await write({'book.yaml': 'title: 書名\nauthor: [作者\n', 'a.md': chapter})
    const {book, lines} = await messages()
    expect(book).toBeUndefined()
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^book\.yaml:3:1: error: Unexpected YAML syntax: .+ \[C001\]$/)
  })

  it('should name the field and line of a wrong type (C002)', async () => {
    await write({'book.yaml': 'title: 書名\nauthor: 作者\nchapters: a.md\n', 'a.md': chapter})
    const {lines} = await messages()
    expect(lines).toEqual([
      'book.yaml:3:11: error: Unexpected value for `chapters`: Invalid input: expected array, received string [C002]'
    ])
  })

  it('should report an invalid date and slug (C002)', async () => {
    await write({'book.yaml': 'title: 書名\nauthor: 作者\ndate: 6 May\nslug: 我的書\n', 'a.md': chapter})
    const {lines} = await messages()
    expect(lines).toEqual([
      'book.yaml:3:7: error: Unexpected value for `date`: Unexpected date, expected `YYYY-MM-DD` [C002]',
      'book.yaml:4:7: error: Unexpected value for `slug`: Unexpected slug, expected lowercase ASCII words joined by `-` [C002]'
    ])
  })

  it('should report an unknown key at its line (C003)', async () => {
    await write({'book.yaml': 'title: 書名\nauthor: 作者\nsubtile: 副標題\n', 'a.md': chapter})
    const {lines} = await messages()
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^book\.yaml:3:1: error: Unexpected key `subtile`, expected one of: title, subtitle, .+ \[C003\]$/
    )
  })

  it('should report a missing required field (C004)', async () => {
    await write({'book.yaml': 'title: 書名\n', 'a.md': chapter})
    const {lines} = await messages()
    expect(lines).toEqual(['book.yaml:1:1: error: Unexpected missing field `author`, expected it in book.yaml [C004]'])
  })

  it('should report a listed chapter that does not exist at its line (M001)', async () => {
    await write({'book.yaml': 'title: 書名\nauthor: 作者\nchapters:\n  - a.md\n  - gone.md\n', 'a.md': chapter})
    const {book, lines} = await messages()
    expect(book).toBeUndefined()
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^book\.yaml:5:5: error: Unexpected missing chapter `gone\.md`, expected a file at `.+gone\.md` \[M001\]$/
    )
  })

  it('should report an empty manuscript (M002)', async () => {
    const {book, lines} = await messages()
    expect(book).toBeUndefined()
    expect(lines).toEqual([
      '.:1:1: error: Unexpected manuscript without chapters, expected `*.md` files in the folder [M002]'
    ])
  })

  it('should report duplicate chapter ids (M004)', async () => {
    await write({'1-intro.md': chapter, '2-intro.md': chapter})
    const {lines} = await messages()
    expect(lines).toEqual([
      '2-intro.md:1:1: error: Unexpected chapter id `intro` (also used by `1-intro.md`), expected unique ids: rename one file [M004]'
    ])
  })

  it('should warn about an empty chapter (M005)', async () => {
    await write({'a.md': chapter, 'b.md': '  \n'})
    const {book, lines} = await messages()
    expect(book).toBeDefined()
    expect(lines).toEqual([untitled(), 'b.md:1:1: warning: Unexpected empty chapter, expected Markdown text [M005]'])
  })

  it('should refuse a file that is not UTF-8 (M006) and strip a BOM', async () => {
    await write({'a.md': Buffer.from([0x23, 0x20, 0xb2, 0xc4, 0xa4, 0x40]), 'b.md': '\uFEFF# 標題\n'})
    const {lines} = await messages()
    expect(lines).toEqual(['a.md:1:1: error: Unexpected encoding, expected UTF-8 text [M006]'])
    await fs.rm(path.join(dir, 'a.md'))
    const {project: book} = await loadProject(dir, {env: {}, session})
    expect(String(book?.chapters[0]?.file.value)).toBe('# 標題\n')
  })

  it('should report override entries that are not pairs of strings (O002)', async () => {
    await write({'a.md': chapter, 'overrides.yaml': '核心: 核心\n軟體:\n'})
    const {lines} = await messages()
    expect(lines).toEqual([
      'overrides.yaml:2:1: error: Unexpected value for `軟體`, expected the Simplified text it becomes [O002]'
    ])
  })

  it('should report a duplicate override key as a YAML error (O001)', async () => {
    await write({'a.md': chapter, 'overrides.yaml': '核心: 核心\n核心: 内核\n'})
    const {lines} = await messages()
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^overrides\.yaml:2:1: error: Unexpected YAML syntax: .+ \[O001\]$/)
  })
})

describe('loadProject: font and vertical', () => {
  const serif = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc'
  const head = 'title: 書名\nauthor: 作者\n'

  it('should default to no font and horizontal text', async () => {
    await write({'book.yaml': head, 'a.md': chapter})
    const {book} = await messages()
    expect({font: book?.settings.font, vertical: book?.settings.vertical}).toEqual({font: undefined, vertical: false})
  })

  it('should resolve an installed collection’s faces per edition, by name or index', async () => {
    await write({
      'book.yaml': `${head}vertical: true\nfont:\n  system: ${serif}\n  face:\n    hant: NotoSerifCJKtc-Regular\n    hans: 2\n`,
      'a.md': chapter
    })
    const {book, lines} = await messages()
    expect(lines).toEqual([])
    expect(book?.settings.vertical).toBe(true)
    expect(book?.settings.font).toEqual({
      line: 4,
      faces: {
        hant: {
          path: serif,
          index: 3,
          postscriptName: 'NotoSerifCJKtc-Regular',
          family: 'Noto Serif CJK TC',
          format: 'otf'
        },
        hans: {
          path: serif,
          index: 2,
          postscriptName: 'NotoSerifCJKsc-Regular',
          family: 'Noto Serif CJK SC',
          format: 'otf'
        }
      }
    })
  })

  it('should read a font inside the manuscript folder, and give one face to every edition', async () => {
    await fs.mkdir(path.join(dir, 'fonts'))
    await fs.symlink(serif, path.join(dir, 'fonts', 'serif.ttc'))
    await write({
      'book.yaml': `${head}font:\n  file: fonts/serif.ttc\n  face: NotoSerifCJKjp-Regular\n`,
      'a.md': chapter
    })
    // A link to a file outside is outside.
    expect((await messages()).lines).toEqual([
      'book.yaml:4:9: error: Unexpected path outside the manuscript folder for `font`, expected a file inside it [C005]'
    ])
    await fs.rm(path.join(dir, 'fonts', 'serif.ttc'))
    await fs.copyFile(serif, path.join(dir, 'fonts', 'serif.ttc'))
    const {book, lines} = await messages()
    expect(lines).toEqual([])
    expect(Object.keys(book?.settings.font?.faces ?? {})).toEqual(['hant', 'hans'])
    expect(book?.settings.font?.faces.hans).toEqual({
      path: path.join(dir, 'fonts', 'serif.ttc'),
      index: 0,
      postscriptName: 'NotoSerifCJKjp-Regular',
      family: 'Noto Serif CJK JP',
      format: 'otf'
    })
  })

  it('should refuse a `file` outside the manuscript folder (C005)', async () => {
    for (const file of ['../fonts/x.otf', serif, 'fonts/../../x.ttf']) {
      await write({'book.yaml': `${head}font:\n  file: ${file}\n`, 'a.md': chapter})
      expect((await messages()).lines, file).toEqual([
        'book.yaml:4:9: error: Unexpected path outside the manuscript folder for `font`, expected a file inside it [C005]'
      ])
    }
  })

  it('should report a wrong `font` (C002, C003)', async () => {
    await write({'book.yaml': `${head}font:\n  system: fonts/x.otf\n`, 'a.md': chapter})
    expect((await messages()).lines).toEqual([
      'book.yaml:4:11: error: Unexpected relative path for `font.system`, expected the absolute path of an installed font [C002]'
    ])
    await write({'book.yaml': `${head}font:\n  file: a.otf\n  system: ${serif}\n`, 'a.md': chapter})
    expect((await messages()).lines).toEqual([
      'book.yaml:4:3: error: Unexpected value for `font`: expected either `file` (a font in the manuscript folder) or `system` (the absolute path of an installed font) [C002]'
    ])
    await write({'book.yaml': `${head}font:\n  file: a.woff2\n  path: a.otf\n`, 'a.md': chapter})
    expect((await messages()).lines).toEqual([
      'book.yaml:4:9: error: Unexpected value for `font.file`: Unexpected font file, expected an `.otf`, `.ttf`, `.ttc` or `.otc` file [C002]',
      'book.yaml:5:3: error: Unexpected key `path`, expected one of: file, system, face [C003]'
    ])
    await write({'book.yaml': `${head}vertical: yes please\n`, 'a.md': chapter})
    expect((await messages()).lines).toEqual([
      'book.yaml:3:11: error: Unexpected value for `vertical`: Invalid input: expected boolean, received string [C002]'
    ])
  })

  it('should report a missing font (F001), and a file that is not a font or lacks the face (F002)', async () => {
    await write({'book.yaml': `${head}font:\n  file: missing.otf\n`, 'a.md': chapter})
    expect((await messages()).lines).toEqual([
      `book.yaml:4:9: error: Unexpected missing font \`missing.otf\`, expected a font file at \`${path.join(dir, 'missing.otf')}\` [F001]`
    ])
    await write({'book.yaml': `${head}font:\n  file: fake.otf\n`, 'a.md': chapter, 'fake.otf': 'not a font'})
    expect((await messages()).lines).toEqual([
      'book.yaml:3:1: error: Unexpected file that is not a font, expected an OpenType or TrueType font [F002]'
    ])
    const faces =
      '`NotoSerifCJKjp-Regular` (0), `NotoSerifCJKkr-Regular` (1), `NotoSerifCJKsc-Regular` (2), `NotoSerifCJKtc-Regular` (3), `NotoSerifCJKhk-Regular` (4)'
    await write({'book.yaml': `${head}font:\n  system: ${serif}\n`, 'a.md': chapter})
    expect((await messages()).lines).toEqual([
      `book.yaml:3:1: error: Unexpected collection without \`face\`, expected one of: ${faces} [F002]`
    ])
    await write({
      'book.yaml': `${head}font:\n  system: ${serif}\n  face:\n    hans: NotoSerifCJKcn-Regular\n`,
      'a.md': chapter
    })
    expect((await messages()).lines).toEqual([
      `book.yaml:6:11: error: Unexpected face \`NotoSerifCJKcn-Regular\`, expected one of: ${faces} [F002]`
    ])
  })
})

describe('chapterId', () => {
  it('should strip the number and keep ASCII words', () => {
    expect(chapterId('02-logic.md', 1)).toBe('logic')
    expect(chapterId('10_China US.md', 9)).toBe('china-us')
    expect(chapterId('第一章.md', 0)).toBe('chapter-1')
  })
})

describe('parseGlossary', () => {
  it('should read terms with their lines', async () => {
    await write({
      'a.md': chapter,
      'glossary.yaml':
        '# c\n- term: 大模型\n  en: large model\n  note: big\n- term: AR\n  en: augmented reality\n  pinyin: x\n'
    })
    const {book, lines} = await messages()
    expect(lines).toEqual([untitled()])
    expect(book?.glossary).toEqual([
      {term: '大模型', en: 'large model', note: 'big', pinyin: undefined, line: 2},
      {term: 'AR', en: 'augmented reality', note: undefined, pinyin: 'x', line: 5}
    ])
  })

  it('should report empty, duplicate and unknown entries (G002, G003) and bad YAML (G001)', async () => {
    await write({
      'a.md': chapter,
      'glossary.yaml':
        '- term: 大模型\n  en: large model\n- term: ""\n  en: x\n- term: 大模型\n  en: again\n- term: 算力\n  en: computing power\n  gloss: typo\n- term: 湧現\n'
    })
    const {lines} = await messages()
    expect(lines).toEqual([
      'glossary.yaml:3:3: error: Unexpected empty `term`, expected the term as the manuscript writes it [G002]',
      'glossary.yaml:5:3: error: Unexpected duplicate term `大模型` (also on line 1), expected each term once [G003]',
      'glossary.yaml:9:3: error: Unexpected key `gloss`, expected one of: term, en, note, pinyin [G002]',
      'glossary.yaml:10:3: error: Unexpected empty `en` for `湧現`, expected its English gloss [G002]'
    ])
    await write({'glossary.yaml': '- term: [\n'})
    expect((await messages()).lines[0]).toMatch(/^glossary\.yaml:\d+:\d+: error: Unexpected YAML syntax: .+ \[G001\]$/)
  })

  it('should report a PO file that does not parse (T003)', async () => {
    await fs.mkdir(path.join(dir, 'translations/en'), {recursive: true})
    await write({'a.md': chapter, 'translations/en/a.po': 'msgid "x"\nmsgstr "y"\nnonsense here\n'})
    const {book, lines} = await messages()
    expect(book).toBeUndefined()
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^translations\/en\/a\.po:\d+:1: error: Unexpected PO syntax: .+ \[T003\]$/)
  })
})

describe('readManuscriptText', () => {
  it('should read a file again once it changed, even at the same size and modification time', async () => {
    const file = path.join(dir, 'one.md')
    await fs.writeFile(file, '# 甲\n')
    // Older than a second: its text is remembered from now on.
    await new Promise((resolve) => setTimeout(resolve, 1100))
    const read = async () => String((await readManuscriptText(dir, file, []))!.value)
    expect(await read()).toBe('# 甲\n')
    expect(await read()).toBe('# 甲\n')
    const {atime, mtime} = await fs.stat(file)
    await fs.writeFile(file, '# 乙\n')
    await fs.utimes(file, atime, mtime)
    expect(await read()).toBe('# 乙\n')
    // The same right after a second write within the same second.
    await fs.writeFile(file, '# 丙\n')
    expect(await read()).toBe('# 丙\n')
    await fs.writeFile(file, '# 丁\n')
    expect(await read()).toBe('# 丁\n')
  })

  it('should remember the same book.yaml and glossary parse, and report a broken one every time', async () => {
    await fs.writeFile(path.join(dir, 'book.yaml'), 'title: 書\nauthor: 人\n')
    await fs.writeFile(path.join(dir, 'one.md'), '# 甲\n')
    expect((await loadProject(dir, {env: {}, session})).project?.meta.title).toBe('書')
    await fs.writeFile(path.join(dir, 'book.yaml'), 'title: [\n')
    const broken = formatMessages((await loadProject(dir, {env: {}, session})).files)
    expect(broken.some((line) => line.includes('[C001]'))).toBe(true)
    expect(formatMessages((await loadProject(dir, {env: {}, session})).files)).toEqual(broken)
    await fs.writeFile(path.join(dir, 'book.yaml'), 'title: 書\nauthor: 人\n')
    expect((await loadProject(dir, {env: {}, session})).project?.meta.title).toBe('書')
  })
})
