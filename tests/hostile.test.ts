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
import {tooDeep} from '../src/build/pipeline.js'

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
