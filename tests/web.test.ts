import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type {Root} from 'hast'
import {h} from 'hastscript'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {
  BookMeta,
  EditionBook,
  EditionChapter,
  EditionInfo,
  OutputFile,
  RenderContext
} from '../src/model.js'
import {palettes, webStyle, type Palette} from '../src/render/web-style.js'
import {renderSiteIndex, web} from '../src/render/web.js'
import {vnu, type VnuResult} from './helpers/vnu.js'

const hantInfo: EditionInfo = {id: 'hant', lang: 'zh-Hant', label: '繁體中文'}
const hansInfo: EditionInfo = {id: 'hans', lang: 'zh-Hans', label: '简体中文'}

const context: RenderContext = {
  modified: new Date('2026-11-28T00:00:00Z'),
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
    expect(Object.keys(await import('../src/render/web.js')).sort()).toEqual([
      'renderSiteIndex',
      'web'
    ])
    expect(web.name).toBe('web')
  })
})

describe('web', () => {
  it('should write the expected files', () => {
    expect(files.map((file) => file.path).sort()).toEqual([
      'web/hans/index.html',
      'web/hans/logic.html',
      'web/hans/opening.html',
      'web/hans/qa.html',
      'web/hant/index.html',
      'web/hant/logic.html',
      'web/hant/opening.html',
      'web/hant/qa.html',
      'web/index.html',
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
      ...files.map((file) => path.join(folder, file.path)),
      control
    ])
    const ours = result.messages.filter((message) => message.file !== control)
    const theirs = result.messages.filter((message) => message.file === control)

    expect(theirs.map((message) => message.type + ' ' + (message.subType ?? ''))).toEqual(
      expect.arrayContaining(['error ', 'info warning'])
    )
    expect(ours).toEqual([])
    expect(result.errors).toBe(theirs.filter((message) => message.type === 'error').length)
    expect(result.warnings).toBe(
      theirs.filter((message) => message.subType === 'warning').length
    )
  })

  it('should start every page with a doctype, charset, viewport and stylesheet', () => {
    for (const file of files.filter((file) => file.path.endsWith('.html'))) {
      const html = text(file)
      expect(html.startsWith('<!doctype html>\n<html lang="'), file.path).toBe(true)
      expect(html, file.path).toContain('<meta charset="utf-8">')
      expect(html, file.path).toContain(
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
      )
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
    expect(html).toContain('<p class="book-title"><a href="index.html">大模型只是少數人的機會，小模型才是大多數人的機會</a></p>')
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
    expect(page('web/hant/index.html')).toContain(
      '<nav class="toc" id="toc" aria-label="目錄"><h2>目錄</h2>'
    )
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
      {href: 'hans/index.html', hreflang: 'zh-Hans', lang: 'zh-Hans'}
    ])
    expect(links(html)).toEqual([
      ['hant/index.html', '繁體中文'],
      ['hans/index.html', '简体中文']
    ])
  })

  it('should link a chapter to the same chapter in the other editions', () => {
    expect(
      tags(page('web/hant/logic.html'), 'a').filter((attributes) => attributes.hreflang)
    ).toEqual([{href: '../hans/logic.html', hreflang: 'zh-Hans', lang: 'zh-Hans'}])
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
        const target = pathname
          ? path.posix.join(path.posix.dirname(file.path), pathname)
          : file.path
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
      expect(text(file), file.path).not.toMatch(/https?:\/\//)
    }
    expect(webStyle).not.toMatch(/@import|url\(|@font-face/)
  })

  it('should write identical bytes on a second render', async () => {
    const again = await renderAll()
    expect(again.map((file) => [file.path, text(file)])).toEqual(
      files.map((file) => [file.path, text(file)])
    )
  })

  it('should write interface strings in the edition’s script', () => {
    const hant = page('web/hant/logic.html') + page('web/hant/index.html')
    const hans = page('web/hans/logic.html') + page('web/hans/index.html')

    expect(hant).toContain('目錄')
    expect(hant).toContain('aria-label="章節導覽"')
    expect(hant).not.toContain('目录')
    expect(hans).toContain('目录')
    expect(hans).toContain('aria-label="章节导览"')
    expect(hans).not.toContain('目錄')
  })

  it('should fall back to English interface strings for other languages', async () => {
    const [index] = await web.render(
      {...hantBook, edition: {id: 'bilingual', lang: 'en', label: 'Bilingual'}},
      context
    )
    expect(text(index!)).toContain('<h2>Contents</h2>')
  })

  it('should refuse chapter ids that do not make a safe, distinct file name', async () => {
    const [first] = hantBook.chapters

    await expect(
      web.render({...hantBook, chapters: [{...first!, id: 'index'}]}, context)
    ).rejects.toThrow(/Unexpected chapter id `index` \(opening\.md\)/)
    await expect(
      web.render({...hantBook, chapters: [{...first!, id: '../x'}]}, context)
    ).rejects.toThrow(/Unexpected chapter id `\.\.\/x`/)
    await expect(
      web.render({...hantBook, chapters: [first!, first!]}, context)
    ).rejects.toThrow(/Unexpected chapter id `opening`/)
    expect(() => renderSiteIndex([], context)).toThrow(/Unexpected empty list of editions/)
  })
})

describe('webStyle', () => {
  it('should choose CJK fonts by script', () => {
    expect(webStyle).toMatch(/:lang\(zh-Hant\)[^{]*\{\s*--sans: "PingFang TC"/)
    expect(webStyle).toMatch(/:lang\(zh-Hans\)[^{]*\{\s*--sans: "PingFang SC"/)
    expect(webStyle).toContain('line-height: 1.8;')
    expect(webStyle).toContain('max-width: 38em;')
    expect(webStyle).toContain('@media (prefers-color-scheme: dark)')
  })

  it('should keep every text colour readable on its background (WCAG AA)', () => {
    for (const [scheme, palette] of Object.entries(palettes) as Array<[string, Palette]>) {
      for (const background of [palette.background, palette.codeBackground]) {
        for (const role of ['text', 'muted', 'link', 'strong'] as const) {
          expect(
            contrast(palette[role], background),
            scheme + ' ' + role + ' on ' + background
          ).toBeGreaterThanOrEqual(4.5)
        }
      }
      expect(contrast(palette.text, palette.background), scheme).toBeGreaterThanOrEqual(7)
    }
  })
})
