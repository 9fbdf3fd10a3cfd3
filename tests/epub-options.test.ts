/**
 * The EPUB options of `book.yaml`: an embedded font subset (`font`) and
 * vertical writing (`vertical`), on the EPUB-options fixture, checked by
 * epubcheck and by reading the subset's character map back with fontkit.
 *
 * Needs Debian's fonts-noto-cjk, Java and epubcheck (`.ci/run` installs them).
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {create, type Font} from 'fontkit'
import {h} from 'hastscript'
import JSZip from 'jszip'
import {toHtml} from 'hast-util-to-html'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {BuildSession} from '../src/build/session.js'
import {extractFace} from '../src/fonts/extract-face.js'
import {openFace} from '../src/fonts/open-face.js'
import {uprightRuns} from '../src/formats/epub/vertical.js'
import {epubcheckMany, type EpubcheckResult} from './helpers/epubcheck.js'
import {buildOptionEpubs, type OptionEpubs} from './helpers/option-books.js'

const serif = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc'

let tmp = ''
let built: OptionEpubs
let zips: Record<'bilingual' | 'hans' | 'hant', JSZip>
let checks: EpubcheckResult[] = []

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-epub-options-'))
  built = await buildOptionEpubs(path.join(tmp, 'out'))
  const [bilingual, hans, hant] = await Promise.all(
    built.epubs.map(async (file) => JSZip.loadAsync(await fs.readFile(file)))
  )
  zips = {bilingual: bilingual!, hans: hans!, hant: hant!}
  checks = await epubcheckMany(built.epubs)
})

afterAll(async () => {
  if (tmp) await fs.rm(tmp, {recursive: true, force: true})
})

describe('epub options', () => {
  it('should build every edition with both options', () => {
    expect(built.epubs.map((file) => path.basename(file))).toEqual([
      'options-bilingual.epub',
      'options-hans.epub',
      'options-hant.epub'
    ])
  })

  it('should pass epubcheck with no errors and no warnings', () => {
    expect(checks.map(({errors, warnings, messages}) => ({errors, warnings, messages}))).toEqual([
      {errors: 0, warnings: 0, messages: []},
      {errors: 0, warnings: 0, messages: []},
      {errors: 0, warnings: 0, messages: []}
    ])
  })
})

describe('embedded font', () => {
  it('should list the face of each edition in the manifest', async () => {
    expect(await opf('hant')).toContain(
      '<item id="font" href="fonts/NotoSerifCJKtc-Regular.otf" media-type="font/otf"/>'
    )
    expect(await opf('hans')).toContain(
      '<item id="font" href="fonts/NotoSerifCJKsc-Regular.otf" media-type="font/otf"/>'
    )
    // `face: 2` is the third face of the collection.
    expect(await opf('bilingual')).toContain(
      '<item id="font" href="fonts/NotoSerifCJKsc-Regular.otf" media-type="font/otf"/>'
    )
  })

  it('should declare the face in the stylesheet and put it first on the text', async () => {
    const css = await text('hant', 'OEBPS/style.css')
    expect(css).toContain(
      [
        '@font-face {',
        '  font-family: "Noto Serif CJK TC subset";',
        '  font-style: normal;',
        '  font-weight: normal;',
        '  src: url("fonts/NotoSerifCJKtc-Regular.otf") format("opentype");',
        '}'
      ].join('\n')
    )
    expect(css).toContain('html {\n  font-family: "Noto Serif CJK TC subset", "Noto Serif CJK TC",')
    expect(css).toContain(
      '[lang]:lang(zh-Hant),\n[lang]:lang(zh-Hans),\n[lang]:lang(zh-Latn) {\n  font-family: "Noto Serif CJK TC subset", "Noto Serif CJK TC",'
    )
    // Quotations keep their Kai faces first, then the subset.
    expect(css).toMatch(/blockquote \{\n {2}font-family: "Kaiti TC", [^;]*"Noto Serif CJK TC subset", serif;/)
    // English keeps its Latin faces, with the subset before the generic family.
    expect(css).toMatch(/\[lang\]:lang\(en\) \{\n {2}font-family: "Charter", [^;]*"Noto Serif CJK TC subset", serif;/)
  })

  it('should cover every character of every content document', async () => {
    for (const edition of ['hant', 'hans', 'bilingual'] as const) {
      const font = await embedded(edition)
      const used = new Set<string>()
      for (const name of Object.keys(zips[edition].files)) {
        if (!name.endsWith('.xhtml')) continue
        const xhtml = await text(edition, name)
        for (const character of xhtml.replace(/<[^>]*>/g, '').replace(/&(?:amp|lt|gt|quot);/g, '')) {
          if (!/\s/.test(character)) used.add(character)
        }
      }

      const missing = [...used].filter((character) => !font.hasGlyphForCodePoint(character.codePointAt(0)!))
      expect(missing, edition).toEqual(edition === 'bilingual' ? ['↩'] : [])
      // Exactly those: no character the edition does not use.
      // (U+FFFF ends a format 4 character map; it maps nothing.)
      const mapped = font.characterSet
        .filter((code) => code > 0x20 && code !== 0xff_ff)
        .map((code) => String.fromCodePoint(code))
      expect(
        mapped.filter((character) => !used.has(character)),
        edition
      ).toEqual([])
    }
  })

  it('should keep pinyin with tone marks, and the vertical forms of punctuation', async () => {
    const bilingual = await embedded('bilingual')
    expect(bilingual.hasGlyphForCodePoint('ǎ'.codePointAt(0)!)).toBe(true)
    const hant = await embedded('hant')
    const corner = hant.glyphForCodePoint('「'.codePointAt(0)!)
    const run = hant.layout('「', ['vert'])
    expect(run.glyphs[0]!.id).not.toBe(corner.id)
  })

  it('should keep the licence in the name table', async () => {
    const font = await embedded('hant')
    expect(font.getName('license', 'en')).toMatch(/SIL Open Font License/)
  })

  it('should report what each edition embedded, and warn of characters the face lacks', () => {
    expect(built.result.fonts.map(({edition, family, cached}) => ({edition, family, cached}))).toEqual([
      {edition: 'hant', family: 'Noto Serif CJK TC', cached: false},
      {edition: 'hans', family: 'Noto Serif CJK SC', cached: false},
      {edition: 'bilingual', family: 'Noto Serif CJK SC', cached: false}
    ])
    const hant = built.result.fonts[0]!
    expect(hant.glyphs).toBeGreaterThanOrEqual(hant.characters)
    // The font's own warnings (the fixture's text also draws a script-check warning, S001).
    const warnings = built.result.messages.flatMap((file) =>
      file.messages.flatMap((message) => (message.ruleId?.startsWith('F') ? [message.ruleId] : []))
    )
    expect(warnings).toEqual(['F003'])
  })

  it('should give the same bytes again, from the cache too', async () => {
    const cacheDir = path.join(tmp, 'cache')
    const session = new BuildSession({cacheDir})
    const cold = await buildOptionEpubs(path.join(tmp, 'cold'), session)
    await session.dispose()
    const again = new BuildSession({cacheDir})
    const warm = await buildOptionEpubs(path.join(tmp, 'warm'), again)
    await again.dispose()
    expect(cold.result.fonts.map((font) => font.cached)).toEqual([false, false, false])
    expect(warm.result.fonts.map((font) => font.cached)).toEqual([true, true, true])
    for (const [index, file] of built.epubs.entries()) {
      const bytes = await fs.readFile(file)
      expect(Buffer.compare(await fs.readFile(cold.epubs[index]!), bytes), file).toBe(0)
      expect(Buffer.compare(await fs.readFile(warm.epubs[index]!), bytes), file).toBe(0)
    }
  })
})

describe('vertical writing', () => {
  it('should turn the pages of the Traditional edition right to left', async () => {
    const hant = await opf('hant')
    expect(hant).toContain('<spine toc="ncx" page-progression-direction="rtl">')
    expect(hant).toContain('<meta name="primary-writing-mode" content="vertical-rl"/>')
    for (const edition of ['hans', 'bilingual'] as const) {
      expect(await opf(edition)).toContain('<spine toc="ncx">')
      expect(await text(edition, 'OEBPS/style.css')).not.toContain('writing-mode')
    }
  })

  it('should set the Traditional edition vertically', async () => {
    const css = await text('hant', 'OEBPS/style.css')
    expect(css).toContain(
      'html {\n  -epub-writing-mode: vertical-rl;\n  -webkit-writing-mode: vertical-rl;\n  writing-mode: vertical-rl;\n}'
    )
    expect(css).toContain('span.upright {\n  -epub-text-combine: horizontal;')
    const chapter = await text('hant', 'OEBPS/vertical.xhtml')
    expect(chapter).toContain(
      '<p id="p-2">訓練一次 ChatGPT 的價格極其昂貴，大約為 1200 萬美金，<span class="upright">23</span> 歲的人也知道 <span class="upright">AI</span> 的價值。</p>'
    )
    expect(chapter).toContain('<li id="p-4">GPT-3 和 3.5 的差别？</li>')
    expect(chapter).toContain(
      '<strong class="speaker">主持人</strong>：您覺得 <span class="upright">3D</span> 和 <span class="upright">AR</span> 怎麼樣？'
    )
  })
})

describe('uprightRuns', () => {
  it('should set one or two digits and two-letter acronyms upright, nothing longer', () => {
    const tree = h('p', ['23 歲、3 個、AI 和 AIGC、GPT-3、3.5、1200、100%、To B、', h('code', '12')])
    expect(toHtml(uprightRuns(tree))).toBe(
      '<p><span class="upright">23</span> 歲、<span class="upright">3</span> 個、<span class="upright">AI</span> 和 AIGC、GPT-3、3.5、1200、100%、To B、<code>12</code></p>'
    )
  })
})

describe('extractFace', () => {
  it('should copy one face of a collection into a font of its own', async () => {
    const file = new Uint8Array(await fs.readFile(serif))
    const face = openFace(file, 'NotoSerifCJKtc-Regular')
    expect({index: face.index, family: face.family, format: face.format, collection: face.collection}).toEqual({
      index: 3,
      family: 'Noto Serif CJK TC',
      format: 'otf',
      collection: true
    })
    const single = create(Buffer.from(extractFace(file, face.font))) as Font
    expect('fonts' in single).toBe(false)
    expect(single.postscriptName).toBe('NotoSerifCJKtc-Regular')
    expect(single.numGlyphs).toBe(face.font.numGlyphs)
    expect(single.glyphForCodePoint('骨'.codePointAt(0)!).id).toBe(face.font.glyphForCodePoint('骨'.codePointAt(0)!).id)
  })
})

/** The package document of an edition. */
async function opf(edition: keyof typeof zips): Promise<string> {
  return text(edition, 'OEBPS/content.opf')
}

/** A text entry of an edition's EPUB. */
async function text(edition: keyof typeof zips, name: string): Promise<string> {
  const file = zips[edition].file(name)
  if (!file) throw new Error('Missing entry `' + name + '`')
  return file.async('string')
}

/** The embedded font of an edition, read with fontkit. */
async function embedded(edition: keyof typeof zips): Promise<Font> {
  const opfText = await opf(edition)
  const href = /<item id="font" href="([^"]+)"/.exec(opfText)![1]!
  const data = await zips[edition].file('OEBPS/' + href)!.async('nodebuffer')
  return create(data) as Font
}
