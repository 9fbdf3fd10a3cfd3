/**
 * `zhbook build` keeps the clock on a chapter's stages from a thread of its
 * own (`src/cli/build-budget.ts`): the build threads here are stand-ins that
 * say what a build thread says.
 */
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {afterEach, describe, expect, it, vi} from 'vitest'
import {buildWithBudget} from '../src/cli/build-budget.js'

const helpers = path.join(import.meta.dirname, 'helpers')

/** What the command printed, line by line. */
function capture() {
  const lines: string[] = []
  vi.spyOn(console, 'error').mockImplementation((line: string) => {
    lines.push(`err ${line}`)
  })
  vi.spyOn(console, 'log').mockImplementation((line: string) => {
    lines.push(`out ${line}`)
  })
  return lines
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('buildWithBudget', () => {
  it('should stop a build whose chapter is still in its stages past its budget, and say which (B003)', async () => {
    const lines = capture()
    const thread = pathToFileURL(path.join(helpers, 'stuck-thread.mjs'))
    const code = await buildWithBudget('book', {out: 'out'}, thread)
    expect(code).toBe(1)
    expect(lines).toEqual([
      'err a.md:1:1: warning: a message before [X000]',
      'err book/a.md:1:1: error: Unexpected chapter still in its hans stages after 0.2 s, expected them done within `limits.chapterSeconds` of book.yaml: split the chapter, or raise the limit [B003]',
      'err zhbook: 1 error (B003), 0 warnings',
      'err zhbook: build failed; nothing was written to out'
    ])
  })

  it('should let a build whose stages end within the budget go on, print what it prints, and give its exit code', async () => {
    const lines = capture()
    const thread = pathToFileURL(path.join(helpers, 'quick-thread.mjs'))
    expect(await buildWithBudget('book', {out: 'out'}, thread)).toBe(0)
    expect(lines).toEqual(['out Built hant'])
  })
})
