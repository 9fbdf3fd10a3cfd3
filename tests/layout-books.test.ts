/**
 * The fixture books in other people's layouts (an mdBook, a GitBook, a
 * folder of folders) built whole: every EPUB passes epubcheck without a
 * warning, every page the Nu HTML Checker, and the contents nest as the
 * layout does in the navigation document, the NCX and the web drawer.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import JSZip from 'jszip'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {build} from '../src/build/build.js'
import {epubcheckMany} from './helpers/epubcheck.js'
import {walk} from './helpers/link-walk.js'
import {vnu} from './helpers/vnu.js'

const books = ['mdbook', 'gitbook', 'folders']
const root = path.join(import.meta.dirname, 'fixtures', 'books')
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhbook-layout-books-'))

beforeAll(async () => {
  for (const name of books) {
    const result = await build({input: path.join(root, name, 'manuscript'), output: path.join(tmp, name), env: {}})
    expect(result.ok).toBe(true)
  }
}, 120_000)

afterAll(() => {
  fs.rmSync(tmp, {recursive: true, force: true})
})

/** Files under a folder whose names match. */
function files(pattern: RegExp): string[] {
  return fs
    .readdirSync(tmp, {recursive: true, withFileTypes: true})
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
}

/** A text entry of an EPUB. */
async function entry(file: string, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file))
  return zip.file(name)!.async('string')
}

describe('books in their own layouts', () => {
  it('should pass epubcheck with 0 errors and 0 warnings, every edition', async () => {
    const epubs = files(/\.epub$/)
    expect(epubs).toHaveLength(books.length * 2)
    const results = await epubcheckMany(epubs)
    for (const [index, result] of results.entries()) {
      expect({file: epubs[index], errors: result.errors, warnings: result.warnings}).toEqual({
        file: epubs[index],
        errors: 0,
        warnings: 0
      })
    }
  }, 180_000)

  it('should find the target of every link and image in every EPUB document', async () => {
    for (const file of files(/\.epub$/)) {
      const zip = await JSZip.loadAsync(fs.readFileSync(file))
      const entries = new Map<string, Uint8Array>()
      for (const [name, item] of Object.entries(zip.files)) {
        if (!item.dir) entries.set(name, await item.async('uint8array'))
      }

      const {broken, checked} = walk(entries)
      expect(broken, file).toEqual([])
      expect(checked, file).toBeGreaterThan(10)
    }
  })

  it('should find the target of every link and image in every web page', () => {
    for (const name of books) {
      const web = path.join(tmp, name, 'web')
      const entries = new Map<string, Uint8Array>()
      for (const entry of fs.readdirSync(web, {recursive: true, withFileTypes: true})) {
        if (!entry.isFile()) continue
        const full = path.join(entry.parentPath, entry.name)
        entries.set(path.relative(web, full).split(path.sep).join('/'), fs.readFileSync(full))
      }

      const {broken, checked} = walk(entries)
      expect(broken, name).toEqual([])
      expect(checked, name).toBeGreaterThan(50)
    }
  })

  it('should pass the Nu HTML Checker on every page', async () => {
    const result = await vnu(files(/\.html$/))
    expect(result.messages.filter((m) => m.type !== 'info' || m.subType === 'warning')).toEqual([])
  }, 180_000)

  it('should nest the mdBook’s contents under its part titles, in the navigation document and the NCX', async () => {
    const epub = path.join(tmp, 'mdbook', 'manuscript-hans.epub')
    const nav = await entry(epub, 'OEBPS/toc.xhtml')
    expect(nav).toContain(
      [
        '<ol>',
        '<li><a href="readme.xhtml">前言</a></li>',
        '<li><span>第一部：基础</span>',
        '<ol>',
        '<li><a href="ch01-00-getting-started.xhtml">开始入门</a>',
        '<ol>',
        '<li><a href="ch01-01-installation.xhtml">安装</a></li>',
        '<li><a href="ch01-02-hello.xhtml">你好，世界</a></li>',
        '</ol>',
        '</li>',
        '</ol>',
        '</li>'
      ].join('\n')
    )
    expect(nav).toContain('<li><a href="appendix.xhtml">附录：术语</a></li>\n</ol>')
    const ncx = await entry(epub, 'OEBPS/toc.ncx')
    expect(ncx).toContain('<meta name="dtb:depth" content="4"/>')
    expect(ncx).toContain(
      '<navPoint id="nav-part-2" playOrder="5">\n<navLabel><text>第二部：高级</text></navLabel>\n<content src="ch02.xhtml"/>\n<navPoint id="nav-chapter-ch02" playOrder="5">'
    )
  })

  it('should nest the web edition’s contents drawer', () => {
    const page = fs.readFileSync(path.join(tmp, 'gitbook', 'web', 'hant', 'getting-started.html'), 'utf8')
    const drawer = /<nav id="[^"]*" class="drawer"[\s\S]*?<\/nav>/.exec(page)![0]
    expect(drawer).toContain(
      '<li><span class="toc-part">入門</span><ol>\n<li><a href="getting-started-install-windows.html">安裝 (Windows)</a></li>\n<li><a href="getting-started.html" aria-current="page">設定</a><ol>\n<li><a href="getting-started-advanced-setup.html">進階設定</a></li>\n</ol></li>\n</ol></li>'
    )
  })
})
