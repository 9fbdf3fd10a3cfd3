/**
 * The whole manuscript through the command line, as a user runs it: both
 * editions, validated by epubcheck and the Nu HTML Checker, built twice to
 * prove the bytes are the same.
 *
 * Needs `dist/` (`make test` builds it first), Java, epubcheck and vnu-jar
 * (`.ci/run` installs them); a missing validator fails, never skips.
 */
import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import JSZip from 'jszip'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {epubcheck, type EpubcheckResult} from './helpers/epubcheck.js'
import {vnu, type VnuResult} from './helpers/vnu.js'

const root = path.resolve(import.meta.dirname, '..')
const cli = path.join(root, 'dist', 'bin', 'zhbook.js')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhbook-integration-'))
const first = path.join(tmp, 'first')
const second = path.join(tmp, 'second')
const realWorld = path.join(tmp, 'real-world')
const learner = path.join(tmp, 'learner')
let buildOutput = ''
/** The EPUBs and the pages to validate, and the validators' verdicts, started once all is built. */
let epubFiles: string[] = []
let epubChecks: Promise<EpubcheckResult[]> = Promise.resolve([])
let pageFiles: string[] = []
let pageCheck: Promise<VnuResult | undefined> = Promise.resolve(undefined)

/** Run the CLI. */
function zhbook(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: {...process.env, SOURCE_DATE_EPOCH: '', ...env}
  })
  return {code: result.status, stdout: result.stdout, stderr: result.stderr}
}

/** Every file below a folder, relative, sorted. */
function list(dir: string): string[] {
  return fs
    .readdirSync(dir, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort()
}

/** Text of every content document of an EPUB, by name. */
async function epubDocuments(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file))
  const out = new Map<string, string>()
  for (const name of Object.keys(zip.files).sort()) {
    if (/\.(xhtml|opf|ncx|svg)$/.test(name)) out.set(name, await zip.file(name)!.async('string'))
  }

  return out
}

/** Visible text of markup: tags and comments removed, entities left. */
function textOf(markup: string): string {
  return markup
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
}

beforeAll(() => {
  if (!fs.existsSync(cli)) throw new Error(`Missing ${cli}: run \`make test\` (it builds dist/ first)`)
  for (const out of [first, second]) {
    const result = zhbook(['build', 'manuscript', '--out', out, '--cache', path.join(tmp, 'cache')])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    buildOutput = result.stdout
  }

  const result = zhbook([
    'build',
    'tests/fixtures/books/real-world/manuscript',
    '--out',
    realWorld,
    '--quiet',
    '--no-cache'
  ])
  expect(result.code).toBe(0)
  // A bilingual book with `pinyin: all`, a fuzzy and a missing translation.
  const bilingual = zhbook(['build', 'tests/fixtures/books/bilingual/manuscript', '--out', learner, '--no-cache'])
  expect(bilingual.code).toBe(0)
  expect(bilingual.stdout).toContain('bilingual: translation 4 translated, 1 fuzzy, 1 missing (66.6% of 6 paragraphs)')

  // epubcheck and the Nu checker work side by side, and while the other tests run.
  epubFiles = [
    ...list(first)
      .filter((f) => f.endsWith('.epub'))
      .map((f) => path.join(first, f)),
    ...fixtureFiles(/\.epub$/)
  ]
  epubChecks = Promise.all(epubFiles.map((file) => epubcheck(file)))
  pageFiles = [
    ...list(first)
      .filter((f) => /\.(html|css)$/.test(f))
      .map((f) => path.join(first, f)),
    ...fixtureFiles(/\.(html|css)$/)
  ]
  pageCheck = vnu(pageFiles)
  // Awaited by their tests; a failure is reported there.
  epubChecks.catch(() => {})
  pageCheck.catch(() => {})
})

/** The files of the built fixture books, by extension. */
function fixtureFiles(pattern: RegExp): string[] {
  return [realWorld, learner].flatMap((dir) =>
    list(dir)
      .filter((f) => pattern.test(f))
      .map((f) => path.join(dir, f))
  )
}

afterAll(() => {
  fs.rmSync(tmp, {recursive: true, force: true})
})

describe('zhbook build manuscript', () => {
  it('should write every edition as EPUB and web, and the report', () => {
    expect(list(first)).toEqual([
      '.zhbook-output',
      'reports/conversion-hans.json',
      'reports/conversion-hans.md',
      'small-models-bilingual.epub',
      'small-models-hans.epub',
      'small-models-hant.epub',
      'web/bilingual/china-us.html',
      'web/bilingual/dictionary.js',
      'web/bilingual/glossary.html',
      'web/bilingual/index.html',
      'web/bilingual/logic.html',
      'web/bilingual/opening.html',
      'web/bilingual/opportunities.html',
      'web/bilingual/qa.html',
      'web/bilingual/search.html',
      'web/bilingual/search.js',
      'web/bilingual/search/china-us.js',
      'web/bilingual/search/glossary.js',
      'web/bilingual/search/logic.js',
      'web/bilingual/search/opening.js',
      'web/bilingual/search/opportunities.js',
      'web/bilingual/search/qa.js',
      'web/dictionary-popup.js',
      'web/favicon.svg',
      'web/hans/china-us.html',
      'web/hans/index.html',
      'web/hans/logic.html',
      'web/hans/opening.html',
      'web/hans/opportunities.html',
      'web/hans/qa.html',
      'web/hans/search.html',
      'web/hans/search.js',
      'web/hans/search/china-us.js',
      'web/hans/search/logic.js',
      'web/hans/search/opening.js',
      'web/hans/search/opportunities.js',
      'web/hans/search/qa.js',
      'web/hant/china-us.html',
      'web/hant/index.html',
      'web/hant/logic.html',
      'web/hant/opening.html',
      'web/hant/opportunities.html',
      'web/hant/qa.html',
      'web/hant/search.html',
      'web/hant/search.js',
      'web/hant/search/china-us.js',
      'web/hant/search/logic.js',
      'web/hant/search/opening.js',
      'web/hant/search/opportunities.js',
      'web/hant/search/qa.js',
      'web/index.html',
      'web/notes.js',
      'web/prefs.js',
      'web/search-page.js',
      'web/site.js',
      'web/style.css'
    ])
  })

  it('should give byte-identical output when built twice', () => {
    for (const file of list(first)) {
      expect(
        Buffer.compare(fs.readFileSync(path.join(first, file)), fs.readFileSync(path.join(second, file))),
        file
      ).toBe(0)
    }
  })

  it('should pass epubcheck with 0 errors and 0 warnings', async () => {
    const files = epubFiles
    expect(files).toHaveLength(8)
    const results = await epubChecks
    for (const [index, result] of results.entries()) {
      expect({file: files[index], errors: result.errors, warnings: result.warnings, messages: result.messages}).toEqual(
        {
          file: files[index],
          errors: 0,
          warnings: 0,
          messages: []
        }
      )
    }
  })

  it('should pass the Nu HTML Checker on every page and the stylesheet', async () => {
    const result = (await pageCheck)!
    expect(result.messages.filter((m) => m.type !== 'info' || m.subType === 'warning')).toEqual([])
    expect(result.errors).toBe(0)
    expect(result.warnings).toBe(0)
  })

  it('should set the edition’s language on the package and on every document', async () => {
    for (const [edition, lang] of [
      ['hant', 'zh-Hant'],
      ['hans', 'zh-Hans']
    ] as const) {
      const documents = await epubDocuments(path.join(first, `small-models-${edition}.epub`))
      expect(documents.get('OEBPS/content.opf')).toContain(`<dc:language>${lang}</dc:language>`)
      const chapters = [...documents.keys()].filter((name) => name.endsWith('.xhtml'))
      expect(chapters).toEqual([
        'OEBPS/china-us.xhtml',
        'OEBPS/cover.xhtml',
        'OEBPS/logic.xhtml',
        'OEBPS/opening.xhtml',
        'OEBPS/opportunities.xhtml',
        'OEBPS/qa.xhtml',
        'OEBPS/toc.xhtml'
      ])
      for (const name of chapters) {
        expect(documents.get(name), name).toContain(
          `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${lang}" xml:lang="${lang}"`
        )
      }

      for (const page of list(path.join(first, 'web', edition)).filter((f) => f.endsWith('.html'))) {
        expect(fs.readFileSync(path.join(first, 'web', edition, page), 'utf8'), page).toContain(`<html lang="${lang}"`)
      }
    }
  })

  it('should store text as UTF-8 characters, not numeric entities', async () => {
    const documents = await epubDocuments(path.join(first, 'small-models-hans.epub'))
    expect(documents.get('OEBPS/logic.xhtml')).toContain('大模型的底层核心逻辑是大数据的算法涌现')
    for (const [name, text] of documents) expect(text, name).not.toMatch(/&#/)
  })

  it('should have no half-width `,:;?!` next to a Han character in either edition', async () => {
    const han = '\\p{Script=Han}'
    const pattern = new RegExp(`${han}[,:;?!]|[,:;?!]${han}`, 'u')
    for (const edition of ['hant', 'hans']) {
      const documents = await epubDocuments(path.join(first, `small-models-${edition}.epub`))
      for (const [name, text] of documents)
        expect(textOf(text).match(pattern)?.[0], `${edition} ${name}`).toBeUndefined()
      for (const page of list(path.join(first, 'web', edition))) {
        expect(
          textOf(fs.readFileSync(path.join(first, 'web', edition, page), 'utf8')).match(pattern)?.[0],
          page
        ).toBeUndefined()
      }
    }
  })

  it('should write the Simplified text a mainland editor would publish', async () => {
    const documents = await epubDocuments(path.join(first, 'small-models-hans.epub'))
    const text = [...documents.values()].map(textOf).join('\n')
    // Overrides: the source's artifact, and 核心 kept.
    expect(text).toContain('在 AI 领域还存在的差异')
    expect(text).not.toMatch(/网域|網域/)
    expect(text).toContain('有核心私密数据的行业')
    expect(text).toContain('如果把人类比作老鹰')
    expect(text).toContain('也宣告了 AR 时代的到来')
    // 内核 only where the source itself says it (情感内核).
    expect(text.match(/内核/g)).toEqual(['内核'])
    // Taiwan vocabulary converted.
    expect(text).toContain('交互方式是屏幕模式')
    expect(text).toContain('下一代的操作系统')
    expect(text).toContain('在硅谷进行融资')
    // Quotes.
    expect(text).not.toMatch(/[「」『』]/)
    expect(text).toContain('“人类的未来是 AIGC”')
    // Metadata.
    expect(documents.get('OEBPS/content.opf')).toContain('大模型只是少数人的机会，小模型才是大多数人的机会')
  })

  it('should keep the Traditional edition as the manuscript has it', async () => {
    const documents = await epubDocuments(path.join(first, 'small-models-hant.epub'))
    const text = [...documents.values()].map(textOf).join('\n')
    expect(text).toContain('「人類的未來是 AIGC」')
    expect(text).toContain('在硅谷進行融資')
  })

  it('should honour SOURCE_DATE_EPOCH', async () => {
    const out = path.join(tmp, 'epoch')
    expect(
      zhbook(['build', 'manuscript', '--out', out, '--quiet', '--no-cache'], {SOURCE_DATE_EPOCH: '1700000000'}).code
    ).toBe(0)
    const documents = await epubDocuments(path.join(out, 'small-models-hant.epub'))
    expect(documents.get('OEBPS/content.opf')).toContain(
      '<meta property="dcterms:modified">2023-11-14T22:13:20Z</meta>'
    )
    const plain = await epubDocuments(path.join(first, 'small-models-hant.epub'))
    expect(plain.get('OEBPS/content.opf')).toContain('<meta property="dcterms:modified">2026-11-28T00:00:00Z</meta>')
  })
})

describe('the bilingual edition of the manuscript', () => {
  it('should be 100% translated, 0 fuzzy, and say so', () => {
    expect(buildOutput).toContain('bilingual: translation 98 translated, 0 fuzzy, 0 missing (100% of 98 paragraphs)')
  })

  it('should list Simplified Chinese first, then English', async () => {
    const documents = await epubDocuments(path.join(first, 'small-models-bilingual.epub'))
    const opf = documents.get('OEBPS/content.opf')!
    expect(opf.match(/<dc:language>[^<]+<\/dc:language>/g)).toEqual([
      '<dc:language>zh-Hans</dc:language>',
      '<dc:language>en</dc:language>'
    ])
    expect(opf).toContain('Large Models Are an Opportunity for the Few, Small Models for the Many')
  })

  it('should follow each Chinese paragraph with its English', async () => {
    const documents = await epubDocuments(path.join(first, 'small-models-bilingual.epub'))
    const qa = documents.get('OEBPS/qa.xhtml')!
    expect(qa).toContain(
      '<p id="p-2" class="dialogue"><strong class="speaker">主持人</strong>：您觉得下一代拥有怎样的能力，能更好地去迎接 AI 时代？</p>\n' +
        '<p lang="en" xml:lang="en" class="translation dialogue"><strong class="speaker">Host:</strong> What abilities do you think'
    )
    expect(qa).not.toContain('awaiting')
  })

  it('should annotate glossary terms with pinyin ruby and EPUB footnotes, never in headings or links', async () => {
    const documents = await epubDocuments(path.join(first, 'small-models-bilingual.epub'))
    const logic = documents.get('OEBPS/logic.xhtml')!
    expect(logic).toContain(
      '<ruby class="gloss-term">大模型<rp>(</rp><rt lang="zh-Latn-pinyin" xml:lang="zh-Latn-pinyin">dà móxíng</rt><rp>)</rp></ruby>'
    )
    expect(logic).toContain(
      '<a href="#gloss-1" id="gloss-ref-1" role="doc-noteref" epub:type="noteref" class="noteref" aria-label="large model (English gloss)">†</a>'
    )
    expect(logic).toContain(
      '<aside id="gloss-1" role="doc-footnote" epub:type="footnote" class="gloss" lang="en" xml:lang="en" aria-label="large model (English gloss)"><p><a href="#gloss-ref-1" role="doc-backlink" aria-label="Back to text">↩</a>'
    )
    for (const [name, text] of documents) {
      for (const heading of text.match(/<h[1-6][\s\S]*?<\/h[1-6]>/g) ?? [])
        expect(heading, name).not.toMatch(/<ruby|noteref/)
      for (const link of text.match(/<a [^>]*>[\s\S]*?<\/a>/g) ?? []) expect(link, name).not.toMatch(/<ruby/)
    }
  })

  it('should end with a glossary chapter linking each term to its first occurrence', async () => {
    const documents = await epubDocuments(path.join(first, 'small-models-bilingual.epub'))
    const glossary = documents.get('OEBPS/glossary.xhtml')!
    expect(glossary).toContain('epub:type="glossary"')
    expect(glossary.match(/<dt>/g)).toHaveLength(65)
    expect(glossary).toContain('<a href="opening.xhtml#gloss-ref-')
    const spine = documents.get('OEBPS/content.opf')!.match(/<itemref idref="[^"]+"/g)
    expect(spine?.at(-1)).toBe('<itemref idref="chapter-glossary"')
  })
})

describe('zhbook command line', () => {
  it('should print help and exit 0', () => {
    const result = zhbook(['--help'])
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('Usage: zhbook')
    expect(result.stdout).toContain('build [options] [dir]')
    const build = zhbook(['build', '--help'])
    expect(build.code).toBe(0)
    expect(build.stdout).toContain('-o, --out <dir>')
  })

  it('should report a bad book.yaml with file:line:col and a rule id, exit 1 and write nothing', () => {
    const input = path.join(tmp, 'bad')
    const out = path.join(tmp, 'bad-out')
    fs.mkdirSync(input)
    fs.mkdirSync(out)
    fs.writeFileSync(path.join(out, '.zhbook-output'), 'keep.txt\n')
    fs.writeFileSync(path.join(out, 'keep.txt'), 'previous output')
    fs.writeFileSync(path.join(input, 'book.yaml'), 'title: 書\nauthor: 人\nlanguage: 12\n')
    fs.writeFileSync(path.join(input, 'a.md'), '# 一\n')
    const result = zhbook(['build', input, '--out', out])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      `${path.relative(root, path.join(input, 'book.yaml'))}:3:11: error: Unexpected value for \`language\`: Invalid input: expected string, received number [C002]`
    )
    expect(list(out)).toEqual(['.zhbook-output', 'keep.txt'])
  })

  it('should exit non-zero on an unknown option', () => {
    const result = zhbook(['build', '--nope'])
    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain("unknown option '--nope'")
  })
})
