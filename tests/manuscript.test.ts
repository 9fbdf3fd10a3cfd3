/**
 * The manuscript is faithful to the talk: every sentence of the scraped
 * transcript (`tests/fixtures/transcript.txt`, the seed as it was scraped) is
 * in the chapters, in order, in its words; only the scraping artifacts are
 * gone and the typography is fixed.
 */
import fs from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {loadBook} from '../src/load/book.js'

const root = path.resolve(import.meta.dirname, '..')
const seed = fs.readFileSync(path.join(root, 'tests/fixtures/transcript.txt'), 'utf8')

/** Words only: no whitespace, punctuation, symbols, Markdown markers or list numbers. */
function words(text: string): string {
  return text
    .replace(/^#+ /gm, '')
    .replace(/^\s*(?:>\s*)+/gm, '')
    .replace(/^\s*\d+[.、]\s*/gm, '')
    .replace(/[\s\p{P}\p{S}]/gu, '')
}

async function manuscript(): Promise<{text: string; chapters: string[]}> {
  const {book} = await loadBook(path.join(root, 'manuscript'), {})
  const chapters = book!.chapters.map((chapter) => String(chapter.file.value))
  return {text: chapters.join('\n'), chapters}
}

describe('manuscript', () => {
  const lines = seed.split('\n')

  it('should drop only the scraping artifacts: the boilerplate first line and the stray `>`', () => {
    expect(lines[0]).toMatch(/^今天小編分享的教育經驗/)
    expect(lines.at(-1)).toBe('>')
  })

  it('should hold every sentence of the transcript', async () => {
    const {text} = await manuscript()
    const haystack = words(text)
    const sentences = lines
      .slice(1, -1)
      .flatMap((line) => line.split(/(?<=[。？！?!])/))
      .map(words)
      .filter((sentence) => sentence.length > 0)
    expect(sentences.length).toBeGreaterThan(200)
    const missing = sentences.filter((sentence) => !haystack.includes(sentence))
    expect(missing).toEqual([])
  })

  it('should hold the talk’s words in order, adding only the opening heading', async () => {
    const {text} = await manuscript()
    const expected = words(lines.slice(1, -1).join('\n'))
    expect(words(text)).toBe('開場' + expected)
  })

  it('should not drop the boilerplate line’s words into the text', async () => {
    const {text} = await manuscript()
    expect(text).not.toContain('小編分享')
    expect(text).not.toMatch(/^>\s*$/m)
  })

  it('should use full-width punctuation next to Han characters', async () => {
    const {text} = await manuscript()
    expect(text.match(/\p{Script=Han}[,:;?!()]|[,:;?!()]\p{Script=Han}/gu)).toBeNull()
    expect(text).not.toMatch(/"/)
    expect(text.match(/「 | 」/g)).toBeNull()
  })

  it('should space Han characters from Latin letters and digits, once', async () => {
    const {text} = await manuscript()
    expect(text.match(/\p{Script=Han}[A-Za-z0-9]|[A-Za-z0-9]\p{Script=Han}/gu)).toBeNull()
    expect(text.match(/ {2,}|[ \t]$/gm)).toBeNull()
  })

  it('should set numbered points as lists and quoted statements as blockquotes', async () => {
    const {chapters} = await manuscript()
    const count = (pattern: RegExp) => chapters.map((chapter) => chapter.match(pattern)?.length ?? 0)
    expect(count(/^\d+\. /gm)).toEqual([0, 4, 6, 3, 0])
    expect(count(/^> /gm)).toEqual([3, 1, 0, 0, 0])
  })

  it('should set the Q&A as dialogue', async () => {
    const {chapters} = await manuscript()
    const turns = chapters[4]!.match(/^\*\*(主持人|章鵬)\*\*：/gm)
    expect(turns).toHaveLength(8)
  })
})
