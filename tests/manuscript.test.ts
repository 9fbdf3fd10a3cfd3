/**
 * The manuscript is faithful to the talk: it is exactly the scraped
 * transcript (`tests/fixtures/transcript.txt`, the seed as it was scraped)
 * with the corrections of its errata (`manuscript/errata.yaml`) applied, in
 * its words and in order; only the scraping artifacts are gone and the
 * typography is fixed.
 */
import fs from 'node:fs'
import path from 'node:path'
import type {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import YAML from 'yaml'
import {checkBook} from '../src/check/check.js'
import {loadProject} from '../src/load/project.js'

const root = path.resolve(import.meta.dirname, '..')
const seed = fs.readFileSync(path.join(root, 'tests/fixtures/transcript.txt'), 'utf8')

/** An entry of the errata. */
interface Erratum {
  from: string
  to: string
  count: number
  reason: string
}

const errata = YAML.parse(fs.readFileSync(path.join(root, 'manuscript/errata.yaml'), 'utf8')) as Erratum[]

/**
 * Apply the errata to a text, in order; each entry must match its count.
 *
 * @returns The corrected text and, per entry, how many times it matched.
 */
function corrected(text: string): {text: string; counts: number[]} {
  const counts: number[] = []
  for (const erratum of errata) {
    const parts = text.split(erratum.from)
    counts.push(parts.length - 1)
    text = parts.join(erratum.to)
  }

  return {text, counts}
}

/** Words only: no whitespace, punctuation, symbols, Markdown markers or list numbers. */
function words(text: string): string {
  return text
    .replace(/^#+ /gm, '')
    .replace(/^\s*(?:>\s*)+/gm, '')
    .replace(/^\s*\d+[.、]\s*/gm, '')
    .replace(/[\s\p{P}\p{S}]/gu, '')
}

async function manuscript(): Promise<{text: string; chapters: string[]}> {
  const {project: book} = await loadProject(path.join(root, 'manuscript'), {env: {}})
  const chapters = book!.chapters.map((chapter) => String(chapter.file.value))
  return {text: chapters.join('\n'), chapters}
}

describe('manuscript', () => {
  const lines = seed.split('\n')
  const talk = lines.slice(1, -1).join('\n')
  const fixed = corrected(talk).text

  it('should list every erratum with its source text, its correction, a count that matches and a reason', () => {
    expect(errata.length).toBeGreaterThan(60)
    for (const erratum of errata) {
      expect(Object.keys(erratum).sort()).toEqual(['count', 'from', 'reason', 'to'])
      expect(erratum.from).not.toBe(erratum.to)
      expect(erratum.reason.length).toBeGreaterThan(3)
    }

    expect(corrected(talk).counts).toEqual(errata.map((erratum) => erratum.count))
  })

  it('should correct the stray characters, the artifacts and the source’s errors listed in the errata', () => {
    const wrong = [
      '于',
      '内',
      '将',
      '着',
      '并',
      '确',
      '拟',
      '别',
      '争',
      '领網域',
      '領網域',
      '場網域',
      '及其昂貴',
      '1956 的的',
      'OPenAI'
    ]
    for (const text of wrong) expect(fixed).not.toContain(text)
    expect(fixed).toContain('極其昂貴')
    expect(fixed).toContain('伊隆·馬斯克')
  })

  it('should drop only the scraping artifacts: the boilerplate first line and the stray `>`', () => {
    expect(lines[0]).toMatch(/^今天小編分享的教育經驗/)
    expect(lines.at(-1)).toBe('>')
  })

  it('should hold every sentence of the transcript, as the errata correct it', async () => {
    const {text} = await manuscript()
    const haystack = words(text)
    const sentences = fixed
      .split('\n')
      .flatMap((line) => line.split(/(?<=[。？！?!])/))
      .map(words)
      .filter((sentence) => sentence.length > 0)
    expect(sentences.length).toBeGreaterThan(200)
    const missing = sentences.filter((sentence) => !haystack.includes(sentence))
    expect(missing).toEqual([])
  })

  it('should be exactly the transcript plus its errata, in order, adding only the opening heading', async () => {
    const {text} = await manuscript()
    expect(words(text)).toBe('開場' + words(fixed))
  })

  it('should pass the script check: no stray character, punctuation or mixed vocabulary', async () => {
    const {project: book} = await loadProject(path.join(root, 'manuscript'), {env: {}})
    const files: VFile[] = checkBook(book!)
    expect(files.flatMap((file) => file.messages.map(String))).toEqual([])
  })

  it('should not drop the boilerplate line’s words into the text', async () => {
    const {text} = await manuscript()
    expect(text).not.toContain('小編分享')
    // A `>` alone on a line is only the blank line between a blockquote's paragraphs.
    expect(text.replace(/^> .*\n>\n(?=> )/gm, '')).not.toMatch(/^>\s*$/m)
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
    expect(count(/^> /gm)).toEqual([4, 1, 0, 0, 0])
  })

  it('should set the quotes’ attribution as an attribution, in the blockquote', async () => {
    const {chapters} = await manuscript()
    expect(chapters[0]).toContain('>\n> ——北京神州飛思信息科技有限公司創始人章鵬\n')
    expect(chapters[0]).not.toMatch(/^北京神州飛思/m)
  })

  it('should set the Q&A as dialogue', async () => {
    const {chapters} = await manuscript()
    const turns = chapters[4]!.match(/^\*\*(主持人|章鵬)\*\*：/gm)
    expect(turns).toHaveLength(8)
  })
})
