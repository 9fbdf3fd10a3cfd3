/**
 * Property tests: random Markdown with Chinese text, built as a reader gets
 * it. The build never throws; every XML document of every EPUB is
 * well-formed and its navigation lists every chapter; every Han character
 * of the source reaches the Traditional edition; the Simplified text does
 * not change when converted again.
 *
 * Runs are few (two cores are shared) and the seed is fixed, so every run
 * checks the same books: set `FC_RUNS` for more and `FC_SEED` for other ones
 * (fast-check prints the seed and path of a failure, to replay it). The EPUBs'
 * raster covers are not drawn (`helpers/cover-stub.ts`): these properties are
 * about the documents.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import type {Element, Root, RootContent} from 'hast'
import {SaxesParser} from 'saxes'
import {visit} from 'unist-util-visit'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import {buildFiles} from '../src/build/build.js'
import {createConverter} from '../src/convert/converter.js'
import {epub} from '../src/formats/epub/epub.js'
import {stubbedCovers} from './helpers/cover-stub.js'
import {outputTexts, writeFiles, xmlErrors, type Files} from './helpers/manuscript.js'

vi.mock('../src/formats/epub/cover-png.js', async (original) => ({
  ...(await original<object>()),
  coverPng: (await import('./helpers/cover-stub.js')).stubCoverPng
}))

const runs = Number(process.env.FC_RUNS) || 30
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20_261_204
const settings = {numRuns: runs, seed, endOnFailure: true}

/** Han characters of the real manuscript, and some that convert in context. */
const manuscriptHan = [
  ...new Set(
    (await fs.readdir(path.join(import.meta.dirname, '..', 'manuscript')))
      .filter((name) => name.endsWith('.md'))
      .map((name) => fs.readFile(path.join(import.meta.dirname, '..', 'manuscript', name), 'utf8'))
  )
]
const han = [...new Set((await Promise.all(manuscriptHan)).join('').match(/\p{Script=Han}/gu) ?? [])]
const units = fc.oneof(
  {weight: 8, arbitrary: fc.constantFrom(...han)},
  {weight: 2, arbitrary: fc.constantFrom(...'軟體作業系統螢幕網路資訊乾隆後面頭髮發現著名裡面於是'.split(''))},
  {weight: 2, arbitrary: fc.constantFrom('，', '。', '「', '」', '、', '！', '？', ' ', 'a', 'Z', '1')}
)

/** Chinese text, no Markdown syntax. */
const text = fc.string({unit: units, minLength: 1, maxLength: 30}).map((value) => value.trim() || '字')

/** One block of Markdown. */
const block = fc.oneof(
  text,
  text.map((value) => `## ${value}`),
  fc.array(text, {minLength: 1, maxLength: 3}).map((items) => items.map((item) => `- ${item}`).join('\n')),
  text.map((value) => `> ${value}`),
  fc.tuple(text, text).map(([a, b]) => `${a}**${b}**${a}`),
  fc.tuple(text, text).map(([a, b]) => `${a}*${b}*`),
  fc.tuple(text, text).map(([a, b]) => `[${a}](https://example.com/${encodeURIComponent(b)}) ${b}`),
  fc.tuple(text, text).map(([a, b]) => `${a} \`${b}\``),
  text.map((value) => '```\n' + value + '\n```'),
  text.map((value) => `<span lang="zh-Hant">${value}</span>`),
  fc.tuple(text, text).map(([a, b]) => `| ${a} | ${b} |\n| --- | --- |\n| ${b} | ${a} |`),
  fc.tuple(text, text).map(([a, b]) => `${a}[^n]\n\n[^n]: ${b}`),
  // Hostile HTML, with no Han text of its own (it is removed).
  fc.constantFrom(
    '<script>alert(1)</script>',
    '<p onclick="alert(1)">x</p>',
    '<iframe src="https://example.com/"></iframe>',
    '<div><span>'
  )
)

/** A book: one to three chapters, each a heading and some blocks. */
const bookFiles = fc
  .array(fc.tuple(text, fc.array(block, {minLength: 1, maxLength: 6})), {minLength: 1, maxLength: 3})
  .map(
    (chapters): Files =>
      Object.fromEntries(
        chapters.map(([title, blocks], index) => [
          `${index + 1}-c${index + 1}.md`,
          // One label per footnote: a second definition of a label is not shown (M011).
          `# ${title}\n\n${blocks.map((value, number) => value.replaceAll('[^n]', `[^n${number}]`)).join('\n\n')}\n`
        ])
      )
  )

let tmp: string
let count = 0

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-property-'))
})

afterAll(async () => {
  await fs.rm(tmp, {recursive: true, force: true})
})

/** Write a book into a fresh folder; returns the folder. */
async function folder(files: Files): Promise<string> {
  const dir = path.join(tmp, String(++count))
  await writeFiles(dir, files)
  return dir
}

/** Text of an XML document, entities decoded. */
function xmlText(xml: string): string {
  let value = ''
  const parser = new SaxesParser()
  parser.on('text', (chunk) => {
    value += chunk
  })
  parser.write(xml).close()
  return value
}

describe('properties of a build', () => {
  it('should never throw, whatever the text (any Unicode, control characters included)', async () => {
    const anyText = fc.array(fc.oneof(block, fc.string({unit: 'binary', maxLength: 40})), {minLength: 1, maxLength: 6})
    await fc.assert(
      fc.asyncProperty(anyText, async (blocks) => {
        const dir = await folder({'a.md': blocks.join('\n\n')})
        const result = await buildFiles({input: dir, renderers: [], env: {}})
        // Either it builds, or it says why, with a rule id.
        for (const file of result.messages) {
          for (const message of file.messages) expect(message.ruleId).toMatch(/^[A-Z]\d{3}$/)
        }

        expect(result.ok).toBe(!result.messages.some((file) => file.messages.some((message) => message.fatal)))
      }),
      settings
    )
  })

  it('should make EPUBs whose documents are well-formed XML and whose navigation lists every chapter', async () => {
    await fc.assert(
      fc.asyncProperty(bookFiles, async (files) => {
        const dir = await folder(files)
        const result = await buildFiles({input: dir, renderers: [epub], env: {}})
        expect(result.ok).toBe(true)
        const texts = await outputTexts(result.outputs)
        const documents = [...texts].filter(([name]) => /\.(xhtml|opf|ncx|svg)$/.test(name))
        // Per edition: the chapters, the cover page, the navigation, the NCX,
        // the package (the cover image is a PNG).
        expect(documents.length).toBe(2 * (Object.keys(files).length + 4))
        for (const [name, xml] of documents) expect(xmlErrors(xml), name).toEqual([])
        for (const edition of ['hant', 'hans']) {
          const nav = texts.get(`${path.basename(dir)}-${edition}.epub!OEBPS/toc.xhtml`)!
          const toc = /<nav epub:type="toc"[\s\S]*?<\/nav>/.exec(nav)![0]
          const links = [...toc.matchAll(/href="([^"#]+)/g)].map((match) => match[1])
          expect(links).toEqual(Object.keys(files).map((_, index) => `c${index + 1}.xhtml`))
        }
      }),
      settings
    )
    // The covers were the stand-in's (their SVG checked).
    expect(stubbedCovers.length).toBeGreaterThan(0)
  })

  it('should keep every Han character of the source in the Traditional edition', async () => {
    await fc.assert(
      fc.asyncProperty(bookFiles, async (files) => {
        const dir = await folder(files)
        const result = await buildFiles({input: dir, renderers: [epub], editions: ['hant'], env: {}})
        expect(result.ok).toBe(true)
        const texts = await outputTexts(result.outputs)
        let output = ''
        for (const [name, xml] of texts) if (name.endsWith('.xhtml')) output += xmlText(xml)
        const present = new Set(output.match(/\p{Script=Han}/gu))
        const source = new Set(
          Object.values(files)
            .join('')
            .match(/\p{Script=Han}/gu)
        )
        expect([...source].filter((character) => !present.has(character))).toEqual([])
      }),
      settings
    )
  })

  it('should find only three characters that OpenCC changes again', () => {
    const converter = createConverter([])
    const chains: string[] = []
    for (let code = 0x4e00; code <= 0x9fff; code++) {
      const once = converter.convert(String.fromCodePoint(code)).value
      const twice = converter.convert(once).value
      if (twice !== once) chains.push(`${String.fromCodePoint(code)} → ${once} → ${twice}`)
    }

    expect(chains).toEqual(['薴 → 苧 → 苎', '麼 → 么 → 幺', '麽 → 么 → 幺'])
  })

  it('should give Simplified text that converting again does not change (but for those three)', async () => {
    const converter = createConverter([])
    // OpenCC's character table takes 么 and 苧, the Simplified forms it
    // gives 麼 and 薴, for Traditional forms of 幺 and 苎 (see the test
    // above); in a phrase (什么, 怎么) they are stable.
    const known = (value: string) => value.replaceAll('幺', '么').replaceAll('苎', '苧')
    await fc.assert(
      fc.asyncProperty(bookFiles, async (files) => {
        const dir = await folder(files)
        const result = await buildFiles({input: dir, renderers: [], editions: ['hans'], env: {}})
        expect(result.ok).toBe(true)
        const changed: string[] = []
        for (const chapter of result.editions[0]!.chapters) {
          for (const value of blockTexts(chapter.tree)) {
            const again = converter.convert(value).value
            if (known(again) !== known(value)) changed.push(`${value} → ${again}`)
          }
        }

        expect(changed).toEqual([])
      }),
      settings
    )
  })
})

/** Tags whose text is one run for the converter. */
const blocks = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'td', 'th'])

/** Text of each innermost block of a tree, without code (never converted). */
function blockTexts(tree: Root): string[] {
  const values: string[] = []
  visit(tree, 'element', (node: Element) => {
    if (!blocks.has(node.tagName)) return
    let inner = false
    visit(node, 'element', (child) => {
      if (child !== node && blocks.has(child.tagName)) inner = true
    })
    if (!inner) values.push(textOf(node))
  })
  return values
}

/** Text of an element, code left out. */
function textOf(node: Root | RootContent): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element' && (node.tagName === 'code' || node.tagName === 'pre')) return ''
  return 'children' in node ? node.children.map(textOf).join('') : ''
}
