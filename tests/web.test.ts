import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import vm from 'node:vm'
import type {Root} from 'hast'
import {h} from 'hastscript'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {BookMeta, EditionBook, EditionChapter, EditionInfo, OutputFile, RenderContext} from '../src/core/model.js'
import {readAsset} from '../src/formats/shared/assets.js'
import {searchIndex, searchScripts} from '../src/formats/web/search-index.js'
import {loadSearchIndex} from './helpers/search-index.js'
import {customProperties, flatCss} from './helpers/css.js'
import {renderSiteIndex, web} from '../src/formats/web/web.js'
import {vnu, type VnuResult} from './helpers/vnu.js'
import {BuildSession} from '../src/build/session.js'

const hantInfo: EditionInfo = {id: 'hant', lang: 'zh-Hant', label: '繁體中文'}
const hansInfo: EditionInfo = {id: 'hans', lang: 'zh-Hans', label: '简体中文'}

const context: RenderContext = {
  modified: new Date('2026-11-28T00:00:00Z'),
  session: new BuildSession(),
  editions: [hantInfo, hansInfo]
}

const hantMeta: BookMeta = {
  title: '大模型只是少數人的機會，小模型才是大多數人的機會',
  subtitle: 'AI 大模型的邏輯、創業機會與中美 AIGC 賺錢的差異',
  author: '章鵬',
  host: '混沌創新院 AI 系列直播欄目第三期（混沌直播間）',
  source: '章鵬在混沌直播間直播分享的文字實錄',
  language: 'zh-Hant',
  identifier: 'urn:uuid:6d3f2a4e-8b1c-4f5e-9a7d-2c1e0b9f8a31',
  date: '2026-11-28',
  slug: 'small-models'
}

const hansMeta: BookMeta = {
  ...hantMeta,
  title: '大模型只是少数人的机会，小模型才是大多数人的机会',
  subtitle: 'AI 大模型的逻辑、创业机会与中美 AIGC 赚钱的差异',
  author: '章鹏',
  host: '混沌创新院 AI 系列直播栏目第三期（混沌直播间）',
  source: '章鹏在混沌直播间直播分享的文字实录',
  language: 'zh-Hans'
}

/**
 * A chapter as the stages make it: blocks separated by line feeds, starting
 * with its `<h1>`.
 */
function chapter(id: string, title: string, blocks: Root['children']): EditionChapter {
  const children: Root['children'] = [h('h1', title)]
  for (const block of blocks) children.push({type: 'text', value: '\n'}, block)
  return {id, title, tree: h(null, children), sourcePath: id + '.md'}
}

const hantBook: EditionBook = {
  edition: hantInfo,
  meta: hantMeta,
  chapters: [
    chapter('opening', '開場', [
      h('p', '大家好，今天想和大家聊一聊大模型和小模型。'),
      h('blockquote', [h('p', '大模型只是少數人的機會，小模型才是大多數人的機會。')])
    ]),
    chapter('logic', '大模型的邏輯', [
      h('h2', '三個要素'),
      h('ol', [h('li', '算力'), h('li', '演算法'), h('li', '資料')]),
      h('p', ['模型的輸入通常寫成 ', h('code', 'prompt'), '，也就是提示詞。'])
    ]),
    chapter('qa', '提問環節', [
      h('p', [h('strong', '主持人：'), '您覺得下一代擁有怎樣的能力？']),
      h('p', [h('strong', '章鵬：'), '我覺得邏輯思維和哲科思維是必須的思維能力。'])
    ])
  ]
}

const hansBook: EditionBook = {
  edition: hansInfo,
  meta: hansMeta,
  chapters: [
    chapter('opening', '开场', [
      h('p', '大家好，今天想和大家聊一聊大模型和小模型。'),
      h('blockquote', [h('p', '大模型只是少数人的机会，小模型才是大多数人的机会。')])
    ]),
    chapter('logic', '大模型的逻辑', [
      h('h2', '三个要素'),
      h('ol', [h('li', '算力'), h('li', '算法'), h('li', '数据')]),
      h('p', ['模型的输入通常写成 ', h('code', 'prompt'), '，也就是提示词。'])
    ]),
    chapter('qa', '提问环节', [
      h('p', [h('strong', '主持人：'), '您觉得下一代拥有怎样的能力？']),
      h('p', [h('strong', '章鹏：'), '我觉得逻辑思维和哲科思维是必须的思维能力。'])
    ])
  ]
}

/**
 * Render both editions and the site index, the way the build does.
 */
async function renderAll(): Promise<OutputFile[]> {
  return [
    ...(await web.render(hantBook, context)),
    ...(await web.render(hansBook, context)),
    ...renderSiteIndex([hantBook, hansBook], context)
  ]
}

/** Contents of a rendered file as text. */
function text(file: OutputFile): string {
  return typeof file.data === 'string' ? file.data : new TextDecoder().decode(file.data)
}

/** Attributes of every `<name …>` start tag, in document order. */
function tags(html: string, name: string): Array<Record<string, string>> {
  const result: Array<Record<string, string>> = []
  for (const match of html.matchAll(new RegExp('<' + name + '(\\s[^>]*)?>', 'g'))) {
    const attributes: Record<string, string> = {}
    for (const attribute of (match[1] ?? '').matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) {
      attributes[attribute[1]!] = attribute[2] ?? ''
    }
    result.push(attributes)
  }
  return result
}

/** `[href, text]` of each link in a fragment of HTML. */
function links(html: string): Array<[string, string]> {
  return [...html.matchAll(/<a href="([^"]*)"[^>]*>(.*?)<\/a>/g)].map((match) => [
    match[1]!,
    match[2]!.replace(/<[^>]+>/g, '')
  ])
}

/** WCAG contrast ratio of two `#rrggbb` colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((start) => {
      const channel = Number.parseInt(hex.slice(start, start + 2), 16) / 255
      return channel <= 0.039_28 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
  }
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light! + 0.05) / (dark! + 0.05)
}

let files: OutputFile[]
let byPath: Map<string, string>
let folder: string

beforeAll(async () => {
  files = await renderAll()
  byPath = new Map(files.map((file) => [file.path, text(file)]))
  folder = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-web-'))
  for (const file of files) {
    const target = path.join(folder, file.path)
    await fs.mkdir(path.dirname(target), {recursive: true})
    await fs.writeFile(target, file.data)
  }
})

afterAll(async () => {
  if (folder) await fs.rm(folder, {recursive: true, force: true})
})

/** A rendered page by path; fails the test if it is missing. */
function page(name: string): string {
  const value = byPath.get(name)
  if (value === undefined) throw new Error('Missing output file ' + name)
  return value
}

describe('api', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('../src/formats/web/web.js')).sort()).toEqual(['renderSiteIndex', 'web'])
    expect(web.name).toBe('web')
  })
})

describe('web', () => {
  it('should write the expected files', () => {
    expect(files.map((file) => file.path).sort()).toEqual([
      'web/favicon.svg',
      'web/hans/index.html',
      'web/hans/logic.html',
      'web/hans/opening.html',
      'web/hans/qa.html',
      'web/hans/search.html',
      'web/hans/search.js',
      'web/hant/index.html',
      'web/hant/logic.html',
      'web/hant/opening.html',
      'web/hant/qa.html',
      'web/hant/search.html',
      'web/hant/search.js',
      'web/index.html',
      'web/prefs.js',
      'web/search-page.js',
      'web/site.js',
      'web/style.css'
    ])
  })

  it('should write each path once', () => {
    const paths = files.map((file) => file.path)
    expect(new Set(paths).size).toBe(paths.length)
  })

  it('should pass the Nu HTML Checker with no errors and no warnings', async () => {
    // A broken page in the same run (one JVM start) proves the checker ran and
    // reported: an empty report alone cannot tell "valid" from "not checked".
    const control = path.join(folder, 'control.html')
    await fs.writeFile(
      control,
      '<!doctype html>\n<html>\n<head><title>x</title></head>\n<body><p>x</span></p></body>\n</html>\n'
    )
    const result: VnuResult = await vnu([
      ...files.filter((file) => /\.(?:html|css|svg)$/.test(file.path)).map((file) => path.join(folder, file.path)),
      control
    ])
    const ours = result.messages.filter((message) => message.file !== control)
    const theirs = result.messages.filter((message) => message.file === control)

    expect(theirs.map((message) => message.type + ' ' + (message.subType ?? ''))).toEqual(
      expect.arrayContaining(['error ', 'info warning'])
    )
    expect(ours).toEqual([])
    expect(result.errors).toBe(theirs.filter((message) => message.type === 'error').length)
    expect(result.warnings).toBe(theirs.filter((message) => message.subType === 'warning').length)
  })

  it('should start every page with a doctype, charset, viewport and stylesheet', () => {
    for (const file of files.filter((file) => file.path.endsWith('.html'))) {
      const html = text(file)
      expect(html.startsWith('<!doctype html>\n<html lang="'), file.path).toBe(true)
      expect(html, file.path).toContain('<meta charset="utf-8">')
      expect(html, file.path).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">')
      const depth = file.path.split('/').length - 2
      expect(tags(html, 'link')[0], file.path).toEqual({
        rel: 'stylesheet',
        href: '../'.repeat(depth) + 'style.css'
      })
      expect(tags(html, 'main'), file.path).toHaveLength(1)
    }
  })

  it('should set `lang` on `<html>` to the edition’s language', () => {
    for (const [name, lang] of [
      ['web/index.html', 'zh-Hant'],
      ['web/hant/index.html', 'zh-Hant'],
      ['web/hant/opening.html', 'zh-Hant'],
      ['web/hant/qa.html', 'zh-Hant'],
      ['web/hans/index.html', 'zh-Hans'],
      ['web/hans/logic.html', 'zh-Hans'],
      ['web/hans/qa.html', 'zh-Hans']
    ] as const) {
      expect(tags(page(name), 'html'), name).toEqual([{lang}])
    }
  })

  it('should title a chapter page “chapter — book”', () => {
    expect(page('web/hant/logic.html')).toContain(
      '<title>大模型的邏輯 — 大模型只是少數人的機會，小模型才是大多數人的機會</title>'
    )
    expect(page('web/hans/qa.html')).toContain(
      '<title>提问环节 — 大模型只是少数人的机会，小模型才是大多数人的机会</title>'
    )
  })

  it('should link previous and next chapters, none past the ends', () => {
    const pager = (name: string) =>
      tags(page(name), 'a')
        .filter((attributes) => attributes.rel)
        .map((attributes) => [attributes.rel, attributes.href])

    expect(pager('web/hant/opening.html')).toEqual([['next', 'logic.html']])
    expect(pager('web/hant/logic.html')).toEqual([
      ['prev', 'opening.html'],
      ['next', 'qa.html']
    ])
    expect(pager('web/hant/qa.html')).toEqual([['prev', 'logic.html']])
    expect(pager('web/hans/qa.html')).toEqual([['prev', 'logic.html']])

    expect(page('web/hant/logic.html')).toContain(
      '<a href="opening.html" rel="prev"><span class="pager-label">上一章</span><span class="pager-title">開場</span></a>'
    )
    expect(page('web/hans/logic.html')).toContain(
      '<a href="qa.html" rel="next"><span class="pager-label">下一章</span><span class="pager-title">提问环节</span></a>'
    )
  })

  it('should link a chapter page to the book and the table of contents', () => {
    const html = page('web/hant/qa.html')
    expect(html).toContain(
      '<p class="book-title"><a href="index.html">大模型只是少數人的機會，小模型才是大多數人的機會</a></p>'
    )
    expect(html).toContain('<li class="pager-toc"><a href="index.html#toc">目錄</a></li>')
  })

  it('should include the chapter body in `<main>`', () => {
    const html = page('web/hant/logic.html')
    expect(html).toContain(
      '<main id="main"><h1>大模型的邏輯</h1>\n<h2>三個要素</h2>\n<ol><li>算力</li><li>演算法</li><li>資料</li></ol>\n<p>模型的輸入通常寫成 <code>prompt</code>，也就是提示詞。</p></main>'
    )
  })

  it('should list the chapters in order in the table of contents', () => {
    const toc = (name: string) => {
      const nav = /<nav class="toc"[^>]*>([\s\S]*?)<\/nav>/.exec(page(name))
      return links(nav?.[1] ?? '')
    }

    expect(toc('web/hant/index.html')).toEqual([
      ['opening.html', '開場'],
      ['logic.html', '大模型的邏輯'],
      ['qa.html', '提問環節']
    ])
    expect(toc('web/hans/index.html')).toEqual([
      ['opening.html', '开场'],
      ['logic.html', '大模型的逻辑'],
      ['qa.html', '提问环节']
    ])
    expect(page('web/hant/index.html')).toContain('<nav class="toc" id="toc" aria-label="目錄"><h2>目錄</h2>')
  })

  it('should show the book on the edition index', () => {
    const html = page('web/hans/index.html')
    expect(html).toContain('<h1>大模型只是少数人的机会，小模型才是大多数人的机会</h1>')
    expect(html).toContain('<p class="subtitle">AI 大模型的逻辑、创业机会与中美 AIGC 赚钱的差异</p>')
    expect(html).toContain('<div><dt>作者</dt><dd>章鹏</dd></div>')
    expect(html).toContain('<div><dt>节目</dt><dd>混沌创新院 AI 系列直播栏目第三期（混沌直播间）</dd></div>')
    expect(html).toContain('<div><dt>来源</dt><dd>章鹏在混沌直播间直播分享的文字实录</dd></div>')
    expect(html).toContain('<a href="../index.html">其他版本</a>')
  })

  it('should link each edition from the site index with `hreflang` and `lang`', () => {
    const html = page('web/index.html')
    expect(html).toContain('<h1>大模型只是少數人的機會，小模型才是大多數人的機會</h1>')
    expect(html).toContain('<p class="subtitle">AI 大模型的邏輯、創業機會與中美 AIGC 賺錢的差異</p>')
    expect(html).toContain('<div><dt>作者</dt><dd>章鵬</dd></div>')
    expect(tags(html, 'a').filter((attributes) => attributes.hreflang)).toEqual([
      {href: 'hant/index.html', hreflang: 'zh-Hant', lang: 'zh-Hant'},
      {class: 'edition-start', href: 'hant/opening.html', hreflang: 'zh-Hant', lang: 'zh-Hant'},
      {href: 'hans/index.html', hreflang: 'zh-Hans', lang: 'zh-Hans'},
      {class: 'edition-start', href: 'hans/opening.html', hreflang: 'zh-Hans', lang: 'zh-Hans'}
    ])
    expect(html).toContain(
      '<li class="edition"><span class="edition-name"><a href="hant/index.html" hreflang="zh-Hant" lang="zh-Hant">繁體中文</a></span> <span class="edition-languages" lang="en">Traditional Chinese</span> <a class="edition-start" href="hant/opening.html" hreflang="zh-Hant" lang="zh-Hant">開始閱讀</a></li>'
    )
    expect(html).toContain(
      '<li class="edition"><span class="edition-name"><a href="hans/index.html" hreflang="zh-Hans" lang="zh-Hans">简体中文</a></span> <span class="edition-languages" lang="en">Simplified Chinese</span> <a class="edition-start" href="hans/opening.html" hreflang="zh-Hans" lang="zh-Hans">开始阅读</a></li>'
    )
  })

  it('should link a chapter to the same chapter in the other editions', () => {
    expect(tags(page('web/hant/logic.html'), 'a').filter((attributes) => attributes.hreflang)).toEqual([
      {href: '../hans/logic.html', hreflang: 'zh-Hans', lang: 'zh-Hans'}
    ])
  })

  it('should resolve every relative link to an existing file and id', async () => {
    const broken: string[] = []

    for (const file of files.filter((file) => file.path.endsWith('.html'))) {
      const html = text(file)
      const targets = [...tags(html, 'a'), ...tags(html, 'link')]
        .map((attributes) => attributes.href)
        .filter((href): href is string => href !== undefined)

      for (const href of targets) {
        expect(href, file.path).not.toMatch(/^[a-z][a-z\d+.-]*:|^\/\//i)
        const [pathname = '', fragment] = href.split('#')
        const target = pathname ? path.posix.join(path.posix.dirname(file.path), pathname) : file.path
        const targetText = byPath.get(target)

        try {
          await fs.access(path.join(folder, target))
        } catch {
          broken.push(file.path + ' → ' + href)
          continue
        }

        if (fragment && !targetText?.includes(' id="' + fragment + '"')) {
          broken.push(file.path + ' → ' + href + ' (no such id)')
        }
      }
    }

    expect(broken).toEqual([])
  })

  it('should make no request outside the site', () => {
    for (const file of files) {
      const value = file.path.endsWith('.svg')
        ? text(file).replace(' xmlns="http://www.w3.org/2000/svg"', '')
        : text(file)
      expect(value, file.path).not.toMatch(/https?:\/\/|\/\/[\w.-]+\//)
    }
    expect(byPath.get('web/style.css')).not.toMatch(/@import|url\(|@font-face/)
  })

  it('should write identical bytes on a second render', async () => {
    const again = await renderAll()
    expect(again.map((file) => [file.path, text(file)])).toEqual(files.map((file) => [file.path, text(file)]))
  })

  it('should write interface strings in the edition’s script', () => {
    const hant = page('web/hant/logic.html') + page('web/hant/index.html')
    const hans = page('web/hans/logic.html') + page('web/hans/index.html')

    expect(hant).toContain('目錄')
    expect(hant).toContain('aria-label="章節導覽"')
    expect(hant).not.toContain('目录')
    expect(hans).toContain('目录')
    expect(hans).toContain('aria-label="章节导航"')
    expect(hans).not.toContain('目錄')
  })

  it('should fall back to English interface strings for other languages', async () => {
    const [index] = await web.render({...hantBook, edition: {id: 'bilingual', lang: 'en', label: 'Bilingual'}}, context)
    expect(text(index!)).toContain('<h2>Contents</h2>')
  })

  it('should refuse chapter ids that do not make a safe, distinct file name', async () => {
    const [first] = hantBook.chapters

    await expect(web.render({...hantBook, chapters: [{...first!, id: 'index'}]}, context)).rejects.toThrow(
      /Unexpected chapter id `index` \(opening\.md\)/
    )
    await expect(web.render({...hantBook, chapters: [{...first!, id: '../x'}]}, context)).rejects.toThrow(
      /Unexpected chapter id `\.\.\/x`/
    )
    await expect(web.render({...hantBook, chapters: [first!, first!]}, context)).rejects.toThrow(
      /Unexpected chapter id `opening`/
    )
    expect(() => renderSiteIndex([], context)).toThrow(/Unexpected empty list of editions/)
  })
})

describe('web (reading tools)', () => {
  it('should apply the reader’s settings in `<head>` before the body, and defer the other scripts', () => {
    expect(page('web/hant/logic.html')).toContain(
      '<link rel="stylesheet" href="../style.css">\n<link rel="icon" href="../favicon.svg" type="image/svg+xml">\n<link rel="alternate" hreflang="zh-Hans" href="../hans/logic.html">\n<script src="../prefs.js"></script>\n<script src="../site.js" defer></script>\n</head>'
    )
    expect(page('web/index.html')).toContain(
      '<script src="prefs.js"></script>\n<script src="site.js" defer></script>\n</head>'
    )
    expect(page('web/hans/search.html')).toContain(
      '<script src="../prefs.js"></script>\n<script src="../site.js" defer></script>\n<script src="search.js" defer></script>\n<script src="../search-page.js" defer></script>\n</head>'
    )
  })

  it('should write every tool that needs a script `hidden`, for site.js to show', () => {
    for (const file of files.filter((file) => file.path.endsWith('.html'))) {
      const html = text(file)
      const tools = [...html.matchAll(/<[a-z]+ [^>]*class="[^"]*\bjs-only\b[^"]*"[^>]*>/g)].map((match) => match[0])
      expect(tools.length, file.path).toBeGreaterThan(0)
      for (const tool of tools) expect(tool, file.path).toMatch(/ hidden[ >]/)
      expect(html, file.path).toMatch(/<div id="settings" class="settings" role="group" aria-label="[^"]+" hidden>/)
    }
  })

  it('should give a chapter page a contents drawer with the chapter marked, and a button for it', () => {
    const html = page('web/hant/logic.html')
    expect(html).toContain(
      '<button type="button" class="tool drawer-button js-only" aria-controls="drawer" aria-expanded="false" hidden>'
    )
    expect(html).toContain(
      '<nav id="drawer" class="drawer" aria-label="目錄"><div class="drawer-head"><p class="drawer-book"><a href="index.html">大模型只是少數人的機會，小模型才是大多數人的機會</a></p>'
    )
    expect(html).toContain(
      '<p class="drawer-title">目錄</p><ol>\n<li><a href="opening.html">開場</a></li>\n<li><a href="logic.html" aria-current="page">大模型的邏輯</a></li>\n<li><a href="qa.html">提問環節</a></li>\n</ol></nav>'
    )
    // Without scripts the drawer is the chapter list after the pager.
    expect(html.indexOf('<nav id="drawer"')).toBeGreaterThan(html.indexOf('<nav class="pager"'))
  })

  it('should offer text size and colours, and no English or pinyin switch in an edition without them', () => {
    const html = page('web/hans/logic.html')
    expect(html).toContain(
      '<div class="setting" role="group" aria-labelledby="setting-size"><span id="setting-size" class="setting-label">字号</span><span class="setting-choices"><button type="button" data-preference="size" data-value="s" aria-pressed="false">小</button><button type="button" data-preference="size" data-value="m" aria-pressed="true">中</button>'
    )
    expect(html).toContain(
      '<button type="button" data-preference="theme" data-value="auto" aria-pressed="true">跟随系统</button><button type="button" data-preference="theme" data-value="light" aria-pressed="false">浅色</button><button type="button" data-preference="theme" data-value="dark" aria-pressed="false">深色</button>'
    )
    expect(html).not.toContain('data-preference="english"')
    expect(html).not.toContain('data-preference="pinyin"')
    expect(html).toContain('<body class="chapter-page">')
  })

  it('should write a search page per edition that says search needs JavaScript', () => {
    const html = page('web/hant/search.html')
    expect(html).toContain('<title>搜尋 — 大模型只是少數人的機會，小模型才是大多數人的機會</title>')
    expect(html).toContain(
      '<form id="search-form" class="search-form js-only" action="search.html" method="get" role="search" hidden><label for="search-input">搜尋全書</label><div class="search-row"><input type="search" id="search-input" name="q" autocomplete="off" spellcheck="false" enterkeyhint="search"><button type="submit">搜尋</button></div></form>'
    )
    expect(html).toContain(
      '<p id="search-status" class="search-status" role="status" data-prompt="輸入要找的字詞，例如「模型」。" data-found="找到 {n} 處" data-none="沒有找到「{q}」。">搜尋需要 JavaScript。請開啟 JavaScript，或從目錄閱讀全書。</p>'
    )
    expect(html).toContain('<a href="../hans/search.html" hreflang="zh-Hans" lang="zh-Hans">简体中文</a>')
    expect(page('web/hans/logic.html')).toContain('<a href="search.html" class="tool search-link js-only" hidden>')
  })

  it('should write the search index of each edition as a script', () => {
    const sandbox: {window: Record<string, unknown>} = {window: {}}
    vm.runInNewContext(page('web/hant/search.js'), sandbox)
    expect(sandbox.window.zhbookSearch).toEqual({
      chapters: [
        ['opening', '開場'],
        ['logic', '大模型的邏輯'],
        ['qa', '提問環節']
      ],
      // The chapters' scripts fill it; these chapters number no block, so
      // there are none.
      parts: []
    })
    expect(loadSearchIndex(page, 'web/hant').blocks).toEqual([])
  })
})

describe('searchIndex', () => {
  const session = new BuildSession()
  const chapters: EditionChapter[] = [
    {
      id: 'one',
      title: '一',
      sourcePath: 'one.md',
      tree: h(null, [
        h('h1', {id: 'p-1'}, ['大模型', h('span', {lang: 'en', className: ['translation']}, 'Large models')]),
        {type: 'text', value: '\n'},
        h('p', {id: 'p-2'}, [
          h('span', {className: ['noteref-group']}, [
            h('ruby', ['算力', h('rp', '('), h('rt', 'suàn lì'), h('rp', ')')]),
            h('a', {href: '#gloss-1', role: 'doc-noteref'}, '†')
          ]),
          '最贵，\n模型次之。'
        ]),
        {type: 'text', value: '\n'},
        h('p', {lang: 'en', className: ['translation']}, 'Computing power costs the most.'),
        h('ol', [
          h('li', {id: 'p-3'}, [
            h('p', '数据'),
            h('p', {lang: 'en', className: ['translation']}, 'Data'),
            h('ol', [h('li', {id: 'p-4'}, '子项')])
          ])
        ]),
        h('dl', [
          h('div', {id: 'term-1'}, [
            h('dt', ['算力 ', h('span', 'suàn lì')]),
            h('dd', {lang: 'en'}, [h('p', 'computing power')])
          ])
        ])
      ])
    }
  ]

  it('should index numbered blocks and glossary entries, without pinyin, references or nested blocks', () => {
    expect(searchIndex(chapters, session)).toEqual({
      chapters: [['one', '一']],
      blocks: [
        {chapter: 0, id: 'p-1', text: '大模型', translation: 'Large models'},
        {chapter: 0, id: 'p-2', text: '算力最贵， 模型次之。', translation: 'Computing power costs the most.'},
        {chapter: 0, id: 'p-3', text: '数据', translation: 'Data'},
        {chapter: 0, id: 'p-4', text: '子项', translation: ''},
        {chapter: 0, id: 'term-1', text: '算力 suàn lì', translation: 'computing power'}
      ]
    })
  })

  it('should serialise the index as a script of the chapters and one script per chapter, one block a line', () => {
    const scripts = searchScripts(
      searchIndex(
        [...chapters, {id: 'empty', title: '空', sourcePath: 'empty.md', tree: h(null, [h('p', '無編號')])}],
        session
      ),
      session
    )
    expect(scripts.index).toBe(
      '/* zhbook: the search index of this edition, read by search-page.js;\n' +
        "   each chapter's blocks are in search/<chapter>.js. */\n" +
        'window.zhbookSearch = {\n"chapters": [["one","一"],["empty","空"]],\n"parts": []}\n'
    )
    // A chapter without blocks has no script.
    expect(scripts.parts).toEqual([
      {
        id: 'one',
        script:
          '/* zhbook: the search index of chapter one, read by search-page.js. */\n' +
          'window.zhbookSearch.parts.push([\n' +
          '[0,"p-1","大模型","Large models"],\n' +
          '[0,"p-2","算力最贵， 模型次之。","Computing power costs the most."],\n' +
          '[0,"p-3","数据","Data"],\n' +
          '[0,"p-4","子项"],\n' +
          '[0,"term-1","算力 suàn lì","computing power"]\n])\n'
      }
    ])
    // The same blocks give the same script object (watch mode writes it once).
    const again = searchIndex(chapters, session)
    expect(searchScripts(again, session).parts[0]).toBe(searchScripts(again, session).parts[0])
  })
})

describe('browser scripts', () => {
  const names = ['prefs.js', 'site.js', 'search-page.js', 'notes.js', 'dictionary-popup.js']
  const scripts = Object.fromEntries(names.map((name) => [name, readAsset('web/' + name)]))
  const preferencesScript = scripts['prefs.js']!

  it('should write the bundled scripts a build without notes or dictionary needs', () => {
    expect([...byPath.keys()].filter((name) => /^web\/[^/]+\.js$/.test(name))).toEqual([
      'web/prefs.js',
      'web/search-page.js',
      'web/site.js'
    ])
    for (const name of ['prefs.js', 'search-page.js', 'site.js'])
      expect(byPath.get('web/' + name), name).toBe(scripts[name])
  })

  it('should be classic scripts that compile, with no eval, inline handlers, HTML parsing or requests', () => {
    for (const [name, script] of Object.entries(scripts)) {
      expect(() => new vm.Script(script, {filename: name}), name).not.toThrow()
      expect(script, name).not.toMatch(
        /\beval\(|new Function|innerHTML|outerHTML|insertAdjacentHTML|document\.write|\bon[a-z]+\s*=|https?:|import\s*\(|\bfetch\(|XMLHttpRequest|sendBeacon|WebSocket/
      )
      expect(script, name).not.toMatch(/^\s*(?:import|export)\s/m)
    }
  })

  it('should apply stored settings to `<html>`, and survive storage that throws', () => {
    const attributes = new Map<string, string>()
    const document = {
      documentElement: {
        setAttribute: (name: string, value: string) => attributes.set(name, value),
        removeAttribute: (name: string) => attributes.delete(name)
      },
      dispatchEvent() {}
    }
    const stored = JSON.stringify({size: 'xl', theme: 'dark', english: false, pinyin: true, junk: 1})
    const window: Record<string, unknown> = {
      localStorage: {getItem: () => stored, setItem() {}},
      addEventListener() {}
    }
    vm.runInNewContext(preferencesScript, {window, document, CustomEvent: class {}})
    expect(Object.fromEntries(attributes)).toEqual({'data-size': 'xl', 'data-theme': 'dark', 'data-english': 'hidden'})

    // `file://` in some browsers, private modes: every access throws.
    attributes.clear()
    const throwing: Record<string, unknown> = {
      localStorage: {
        getItem() {
          throw new Error('SecurityError')
        },
        setItem() {
          throw new Error('SecurityError')
        }
      },
      addEventListener() {}
    }
    vm.runInNewContext(preferencesScript, {window: throwing, document, CustomEvent: class {}})
    expect(Object.fromEntries(attributes)).toEqual({})
    const preferences = throwing.zhbookPreferences as {
      set(name: string, value: unknown): Record<string, unknown>
    }
    expect(preferences.set('size', 'l')).toEqual({size: 'l', theme: 'auto', english: true, pinyin: true})
    expect(preferences.set('size', 'huge')).toEqual({size: 'l', theme: 'auto', english: true, pinyin: true})
    expect(Object.fromEntries(attributes)).toEqual({'data-size': 'l'})
  })
})

describe('web/style.css', () => {
  const css = flatCss(readAsset('web/style.css'))

  it('should choose CJK fonts by script', () => {
    expect(css).toMatch(/:lang\(zh-Hant\)[^{]*\{ --sans: "PingFang TC"/)
    expect(css).toMatch(/:lang\(zh-Hans\)[^{]*\{ --sans: "PingFang SC"/)
    expect(css).toContain('line-height: 1.8;')
    expect(css).toContain('max-width: 38em;')
    expect(css).toContain('@media (prefers-color-scheme: dark)')
  })

  it('should follow the reader’s choices, on screen only, and print everything', () => {
    expect(css).toContain(':root:not([data-theme=light]) {')
    expect(css).toMatch(/:root\[data-theme=dark\] \{ color-scheme: dark; --bg: #161618;/)
    expect(css).toContain(':root[data-size=xl] { font-size: 125%; }')
    expect(css).toContain(
      '@media screen { :root[data-english=hidden] .has-translation .translation { display: none; } :root[data-english=hidden] .has-translation p:has(+ p.translation) { margin-bottom: 1em; } :root[data-pinyin=hidden] .has-ruby rt { display: none; } }'
    )
    const print = css.slice(css.indexOf('@media print'))
    expect(print).toContain(
      '.skip, .site-header, .pager, .drawer, .drawer-backdrop, .settings, .note-popup, .dictionary-popup, .search-form { display: none !important; }'
    )
    expect(print).toContain('--bg: #fff; --text: #000;')
    expect(print).toContain('h1, h2, h3, h4, h5, h6 { break-after: avoid; break-inside: avoid; }')
    expect(print).toContain('p, li, blockquote, dl.glossary > div { orphans: 3; widows: 3; }')
  })

  it('should give the dark palette the same colours whether the system or the reader chose it', () => {
    const dark = customProperties(css, ':root[data-theme=dark]')
    expect(customProperties(css, '@media (prefers-color-scheme: dark) { :root:not([data-theme=light])')).toEqual(dark)
    expect(Object.keys(dark)).toEqual(['bg', 'text', 'muted', 'link', 'strong', 'code-bg', 'rule', 'mark'])
  })

  it('should keep every text colour readable on its background (WCAG AA)', () => {
    const palettes = {light: customProperties(css, ':root'), dark: customProperties(css, ':root[data-theme=dark]')}
    for (const [scheme, palette] of Object.entries(palettes)) {
      for (const background of [palette.bg!, palette['code-bg']!]) {
        for (const role of ['text', 'muted', 'link', 'strong']) {
          expect(
            contrast(palette[role]!, background),
            scheme + ' ' + role + ' on ' + background
          ).toBeGreaterThanOrEqual(4.5)
        }
      }
      expect(contrast(palette.text!, palette.bg!), scheme).toBeGreaterThanOrEqual(7)
      expect(contrast(palette.text!, palette.mark!), scheme + ' text on mark').toBeGreaterThanOrEqual(4.5)
      // Selected setting buttons and the search button: background on link.
      expect(contrast(palette.bg!, palette.link!), scheme + ' pressed').toBeGreaterThanOrEqual(4.5)
    }
  })
})
