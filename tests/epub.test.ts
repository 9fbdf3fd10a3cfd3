import {mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {h} from 'hastscript'
import JSZip from 'jszip'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import type {EditionBook, BookSettings, RenderContext} from '../src/core/model.js'
import {epub} from '../src/formats/epub/epub.js'
import {readEntries, writeEpub} from '../src/formats/epub/archive.js'
import {BuildSession} from '../src/build/session.js'
import {coverSvg} from '../src/formats/epub/cover.js'
import {epubcheckMany, type EpubcheckResult} from './helpers/epubcheck.js'

const context: RenderContext = {
  modified: new Date('2026-11-28T12:34:56Z'),
  session: new BuildSession(),
  editions: [
    {id: 'hant', lang: 'zh-Hant', label: '繁體中文'},
    {id: 'hans', lang: 'zh-Hans', label: '简体中文'}
  ]
}

const hant: EditionBook = {
  edition: {id: 'hant', lang: 'zh-Hant', label: '繁體中文'},
  meta: {
    title: '大模型只是少數人的機會，小模型才是大多數人的機會',
    subtitle: 'AI 大模型的邏輯、創業機會與中美 AIGC 賺錢的差異',
    author: '章鵬',
    host: '混沌創新院 AI 系列直播欄目第三期',
    publisher: '混沌學園',
    description: '章鵬在混沌直播間的分享實錄。',
    source: '章鵬在混沌直播間直播分享的文字實錄',
    language: 'zh-Hant',
    identifier: 'urn:uuid:6d3f2a4e-8b1c-4f5e-9a7d-2c1e0b9f8a31',
    date: '2026-11-28',
    slug: 'small-models'
  },
  chapters: [
    {
      id: 'opening',
      title: '開場',
      sourcePath: '01-opening.md',
      tree: {
        type: 'root',
        children: [
          h('h1', {id: '開場'}, '開場'),
          h('blockquote', [h('p', '訓練一次 ChatGPT 的價格極其昂貴，大約為 1200 萬美金。')]),
          h('p', ['大模型創新一般是美國的大公司；條件是 ', h('code', 'a < b && c'), '。']),
          h('h2', '小模型的機會'),
          h('ol', [h('li', '模型小'), h('li', '成本低')]),
          h('p', ['圖：', h('em', '示意圖')])
        ]
      }
    },
    {
      id: 'qa',
      title: '提問環節',
      sourcePath: '05-qa.md',
      tree: {
        type: 'root',
        children: [
          h('h1', '提問環節'),
          h('p', {className: ['dialogue']}, [h('strong', '主持人'), '：您覺得下一代擁有怎樣的能力？']),
          h('p', {className: ['dialogue']}, [h('strong', '章鵬'), '：我覺得邏輯思維是必須的。'])
        ]
      }
    }
  ]
}

const hans: EditionBook = {
  edition: {id: 'hans', lang: 'zh-Hans', label: '简体中文'},
  meta: {
    ...hant.meta,
    title: '大模型只是少数人的机会，小模型才是大多数人的机会',
    subtitle: 'AI 大模型的逻辑、创业机会与中美 AIGC 赚钱的差异',
    author: '章鹏',
    host: '混沌创新院 AI 系列直播栏目第三期',
    source: '章鹏在混沌直播间直播分享的文字实录',
    language: 'zh-Hans'
  },
  chapters: [
    {
      id: 'opening',
      title: '开场',
      sourcePath: '01-opening.md',
      tree: {
        type: 'root',
        children: [
          h('h1', '开场'),
          h('p', ['大模型创新一般是美国的大公司，', h('strong', '小模型'), '才是机会。']),
          h('table', [
            h('thead', [
              h('tr', [h('th', {style: 'text-align: left'}, '项目'), h('th', {style: 'text-align: right'}, '金额')])
            ]),
            h('tbody', [
              h('tr', [
                h('td', {style: 'text-align: left'}, '训练'),
                h('td', {style: 'text-align: right'}, '1200 万美金')
              ])
            ])
          ])
        ]
      }
    }
  ]
}

let directory = ''
let hantBytes: Uint8Array = new Uint8Array()
let kepubBytes: Uint8Array = new Uint8Array()
let hantZip = new JSZip()
let hansZip = new JSZip()
let checks: EpubcheckResult[] = []

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'zhbook-epub-'))
  const files = [...(await epub.render(hant, context)), ...(await epub.render(hans, context))]
  const paths: string[] = []

  for (const file of files) {
    const filePath = path.join(directory, file.path)
    await writeFile(filePath, file.data)
    paths.push(filePath)
  }

  hantBytes = files[0]!.data as Uint8Array
  hantZip = await JSZip.loadAsync(hantBytes)
  hansZip = await JSZip.loadAsync(files[1]!.data as Uint8Array)
  const [, kepub] = await epub.render(hant, {...context, settings: kepubSettings})
  kepubBytes = kepub!.data as Uint8Array
  paths.push(path.join(directory, kepub!.path))
  await writeFile(paths[2]!, kepubBytes)
  checks = await epubcheckMany(paths)
})

afterAll(async () => {
  if (directory) await rm(directory, {recursive: true, force: true})
})

/** Settings of a book with `kepub: true`. */
const kepubSettings: BookSettings = {
  editions: ['hant', 'hans'],
  pinyin: 'terms',
  vertical: false,
  kepub: true,
  vocabulary: 'general'
}

describe('epub', () => {
  it('should expose the public API', async () => {
    expect(Object.keys(await import('../src/formats/epub/epub.js')).sort()).toEqual(['epub'])
    expect(epub.name).toBe('epub')
  })

  it('should name the file after the slug and the edition', async () => {
    const files = await epub.render(hant, context)
    expect(files.map((file) => file.path)).toEqual(['small-models-hant.epub'])
    expect(files[0]!.data).toBeInstanceOf(Uint8Array)
  })

  it('should not print anything', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      await epub.render(hans, context)
      expect(log).not.toHaveBeenCalled()
      expect(warn).not.toHaveBeenCalled()
      expect(error).not.toHaveBeenCalled()
    } finally {
      log.mockRestore()
      warn.mockRestore()
      error.mockRestore()
    }
  })

  it('should refuse a chapter id that cannot name a file', async () => {
    const chapter = {...hant.chapters[0]!, id: '開場'}
    await expect(epub.render({...hant, chapters: [chapter]}, context)).rejects.toThrow(
      'Unexpected chapter id `開場` (01-opening.md), expected a unique ASCII id (letters, digits, `-`, `_`, `.`) other than `cover` and `toc`'
    )
    await expect(epub.render({...hant, chapters: [{...hant.chapters[0]!, id: 'cover'}]}, context)).rejects.toThrow(
      'Unexpected chapter id `cover`'
    )
  })

  it('should pass epubcheck with no errors and no warnings', () => {
    expect(checks.slice(0, 2).map(({errors, warnings, messages}) => ({errors, warnings, messages}))).toEqual([
      {errors: 0, warnings: 0, messages: []},
      {errors: 0, warnings: 0, messages: []}
    ])
  })
})

describe('epub archive', () => {
  it('should store `mimetype` first and uncompressed', () => {
    const view = new DataView(hantBytes.buffer, hantBytes.byteOffset)
    // Local file header signature `PK\x03\x04` at offset 0.
    expect(view.getUint32(0, true)).toBe(0x04034b50)
    // Compression method 0: stored.
    expect(view.getUint16(8, true)).toBe(0)
    // Name length 8, no extra field.
    expect(view.getUint16(26, true)).toBe(8)
    expect(view.getUint16(28, true)).toBe(0)
    expect(text(hantBytes.subarray(30, 38))).toBe('mimetype')
    expect(text(hantBytes.subarray(38, 58))).toBe('application/epub+zip')
  })

  it('should list entries in a fixed order, deflated, dated `context.modified`', () => {
    expect(centralDirectory(hantBytes)).toEqual([
      {name: 'mimetype', method: 0, date: '2026-11-28T12:34:56'},
      {name: 'META-INF/container.xml', method: 8, date: '2026-11-28T12:34:56'},
      {name: 'OEBPS/content.opf', method: 8, date: '2026-11-28T12:34:56'},
      {name: 'OEBPS/cover.png', method: 8, date: '2026-11-28T12:34:56'},
      {name: 'OEBPS/cover.xhtml', method: 8, date: '2026-11-28T12:34:56'},
      {name: 'OEBPS/opening.xhtml', method: 8, date: '2026-11-28T12:34:56'},
      {name: 'OEBPS/qa.xhtml', method: 8, date: '2026-11-28T12:34:56'},
      {name: 'OEBPS/style.css', method: 8, date: '2026-11-28T12:34:56'},
      {name: 'OEBPS/toc.ncx', method: 8, date: '2026-11-28T12:34:56'},
      {name: 'OEBPS/toc.xhtml', method: 8, date: '2026-11-28T12:34:56'}
    ])
  })

  it('should give the same bytes for the same input', async () => {
    const [again] = await epub.render(hant, context)
    expect(Buffer.compare(again!.data as Uint8Array, hantBytes)).toBe(0)
  })

  it('should not depend on `Math.random`', async () => {
    const spy = vi.spyOn(Math, 'random').mockReturnValue(0.123_456_789)
    try {
      // A fresh session: nothing of the first render is reused.
      const [again] = await epub.render(hant, {...context, session: new BuildSession()})
      expect(spy).toHaveBeenCalled()
      expect(Buffer.compare(again!.data as Uint8Array, hantBytes)).toBe(0)
    } finally {
      spy.mockRestore()
    }
  })

  it('should not depend on the clock', async () => {
    vi.useFakeTimers({toFake: ['Date'], now: new Date('2031-05-06T07:08:09Z')})
    try {
      const [again] = await epub.render(hant, {...context, session: new BuildSession()})
      expect(new Date().getUTCFullYear()).toBe(2031)
      expect(Buffer.compare(again!.data as Uint8Array, hantBytes)).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('epub archive writing', () => {
  const date = new Date('2026-11-28T12:34:56Z')
  const encoder = new TextEncoder()
  /** Files as the library leaves them: in any order. */
  const files = new Map([
    ['OEBPS/b.xhtml', encoder.encode('<p>乙</p>')],
    ['OEBPS/a.xhtml', encoder.encode('<p>甲</p>')],
    ['mimetype', encoder.encode('application/epub+zip')],
    ['META-INF/container.xml', encoder.encode('<container/>')]
  ])

  it('should write `mimetype` first and stored, then the rest by path, deflated, dated `date`', async () => {
    expect(centralDirectory(await writeEpub(files, date))).toEqual([
      {name: 'mimetype', method: 0, date: '2026-11-28T12:34:56'},
      {name: 'META-INF/container.xml', method: 8, date: '2026-11-28T12:34:56'},
      {name: 'OEBPS/a.xhtml', method: 8, date: '2026-11-28T12:34:56'},
      {name: 'OEBPS/b.xhtml', method: 8, date: '2026-11-28T12:34:56'}
    ])
  })

  it('should give the same bytes whatever the order of the files', async () => {
    const reversed = new Map([...files].reverse())
    expect(Buffer.compare(await writeEpub(reversed, date), await writeEpub(files, date))).toBe(0)
  })

  it('should read back the files of an archive, without its folders', async () => {
    const zip = new JSZip()
    zip.file('mimetype', 'application/epub+zip')
    zip.folder('OEBPS')!.file('a.xhtml', '<p>甲</p>')
    const entries = await readEntries(await zip.generateAsync({type: 'uint8array'}))
    expect([...entries].map(([name, data]) => [name, text(data)])).toEqual([
      ['mimetype', 'application/epub+zip'],
      ['OEBPS/a.xhtml', '<p>甲</p>']
    ])
  })

  it('should refuse files without `mimetype`', async () => {
    await expect(writeEpub(new Map([['OEBPS/a.xhtml', encoder.encode('')]]), date)).rejects.toThrow(
      'Unexpected archive without `mimetype`'
    )
  })
})

describe('epub build session', () => {
  it('should give the bytes of a build without a session, before and after an edit', async () => {
    const session = new BuildSession()
    const inSession: RenderContext = {...context, session}
    const [first] = await epub.render(hant, inSession)
    expect(Buffer.compare(first!.data as Uint8Array, hantBytes)).toBe(0)

    // An edit: the chapter cache hands back a new object for the changed
    // chapter, the same object for the others.
    const [opening, ...rest] = hant.chapters
    const edited: EditionBook = {
      ...hant,
      chapters: [{...opening!, tree: {type: 'root', children: [h('h1', '開場'), h('p', '改過的一段。')]}}, ...rest]
    }
    const [again] = await epub.render(edited, inSession)
    const [fresh] = await epub.render(edited, context)
    expect(Buffer.compare(again!.data as Uint8Array, fresh!.data as Uint8Array)).toBe(0)
    const zip = await JSZip.loadAsync(again!.data as Uint8Array)
    expect(await zip.file('OEBPS/opening.xhtml')!.async('string')).toContain('<p>改過的一段。</p>')
    await session.dispose()
  })
})

describe('dependencies', () => {
  it('should import no module a dependency does not export (such as `jszip/lib/…`)', async () => {
    const root = path.join(import.meta.dirname, '..')
    const names = (await readdir(path.join(root, 'src'), {recursive: true})).filter((name) => /\.ts$/.test(name))
    const found: string[] = []

    for (const name of names) {
      const code = await readFile(path.join(root, 'src', name), 'utf8')
      for (const match of code.matchAll(/(?:from|import\(|require\()\s*'([^'.][^']*)'/g)) {
        const specifier = match[1]!
        if (specifier.startsWith('node:')) continue
        const parts = specifier.split('/')
        const size = specifier.startsWith('@') ? 2 : 1
        if (parts.length === size) continue
        const manifest = JSON.parse(
          await readFile(path.join(root, 'node_modules', ...parts.slice(0, size), 'package.json'), 'utf8')
        ) as {exports?: Record<string, unknown>}
        const subpath = './' + parts.slice(size).join('/')
        const exported = Object.keys(manifest.exports ?? {}).some((key) =>
          key.endsWith('*') ? subpath.startsWith(key.slice(0, -1)) : key === subpath
        )
        if (!exported) found.push(name + ': ' + specifier)
      }
    }

    expect(found).toEqual([])
  })
})

describe('epub documents', () => {
  it('should write the package document', async () => {
    expect(await entry('OEBPS/content.opf')).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="zh-Hant">',
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">',
        // The edition's own identifier, derived from the book's.
        '<dc:identifier id="book-id">urn:uuid:d3b7c1a3-ecb5-50b3-a08d-34ace89f9be3</dc:identifier>',
        '<dc:title id="title">大模型只是少數人的機會，小模型才是大多數人的機會</dc:title>',
        '<meta refines="#title" property="title-type">main</meta>',
        '<dc:title id="subtitle">AI 大模型的邏輯、創業機會與中美 AIGC 賺錢的差異</dc:title>',
        '<meta refines="#subtitle" property="title-type">subtitle</meta>',
        '<dc:creator id="creator">章鵬</dc:creator>',
        '<meta refines="#creator" property="role" scheme="marc:relators">aut</meta>',
        '<dc:publisher>混沌學園</dc:publisher>',
        '<dc:date>2026-11-28</dc:date>',
        '<dc:language>zh-Hant</dc:language>',
        '<dc:description>章鵬在混沌直播間的分享實錄。</dc:description>',
        '<dc:source>章鵬在混沌直播間直播分享的文字實錄</dc:source>',
        '<dc:rights>© 2026 章鵬</dc:rights>',
        '<meta property="dcterms:modified">2026-11-28T12:34:56Z</meta>',
        '<meta property="schema:accessMode">textual</meta>',
        '<meta property="schema:accessModeSufficient">textual</meta>',
        '<meta property="schema:accessibilityFeature">structuralNavigation</meta>',
        '<meta property="schema:accessibilityFeature">tableOfContents</meta>',
        '<meta property="schema:accessibilityFeature">readingOrder</meta>',
        '<meta property="schema:accessibilityFeature">displayTransformability</meta>',
        '<meta property="schema:accessibilityHazard">none</meta>',
        '<meta property="schema:accessibilitySummary" xml:lang="en">This publication meets WCAG 2.1 Level AA (EPUB Accessibility 1.1). The text is in Traditional Chinese. Headings, chapter sections and landmarks give its structure, a table of contents lists the chapters, and the reading order follows the text. The cover image shows the title, which its text alternative gives. No content flashes, moves or plays sound.</meta>',
        '<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>',
        '<meta name="cover" content="cover-image"/>',
        '</metadata>',
        '<manifest>',
        '<item id="nav" href="toc.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
        '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>',
        '<item id="style" href="style.css" media-type="text/css"/>',
        '<item id="cover-image" href="cover.png" media-type="image/png" properties="cover-image"/>',
        '<item id="cover" href="cover.xhtml" media-type="application/xhtml+xml"/>',
        '<item id="chapter-opening" href="opening.xhtml" media-type="application/xhtml+xml"/>',
        '<item id="chapter-qa" href="qa.xhtml" media-type="application/xhtml+xml"/>',
        '</manifest>',
        '<spine toc="ncx">',
        '<itemref idref="cover"/>',
        '<itemref idref="nav"/>',
        '<itemref idref="chapter-opening"/>',
        '<itemref idref="chapter-qa"/>',
        '</spine>',
        '</package>',
        ''
      ].join('\n')
    )
  })

  it('should write a chapter as UTF-8 XHTML in the edition’s language', async () => {
    expect(await entry('OEBPS/qa.xhtml')).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!DOCTYPE html>',
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="zh-Hant" xml:lang="zh-Hant">',
        '<head>',
        '<meta charset="UTF-8"/>',
        '<title>提問環節</title>',
        '<link rel="stylesheet" type="text/css" href="style.css"/>',
        '</head>',
        '<body>',
        '<main><section epub:type="chapter" role="doc-chapter" aria-labelledby="chapter-qa-title" class="chapter"><h1 id="chapter-qa-title">提問環節</h1><p class="dialogue"><strong>主持人</strong>：您覺得下一代擁有怎樣的能力？</p><p class="dialogue"><strong>章鵬</strong>：我覺得邏輯思維是必須的。</p></section></main>',
        '</body>',
        '</html>',
        ''
      ].join('\n')
    )
  })

  it('should keep text as characters and escape only `& < > "`', async () => {
    const opening = await entry('OEBPS/opening.xhtml')
    expect(opening).toContain(
      '<section epub:type="chapter" role="doc-chapter" aria-labelledby="開場" class="chapter"><h1 id="開場">開場</h1>'
    )
    expect(opening).toContain('<p>大模型創新一般是美國的大公司；條件是 <code>a &lt; b &amp;&amp; c</code>。</p>')
    expect(opening).toContain('<ol><li>模型小</li><li>成本低</li></ol>')
    expect(opening).toContain('<blockquote><p>訓練一次 ChatGPT 的價格極其昂貴，大約為 1200 萬美金。</p></blockquote>')
    expect(opening).toContain('<p>圖：<em>示意圖</em></p>')

    for (const name of Object.keys(hantZip.files)) {
      if (/\.(?:css|ncx|opf|svg|xhtml|xml)$/.test(name)) {
        expect(await entry(name), name).not.toMatch(/&#/)
      }
    }
  })

  it('should write the Simplified edition in its language, with its tables', async () => {
    const opf = await hansZip.file('OEBPS/content.opf')!.async('string')
    expect(opf).toContain(
      '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="zh-Hans">'
    )
    expect(opf).toContain('<dc:language>zh-Hans</dc:language>')
    // Its own identifier, not the Traditional edition's.
    expect(opf).toContain('<dc:identifier id="book-id">urn:uuid:6b61e014-e6f9-59f4-9915-02022e70c601</dc:identifier>')
    expect(opf).toContain('<dc:title id="title">大模型只是少数人的机会，小模型才是大多数人的机会</dc:title>')

    const opening = await hansZip.file('OEBPS/opening.xhtml')!.async('string')
    expect(opening).toContain('lang="zh-Hans" xml:lang="zh-Hans"')
    expect(opening).toContain('<tr><th style="text-align: left">项目</th><th style="text-align: right">金额</th></tr>')
    expect(opening).not.toMatch(/<img|\balign=/)

    const nav = await hansZip.file('OEBPS/toc.xhtml')!.async('string')
    expect(nav).toContain('<h1 id="toc-title">目录</h1>')

    const svg = coverSvg(hans)
    expect(svg).toContain('xml:lang="zh-Hans"')
    expect(svg).toContain("font-family=\"'Noto Serif CJK SC', ")
    expect(Object.keys(hansZip.files).filter((name) => name.includes('image'))).toEqual([])
  })

  it('should list the chapters in order in the NCX and the navigation document', async () => {
    const ncx = await entry('OEBPS/toc.ncx')
    expect(ncx).toContain('<meta name="dtb:uid" content="urn:uuid:d3b7c1a3-ecb5-50b3-a08d-34ace89f9be3"/>')
    expect(ncx).toContain(
      [
        '<navMap>',
        '<navPoint id="nav-chapter-opening" playOrder="1">',
        '<navLabel><text>開場</text></navLabel>',
        '<content src="opening.xhtml"/>',
        '</navPoint>',
        '<navPoint id="nav-chapter-qa" playOrder="2">',
        '<navLabel><text>提問環節</text></navLabel>',
        '<content src="qa.xhtml"/>',
        '</navPoint>',
        '</navMap>'
      ].join('\n')
    )

    const nav = await entry('OEBPS/toc.xhtml')
    expect(nav).toContain('lang="zh-Hant" xml:lang="zh-Hant"')
    expect(nav).toContain(
      [
        '<nav epub:type="toc" id="toc" role="doc-toc" aria-labelledby="toc-title">',
        '<h1 id="toc-title">目錄</h1>',
        '<ol>',
        '<li><a href="opening.xhtml">開場</a></li>',
        '<li><a href="qa.xhtml">提問環節</a></li>',
        '</ol>',
        '</nav>'
      ].join('\n')
    )
    expect(nav).toContain(
      [
        '<li><a epub:type="cover" href="cover.xhtml">封面</a></li>',
        '<li><a epub:type="toc" href="toc.xhtml#toc">目錄</a></li>',
        '<li><a epub:type="bodymatter" href="opening.xhtml">正文</a></li>'
      ].join('\n')
    )
  })

  it('should make a cover page showing the PNG cover as its heading', async () => {
    const page = await entry('OEBPS/cover.xhtml')
    expect(page).toContain(
      '<body class="cover">\n<main><section epub:type="cover" class="cover"><h1><img src="cover.png" alt="大模型只是少數人的機會，小模型才是大多數人的機會：AI 大模型的邏輯、創業機會與中美 AIGC 賺錢的差異（章鵬）" role="doc-cover"/></h1></section></main>\n</body>'
    )

    const png = hantZip.file('OEBPS/cover.png')
    expect(png).not.toBeNull()
    const bytes = await png!.async('uint8array')
    const view = new DataView(bytes.buffer, bytes.byteOffset)
    // PNG signature, then the IHDR chunk: width and height.
    expect([view.getUint32(0), view.getUint32(4)]).toEqual([0x89504e47, 0x0d0a1a0a])
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([1600, 2400])
  })

  it('should draw the cover from an SVG in the edition’s script', () => {
    const svg = coverSvg(hant)
    expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/)
    expect(svg).toContain('xml:lang="zh-Hant"')
    expect(svg).toContain("font-family=\"'Noto Serif CJK TC', ")
    expect(svg).toContain('<tspan x="600" dy="0">大模型只是少數人的機會</tspan>')
    expect(svg).toContain('>小模型才是大多數人的機會</tspan>')
    expect(svg).toContain('>章鵬</tspan>')
    expect(svg).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg")/)
  })

  it('should set a name large and spaced, and a list of authors smaller on lines ending where the name would', () => {
    expect(coverSvg(hant)).toContain(
      '<text x="606" y="1460" font-size="60" text-anchor="middle" fill="#1f1f1f" letter-spacing="12"><tspan x="606" dy="0">章鵬</tspan></text>'
    )
    // The authors of an mdBook (book.toml's list), as a real book has them.
    const authors = 'Steve Klabnik、Carol Nichols、Contributions from the Rust Community'
    const svg = coverSvg({...hant, meta: {...hant.meta, author: authors}})
    expect(svg).toContain(
      '<text x="600" y="1396" font-size="40" text-anchor="middle" fill="#1f1f1f"><tspan x="600" dy="0">Steve Klabnik、Carol Nichols</tspan><tspan x="600" dy="64">Contributions from the Rust Community</tspan></text>'
    )
  })
})

describe('epub kepub', () => {
  it('should write a `.kepub.epub` next to the EPUB with `kepub`', async () => {
    const files = await epub.render(hant, {...context, settings: kepubSettings})
    expect(files.map((file) => file.path)).toEqual(['small-models-hant.epub', 'small-models-hant.kepub.epub'])
    expect(Buffer.compare(files[0]!.data as Uint8Array, hantBytes)).toBe(0)
    const again = await epub.render(hant, {...context, settings: kepubSettings})
    expect(Buffer.compare(again[1]!.data as Uint8Array, files[1]!.data as Uint8Array)).toBe(0)
  })

  it('should wrap each sentence in a Kobo span, the body in Kobo’s columns', async () => {
    const kepub = await JSZip.loadAsync(kepubBytes)
    expect(await kepub.file('OEBPS/qa.xhtml')!.async('string')).toContain(
      [
        '<body>',
        '<div id="book-columns"><div id="book-inner"><main><section epub:type="chapter" role="doc-chapter" aria-labelledby="chapter-qa-title" class="chapter"><h1 id="chapter-qa-title"><span class="koboSpan" id="kobo.1.1">提問環節</span></h1><p class="dialogue"><strong><span class="koboSpan" id="kobo.2.1">主持人</span></strong><span class="koboSpan" id="kobo.2.2">：您覺得下一代擁有怎樣的能力？</span></p><p class="dialogue"><strong><span class="koboSpan" id="kobo.3.1">章鵬</span></strong><span class="koboSpan" id="kobo.3.2">：我覺得邏輯思維是必須的。</span></p></section></main></div></div>',
        '</body>'
      ].join('\n')
    )
    expect(await kepub.file('OEBPS/cover.xhtml')!.async('string')).toContain(
      '<div id="book-columns"><div id="book-inner"><main><section epub:type="cover" class="cover"><h1><span class="koboSpan" id="kobo.1.1"><img src="cover.png"'
    )
    // The package and the navigation are the EPUB's.
    expect(await kepub.file('OEBPS/content.opf')!.async('string')).toBe(await entry('OEBPS/content.opf'))
    expect(await kepub.file('OEBPS/toc.xhtml')!.async('string')).toBe(await entry('OEBPS/toc.xhtml'))
  })

  it('should pass epubcheck with no errors and no warnings', () => {
    expect({errors: checks[2]!.errors, warnings: checks[2]!.warnings, messages: checks[2]!.messages}).toEqual({
      errors: 0,
      warnings: 0,
      messages: []
    })
  })
})

describe('epub cover', () => {
  it('should draw the cover without text when no font is given', async () => {
    const [withFonts] = await epub.render(hans, context)
    const [without] = await epub.render(hans, {...context, env: {ZHBOOK_COVER_FONTS: ''}})
    const [again] = await epub.render(hans, {...context, env: {ZHBOOK_COVER_FONTS: ''}})
    const a = await (await JSZip.loadAsync(withFonts!.data as Uint8Array)).file('OEBPS/cover.png')!.async('uint8array')
    const b = await (await JSZip.loadAsync(without!.data as Uint8Array)).file('OEBPS/cover.png')!.async('uint8array')
    const c = await (await JSZip.loadAsync(again!.data as Uint8Array)).file('OEBPS/cover.png')!.async('uint8array')
    expect(Buffer.compare(b, c)).toBe(0)
    expect(Buffer.compare(a, b)).not.toBe(0)
    // Text is most of the picture: without it the PNG is much smaller.
    expect(b.byteLength).toBeLessThan(a.byteLength / 2)
  })
})

describe('epub accessibility', () => {
  it('should give a chapter without a heading its title as `h1`', async () => {
    const chapter = {
      ...hant.chapters[1]!,
      title: '無標題',
      tree: {type: 'root' as const, children: [h('p', '沒有標題的一章。')]}
    }
    const [file] = await epub.render({...hant, chapters: [chapter]}, context)
    const zip = await JSZip.loadAsync(file!.data as Uint8Array)
    expect(await zip.file('OEBPS/qa.xhtml')!.async('string')).toContain(
      '<main><section epub:type="chapter" role="doc-chapter" aria-labelledby="chapter-qa-title" class="chapter"><h1 class="fallback-title" id="chapter-qa-title">無標題</h1><p>沒有標題的一章。</p></section></main>'
    )
  })

  it('should give GFM footnotes their roles and EPUB semantics', async () => {
    const chapter = {
      ...hant.chapters[1]!,
      tree: {
        type: 'root' as const,
        children: [
          h('h1', '註'),
          h('p', [
            '正文',
            h('sup', [
              h(
                'a',
                {
                  href: '#user-content-fn-1',
                  id: 'user-content-fnref-1',
                  dataFootnoteRef: true,
                  ariaDescribedBy: 'footnote-label'
                },
                '1'
              )
            ]),
            '。'
          ]),
          h('section', {dataFootnotes: true, className: ['footnotes']}, [
            h('h2', {className: ['sr-only'], id: 'footnote-label'}, '註釋'),
            h('ol', [
              h('li', {id: 'user-content-fn-1'}, [
                h('p', [
                  '腳註。 ',
                  h('a', {href: '#user-content-fnref-1', dataFootnoteBackref: '', ariaLabel: '返回正文'}, '↩')
                ])
              ])
            ])
          ])
        ]
      }
    }
    const [file] = await epub.render({...hant, chapters: [chapter]}, context)
    const zip = await JSZip.loadAsync(file!.data as Uint8Array)
    expect(await zip.file('OEBPS/qa.xhtml')!.async('string')).toContain(
      '<p>正文<sup><a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref="" aria-describedby="footnote-label" role="doc-noteref" epub:type="noteref">1</a></sup>。</p>' +
        '<section data-footnotes="" class="footnotes" role="doc-endnotes" epub:type="endnotes" aria-labelledby="footnote-label"><h2 class="sr-only" id="footnote-label">註釋</h2><ol><li id="user-content-fn-1" epub:type="endnote"><p>腳註。 <a href="#user-content-fnref-1" data-footnote-backref="" aria-label="返回正文" role="doc-backlink">↩</a></p></li></ol></section>'
    )
  })

  it('should declare images, and claim no conformance when one has no text alternative', async () => {
    const withAlt = {
      ...hant.chapters[1]!,
      tree: {type: 'root' as const, children: [h('h1', '圖'), h('p', [h('img', {src: 'a.png', alt: '示意圖'})])]}
    }
    const withoutAlt = {
      ...hant.chapters[0]!,
      tree: {type: 'root' as const, children: [h('h1', '圖'), h('p', [h('img', {src: 'b.png'})])]}
    }
    const opf = async (chapters: EditionBook['chapters']) => {
      const [file] = await epub.render({...hant, chapters}, context)
      return (await JSZip.loadAsync(file!.data as Uint8Array)).file('OEBPS/content.opf')!.async('string')
    }

    const good = await opf([withAlt])
    expect(good).toContain(
      '<meta property="schema:accessMode">textual</meta>\n<meta property="schema:accessMode">visual</meta>\n<meta property="schema:accessModeSufficient">textual</meta>'
    )
    expect(good).toContain('<meta property="schema:accessibilityFeature">alternativeText</meta>')
    expect(good).toContain('Every image has a text alternative.')
    expect(good).toContain('<meta property="dcterms:conformsTo">')

    const bad = await opf([withAlt, withoutAlt])
    expect(bad).toContain('<meta property="schema:accessModeSufficient">textual,visual</meta>')
    expect(bad).not.toContain('alternativeText')
    expect(bad).toContain('This publication does not meet WCAG 2.1 Level AA: some images have no text alternative.')
    expect(bad).not.toContain('dcterms:conformsTo')
  })
})

/**
 * Read a text entry of the Traditional EPUB.
 *
 * @param name
 *   Entry path.
 * @returns
 *   Its text.
 */
async function entry(name: string): Promise<string> {
  const file = hantZip.file(name)
  if (!file) throw new Error('Missing entry `' + name + '`')
  return file.async('string')
}

/**
 * Decode UTF-8.
 *
 * @param bytes
 *   Bytes.
 * @returns
 *   Text.
 */
function text(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes)
}

/**
 * Read a zip's central directory: name, compression method and DOS date of
 * every entry, in order.
 *
 * @param bytes
 *   Zip archive.
 * @returns
 *   Entries.
 */
function centralDirectory(bytes: Uint8Array): Array<{name: string; method: number; date: string}> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  // End of central directory record: 22 bytes, no comment.
  const end = bytes.byteLength - 22
  expect(view.getUint32(end, true)).toBe(0x06054b50)
  const count = view.getUint16(end + 10, true)
  let offset = view.getUint32(end + 16, true)
  const result: Array<{name: string; method: number; date: string}> = []

  for (let index = 0; index < count; index++) {
    expect(view.getUint32(offset, true)).toBe(0x02014b50)
    const method = view.getUint16(offset + 10, true)
    const time = view.getUint16(offset + 12, true)
    const day = view.getUint16(offset + 14, true)
    const nameLength = view.getUint16(offset + 28, true)
    const extraLength = view.getUint16(offset + 30, true)
    const commentLength = view.getUint16(offset + 32, true)
    const name = text(bytes.subarray(offset + 46, offset + 46 + nameLength))
    const date =
      String((day >> 9) + 1980) +
      '-' +
      pad((day >> 5) & 0xf) +
      '-' +
      pad(day & 0x1f) +
      'T' +
      pad(time >> 11) +
      ':' +
      pad((time >> 5) & 0x3f) +
      ':' +
      pad((time & 0x1f) * 2)
    result.push({name, method, date})
    offset += 46 + nameLength + extraLength + commentLength
  }

  return result
}

/**
 * Pad a number to two digits.
 *
 * @param value
 *   Number.
 * @returns
 *   Two digits.
 */
function pad(value: number): string {
  return String(value).padStart(2, '0')
}
