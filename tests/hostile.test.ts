/**
 * Hostile structure: nesting deep enough to overflow a recursive tree walk is
 * refused with a message and a rule id, never a crash.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {buildFiles} from '../src/build/build.js'
import {formatMessages} from '../src/core/diagnostics.js'
import {maxMarkers, tooDeep, tooManyMarkers} from '../src/build/pipeline.js'
import {BuildSession} from '../src/build/session.js'
import {searchIndex} from '../src/formats/web/search-index.js'

let dir: string

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-hostile-'))
})

afterEach(async () => {
  await fs.rm(dir, {recursive: true, force: true})
})

describe('deep nesting', () => {
  it('should find the first line nesting deeper than 100 levels', () => {
    expect(tooDeep('# 標題\n\n' + '> '.repeat(100) + '可以')).toBeUndefined()
    expect(tooDeep('# 標題\n\n正文\n' + '>'.repeat(101) + ' 太深')).toEqual({line: 4, column: 1})
    expect(tooDeep(' '.repeat(201) + '- 太深的列表')).toEqual({line: 1, column: 1})
  })

  it('should refuse 10 000 nested blockquotes with M007 instead of overflowing the stack', async () => {
    await fs.writeFile(path.join(dir, 'a.md'), '# 深\n\n' + '> '.repeat(10_000) + '深層引用。\n')
    const result = await buildFiles({input: dir, renderers: [], env: {}})
    expect(result.ok).toBe(false)
    // The folder has no book.yaml: its missing title is a warning (L006).
    expect(formatMessages(result.messages, dir).filter((line) => !line.endsWith('[L006]'))).toEqual([
      'a.md:3:1: error: Unexpected nesting deeper than 100 levels, expected a flatter structure [M007]'
    ])
  })

  it('should build 100 nested blockquotes', async () => {
    await fs.writeFile(path.join(dir, 'a.md'), '# 深\n\n' + '> '.repeat(100) + '深層引用。\n')
    const result = await buildFiles({input: dir, env: {}})
    expect(result.ok).toBe(true)
  })
})

describe('inline markers', () => {
  it('should find the marker past 5000 in one paragraph, counting runs of `*`, `_`, `~` and each bracket', () => {
    expect(maxMarkers).toBe(5000)
    // `*_` is two runs: 2500 pairs are 5000 markers, one more is past the limit.
    expect(tooManyMarkers('# 標題\n\n' + '*_'.repeat(2500))).toBeUndefined()
    expect(tooManyMarkers('# 標題\n\n' + '*_'.repeat(2500) + '*')).toEqual({line: 3, column: 5001})
    // `**` and `~~` are one run each.
    expect(tooManyMarkers('**a'.repeat(5000))).toBeUndefined()
    expect(tooManyMarkers('~~a'.repeat(5001))).toEqual({line: 1, column: 15_001})
    expect(tooManyMarkers('['.repeat(2500) + 'a' + ']'.repeat(2501))).toEqual({line: 1, column: 5002})
  })

  it('should count a paragraph over its lines, and start again after a blank line or at a block', () => {
    const lines = Array.from({length: 5001}, () => '*a').join('\n')
    expect(tooManyMarkers(lines)).toEqual({line: 5001, column: 1})
    const paragraphs = Array.from({length: 5001}, () => '*a').join('\n\n')
    expect(tooManyMarkers(paragraphs)).toBeUndefined()
    const items = Array.from({length: 5001}, () => '- [a](b)').join('\n')
    expect(tooManyMarkers(items)).toBeUndefined()
    const rows = '| a | b |\n| - | - |\n' + Array.from({length: 5001}, () => '| [a](b) | *c* |').join('\n')
    expect(tooManyMarkers(rows)).toBeUndefined()
  })

  it('should not count code, or a thematic break', () => {
    expect(tooManyMarkers('```\n' + '*a\n'.repeat(6000) + '```\n')).toBeUndefined()
    expect(tooManyMarkers('`' + '*a'.repeat(6000) + '`')).toBeUndefined()
    expect(tooManyMarkers('*'.repeat(6000))).toBeUndefined()
    expect(tooManyMarkers('_ '.repeat(6000))).toBeUndefined()
  })
})

describe('long chapters', () => {
  it('should index 200 000 blocks of one chapter for the search page', () => {
    const children = Array.from({length: 200_000}, (_, index) => ({
      type: 'element' as const,
      tagName: 'p',
      properties: {id: `p-${index + 1}`},
      children: [{type: 'text' as const, value: `第${index + 1}段。`}]
    }))
    const session = new BuildSession()
    const index = searchIndex([{id: 'a', title: '標題', sourcePath: 'a.md', tree: {type: 'root', children}}], session)
    expect(index.blocks).toHaveLength(200_000)
    expect(index.blocks.at(-1)).toEqual({chapter: 0, id: 'p-200000', text: '第200000段。', translation: ''})
  })
})
