/**
 * Book layouts: the `SUMMARY.md` parser, mdBook's includes, GitBook's block
 * tags, the line maps that keep messages at the author's lines, the nested
 * table of contents, and finding a layout without configuration.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {VFile} from 'vfile'
import {afterAll, describe, expect, it} from 'vitest'
import {formatMessages} from '../src/core/diagnostics.js'
import {detectLayout} from '../src/load/layouts/detect.js'
import {gitbookTags} from '../src/load/layouts/gitbook-tags.js'
import {expandIncludes, selectLines} from '../src/load/layouts/includes.js'
import {assemble, compose, mapPoint} from '../src/load/layouts/line-map.js'
import {parseSummary} from '../src/load/layouts/summary.js'
import {loadProject} from '../src/load/project.js'
import {buildFiles} from '../src/build/build.js'
import {tocTree} from '../src/formats/shared/toc.js'
import {epubToc} from '../src/formats/epub/toc.js'

const temporary = fs.mkdtempSync(path.join(os.tmpdir(), 'zhbook-layouts-'))
afterAll(() => fs.rmSync(temporary, {recursive: true, force: true}))

/** Write files (path → text) into a new folder; returns its path. */
function folder(name: string, files: Record<string, string>): string {
  const root = path.join(temporary, name)
  for (const [file, value] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), {recursive: true})
    fs.writeFileSync(path.join(root, file), value)
  }

  return root
}

/** Messages of files, one line each, relative to a folder. */
function messages(files: readonly VFile[], root: string): string[] {
  return formatMessages(files, root)
}

describe('parseSummary', () => {
  const root = '/book'

  it('should read prefix, numbered, nested and suffix chapters, parts, drafts and separators', () => {
    const file = new VFile({
      path: '/book/src/SUMMARY.md',
      value: [
        '# Summary',
        '',
        '[前言](README.md)',
        '',
        '# 第一部',
        '',
        '- [開始](ch1.md)',
        '    - [安裝](ch1/install.md)',
        '        - [細節 [進階]](<ch1/more details.md>)',
        '- [草稿]()',
        '',
        '---',
        '',
        '# 第二部',
        '',
        '- [型別](ch2%20types.md)',
        '',
        '---',
        '',
        '[附錄](appendix.md)',
        ''
      ].join('\n')
    })
    const summary = parseSummary(file, root)
    expect(summary.parts).toEqual(['第一部', '第二部'])
    expect(summary.entries.map(({path, title, depth, part}) => ({path, title, depth, part}))).toEqual([
      {path: 'src/README.md', title: '前言', depth: 0, part: undefined},
      {path: 'src/ch1.md', title: '開始', depth: 0, part: 0},
      {path: 'src/ch1/install.md', title: '安裝', depth: 1, part: 0},
      {path: 'src/ch1/more details.md', title: '細節 [進階]', depth: 2, part: 0},
      {path: 'src/ch2 types.md', title: '型別', depth: 0, part: 1},
      {path: 'src/appendix.md', title: '附錄', depth: 0, part: undefined}
    ])
    expect(messages([file], '/book/src')).toEqual([
      'SUMMARY.md:10:3: info: Unexpected draft chapter `草稿` (no file), expected a link to a file: it is left out [L002]'
    ])
  })

  it('should read GitBook’s `##` parts and a section without a page', () => {
    const file = new VFile({
      path: '/book/SUMMARY.md',
      value: [
        '# Table of contents',
        '',
        '* [簡介](README.md)',
        '',
        '## 入門',
        '',
        '* [安裝](start/install.md)',
        '  * [設定](start/setup.md)',
        '  * [設定：代理](start/setup.md#proxy)',
        '* 電子書',
        '  * [製書](book/build.md)',
        ''
      ].join('\n')
    })
    const summary = parseSummary(file, root)
    expect(summary.parts).toEqual(['入門', '電子書'])
    expect(summary.entries.map(({path, depth, part}) => [path, depth, part])).toEqual([
      ['README.md', 0, undefined],
      ['start/install.md', 0, 0],
      ['start/setup.md', 1, 0],
      ['book/build.md', 0, 1]
    ])
    expect(file.messages).toEqual([])
  })

  it('should leave out web pages, files outside the book and second entries, with warnings', () => {
    const file = new VFile({
      path: '/book/SUMMARY.md',
      value: '* [網站](https://example.com)\n* [外面](../other.md)\n* [一](one.md)\n* [又一](one.md)\n'
    })
    expect(parseSummary(file, root).entries.map((entry) => entry.path)).toEqual(['one.md'])
    expect(messages([file], '/book')).toEqual([
      'SUMMARY.md:1:3: warning: Unexpected link to `https://example.com`, expected a chapter file of the book: it is left out [L003]',
      "SUMMARY.md:2:3: warning: Unexpected chapter `../other.md` outside the book, expected a file inside the book's folder: it is left out [L003]",
      'SUMMARY.md:4:3: warning: Unexpected second entry for `one.md`, expected each chapter once: it is left out [L004]'
    ])
  })
})

describe('selectLines', () => {
  const text = '// ANCHOR: all\none\ntwo\n// ANCHOR: mid\nthree\n// ANCHOR_END: mid\nfour\n// ANCHOR_END: all\n'

  it('should pick line ranges as mdBook does (markers never shown)', () => {
    expect(selectLines('a\nb\nc\nd\n', '2', false)).toBe('b')
    expect(selectLines('a\nb\nc\nd\n', '2:3', false)).toBe('b\nc')
    expect(selectLines('a\nb\nc\nd\n', '3:', false)).toBe('c\nd')
    expect(selectLines('a\nb\nc\nd\n', ':2', false)).toBe('a\nb')
    expect(selectLines('a\nb\nc\nd\n', undefined, false)).toBe('a\nb\nc\nd')
    expect(selectLines('a\nb\n', '5', false)).toBeUndefined()
  })

  it('should pick anchors, leaving out other anchors’ markers', () => {
    expect(selectLines(text, 'all', false)).toBe('one\ntwo\nthree\nfour')
    expect(selectLines(text, 'mid', false)).toBe('three')
    expect(selectLines(text, 'none', false)).toBeUndefined()
  })

  it('should drop the lines rustdoc hides', () => {
    expect(selectLines('# use std::io;\n#[derive(Debug)]\nstruct A;\n#\nfn main() {}\n', undefined, true)).toBe(
      '#[derive(Debug)]\nstruct A;\nfn main() {}'
    )
  })
})

describe('expandIncludes', () => {
  const root = folder('includes', {
    'src/chapter.md': '',
    'listings/a.rs': 'fn a() {}\n',
    'listings/nested.md': 'before\n{{#include a.rs}}\nafter\n'
  })

  /** A chapter file of that book. */
  function chapter(value: string): VFile {
    return new VFile({path: path.join(root, 'src/chapter.md'), value})
  }

  it('should expand includes, nested ones too, and map lines back', () => {
    const file = chapter(
      '# T\n\n```rust\n{{#include ../listings/a.rs}}\n```\n\n{{#include ../listings/nested.md}}\n\nend\n'
    )
    const result = expandIncludes(file, root)!
    expect(result.value).toBe('# T\n\n```rust\nfn a() {}\n```\n\nbefore\nfn a() {}\nafter\n\nend\n')
    // `end` is on line 11 of the result and line 9 of the file.
    expect(mapPoint(result.lines, 11, 1)).toEqual({line: 9, column: 1})
    // Included lines point at their directive.
    expect(mapPoint(result.lines, 8, 1)).toEqual({line: 7, column: 1})
    expect(file.messages).toEqual([])
  })

  it('should keep escaped directives as text and warn about others', () => {
    const file = chapter('a \\{{#include x}} b\n{{#title T}}\n{{#each items}}\n{{#include ../../../etc/passwd}}\n')
    const result = expandIncludes(file, root)!
    expect(result.value).toBe('a {{#include x}} b\n\n{{#each items}}\n\n')
    expect(messages([file], root)).toEqual([
      'src/chapter.md:2:1: warning: Unexpected mdBook directive `{{#title}}`, expected `{{#include …}}` or `{{#rustdoc_include …}}`: left out [L009]',
      'src/chapter.md:3:1: warning: Unexpected mdBook directive `{{#each}}`, expected `{{#include …}}` or `{{#rustdoc_include …}}`: kept as text [L009]',
      'src/chapter.md:4:1: warning: Unexpected missing include `../../../etc/passwd`, expected a file at `../../etc/passwd` in the book: left out [L008]'
    ])
  })

  it('should refuse a file outside the book', () => {
    const file = chapter('{{#include /etc/hostname}}\n')
    expect(expandIncludes(file, root)!.value).toBe('\n')
    expect(file.messages.map((message) => message.ruleId)).toEqual([fs.existsSync('/etc/hostname') ? 'L007' : 'L008'])
  })

  it('should leave a text without directives alone', () => {
    expect(expandIncludes(chapter('a {{ b }}\n'), root)).toBeUndefined()
  })
})

describe('gitbookTags', () => {
  it('should turn hints, tabs, code and embeds into HTML between blank lines', () => {
    const file = new VFile({path: '/book/a.md'})
    const value = [
      '## 標題',
      '{% hint style="warning" %}',
      '小心。',
      '{% endhint %}',
      '{% tabs %}',
      '{% tab title="A & B" %}',
      '甲',
      '{% endtab %}',
      '{% endtabs %}',
      '{% code title="x.js" %}',
      '```js',
      '{% not a tag %}',
      '```',
      '{% endcode %}',
      '{% embed url="https://example.com/v" %}'
    ].join('\n')
    const result = gitbookTags(file, value)!
    expect(result.value).toBe(
      [
        '## 標題',
        '',
        '<aside class="hint hint-warning">',
        '<p class="hint-label">注意</p>',
        '',
        '小心。',
        '',
        '</aside>',
        '',
        '',
        '<section class="tab">',
        '<h3>A &amp; B</h3>',
        '',
        '甲',
        '',
        '</section>',
        '',
        '',
        '<figure class="code">',
        '<figcaption>x.js</figcaption>',
        '',
        '```js',
        '{% not a tag %}',
        '```',
        '',
        '</figure>',
        '',
        '',
        '<p class="embed"><a href="https://example.com/v">https://example.com/v</a></p>',
        ''
      ].join('\n')
    )
    expect(result.lines[5]).toEqual({line: 3, shift: 0})
    expect(file.messages).toEqual([])
  })

  it('should warn about unknown tags, inline tags, and blocks left open, at the author’s lines', () => {
    const file = new VFile({path: '/book/a.md'})
    // The text is after an include that added two lines before line 2.
    const lines = [
      {line: 1, shift: 0},
      {line: 1, shift: 0},
      {line: 1, shift: 0},
      {line: 2, shift: 0},
      {line: 3, shift: 0},
      {line: 4, shift: 0},
      {line: 5, shift: 0}
    ]
    const value = 'x\ny\nz\n{% swagger %}\n內容 `{% raw %}` {% include "a" %}\n{% endswagger %}\n{% hint %}'
    const result = gitbookTags(file, value, lines)!
    expect(result.value).toBe(
      'x\ny\nz\n內容 `{% raw %}` \n\n<aside class="hint hint-info">\n<p class="hint-label">說明</p>\n\n\n</aside>\n'
    )
    expect(messages([file], '/book')).toEqual([
      'a.md:2:1: warning: Unexpected GitBook tag `{% swagger %}`, expected one of: hint, tabs, tab, code, embed, content-ref: left out [L010]',
      'a.md:3:16: warning: Unexpected GitBook tag `{% include %}` inside a line, expected it on a line of its own: left out [L010]',
      'a.md:5:1: warning: Unexpected `{% hint %}` without `{% endhint %}`, expected an end tag [L011]'
    ])
    expect(compose(lines, result.lines).at(-1)).toEqual({line: 5, shift: 0})
  })
})

describe('assemble', () => {
  it('should map copied lines to theirs and made lines to their place', () => {
    const result = assemble([
      {text: 'a\nb ', line: 1, column: 1},
      {text: 'x\ny', line: 2, column: 3, made: true},
      {text: ' c\nd', line: 2, column: 10}
    ])
    expect(result.value).toBe('a\nb x\ny c\nd')
    expect(result.lines).toEqual([
      {line: 1, shift: 0},
      {line: 2, shift: 0},
      {line: 2, shift: 2},
      {line: 3, shift: 0}
    ])
  })
})

describe('tocTree', () => {
  it('should nest chapters by depth under their parts', () => {
    const items = [{id: 'a'}, {id: 'b', part: 0}, {id: 'c', part: 0, depth: 1}, {id: 'd', part: 0, depth: 3}, {id: 'e'}]
    const tree = tocTree(items, ['部'])
    const shape = (nodes: typeof tree): unknown[] =>
      nodes.map((node) => [node.kind === 'part' ? node.title : node.item.id, shape(node.children)])
    expect(shape(tree)).toEqual([
      ['a', []],
      ['部', [['b', [['c', [['d', []]]]]]]],
      ['e', []]
    ])
  })

  it('should give a flat book the flat list it always had in the EPUB', () => {
    const toc = epubToc([
      {filename: 'a.xhtml', title: 'A', manifestId: 'chapter-a'},
      {filename: 'b.xhtml', title: 'B', manifestId: 'chapter-b'}
    ])
    expect(toc.nav).toBe('<ol>\n<li><a href="a.xhtml">A</a></li>\n<li><a href="b.xhtml">B</a></li>\n</ol>\n')
    expect(toc.depth).toBe(1)
  })
})

describe('detectLayout', () => {
  it('should read an mdBook: book.toml and src/SUMMARY.md', async () => {
    const root = folder('mdbook', {
      'book.toml': '[book]\ntitle = "書"\nauthors = ["甲", "乙"]\nlanguage = "zh-TW"\n',
      'src/SUMMARY.md': '[序](README.md)\n\n- [一](one.md)\n  - [二](one/two.md)\n- [缺](gone.md)\n',
      'src/README.md': '# 序\n',
      'src/one.md': '# 一\n',
      'src/one/two.md': '# 二\n'
    })
    const files: VFile[] = []
    const layout = await detectLayout(root, files)
    expect(layout?.kind).toBe('mdbook')
    expect(layout?.meta).toEqual({title: '書', author: '甲、乙', language: 'zh-TW'})
    expect(layout?.chapters.map(({path, id, depth}) => [path, id, depth])).toEqual([
      ['src/README.md', 'readme', 0],
      ['src/one.md', 'one', 0],
      ['src/one/two.md', 'one-two', 1]
    ])
    expect(messages(files, root)).toEqual([
      "src/SUMMARY.md:5:3: warning: Unexpected missing chapter `src/gone.md`, expected a file there in the book's folder: it is left out [L001]"
    ])
  })

  it('should read a folder of folders in natural order, a README as its section page', async () => {
    const root = folder('folders', {
      'README.md': '# repo\n',
      '10-end.md': '# end\n',
      '2-b/README.md': '# b\n',
      '2-b/10-y.md': '# y\n',
      '2-b/2-x.md': '# x\n',
      '1-a/index.md': '# a\n',
      'translations/x.po': ''
    })
    const layout = await detectLayout(root, [])
    expect(layout?.chapters.map(({path, id, depth}) => [path, id, depth])).toEqual([
      ['1-a/index.md', 'a', 0],
      ['2-b/README.md', 'b', 0],
      ['2-b/2-x.md', 'b-x', 1],
      ['2-b/10-y.md', 'b-y', 1],
      ['10-end.md', 'end', 0]
    ])
  })

  it('should read a GitBook whose `.gitbook.yaml` moves it into a folder', async () => {
    const root = folder('gitbook-root', {
      '.gitbook.yaml': 'root: ./docs/\nstructure:\n  summary: toc.md\n',
      'docs/toc.md': '# Table of contents\n\n* [簡介](README.md)\n\n## 部\n\n* [一](part/one.md)\n',
      'docs/README.md': '# 簡介\n',
      'docs/part/one.md': '# 一\n',
      'book.json': '{"title": "舊版書名"}'
    })
    const layout = await detectLayout(root, [])
    expect(layout?.kind).toBe('gitbook')
    expect(layout?.meta.title).toBe('舊版書名')
    expect(layout?.parts).toEqual(['部'])
    expect(layout?.chapters.map(({path, id, part}) => [path, id, part])).toEqual([
      ['docs/README.md', 'readme', undefined],
      ['docs/part/one.md', 'part-one', 0]
    ])
  })

  it('should be nothing for a folder of `.md` files', async () => {
    expect(await detectLayout(folder('flat', {'a.md': '# a\n', 'images/x.png': ''}), [])).toBeUndefined()
  })

  it('should let book.yaml name a SUMMARY.md, and never build it as a chapter', async () => {
    const root = folder('yaml-summary', {
      'book.yaml': 'title: 書\nauthor: 甲\nsummary: SUMMARY.md\n',
      'SUMMARY.md': '# Summary\n\n# 部\n\n- [二](b.md)\n- [一](a.md)\n',
      'a.md': '# 一\n',
      'b.md': '# 二\n'
    })
    const {project: book} = await loadProject(root, {env: {}})
    expect(book?.chapters.map((chapter) => [chapter.id, chapter.path, chapter.part])).toEqual([
      ['b', 'b.md', 0],
      ['a', 'a.md', 0]
    ])
    expect(book?.parts).toEqual(['部'])
  })

  it('should give chapters the titles, depth and parts of the summary, in each edition’s script', async () => {
    const root = folder('summary-titles', {
      'book.toml': '[book]\ntitle = "書"\n',
      'src/SUMMARY.md': '# Summary\n\n# 第一部\n\n- [開始](a.md)\n  - [學習](b.md)\n',
      'src/a.md': '# 第一章：開始\n',
      'src/b.md': '# 二\n'
    })
    const result = await buildFiles({input: root, renderers: [], env: {}})
    expect(result.ok).toBe(true)
    expect(
      result.editions.map((edition) => [edition.parts, edition.chapters.map((c) => [c.title, c.depth, c.part])])
    ).toEqual([
      [
        ['第一部'],
        [
          ['開始', undefined, 0],
          ['學習', 1, 0]
        ]
      ],
      [
        ['第一部'],
        [
          ['开始', undefined, 0],
          ['学习', 1, 0]
        ]
      ]
    ])
  })

  it('should title a book without a title after its folder, with a warning (never a heading)', async () => {
    const root = folder('untitled', {'01-前言.md': '# 前言\n'})
    const {project: book, files} = await loadProject(root, {env: {}})
    expect(book?.meta.title).toBe('untitled')
    expect(messages(files, root)).toEqual([
      '.:1:1: warning: Unexpected book without a title, expected `title:` (and `author:`) in a `book.yaml` in the book’s folder: using the folder name `untitled` [L006]'
    ])
  })
})
