/**
 * Every EPUB the command line makes, as e-readers and assistive technology
 * take it: the manuscript's three editions (with `kepub: true`, so their
 * Kobo kepubs too) and the fixture books (the EPUB-options one with an
 * embedded font and vertical writing), checked against what Kindle's
 * import is known to fail on, what Kobo's kepub reader needs, and axe-core
 * in Chromium over every content document.
 *
 * Needs `dist/` (`make test` builds it first), Chromium, Java and
 * epubcheck; a missing tool fails, never skips.
 */
import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type {Browser} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {axeEpubChecker, type AxeDocument} from './helpers/axe-epub.js'
import {launchChromium} from './helpers/browser.js'
import {contentDocuments, entryText, readEpub, type EpubFiles} from './helpers/epub-files.js'
import {epubcheck, type EpubcheckResult} from './helpers/epubcheck.js'
import {
  bodyIdLinkProblems,
  coverProblems,
  languageProblems,
  spineNcxProblems,
  xmlDeclarationProblems
} from './helpers/kindle.js'

const root = path.resolve(import.meta.dirname, '..')
const cli = path.join(root, 'dist', 'bin', 'zhbook.js')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhbook-ereaders-'))

/** The books built: name, manuscript folder, whether to turn `kepub` on. */
const books = [
  {name: 'manuscript', input: path.join(root, 'manuscript'), kepub: true},
  {name: 'real-world', input: path.join(root, 'tests/fixtures/books/real-world/manuscript'), kepub: false},
  {name: 'small-book', input: path.join(root, 'tests/fixtures/books/small-book/manuscript'), kepub: false},
  {name: 'bilingual', input: path.join(root, 'tests/fixtures/books/bilingual/manuscript'), kepub: true},
  // Every edition with an embedded font subset, the Traditional one set
  // vertically (`book.yaml`'s EPUB options), and their kepubs.
  {name: 'epub-options', input: path.join(root, 'tests/fixtures/books/epub-options/manuscript'), kepub: true}
]

/** Every EPUB built (kepubs included), by path. */
const epubs = new Map<string, EpubFiles>()
let browser: Browser | undefined
const axeResults: AxeDocument[] = []
/** epubcheck's verdicts on the kepubs, started once they are built (the JVMs work while axe does). */
let kepubChecks: Promise<EpubcheckResult[]> = Promise.resolve([])

beforeAll(async () => {
  if (!fs.existsSync(cli)) throw new Error(`Missing ${cli}: run \`make test\` (it builds dist/ first)`)

  for (const book of books) {
    let input = book.input
    if (book.kepub) {
      // A copy of the book with `kepub: true` added to its `book.yaml`.
      input = path.join(tmp, 'input-' + book.name)
      fs.cpSync(book.input, input, {recursive: true})
      fs.appendFileSync(path.join(input, 'book.yaml'), '\nkepub: true\n')
    }

    const out = path.join(tmp, book.name)
    const result = spawnSync(process.execPath, [cli, 'build', input, '--out', out, '--quiet', '--no-cache'], {
      cwd: root,
      encoding: 'utf8'
    })
    if (result.status !== 0) throw new Error('Cannot build `' + book.name + '`:\n' + result.stderr)

    for (const name of fs.readdirSync(out).sort()) {
      if (name.endsWith('.epub')) epubs.set(path.join(out, name), await readEpub(path.join(out, name)))
    }
  }

  kepubChecks = Promise.all(kepubs().map((epub) => epubcheck(epub.file)))
  // Awaited by its test; a failure is reported there.
  kepubChecks.catch(() => {})
  browser = await launchChromium()
  const checker = await axeEpubChecker(browser)
  try {
    for (const file of epubs.keys()) axeResults.push(...(await checker.check(file)))
  } finally {
    await checker.close()
  }
}, 300_000)

afterAll(async () => {
  const violations = axeResults.reduce((sum, result) => sum + result.violations.length, 0)
  console.log(`axe-core: ${axeResults.length} content documents of ${epubs.size} EPUBs, ${violations} violations`)
  await browser?.close()
  fs.rmSync(tmp, {recursive: true, force: true})
})

/** Every EPUB that is not a kepub. */
function plain(): EpubFiles[] {
  return [...epubs.values()].filter((epub) => !epub.file.endsWith('.kepub.epub'))
}

/** Every kepub. */
function kepubs(): EpubFiles[] {
  return [...epubs.values()].filter((epub) => epub.file.endsWith('.kepub.epub'))
}

/** Problems of each EPUB under a check, only where there are some. */
function problemsOf(check: (epub: EpubFiles) => string[]): Record<string, string[]> {
  const result: Record<string, string[]> = {}
  for (const epub of epubs.values()) {
    const problems = check(epub)
    if (problems.length > 0) result[path.relative(tmp, epub.file)] = problems
  }

  return result
}

describe('ereaders: the books', () => {
  it('should build every edition, and a kepub of each where `kepub: true`', () => {
    expect([...epubs.keys()].map((file) => path.relative(tmp, file))).toEqual([
      'manuscript/small-models-bilingual.epub',
      'manuscript/small-models-bilingual.kepub.epub',
      'manuscript/small-models-hans.epub',
      'manuscript/small-models-hans.kepub.epub',
      'manuscript/small-models-hant.epub',
      'manuscript/small-models-hant.kepub.epub',
      'real-world/manuscript-hans.epub',
      'real-world/manuscript-hant.epub',
      'small-book/small-hans.epub',
      'small-book/small-hant.epub',
      'bilingual/learner-bilingual.epub',
      'bilingual/learner-bilingual.kepub.epub',
      'bilingual/learner-hans.epub',
      'bilingual/learner-hans.kepub.epub',
      'bilingual/learner-hant.epub',
      'bilingual/learner-hant.kepub.epub',
      'epub-options/options-bilingual.epub',
      'epub-options/options-bilingual.kepub.epub',
      'epub-options/options-hans.epub',
      'epub-options/options-hans.kepub.epub',
      'epub-options/options-hant.epub',
      'epub-options/options-hant.kepub.epub'
    ])
  })
})

describe('ereaders: a machine without CJK fonts', () => {
  it('should still build, with a raster cover without text, and warn (I003)', async () => {
    const out = path.join(tmp, 'no-fonts')
    const input = 'tests/fixtures/books/small-book/manuscript'
    const result = spawnSync(process.execPath, [cli, 'build', input, '--out', out, '--quiet', '--no-cache'], {
      cwd: root,
      encoding: 'utf8',
      env: {...process.env, ZHBOOK_COVER_FONTS: ''}
    })
    expect(result.status).toBe(0)
    expect(result.stderr).toBe(
      // The script check's warning on this book's one mainland word, then I003.
      input +
        '/1-one.md:3:13: warning: Unexpected mainland word `數據` in a text of Taiwan vocabulary (4 Taiwan, 1 mainland words), expected `資料` [S005]\n' +
        input +
        '/book.yaml:1:1: warning: Unexpected machine without a CJK font, expected one to draw the EPUB cover’s title: the cover has no text (its `alt` gives the title); install one (Debian: `apt-get install fonts-noto-cjk`) or set `ZHBOOK_COVER_FONTS` [I003]\n' +
        'zhbook: 0 errors, 2 warnings (I003, S005)\n'
    )
    expect(coverProblems(await readEpub(path.join(out, 'small-hant.epub')))).toEqual([])
  })
})

describe('ereaders: Kindle', () => {
  it('should start every XML document with an XML declaration that names UTF-8', () => {
    expect(problemsOf(xmlDeclarationProblems)).toEqual({})
  })

  it('should have no link to an id on `<body>`', () => {
    expect(problemsOf(bodyIdLinkProblems)).toEqual({})
  })

  it('should declare languages Kindle takes, Chinese first', () => {
    expect(problemsOf(languageProblems)).toEqual({})
  })

  it('should list the NCX in spine order, `playOrder` 1, 2, 3 …', () => {
    expect(problemsOf(spineNcxProblems)).toEqual({})
  })

  it('should have a PNG cover named by `properties="cover-image"` and the EPUB 2 cover meta', () => {
    expect(problemsOf(coverProblems)).toEqual({})
  })
})

describe('ereaders: Kobo', () => {
  it('should wrap the body of every chapter and the cover in `div#book-columns > div#book-inner`', () => {
    for (const epub of kepubs()) {
      for (const item of contentDocuments(epub)) {
        if (item.properties.includes('nav')) continue
        const body = /<body\b[^>]*>\n([\s\S]*)\n<\/body>/.exec(entryText(epub, item.path))?.[1] ?? ''
        expect(body, item.path).toMatch(/^<div id="book-columns"><div id="book-inner">[\s\S]*<\/div><\/div>$/)
      }
    }
  })

  it('should put every run of text in a `span.koboSpan` with a unique `kobo.N.M` id', () => {
    for (const epub of kepubs()) {
      for (const item of contentDocuments(epub)) {
        if (item.properties.includes('nav')) continue
        const document = entryText(epub, item.path)
        const ids = [...document.matchAll(/<span class="koboSpan" id="(kobo\.\d+\.\d+)">/g)].map((match) => match[1]!)
        expect(new Set(ids).size, item.path).toBe(ids.length)
        expect(ids.length, item.path).toBeGreaterThan(0)
        expect(unspanned(document), epub.file + '!' + item.path).toEqual([])
        expect(numbering(ids), item.path).toBe(true)
      }
    }
  })

  it('should keep the text, ids and semantics of the EPUB it is made from', () => {
    expect(kepubs()).toHaveLength(9)
    for (const kepub of kepubs()) {
      const epub = epubs.get(kepub.file.replace(/\.kepub\.epub$/, '.epub'))!
      expect([...kepub.entries.keys()]).toEqual([...epub.entries.keys()])
      expect(kepub.opf).toBe(epub.opf)
      for (const item of contentDocuments(epub)) {
        const before = entryText(epub, item.path)
        const after = entryText(kepub, item.path)
        expect(textOf(after), item.path).toBe(textOf(before))
        expect(withoutKobo(after), item.path).toBe(withoutKobo(before))
      }
    }
  })

  it('should pass epubcheck with 0 errors and 0 warnings', async () => {
    const files = kepubs().map((epub) => epub.file)
    const results = await kepubChecks
    expect(
      results.map((result, index) => ({
        file: path.relative(tmp, files[index]!),
        errors: result.errors,
        warnings: result.warnings,
        messages: result.messages
      }))
    ).toEqual(files.map((file) => ({file: path.relative(tmp, file), errors: 0, warnings: 0, messages: []})))
  }, 300_000)
})

describe('ereaders: accessibility', () => {
  it('should pass axe-core on every content document of every EPUB', () => {
    const documents =
      plain().reduce((sum, epub) => sum + contentDocuments(epub).length, 0) +
      kepubs().reduce((sum, epub) => sum + contentDocuments(epub).length, 0)
    expect(axeResults).toHaveLength(documents)
    expect(axeResults.filter((result) => result.violations.length > 0)).toEqual([])
    expect(axeResults.every((result) => result.passes > 0)).toBe(true)
  })

  it('should write the EPUB Accessibility 1.1 metadata', () => {
    for (const epub of epubs.values()) {
      for (const property of [
        'schema:accessMode',
        'schema:accessModeSufficient',
        'schema:accessibilityFeature',
        'schema:accessibilityHazard',
        'schema:accessibilitySummary',
        'dcterms:conformsTo'
      ]) {
        expect(epub.opf, epub.file + ' ' + property).toContain(`<meta property="${property}"`)
      }

      expect(epub.opf).toContain(
        '<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>'
      )
    }
  })

  it('should list the landmarks: cover, contents, start of the text (and glossary)', () => {
    for (const epub of epubs.values()) {
      const nav = entryText(epub, epub.manifest.find((item) => item.properties.includes('nav'))!.path)
      const landmarks = /<nav epub:type="landmarks"[^>]*hidden="hidden">([\s\S]*?)<\/nav>/.exec(nav)?.[1] ?? ''
      const types = [...landmarks.matchAll(/epub:type="([^"]+)"/g)].map((match) => match[1])
      expect(types.slice(0, 3), epub.file).toEqual(['cover', 'toc', 'bodymatter'])
      expect(types.includes('glossary'), epub.file).toBe(epub.manifest.some((item) => item.href === 'glossary.xhtml'))
    }
  })
})

/**
 * Text in a kepub's body that is not inside a Kobo span (whitespace, and
 * ruby annotations, which belong to their base's span, left out).
 */
function unspanned(document: string): string[] {
  const body = /<body\b[^>]*>([\s\S]*)<\/body>/.exec(document)?.[1] ?? ''
  const found: string[] = []
  let depth = 0
  let inside = 0
  const stack: boolean[] = []

  for (const token of body.matchAll(/<(\/?)([a-z][\w:-]*)([^>]*?)(\/?)>|([^<]+)/g)) {
    const [, close, name, attributes, selfClosing, text] = token
    if (text !== undefined) {
      if (inside === 0 && /\S/.test(text)) found.push(text)
    } else if (close) {
      depth--
      if (stack.pop()) inside--
    } else if (!selfClosing) {
      depth++
      const counts = (name === 'span' && attributes!.includes('class="koboSpan"')) || name === 'rt' || name === 'rp'
      stack.push(counts)
      if (counts) inside++
    }
  }

  expect(depth).toBe(0)
  return found
}

/** Whether `kobo.N.M` ids count paragraphs from 1 up and segments from 1 in each. */
function numbering(ids: string[]): boolean {
  let paragraph = 0
  let segment = 0
  for (const id of ids) {
    const [, n, m] = id.split('.').map(Number) as [number, number, number]
    if (n === paragraph && m === segment + 1) segment = m
    else if (n === paragraph + 1 && m === 1) [paragraph, segment] = [n, 1]
    else return false
  }

  return true
}

/** The text of a document: markup removed. */
function textOf(document: string): string {
  return document.replace(/<[^>]+>/g, '')
}

/** A document with Kobo's spans and wrapper removed. */
function withoutKobo(document: string): string {
  return document
    .replace(/<div id="book-columns"><div id="book-inner">([\s\S]*)<\/div><\/div>/, '$1')
    .replace(/<span class="koboSpan" id="kobo\.\d+\.\d+">([\s\S]*?)<\/span>/g, '$1')
}
