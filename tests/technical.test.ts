/**
 * What technical books need, stage by stage: heading ids, links between
 * chapters, line breaks in Chinese text, images, SVG, math, highlighted code.
 */
import {createHash} from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type {Root} from 'hast'
import {toHtml} from 'hast-util-to-html'
import rehypeRaw from 'rehype-raw'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {checkChapterLinks} from '../src/build/chapter-links.js'
import type {EditionChapter} from '../src/core/model.js'
import {sanitizeSvg} from '../src/formats/shared/svg.js'
import rehypeChapterLinks from '../src/stages/rehype-chapter-links.js'
import rehypeCjkLineBreaks from '../src/stages/rehype-cjk-line-breaks.js'
import rehypeFigures from '../src/stages/rehype-figures.js'
import rehypeHighlightCode from '../src/stages/rehype-highlight-code.js'
import rehypeLocalImages, {resourceName} from '../src/stages/rehype-local-images.js'
import rehypeMathml from '../src/stages/rehype-mathml.js'
import remarkBlockIds from '../src/stages/remark-block-ids.js'
import remarkHeadingIds from '../src/stages/remark-heading-ids.js'

type Stages = {remark?: any[]; rehype?: any[]}

/** Markdown → hast with the given stages; returns HTML and the file. */
async function run(markdown: string, stages: Stages, filePath = '/book/ch.md') {
  const processor = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkMath)
    .use(stages.remark ?? [])
    .use(remarkRehype, {allowDangerousHtml: true})
    .use(rehypeRaw)
    .use(stages.rehype ?? [])
  const file = new VFile({path: filePath, value: markdown})
  const tree = (await processor.run(processor.parse(file), file)) as Root
  return {html: toHtml(tree), tree, file}
}

/** Messages as `line:column rule`. */
function places(file: VFile): string[] {
  return file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)
}

const styles = path.join(import.meta.dirname, '..', 'src', 'formats', 'web', 'styles')

const fixture = path.join(import.meta.dirname, 'fixtures', 'books', 'technical', 'manuscript')

describe('remarkHeadingIds', () => {
  it('should give headings GitHub’s ids, Chinese kept, repeats numbered', async () => {
    const {html} = await run(
      [
        '# 使用 Result 處理可能的錯誤',
        '## Hello, World!',
        '## 3.2 資料型別',
        '## 資料型別',
        '## 資料型別',
        '## ？！'
      ].join('\n\n'),
      {remark: [remarkHeadingIds]}
    )
    expect(html).toBe(
      [
        '<h1 id="使用-result-處理可能的錯誤">使用 Result 處理可能的錯誤</h1>',
        '<h2 id="hello-world">Hello, World!</h2>',
        '<h2 id="32-資料型別">3.2 資料型別</h2>',
        '<h2 id="資料型別">資料型別</h2>',
        '<h2 id="資料型別-1">資料型別</h2>',
        '<h2>？！</h2>'
      ].join('\n')
    )
  })

  it('should not take the id of a paragraph or of the footnotes', async () => {
    const {html} = await run('# p-2\n\n段落。\n\n## Footnote label\n\n## user-content-fn-1', {
      remark: [remarkBlockIds, remarkHeadingIds]
    })
    expect(html).toBe(
      '<h1 id="p-2-1">p-2</h1>\n<p id="p-2">段落。</p>\n<h2 id="footnote-label-1">Footnote label</h2>\n<h2 id="heading-user-content-fn-1">user-content-fn-1</h2>'
    )
  })

  it('should honour `{#custom-id}` and remove it from the text', async () => {
    const {html} = await run('# 前言 {#preface}\n\n## preface', {remark: [remarkHeadingIds]})
    expect(html).toBe('<h1 id="preface">前言</h1>\n<h2 id="preface-1">preface</h2>')
  })
})

describe('rehypeChapterLinks', () => {
  const chapters = [
    {id: 'readme', path: 'README.md'},
    {id: 'part-1-intro', path: 'part-1/intro.md'},
    {id: 'part-2-data', path: 'part-2/資料.md'}
  ]
  const stages: Stages = {
    remark: [remarkHeadingIds],
    rehype: [[rehypeChapterLinks, {root: '/book', chapters}]]
  }

  it('should point links to chapter sources (`.md`, mdBook’s `.html`, folders, escapes) at the chapters', async () => {
    const {html, file} = await run(
      [
        '# 開始',
        '',
        '[a](../README.md) [b](intro.md#開始) [c](../part-2/資料.html#型別) [d](../part-2/%E8%B3%87%E6%96%99.md) [e](../) [f](https://example.com/x.md) [g](#開始)'
      ].join('\n'),
      stages,
      '/book/part-1/intro.md'
    )
    expect(html).toBe(
      '<h1 id="開始">開始</h1>\n<p>' +
        '<a href="chapter:readme">a</a> <a href="chapter:part-1-intro#開始">b</a> ' +
        '<a href="chapter:part-2-data#型別">c</a> <a href="chapter:part-2-data">d</a> ' +
        '<a href="chapter:readme">e</a> <a href="https://example.com/x.md">f</a> <a href="#開始">g</a></p>'
    )
    expect(file.data.chapterLinks?.map((link) => [link.href, link.place?.line, link.place?.column])).toEqual([
      ['chapter:readme', 3, 1],
      ['chapter:part-2-data#型別', 3, 36],
      ['chapter:part-2-data', 3, 62],
      ['chapter:readme', 3, 99]
    ])
  })

  it('should unwrap links to files that are not chapters and to missing ids, with warnings', async () => {
    const {html, file} = await run(
      '# 開始\n\n[不在書裡](../nowhere.md)、[程式](code/main.rs)、[沒有](#沒有)。',
      stages,
      '/book/part-1/intro.md'
    )
    expect(html).toBe('<h1 id="開始">開始</h1>\n<p>不在書裡、程式、沒有。</p>')
    expect(places(file)).toEqual(['3:1 L013', '3:23 L013', '3:42 L014'])
  })
})

describe('checkChapterLinks', () => {
  /** A chapter with a tree of HTML. */
  async function chapter(id: string, markdown: string, sourcePath: string) {
    const chapters = [
      {id: 'one', path: 'one.md'},
      {id: 'two', path: 'two.md'}
    ]
    const {tree, file} = await run(
      markdown,
      {remark: [remarkHeadingIds], rehype: [[rehypeChapterLinks, {root: '/book', chapters}]]},
      '/book/' + sourcePath
    )
    return {chapter: {id, title: id, tree, sourcePath} satisfies EditionChapter, file}
  }

  it('should keep links to ids the other chapter has, fix their case, and unwrap the others with a warning', async () => {
    const one = await chapter('one', '# 一\n\n[有](two.md#二) [大小寫](two.md#Intro) [沒有](two.md#三)', 'one.md')
    const two = await chapter('two', '# 二\n\n## intro', 'two.md')
    const result = checkChapterLinks(
      [one.chapter, two.chapter],
      new Map([
        ['one', one.file],
        ['two', two.file]
      ])
    )
    expect(toHtml(result.chapters[0]!.tree)).toBe(
      '<h1 id="一">一</h1>\n<p><a href="chapter:two#二">有</a> <a href="chapter:two#intro">大小寫</a> 沒有</p>'
    )
    expect(result.chapters[1]).toBe(two.chapter)
    expect(result.messages.flatMap((file) => places(file))).toEqual(['3:35 L014'])
    expect(result.messages[0]!.messages[0]!.reason).toBe(
      "Unexpected link to `two.md#三`, expected an id of chapter `two` (a heading's or `{#id}`): shown as text"
    )
  })
})

describe('rehypeCjkLineBreaks', () => {
  it('should drop a line break between two CJK characters, keep it between Latin words', async () => {
    const {html} = await run(
      '通常會用\n數據。\n通常\nEnglish words\nwrapped, 中文\nEnglish\n**作業**\n系統「引號」\n『書名』',
      {rehype: [rehypeCjkLineBreaks]}
    )
    expect(html).toBe(
      '<p>通常會用數據。通常\nEnglish words\nwrapped, 中文\nEnglish\n<strong>作業</strong>系統「引號」『書名』</p>'
    )
  })

  it('should leave code and blocks apart', async () => {
    const {html} = await run('中文\n`中\n文`\n\n```\n中\n文\n```\n\n- 一\n\n- 二', {rehype: [rehypeCjkLineBreaks]})
    expect(html).toBe(
      '<p>中文<code>中 文</code></p>\n<pre><code>中\n文\n</code></pre>\n<ul>\n<li>\n<p>一</p>\n</li>\n<li>\n<p>二</p>\n</li>\n</ul>'
    )
  })
})

describe('rehypeLocalImages', () => {
  const stages: Stages = {rehype: [[rehypeLocalImages, {root: fixture}], rehypeFigures]}

  it('should package local images under safe names, each file once', async () => {
    const {html, file} = await run(
      [
        '![架構](<../images/image (1) (1).png> "圖一：架構")',
        '',
        '文字 ![登入](<../.gitbook/assets/cli login_w.JPG>) 文字',
        '',
        '<img src="local.gif" alt="同資料夾">',
        '',
        '![再一次](../images/image%20(1)%20(1).png)'
      ].join('\n'),
      stages,
      path.join(fixture, 'part-1', 'x.md')
    )
    expect(html).toBe(
      [
        '<figure><img src="images/images/image-1-1-6fbb3d75.png" alt="架構"><figcaption>圖一：架構</figcaption></figure>',
        '<p>文字 <img src="images/gitbook/assets/cli-login_w-305e2b85.jpg" alt="登入"> 文字</p>',
        '<img src="images/part-1/local.gif" alt="同資料夾">',
        '<p><img src="images/images/image-1-1-6fbb3d75.png" alt="再一次"></p>'
      ].join('\n')
    )
    expect(file.messages).toEqual([])
    expect(file.data.images?.map((image) => [image.path, image.name, image.mediaType, image.size])).toEqual([
      ['images/image (1) (1).png', 'images/images/image-1-1-6fbb3d75.png', 'image/png', 1020],
      ['.gitbook/assets/cli login_w.JPG', 'images/gitbook/assets/cli-login_w-305e2b85.jpg', 'image/jpeg', 543],
      ['part-1/local.gif', 'images/part-1/local.gif', 'image/gif', 610]
    ])
  })

  it('should show the alt text of missing, remote, outside and unsupported images, with warnings', async () => {
    const {html, file} = await run(
      '![遺失](missing.png)\n\n![遠端](https://example.com/a.png)\n\n![外面](../../x.png)\n\n![點陣](../images/old.bmp)',
      stages,
      path.join(fixture, 'part-1', 'x.md')
    )
    expect(html).toBe('<p>遺失</p>\n<p>遠端</p>\n<p>外面</p>\n<p>點陣</p>')
    expect(places(file)).toEqual(['1:1 I001', '3:1 I002', '5:1 I002', '7:1 I004'])
  })

  it('should name an image over 1 MB', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'zhbook-large-'))
    try {
      const png = fs.readFileSync(path.join(fixture, 'images', 'image (1) (1).png'))
      fs.writeFileSync(path.join(folder, 'big.png'), Buffer.concat([png, Buffer.alloc(1024 * 1024)]))
      const {file} = await run(
        '![大](big.png)',
        {rehype: [[rehypeLocalImages, {root: folder}]]},
        path.join(folder, 'a.md')
      )
      expect(file.messages.map((m) => `${m.ruleId} ${m.reason}`)).toEqual([
        'I005 Unexpected image `big.png` of 1.0 MB, expected at most 1 MB (readers load every image of a chapter)'
      ])
    } finally {
      fs.rmSync(folder, {recursive: true, force: true})
    }
  })

  it('should make names safe in a zip and a URL, and tell changed names apart', () => {
    expect(resourceName('figures/diagram.svg', 'svg')).toBe('images/figures/diagram.svg')
    expect(resourceName('a-b.png', 'png')).toBe('images/a-b.png')
    expect(resourceName('a b.png', 'png')).toBe('images/a-b-' + digest('a b.png') + '.png')
    expect(resourceName('圖一.png', 'png')).toBe('images/' + digest('圖一.png') + '.png')
    expect(resourceName('photo.jpeg', 'jpg')).toBe('images/photo-' + digest('photo.jpeg') + '.jpg')
  })
})

/** The first 8 hex digits of SHA-256, as `resourceName` adds them. */
function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 8)
}

describe('sanitizeSvg', () => {
  it('should remove scripts, handlers, external references and tools’ namespaces', async () => {
    expect(
      await sanitizeSvg(
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" viewBox="0 0 10 10" onload="alert(1)">' +
          '<script>alert(2)</script><style>@import url(https://e.com/a.css);</style><style>.a{fill:red}</style>' +
          '<rect class="a" width="10" height="10" inkscape:label="x" style="fill:url(https://e.com/x)"/>' +
          '<use xlink:href="#a"/><use href="other.svg#b"/><image xlink:href="https://e.com/t.png"/>' +
          '<a href="https://e.com"><text>中文 &amp;</text></a><foreignObject><div>x</div></foreignObject></svg>'
      )
    ).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">' +
        '<style>.a{fill:red}</style><rect class="a" width="10" height="10"/><use xlink:href="#a"/>' +
        '<a><text>中文 &amp;</text></a></svg>\n'
    )
  })

  it('should return nothing for a file without `svg`', async () => {
    expect(await sanitizeSvg('<p>not a drawing</p>')).toBe(undefined)
  })
})

describe('rehypeMathml', () => {
  it('should turn inline and display TeX into MathML with the source as `alttext`', async () => {
    const {html} = await run('質能 $E=mc^2$。\n\n$$\n\\frac{a}{b}\n$$', {rehype: [rehypeMathml]})
    expect(html).toBe(
      '<p>質能 <math xmlns="http://www.w3.org/1998/Math/MathML" alttext="E=mc^2"><mrow><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></mrow></math>。</p>\n' +
        '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block" alttext="\\frac{a}{b}"><mfrac><mi>a</mi><mi>b</mi></mfrac></math>'
    )
  })

  it('should leave prices as text, as pandoc does', async () => {
    const {html, file} = await run('價格 $5 到 $10 之間，US$3 與 $4。', {rehype: [rehypeMathml]})
    expect(html).toBe('<p>價格 $5 到 $10 之間，US$3 與 $4。</p>')
    expect(file.messages).toEqual([])
  })

  it('should keep TeX it cannot read as code, with a warning', async () => {
    const {html, file} = await run('錯 $\\frac{1}{$ 了', {rehype: [rehypeMathml]})
    expect(html).toBe('<p>錯 <code class="language-math math-inline">\\frac{1}{</code> 了</p>')
    expect(places(file)).toEqual(['1:3 M012'])
  })
})

describe('rehypeHighlightCode', () => {
  it('should highlight known languages (mdBook’s `rust,ignore` too) and leave others plain', async () => {
    const {html, file} = await run('```rust,ignore\nfn main() {}\n```\n\n```klingon\nqapla\n```\n\n```text\nfn\n```', {
      rehype: [rehypeHighlightCode]
    })
    expect(html).toBe(
      '<pre><code class="language-rust"><span class="pl-k">fn</span> <span class="pl-en">main</span>() {}\n</code></pre>\n' +
        '<pre><code class="language-klingon">qapla\n</code></pre>\n' +
        '<pre><code class="language-text">fn\n</code></pre>'
    )
    expect(file.messages).toEqual([])
  })

  it('should colour code with at least 7:1 contrast, keywords bold and comments italic', () => {
    const colours = (css: string) => [...css.matchAll(/color: (#[\da-f]{6})/g)].map((match) => match[1]!)
    const theme = fs.readFileSync(path.join(styles, 'theme.css'), 'utf8')
    const light = fs.readFileSync(path.join(styles, '..', '..', 'shared', 'content.css'), 'utf8')
    const dark = fs.readFileSync(path.join(styles, 'content.css'), 'utf8')
    // The page and code backgrounds of each theme, from the theme's custom properties.
    const backgrounds = (css: string) =>
      [...css.matchAll(/--(?:bg|code-bg): (#[\da-f]{6});/g)].map((match) => match[1]!)
    const [lightTheme, darkTheme] = theme.split('@media (prefers-color-scheme: dark)')
    expect(colours(light)).toHaveLength(8)
    for (const colour of colours(light)) {
      for (const background of ['#ffffff', ...backgrounds(lightTheme!)]) {
        expect(contrast(colour, background), colour + ' on ' + background).toBeGreaterThanOrEqual(7)
      }
    }

    // Twice eight: the system's dark theme and the reader's.
    expect(colours(dark)).toHaveLength(16)
    for (const colour of colours(dark)) {
      for (const background of backgrounds(darkTheme!)) {
        expect(contrast(colour, background), colour + ' on ' + background).toBeGreaterThanOrEqual(7)
      }
    }

    expect(light).toContain('.pl-c {\n  color: #434a55;\n  font-style: italic;\n}')
    expect(light).toContain('.pl-k,\n.pl-mh {\n  color: #911020;\n  font-weight: bold;\n}')
  })
})

/** WCAG contrast ratio of two `#rrggbb` colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((at) => {
      const c = Number.parseInt(hex.slice(at, at + 2), 16) / 255
      return c <= 0.039_28 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
  }

  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light! + 0.05) / (dark! + 0.05)
}
