/**
 * A long chapter parsed in parts split before headings gives the tree a
 * parse of the whole text gives; where the parser does not read a split's
 * line as a heading (code, math, HTML still open), the text is left to a
 * whole parse.
 */
import fs from 'node:fs'
import path from 'node:path'
import type {Root} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {describe, expect, it} from 'vitest'
import {parseInParts, partLength, wholeLength} from '../src/build/parse-parts.js'

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm).use(remarkMath)

/** Parse a text whole. */
function parse(value: string): Root {
  return processor.parse(value)
}

describe('parseInParts', () => {
  it('should leave a text of at most `wholeLength`, or two parts, to a whole parse', () => {
    expect(partLength).toBe(8 * 1024)
    expect(wholeLength).toBe(64 * 1024)
    const text = '# 一\n\n正文。\n\n# 二\n\n正文。\n'
    expect(parseInParts(text, parse)).toBe(undefined)
    expect(parseInParts(text, parse, 16)).toBe(undefined)
    expect(parseInParts(text, parse, 16, 0)).toBe(undefined)
    expect(parseInParts(text, parse, 8, 0)).toEqual(parse(text))
  })

  it('should give the whole parse’s tree, front matter, lists and quotations included', () => {
    const text = [
      '---',
      'title: 標題',
      '---',
      '',
      '# 一',
      '',
      '- 項目一',
      '- 項目二',
      '',
      '## 二',
      '',
      '> 引文',
      '> 第二行',
      '',
      '| a | b |',
      '| - | - |',
      '| 1 | 2 |',
      '',
      '### 三',
      '',
      '1. 一',
      '',
      '   續',
      '',
      '',
      '# 四',
      'para',
      ''
    ].join('\n')
    const parts = parseInParts(text, parse, 16, 0)
    expect(parts).toEqual(parse(text))
    expect(parts?.children.map((node) => node.type)).toEqual([
      'yaml',
      'heading',
      'list',
      'heading',
      'blockquote',
      'table',
      'heading',
      'list',
      'heading',
      'paragraph'
    ])
  })

  it('should give the whole parse’s tree with CRLF line endings', () => {
    const text = '# 一\r\n\r\n正文一。\r\n\r\n# 二\r\n\r\n正文二。\r\n\r\n# 三\r\n\r\n正文三。\r\n'
    const parts = parseInParts(text, parse, 12, 0)
    expect(parts).toBeDefined()
    expect(parts).toEqual(parse(text))
  })

  it('should resolve references to definitions in other parts, before and after', () => {
    const text = [
      '# 一',
      '',
      '見[前文][後]與註[^n]，[不存在][無]。',
      '',
      '# 二',
      '',
      '> [後]: https://example.com/b "B"',
      '',
      '# 三',
      '',
      '再見[後]，註[^n]。',
      '',
      '[^n]: 註文。',
      '',
      '# 四',
      '',
      '[前]與[後][]。',
      '',
      '[前]: https://example.com/a',
      ''
    ].join('\n')
    const parts = parseInParts(text, parse, 20, 0)
    expect(parts).toBeDefined()
    expect(parts).toEqual(parse(text))
    const types: string[] = []
    const paragraph = parts?.children[1]
    if (paragraph?.type === 'paragraph') for (const child of paragraph.children) types.push(child.type)
    expect(types).toEqual(['text', 'linkReference', 'text', 'footnoteReference', 'text'])
  })

  it('should not split before a `#` line in fenced code, math or HTML, and give the whole parse’s tree', () => {
    const text = [
      '# 一',
      '',
      '```sh',
      '',
      '# 註解，不是標題',
      'ls',
      '```',
      '',
      '$$',
      '',
      '# x',
      '$$',
      '',
      '<pre>',
      '',
      '# 也不是',
      '</pre>',
      '',
      '# 二',
      '',
      '正文。',
      ''
    ].join('\n')
    const parts = parseInParts(text, parse, 4, 0)
    expect(parts).toEqual(parse(text))
    expect(parts?.children.map((node) => node.type)).toEqual([
      'heading',
      'code',
      'math',
      'html',
      'heading',
      'paragraph'
    ])
  })

  it('should leave a text to a whole parse when code left open holds the heading lines', () => {
    const text = '# 一\n\n正文。\n\n```\n\n# 二\n\n正文。\n\n# 三\n\n正文。\n'
    expect(parseInParts(text, parse, 8, 0)).toBe(undefined)
  })

  it('should split before a paragraph after a blank line, not within a list or a quotation', () => {
    const text = [
      '第一段。',
      '',
      '- 項目一',
      '',
      '  項目一的第二段。',
      '',
      '- 項目二',
      '',
      '> 引文',
      '',
      '第二段，',
      '接著一行。',
      '',
      '[^1]: 註一',
      '',
      '    註一的第二段。',
      '',
      'Third paragraph[^1].',
      '',
      '1. 一',
      '2. 二',
      '',
      '第四段。',
      ''
    ].join('\n')
    const parts = parseInParts(text, parse, 8, 0)
    expect(parts).toEqual(parse(text))
    expect(parts?.children.map((node) => node.type)).toEqual([
      'paragraph',
      'list',
      'blockquote',
      'paragraph',
      'footnoteDefinition',
      'paragraph',
      'list',
      'paragraph'
    ])
  })

  it('should give the whole parse’s tree on every chapter of the manuscript and the fixture books', () => {
    const files = [
      ...fs.readdirSync('manuscript').map((name) => path.join('manuscript', name)),
      ...fs
        .readdirSync('tests/fixtures/books', {recursive: true, encoding: 'utf8'})
        .map((name) => path.join('tests/fixtures/books', name))
    ].filter((file) => file.endsWith('.md'))
    let split = 0
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8')
      const parts = parseInParts(text, parse, 100, 0)
      if (!parts) continue
      split++
      expect(parts, file).toEqual(parse(text))
    }

    expect(split).toBeGreaterThan(15)
  })
})
