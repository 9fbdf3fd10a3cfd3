import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import vm from 'node:vm'
import {h} from 'hastscript'
import JSZip from 'jszip'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {EditionBook, EditionInfo, OutputFile, RenderContext} from '../src/core/model.js'
import {epub} from '../src/formats/epub/epub.js'
import {coverSvg} from '../src/formats/epub/cover.js'
import {
  epubStyle,
  fontFamily,
  kaiFamilies,
  latinSerifFamilies,
  monospaceFamilies,
  serifFamilies
} from '../src/formats/epub/style.js'
import {readAsset} from '../src/formats/shared/assets.js'
import {renderSiteIndex, web} from '../src/formats/web/web.js'
import {bilingualBook, bilingualInfo} from './helpers/bilingual-book.js'
import {epubcheck, type EpubcheckResult} from './helpers/epubcheck.js'
import {vnu, type VnuResult} from './helpers/vnu.js'
import {loadSearchIndex} from './helpers/search-index.js'
import {flatCss} from './helpers/css.js'
import {BuildSession} from '../src/build/session.js'

const hansInfo: EditionInfo = {id: 'hans', lang: 'zh-Hans', label: '简体中文'}

/** A Simplified edition of the same chapters, without translation or notes. */
const hansBook: EditionBook = {
  edition: hansInfo,
  meta: {...bilingualBook.meta, translated: undefined},
  chapters: [
    {
      id: 'opening',
      title: '开场',
      sourcePath: 'opening.md',
      tree: {type: 'root', children: [h('h1', '开场'), h('p', '大家好。')]}
    },
    {
      id: 'logic',
      title: 'AI 大模型的逻辑',
      sourcePath: 'logic.md',
      tree: {type: 'root', children: [h('h1', 'AI 大模型的逻辑'), h('p', '大模型需要算力。')]}
    }
  ]
}

/** The bilingual edition with a small, hand-made pop-up dictionary. */
const withDictionary: EditionBook = {
  ...bilingualBook,
  dictionary: {
    words: {
      模型: [{pinyin: 'mó xíng', en: 'model/mould'}],
      大模型: [{pinyin: 'dà mó xíng', en: 'large model'}],
      大: [
        {pinyin: 'dà', en: 'big; large'},
        {pinyin: 'dài', en: 'see 大夫[dài fu]'}
      ]
    },
    attribution: {
      name: 'CC-CEDICT',
      url: 'https://www.mdbg.net/chinese/dictionary?page=cc-cedict',
      license: 'CC BY-SA 4.0',
      licenseUrl: 'https://creativecommons.org/licenses/by-sa/4.0/'
    }
  }
}

const context: RenderContext = {
  modified: new Date('2026-11-28T12:34:56Z'),
  session: new BuildSession(),
  editions: [hansInfo, bilingualInfo]
}

let folder = ''
let zip = new JSZip()
let check: EpubcheckResult
let webFiles: OutputFile[] = []
let byPath = new Map<string, string>()
let nu: VnuResult
const control = 'control.html'
const treesBefore = structuredClone(bilingualBook.chapters.map((chapter) => chapter.tree))

beforeAll(async () => {
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-bilingual-'))
  const [book] = await epub.render(bilingualBook, context)
  webFiles = [
    ...(await web.render(hansBook, context)),
    ...(await web.render(withDictionary, context)),
    ...renderSiteIndex([hansBook, withDictionary], context)
  ]
  byPath = new Map(webFiles.map((file) => [file.path, text(file)]))

  for (const file of [book!, ...webFiles]) {
    const target = path.join(folder, file.path)
    await fs.mkdir(path.dirname(target), {recursive: true})
    await fs.writeFile(target, file.data)
  }

  // A broken page in the same run proves the checker ran and reported.
  await fs.writeFile(
    path.join(folder, control),
    '<!doctype html>\n<html>\n<head><title>x</title></head>\n<body><p>x</span></p></body>\n</html>\n'
  )

  zip = await JSZip.loadAsync(book!.data as Uint8Array)
  ;[check, nu] = await Promise.all([
    epubcheck(path.join(folder, book!.path)),
    vnu([
      ...webFiles.filter((file) => /\.(?:html|css)$/.test(file.path)).map((file) => path.join(folder, file.path)),
      path.join(folder, control)
    ])
  ])
})

afterAll(async () => {
  if (folder) await fs.rm(folder, {recursive: true, force: true})
})

describe('epub (bilingual)', () => {
  it('should pass epubcheck with no errors and no warnings', () => {
    expect({errors: check.errors, warnings: check.warnings, messages: check.messages}).toEqual({
      errors: 0,
      warnings: 0,
      messages: []
    })
  })

  it('should not change the chapters it renders', () => {
    expect(bilingualBook.chapters.map((chapter) => chapter.tree)).toEqual(treesBefore)
  })

  it('should list the edition’s language first, then the others', async () => {
    const opf = await entry('OEBPS/content.opf')
    expect([...opf.matchAll(/<dc:language>([^<]*)<\/dc:language>/g)].map((m) => m[1])).toEqual(['zh-Hans', 'en'])
    expect(opf).toContain('unique-identifier="book-id" xml:lang="zh-Hans">')
  })

  it('should give the English title as a `dc:title` and as alternate scripts', async () => {
    const opf = await entry('OEBPS/content.opf')
    expect(opf).toContain(
      [
        '<dc:title id="title">大模型只是少数人的机会，小模型才是大多数人的机会</dc:title>',
        '<meta refines="#title" property="title-type">main</meta>',
        '<meta refines="#title" property="alternate-script" xml:lang="en">Large Models Are an Opportunity for the Few, Small Models for the Many</meta>',
        '<dc:title id="subtitle">AI 大模型的逻辑、创业机会与中美 AIGC 赚钱的差异</dc:title>',
        '<meta refines="#subtitle" property="title-type">subtitle</meta>',
        '<meta refines="#subtitle" property="alternate-script" xml:lang="en">The Logic of Large AI Models, Opportunities for Start-ups, and How AIGC Makes Money in China and the US</meta>',
        '<dc:title id="title-translated" xml:lang="en">Large Models Are an Opportunity for the Few, Small Models for the Many: The Logic of Large AI Models, Opportunities for Start-ups, and How AIGC Makes Money in China and the US</dc:title>',
        '<meta refines="#title-translated" property="title-type">expanded</meta>'
      ].join('\n')
    )
  })

  it('should set the English title on the cover, in English', async () => {
    const svg = coverSvg(bilingualBook)
    expect(svg).toMatch(
      /<text [^>]*font-style="italic" font-family="'Charter', [^"]*" xml:lang="en"><tspan x="600" dy="0">Large Models Are an Opportunity for<\/tspan><tspan x="600" dy="64">the Few, Small Models for the Many<\/tspan><\/text>/
    )
  })

  it('should map note roles to EPUB semantics, the note in the reference’s document, back-link first', async () => {
    const logic = await entry('OEBPS/logic.xhtml')
    expect(logic).toContain(
      '<span class="noteref-group"><ruby class="gloss-term">大模型<rp>(</rp><rt lang="zh-Latn-pinyin" xml:lang="zh-Latn-pinyin">dà mó xíng</rt><rp>)</rp></ruby><a href="#gloss-1" id="gloss-ref-1" role="doc-noteref" epub:type="noteref" class="noteref" aria-label="English gloss">†</a></span>'
    )
    expect(logic).toContain(
      '<div class="gloss-notes"><aside id="gloss-1" role="doc-footnote" epub:type="footnote" class="gloss" lang="en" xml:lang="en" aria-label="English gloss"><p><a href="#gloss-ref-1" role="doc-backlink" aria-label="Back to text">↩</a> <span lang="zh-Hans" xml:lang="zh-Hans" class="gloss-zh">大模型</span>'
    )

    for (const name of ['OEBPS/opening.xhtml', 'OEBPS/logic.xhtml']) {
      const document = await entry(name)
      const references = [...document.matchAll(/<a href="#([^"]+)"[^>]* epub:type="noteref"/g)]
      expect(references.length, name).toBeGreaterThan(0)

      for (const [, id] of references) {
        expect(document, name + ' #' + id).toMatch(
          new RegExp(
            '<aside id="' +
              id +
              '" role="doc-footnote" epub:type="footnote"[^>]*><p><a href="#gloss-ref-\\d+" role="doc-backlink"'
          )
        )
      }
    }
  })

  it('should mark English runs with `lang` and `xml:lang`', async () => {
    const opening = await entry('OEBPS/opening.xhtml')
    expect(opening).toContain(
      '<h1 id="chapter-opening-title">开场<span lang="en" xml:lang="en" class="translation">Opening</span></h1>'
    )
    expect(opening).toContain(
      '<p lang="en" xml:lang="en" class="translation">Hello everyone. Today I would like to talk about large models and small models: how far each of them is from every one of us.</p>'
    )
    expect(opening).toContain(
      '<p lang="en" xml:lang="en" class="translation awaiting">English translation to come.</p>'
    )
    expect(opening).toContain(
      '<blockquote><p>大模型只是少数人的机会，小模型才是大多数人的机会。</p><p lang="en" xml:lang="en" class="translation">'
    )
  })

  it('should make the glossary a `glossary` section and landmark, with resolved links', async () => {
    const glossary = await entry('OEBPS/glossary.xhtml')
    expect(glossary).toContain(
      '<section epub:type="glossary" role="doc-glossary" aria-labelledby="chapter-glossary-title" class="glossary"><h1 id="chapter-glossary-title">词汇表<span lang="en" xml:lang="en" class="translation">Glossary</span></h1>'
    )
    expect(glossary).toContain('<a href="logic.xhtml#gloss-ref-1">First in: AI 大模型的逻辑</a>')
    expect(glossary).toContain('<a href="opening.xhtml#gloss-ref-1">First in: 开场</a>')
    expect(glossary).toContain('<a href="logic.xhtml#gloss-ref-2">First in: AI 大模型的逻辑</a>')

    const nav = await entry('OEBPS/toc.xhtml')
    expect(nav).toContain(
      [
        '<li><a href="opening.xhtml">开场</a></li>',
        '<li><a href="logic.xhtml">AI 大模型的逻辑</a></li>',
        '<li><a href="glossary.xhtml">词汇表</a></li>'
      ].join('\n')
    )
    expect(nav).toContain(
      [
        '<li><a epub:type="bodymatter" href="opening.xhtml">正文</a></li>',
        '<li><a epub:type="glossary" href="glossary.xhtml">词汇表</a></li>'
      ].join('\n')
    )
    expect(await entry('OEBPS/toc.ncx')).toContain(
      '<navPoint id="nav-chapter-glossary" playOrder="3">\n<navLabel><text>词汇表</text></navLabel>\n<content src="glossary.xhtml"/>'
    )
  })

  it('should leave no `chapter:` link and no character reference', async () => {
    for (const name of Object.keys(zip.files)) {
      if (/\.(?:css|ncx|opf|svg|xhtml|xml)$/.test(name)) {
        const value = await entry(name)
        expect(value, name).not.toContain('chapter:')
        expect(value, name).not.toMatch(/&#/)
      }
    }
  })

  it('should style translations, placeholders, ruby, references, notes and the glossary', () => {
    for (const selector of [
      '[lang]:lang(en) {',
      'p.translation {',
      'h1 .translation,',
      'p.translation.awaiting {',
      'ruby {',
      'rt {',
      'span.noteref-group {',
      'a.noteref {',
      'aside.gloss {',
      'dl.glossary {'
    ]) {
      expect(epubStyle(), selector).toContain('\n' + selector)
    }

    expect(epubStyle()).toMatch(/p\.translation \{[^}]*border-left: 0\.1em solid;[^}]*\}/)
    expect(epubStyle()).toMatch(/p\.translation\.awaiting \{[^}]*border: 0\.1em dashed;[^}]*font-style: italic;/)
    expect(epubStyle()).toMatch(/\.translation \{[^}]*hyphens: auto;/)
    expect(epubStyle()).toMatch(/ruby \{[^}]*ruby-position: over;/)
  })

  it('should name in its stylesheet the fonts the cover draws with', () => {
    const css = flatCss(epubStyle())
    for (const [selector, value] of [
      ['html', fontFamily(serifFamilies.hant, 'serif')],
      ['[lang]:lang(zh-Hant)', fontFamily(serifFamilies.hant, 'serif')],
      ['[lang]:lang(zh-Hans)', fontFamily(serifFamilies.hans, 'serif')],
      ['blockquote:lang(zh-Hans)', fontFamily(kaiFamilies.hans, 'serif')],
      ['[lang]:lang(zh-Latn)', fontFamily(serifFamilies.hans, 'serif')],
      ['[lang]:lang(en)', fontFamily(latinSerifFamilies, 'serif')]
    ]) {
      expect(css, selector).toContain(selector + ' { font-family: ' + value + '; }')
    }
    expect(css).toContain('font-family: ' + fontFamily(kaiFamilies.hant, 'serif') + '; }')
    expect(css).toContain('pre { font-family: ' + fontFamily(monospaceFamilies, 'monospace') + '; }')
  })
})

describe('web (bilingual)', () => {
  it('should pass the Nu HTML Checker with no errors and no warnings', () => {
    const theirs = nu.messages.filter((message) => message.file.endsWith(control))
    expect(theirs.some((message) => message.type === 'error')).toBe(true)
    expect(nu.messages.filter((message) => !message.file.endsWith(control))).toEqual([])
  })

  it('should write `notes.js` once, and only for a build with notes', () => {
    expect(webFiles.filter((file) => file.path === 'web/notes.js')).toEqual([
      {path: 'web/notes.js', data: readAsset('web/notes.js')}
    ])
    expect(renderSiteIndex([hansBook], context).map((file) => file.path)).toEqual([
      'web/favicon.svg',
      'web/index.html',
      'web/prefs.js',
      'web/search-page.js',
      'web/site.js',
      'web/style.css'
    ])
  })

  it('should load `notes.js` on the chapter pages with notes, only', () => {
    const script = '<script src="../notes.js" defer></script>'
    expect(page('web/bilingual/opening.html')).toContain(script)
    expect(page('web/bilingual/logic.html')).toContain(script)

    for (const name of [
      'web/bilingual/glossary.html',
      'web/bilingual/index.html',
      'web/hans/opening.html',
      'web/hans/logic.html',
      'web/index.html'
    ]) {
      expect(page(name), name).not.toContain('notes.js')
    }
  })

  it('should keep the notes at the end of the chapter as plain links', () => {
    const logic = page('web/bilingual/logic.html')
    expect(logic).toContain(
      '<span class="noteref-group"><ruby class="gloss-term">大模型<rp>(</rp><rt lang="zh-Latn-pinyin">dà mó xíng</rt><rp>)</rp></ruby><a href="#gloss-1" id="gloss-ref-1" role="doc-noteref" class="noteref" aria-label="English gloss">†</a></span>'
    )
    // Named after their reference: a page lists many notes.
    expect(logic).toContain(
      '<div class="gloss-notes"><aside id="gloss-1" role="doc-footnote" class="gloss" lang="en" aria-label="English gloss"><p><a href="#gloss-ref-1" role="doc-backlink" aria-label="Back to text">↩</a> '
    )
  })

  it('should write no EPUB semantics and no `chapter:` link', () => {
    for (const file of webFiles.filter((file) => file.path.endsWith('.html'))) {
      expect(text(file), file.path).not.toContain('epub:')
      expect(text(file), file.path).not.toContain('chapter:')
    }
  })

  it('should resolve the glossary’s links to chapter pages', () => {
    const glossary = page('web/bilingual/glossary.html')
    expect(glossary).toContain('<a href="logic.html#gloss-ref-1">First in: AI 大模型的逻辑</a>')
    expect(glossary).toContain('<a href="opening.html#gloss-ref-1">First in: 开场</a>')
    expect(glossary).toContain(
      '<main id="main"><section role="doc-glossary" aria-label="词汇表"><h1>词汇表<span lang="en" class="translation">Glossary</span></h1>'
    )
  })

  it('should link the glossary to the other editions’ title pages, not to missing pages', () => {
    const glossary = page('web/bilingual/glossary.html')
    expect(glossary).toContain('<a href="../hans/index.html" hreflang="zh-Hans" lang="zh-Hans">简体中文</a>')
    expect(glossary).not.toContain('rel="alternate"')
    expect(page('web/bilingual/logic.html')).toContain(
      '<link rel="alternate" hreflang="zh-Hans" href="../hans/logic.html">'
    )
  })

  it('should resolve every relative link to an existing file and id', () => {
    const broken: string[] = []

    for (const file of webFiles.filter((file) => file.path.endsWith('.html'))) {
      const html = text(file)

      for (const [, tag, href] of html.matchAll(/<(\w+) [^>]*?(?:href|src)="([^"]*)"/g)) {
        // A link out (the dictionary's credit) is not a request.
        if (tag === 'a' && href!.startsWith('https://')) continue
        const [pathname = '', fragment] = href!.split('#')
        const target = pathname ? path.posix.join(path.posix.dirname(file.path), pathname) : file.path
        const value = byPath.get(target)

        if (value === undefined) broken.push(file.path + ' → ' + href)
        else if (fragment && !value.includes(' id="' + fragment + '"')) {
          broken.push(file.path + ' → ' + href + ' (no such id)')
        }
      }
    }

    expect(broken).toEqual([])
  })

  it('should show the English title, in English, on the title page and the site index', () => {
    const english =
      '<h1>大模型只是少数人的机会，小模型才是大多数人的机会<span lang="en" class="translation">Large Models Are an Opportunity for the Few, Small Models for the Many</span></h1>\n<p class="subtitle">AI 大模型的逻辑、创业机会与中美 AIGC 赚钱的差异<span lang="en" class="translation">The Logic of Large AI Models, Opportunities for Start-ups, and How AIGC Makes Money in China and the US</span></p>'
    expect(page('web/bilingual/index.html')).toContain(english)
    expect(page('web/index.html')).toContain(english)
    expect(page('web/hans/index.html')).toContain('<h1>大模型只是少数人的机会，小模型才是大多数人的机会</h1>')
  })

  it('should name the languages of a bilingual edition on the site index', () => {
    expect(page('web/index.html')).toContain(
      '<li class="edition"><span class="edition-name"><a href="bilingual/index.html" hreflang="zh-Hans" lang="zh-Hans">中英对照</a></span> <span class="edition-languages" lang="en">Simplified Chinese and English</span> <a class="edition-start" href="bilingual/opening.html" hreflang="zh-Hans" lang="zh-Hans">开始阅读</a></li>'
    )
    expect(page('web/index.html')).toContain(
      '<li class="edition"><span class="edition-name"><a href="hans/index.html" hreflang="zh-Hans" lang="zh-Hans">简体中文</a></span> <span class="edition-languages" lang="en">Simplified Chinese</span> <a class="edition-start" href="hans/opening.html" hreflang="zh-Hans" lang="zh-Hans">开始阅读</a></li>'
    )
  })

  it('should mark English runs with `lang`', () => {
    const opening = page('web/bilingual/opening.html')
    expect(opening).toContain('<h1>开场<span lang="en" class="translation">Opening</span></h1>')
    expect(opening).toContain('<p lang="en" class="translation awaiting">English translation to come.</p>')
    expect(page('web/bilingual/logic.html')).toContain(
      '<li><p>算力最贵。</p><p lang="en" class="translation">Computing power costs the most.</p></li>'
    )
  })

  it('should style translations, placeholders, ruby, references, notes, the pop-up and the glossary', () => {
    const webStyle = flatCss(readAsset('web/style.css'))
    for (const selector of [
      ':where([lang]:lang(en))',
      'p.translation {',
      ':is(h1, h2, h3, h4, h5, h6) .translation',
      'p.translation.awaiting {',
      'ruby {',
      'rt {',
      '.noteref-group {',
      'a.noteref {',
      '.gloss-notes {',
      '.note-popup, .dictionary-popup {',
      'dl.glossary {'
    ]) {
      expect(webStyle, selector).toMatch(new RegExp('[}] ' + selector.replace(/[()[\].*+?^$|{}]/g, '\\$&')))
    }

    expect(webStyle).toMatch(
      /p\.translation\.awaiting \{[^}]*border: 1px dashed var\(--muted\);[^}]*font-style: italic;/
    )
    expect(webStyle).toMatch(
      /@media print \{[^@]*\.note-popup, \.dictionary-popup, \.search-form \{ display: none !important; \}/
    )
  })
})

describe('web (bilingual reading tools)', () => {
  it('should offer switches for the English and the pinyin', () => {
    const html = page('web/bilingual/logic.html')
    expect(html).toContain('<body class="chapter-page has-translation has-ruby">')
    expect(html).toContain(
      '<div class="setting" role="group" aria-labelledby="setting-show"><span id="setting-show" class="setting-label">显示</span><span class="setting-choices"><button type="button" data-preference="english" data-value="toggle" aria-pressed="true">英文</button><button type="button" data-preference="pinyin" data-value="toggle" aria-pressed="true">拼音</button></span></div>'
    )
    expect(page('web/hans/logic.html')).not.toContain('data-preference="english"')
    expect(page('web/hans/logic.html')).toContain('<body class="chapter-page">')
  })

  it('should write the dictionary table of the edition with a dictionary, and the pop-up script once', () => {
    expect(webFiles.filter((file) => /dictionary/.test(file.path)).map((file) => file.path)).toEqual([
      'web/bilingual/dictionary.js',
      'web/dictionary-popup.js'
    ])
    expect(page('web/dictionary-popup.js')).toBe(readAsset('web/dictionary-popup.js'))
    expect(page('web/bilingual/dictionary.js')).toBe(
      '/* zhbook: pop-up dictionary of this edition (the words of this book only).\n' +
        ' * CC-CEDICT, https://www.mdbg.net/chinese/dictionary?page=cc-cedict\n' +
        ' * License: CC BY-SA 4.0, https://creativecommons.org/licenses/by-sa/4.0/ */\n' +
        'window.zhbookDictionary = {"words": {\n' +
        '"大": [["dà","big; large"],["dài","see 大夫[dài fu]"]],\n' +
        '"大模型": [["dà mó xíng","large model"]],\n' +
        '"模型": [["mó xíng","model/mould"]]\n' +
        '}}\n'
    )
    const sandbox: {window: Record<string, unknown>} = {window: {}}
    vm.runInNewContext(page('web/bilingual/dictionary.js'), sandbox)
    expect(Object.keys((sandbox.window.zhbookDictionary as {words: object}).words)).toEqual(['大', '大模型', '模型'])
    expect(renderSiteIndex([hansBook, bilingualBook], context).map((file) => file.path)).not.toContain(
      'web/dictionary-popup.js'
    )
  })

  it('should load the dictionary on chapter pages, after the notes, and credit CC-CEDICT', () => {
    const html = page('web/bilingual/logic.html')
    expect(html).toContain(
      '<script src="../prefs.js"></script>\n<script src="../site.js" defer></script>\n<script src="../notes.js" defer></script>\n<script src="dictionary.js" defer></script>\n<script src="../dictionary-popup.js" defer></script>\n</head>'
    )
    expect(html).toContain(
      '<footer class="site-footer"><p class="dictionary-credit">词典数据：<a href="https://www.mdbg.net/chinese/dictionary?page=cc-cedict" lang="en">CC-CEDICT</a>（<a href="https://creativecommons.org/licenses/by-sa/4.0/" lang="en" rel="license">CC BY-SA 4.0</a>）</p></footer>'
    )
    for (const name of ['web/bilingual/index.html', 'web/bilingual/search.html', 'web/hans/logic.html']) {
      expect(page(name), name).not.toContain('dictionary')
    }
  })

  it('should index the English of the bilingual edition for search', () => {
    const index = loadSearchIndex(page, 'web/bilingual')
    expect(index.chapters).toEqual([
      ['opening', '开场'],
      ['logic', 'AI 大模型的逻辑'],
      ['glossary', '词汇表']
    ])
    // The glossary's entries (this hand-made edition numbers no block).
    expect(index.parts).toHaveLength(1)
    expect(index.blocks).toEqual([
      [
        2,
        'term-1',
        '大模型 dà mó xíng',
        'large model. An AI model with billions of parameters. First in: AI 大模型的逻辑'
      ],
      [2, 'term-2', '小模型 xiǎo mó xíng', 'small model. A model tuned for one task. First in: 开场'],
      [2, 'term-3', '算力 suàn lì', 'computing power. The processing capacity a model needs. First in: AI 大模型的逻辑']
    ])
  })
})

/**
 * Read a text entry of the EPUB.
 *
 * @param name
 *   Entry path.
 * @returns
 *   Its text.
 */
async function entry(name: string): Promise<string> {
  const file = zip.file(name)
  if (!file) throw new Error('Missing entry `' + name + '`')
  return file.async('string')
}

/**
 * A rendered web page by path.
 *
 * @param name
 *   Path.
 * @returns
 *   Its text.
 */
function page(name: string): string {
  const value = byPath.get(name)
  if (value === undefined) throw new Error('Missing output file ' + name)
  return value
}

/**
 * Contents of a rendered file as text.
 *
 * @param file
 *   File.
 * @returns
 *   Text.
 */
function text(file: OutputFile): string {
  return typeof file.data === 'string' ? file.data : new TextDecoder().decode(file.data)
}
