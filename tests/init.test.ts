/**
 * `zhbook init`: the sample book in an empty folder (in its `manuscript/`,
 * so the output goes beside it; it builds with no message and passes
 * epubcheck), and a `book.yaml` for a folder that holds a book already,
 * which the build reads to the same chapters in the same order as the
 * folder without it.
 */
import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {buildFiles} from '../src/build/build.js'
import {formatMessages} from '../src/core/diagnostics.js'
import {initBook} from '../src/init/init.js'
import {epubcheck} from './helpers/epubcheck.js'
import {outputTexts} from './helpers/manuscript.js'

const cli = path.join(import.meta.dirname, '..', 'dist', 'bin', 'zhbook.js')
const fixtures = path.join(import.meta.dirname, 'fixtures', 'books')
const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'zhbook-init-')))

afterAll(() => {
  fs.rmSync(tmp, {recursive: true, force: true})
})

/** Chapter ids and depths of each edition of a build, and its messages. */
async function chaptersOf(dir: string) {
  const result = await buildFiles({input: dir, editions: ['hant'], renderers: [], env: {}})
  return {
    ok: result.ok,
    chapters: result.editions[0]?.chapters.map(
      (chapter) => `${chapter.id}:${chapter.depth ?? 0}:${chapter.part ?? ''}`
    ),
    texts: result.editions[0]?.chapters.map((chapter) => JSON.stringify(chapter.tree)),
    messages: formatMessages(result.messages, dir)
  }
}

describe('zhbook init in an empty folder', () => {
  const project = path.join(tmp, 'empty', 'my-book')
  const dir = path.join(project, 'manuscript')

  it('should write the sample book in manuscript/, and say what to do next', () => {
    fs.mkdirSync(path.dirname(project), {recursive: true})
    const run = spawnSync(process.execPath, [cli, 'init', 'my-book'], {cwd: path.dirname(project), encoding: 'utf8'})
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe(
      'Wrote a sample book in my-book/manuscript/: book.yaml, 01-start.md, 02-next.md, overrides.yaml, glossary.yaml\n' +
        'Next: zhbook build my-book/manuscript --out my-book/output\n'
    )
    expect(run.status).toBe(0)
    expect(fs.readdirSync(project)).toEqual(['manuscript'])
    expect(fs.readdirSync(dir).sort()).toEqual([
      '01-start.md',
      '02-next.md',
      'book.yaml',
      'glossary.yaml',
      'overrides.yaml'
    ])
    const config = fs.readFileSync(path.join(dir, 'book.yaml'), 'utf8')
    expect(config).toMatch(/^date: \d{4}-\d{2}-\d{2}$/m)
    expect(config).toContain('\nchapters:\n  - 01-start.md\n  - 02-next.md\n')
    // The examples in comments: the override dictionary is empty until the author writes one.
    expect(fs.readFileSync(path.join(dir, 'overrides.yaml'), 'utf8')).toContain('\n# 核心: 核心\n')
  })

  it('should build with no message, into EPUBs that pass epubcheck', async () => {
    const result = await buildFiles({input: dir, env: {}})
    expect(formatMessages(result.messages, dir)).toEqual([])
    expect(result.ok).toBe(true)
    const epubs = result.outputs.filter((file) => file.path.endsWith('.epub'))
    expect(epubs.map((file) => file.path)).toEqual(['my-book-hans.epub', 'my-book-hant.epub'])
    // The Simplified edition shows what conversion does to the sample's words.
    const texts = await outputTexts(result.outputs)
    expect(texts.get('my-book-hans.epub!OEBPS/start.xhtml')).toContain('软件和网络这些词，在简体版里会换成大陆的说法。')
    for (const file of epubs) {
      const out = path.join(tmp, file.path)
      fs.writeFileSync(out, file.data)
      const verdict = await epubcheck(out)
      expect(verdict.messages, file.path).toEqual([])
      expect([verdict.errors, verdict.warnings]).toEqual([0, 0])
    }
  })

  it('should give the sample the date it is asked for', async () => {
    const other = path.join(tmp, 'dated')
    const result = await initBook(other, {date: '2026-01-02'})
    expect(result).toEqual({
      ok: true,
      messages: [],
      found: 'nothing',
      book: path.join(other, 'manuscript'),
      written: ['book.yaml', '01-start.md', '02-next.md', 'overrides.yaml', 'glossary.yaml'],
      chapters: ['01-start.md', '02-next.md']
    })
    expect(fs.readFileSync(path.join(other, 'manuscript', 'book.yaml'), 'utf8')).toContain('\ndate: 2026-01-02\n')
  })

  it('should start the book in a manuscript/ folder that is there, keeping its files', async () => {
    const other = path.join(tmp, 'kept')
    fs.mkdirSync(path.join(other, 'manuscript'), {recursive: true})
    fs.writeFileSync(path.join(other, 'manuscript', 'glossary.yaml'), '# mine\n')
    const result = await initBook(other, {date: '2026-01-02'})
    expect(result.book).toBe(path.join(other, 'manuscript'))
    expect(result.written).toEqual(['book.yaml', '01-start.md', '02-next.md', 'overrides.yaml'])
    expect(fs.readFileSync(path.join(other, 'manuscript', 'glossary.yaml'), 'utf8')).toBe('# mine\n')
  })
})

describe('zhbook init in a folder with a book', () => {
  it('should list the Markdown files of a flat folder, in file-name order', async () => {
    const dir = path.join(tmp, 'flat')
    fs.mkdirSync(dir)
    fs.writeFileSync(path.join(dir, '02-two.md'), '# 二\n\n正文。\n')
    fs.writeFileSync(path.join(dir, '01-one.md'), '# 一\n\n正文。\n')
    fs.writeFileSync(path.join(dir, 'README.md'), '# 說明\n')
    const before = await chaptersOf(dir)
    const result = await initBook(dir)
    expect(result.found).toBe('markdown')
    expect(fs.readFileSync(path.join(dir, 'book.yaml'), 'utf8')).toBe(
      [
        '# The book: every key is in the README (“Configuration”).',
        'title: flat',
        '# The author’s name:',
        'author: 作者',
        'language: zh-Hant',
        'chapters:',
        '  - 01-one.md',
        '  - 02-two.md',
        ''
      ].join('\n')
    )
    const after = await chaptersOf(dir)
    expect(after.chapters).toEqual(before.chapters)
    expect(after.chapters).toEqual(['one:0:', 'two:0:'])
    // The untitled book's warning (L006) is gone: book.yaml names it.
    expect(before.messages).toHaveLength(1)
    expect(after.messages).toEqual([])
  })

  for (const [kind, summary] of [
    ['mdbook', 'src/SUMMARY.md'],
    ['gitbook', 'SUMMARY.md'],
    ['folders', undefined]
  ] as const) {
    it(`should write a book.yaml for ${kind} that the build reads to the same chapters`, async () => {
      const dir = path.join(tmp, kind)
      fs.cpSync(path.join(fixtures, kind, 'manuscript'), dir, {recursive: true})
      const before = await chaptersOf(dir)
      const result = await initBook(dir)
      expect(result.ok).toBe(true)
      expect(result.found).toBe(kind)
      const config = fs.readFileSync(path.join(dir, 'book.yaml'), 'utf8')
      if (summary) expect(config).toContain(`\nsummary: ${summary}\n`)
      else expect(config).not.toMatch(/^(?:chapters|summary):/m)
      // Every chapter is listed, in order, in comments.
      expect(config.split('\n').filter((line) => line.startsWith('#  - '))).toEqual(
        result.chapters.map((name) => `#  - ${name}`)
      )
      const after = await chaptersOf(dir)
      expect(after.ok).toBe(true)
      expect(after.chapters).toEqual(before.chapters)
      expect(after.texts).toEqual(before.texts)
    })
  }

  it('should read the title and authors of book.toml', () => {
    const config = fs.readFileSync(path.join(tmp, 'mdbook', 'book.yaml'), 'utf8')
    expect(config).toContain('\ntitle: 範例手冊\nauthor: 王小明、李小華\n')
  })

  it('should never overwrite a book.yaml', async () => {
    const dir = path.join(tmp, 'flat')
    const before = fs.readFileSync(path.join(dir, 'book.yaml'), 'utf8')
    const result = await initBook(dir)
    expect(result.ok).toBe(false)
    expect(formatMessages(result.messages, dir)).toEqual([
      'book.yaml:1:1: error: Unexpected book.yaml, expected a folder without one: `zhbook init` never overwrites it (edit it, or remove it first) [U003]'
    ])
    expect(fs.readFileSync(path.join(dir, 'book.yaml'), 'utf8')).toBe(before)
  })
})
