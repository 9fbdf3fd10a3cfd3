/**
 * The technical fixture book (`tests/fixtures/books/technical`), built whole:
 * every link and every image reference of every EPUB document and web page
 * finds its target, and the EPUBs and pages pass epubcheck and the Nu checker.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {toHtml} from 'hast-util-to-html'
import JSZip from 'jszip'
import {beforeAll, describe, expect, it} from 'vitest'
import {buildFiles, type BuildResult} from '../src/build/build.js'
import {BuildSession} from '../src/build/session.js'
import {epubcheck} from './helpers/epubcheck.js'
import {walk} from './helpers/link-walk.js'
import {vnu} from './helpers/vnu.js'

const manuscript = path.join(import.meta.dirname, 'fixtures', 'books', 'technical', 'manuscript')

describe('technical book', () => {
  let result: BuildResult
  let folder: string

  beforeAll(async () => {
    result = await buildFiles({input: manuscript, env: {}})
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-technical-'))
    for (const file of result.outputs) {
      await fs.mkdir(path.dirname(path.join(folder, file.path)), {recursive: true})
      await fs.writeFile(path.join(folder, file.path), file.data)
    }

    return () => fs.rm(folder, {recursive: true, force: true})
  }, 120_000)

  it('should package each image once in every EPUB, in the manifest with its media type', async () => {
    expect(result.ok).toBe(true)
    for (const epub of result.outputs.filter((file) => file.path.endsWith('.epub'))) {
      const zip = await JSZip.loadAsync(epub.data)
      const opf = await zip.file('OEBPS/content.opf')!.async('string')
      expect(opf.match(/<item id="resource-[^>]+>/g), epub.path).toEqual([
        '<item id="resource-1" href="images/images/image-1-1-6fbb3d75.png" media-type="image/png"/>',
        '<item id="resource-2" href="images/gitbook/assets/cli-login_w-305e2b85.jpg" media-type="image/jpeg"/>',
        '<item id="resource-3" href="images/figures/diagram.svg" media-type="image/svg+xml"/>',
        '<item id="resource-4" href="images/part-1/local.gif" media-type="image/gif"/>'
      ])
      expect(opf).toContain(
        '<item id="chapter-part-1-2-code" href="part-1-2-code.xhtml" media-type="application/xhtml+xml" properties="mathml"/>'
      )
      const svg = await zip.file('OEBPS/images/figures/diagram.svg')!.async('string')
      expect(svg).not.toMatch(/script|onload|https?:\/\/example|inkscape/)
      expect(svg).toContain('<text x="60" y="35" text-anchor="middle" font-size="14">輸入 → 輸出</text>')
    }
  })

  it('should find the target of every link and image in every EPUB document', async () => {
    for (const epub of result.outputs.filter((file) => file.path.endsWith('.epub'))) {
      const zip = await JSZip.loadAsync(epub.data)
      const files = new Map<string, Uint8Array>()
      for (const [name, entry] of Object.entries(zip.files)) {
        if (!entry.dir) files.set(name, await entry.async('uint8array'))
      }

      const {broken, checked} = walk(files)
      expect(broken, epub.path).toEqual([])
      expect(checked).toBeGreaterThan(20)
    }
  })

  it('should find the target of every link and image in every web page', () => {
    const files = new Map(result.outputs.map((file) => [file.path, file.data]))
    const {broken, checked} = walk(files)
    expect(broken).toEqual([])
    expect(checked).toBeGreaterThan(100)
    expect(files.has('web/hant/images/images/image-1-1-6fbb3d75.png')).toBe(true)
    expect(files.has('web/hans/images/figures/diagram.svg')).toBe(true)
  })

  it('should convert alt text and captions like the text around them', () => {
    const page = String(result.outputs.find((file) => file.path === 'web/hans/part-1-1-images.html')!.data)
    expect(page).toContain(
      '<img src="images/images/image-1-1-6fbb3d75.png" alt="系统架构图"><figcaption>图一：系统架构</figcaption>'
    )
  })

  it('should pass epubcheck with 0 errors and 0 warnings', async () => {
    for (const file of result.outputs.filter((output) => output.path.endsWith('.epub'))) {
      const verdict = await epubcheck(path.join(folder, file.path))
      expect(verdict.messages, file.path).toEqual([])
      expect([verdict.errors, verdict.warnings]).toEqual([0, 0])
    }
  }, 120_000)

  it('should give pages the Nu checker accepts', async () => {
    const pages = result.outputs
      .filter((file) => file.path.endsWith('.html'))
      .map((file) => path.join(folder, file.path))
    const verdict = await vnu(pages)
    expect(verdict.messages.filter((message) => message.type !== 'info' || message.subType === 'warning')).toEqual([])
  }, 120_000)
})

describe('chapter cache and references', () => {
  it('should make a chapter again when an image it shows appears, or a chapter it links to', async () => {
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-references-'))
    try {
      await fs.writeFile(
        path.join(folder, 'book.yaml'),
        'title: 書\nauthor: 某人\ndate: 2024-01-02\nslug: refs\neditions: [hant]\nchapters:\n  - one.md\n'
      )
      await fs.writeFile(path.join(folder, 'one.md'), '# 一\n\n![圖](a.png)\n\n[二](two.md)\n')
      const session = new BuildSession()
      const body = async () => {
        const built = await buildFiles({input: folder, env: {}, renderers: [], session})
        return toHtml(built.editions[0]!.chapters[0]!.tree)
      }

      expect(await body()).toBe('<h1 id="一">一</h1>\n<p id="p-2">圖</p>\n<p id="p-3">二</p>')
      await fs.copyFile(path.join(manuscript, 'images', 'image (1) (1).png'), path.join(folder, 'a.png'))
      await fs.writeFile(path.join(folder, 'two.md'), '# 二\n')
      await fs.appendFile(path.join(folder, 'book.yaml'), '  - two.md\n')
      expect(await body()).toBe(
        '<h1 id="一">一</h1>\n<p id="p-2"><img src="images/a.png" alt="圖"></p>\n<p id="p-3"><a href="chapter:two">二</a></p>'
      )
    } finally {
      await fs.rm(folder, {recursive: true, force: true})
    }
  })
})
