// Code passed to `page.evaluate` runs in the browser: it is typed with the DOM.
/// <reference lib="dom" />
/**
 * axe-core over every XHTML content document of an EPUB, in Chromium.
 *
 * The EPUB is unpacked into a temporary folder and each content document
 * (the navigation document too) is opened from `file://` as
 * `application/xhtml+xml`, the way reading systems parse it, with the
 * EPUB's own stylesheet (colour contrast is judged on the book's colours).
 * One browser serves every document and every EPUB, a page per core: the
 * context gives axe to each document as it opens. A document is checked once
 * for the same bytes among the same other files (the stylesheet, the images):
 * a kepub's navigation document is its EPUB's.
 */
import {createHash} from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import type {Browser, Page} from 'playwright-core'
import {axeScript, runAxe, type AxeSummary} from './browser.js'
import {contentDocuments, type EpubFiles, readEpub, unpackEpub} from './epub-files.js'

/** axe's verdict on one content document. */
export interface AxeDocument {
  /** `<epub file name>!<path inside the zip>`. */
  document: string
  /** Violations (empty when clean). */
  violations: AxeSummary['violations']
  /** Rules that passed. */
  passes: number
}

/** A checker bound to one browser page. */
export interface AxeEpubChecker {
  /**
   * Check every content document of an EPUB.
   *
   * @param file
   *   Path of the `.epub`.
   * @returns
   *   One verdict per document, in manifest order.
   */
  check(file: string): Promise<AxeDocument[]>
  /** Close the page and remove the unpacked files. */
  close(): Promise<void>
}

/**
 * Make a checker of EPUBs on a browser.
 *
 * @param browser
 *   Chromium (see `launchChromium`).
 * @returns
 *   Checker; close it when done.
 */
export async function axeEpubChecker(browser: Browser): Promise<AxeEpubChecker> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'zhbook-axe-epub-'))
  const context = await browser.newContext({viewport: {width: 600, height: 900}})
  await context.addInitScript({path: axeScript()})
  const pages = await Promise.all(Array.from({length: os.availableParallelism()}, () => context.newPage()))
  const verdicts = new Map<string, Promise<Omit<AxeDocument, 'document'>>>()
  let count = 0

  return {
    async check(file) {
      const epub = await readEpub(file)
      const target = path.join(folder, String(count++))
      await unpackEpub(epub, target)
      const items = contentDocuments(epub)
      const others = surroundings(epub)
      const queue = [...items]
      const found = new Map<string, Omit<AxeDocument, 'document'>>()

      // Each page takes the next document until none is left.
      await Promise.all(
        pages.map(async (page) => {
          for (let item = queue.shift(); item; item = queue.shift()) {
            const key = createHash('sha256')
              .update(item.path + '\0')
              .update(epub.entries.get(item.path) ?? '')
              .update(others)
              .digest('hex')
            let verdict = verdicts.get(key)
            if (!verdict) {
              verdict = checkDocument(page, path.join(target, item.path))
              verdicts.set(key, verdict)
            }

            found.set(item.path, await verdict)
          }
        })
      )

      return items.map((item) => ({document: path.basename(file) + '!' + item.path, ...found.get(item.path)!}))
    },
    async close() {
      await context.close()
      await fs.rm(folder, {recursive: true, force: true})
    }
  }
}

/**
 * Hash of what a content document of an EPUB can load: every entry that is
 * not a content document, by path.
 *
 * @param epub
 *   EPUB.
 * @returns
 *   Hex digest.
 */
function surroundings(epub: EpubFiles): string {
  const documents = new Set(contentDocuments(epub).map((item) => item.path))
  const hash = createHash('sha256')
  for (const [name, data] of [...epub.entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!documents.has(name)) hash.update(name + '\0').update(createHash('sha256').update(data).digest())
  }

  return hash.digest('hex')
}

/**
 * Open one document and run axe on it.
 *
 * @param page
 *   Page.
 * @param file
 *   Path of the `.xhtml` file.
 * @returns
 *   Violations and passes.
 */
async function checkDocument(
  page: Page,
  file: string
): Promise<{violations: AxeSummary['violations']; passes: number}> {
  await page.goto(pathToFileURL(file).href, {waitUntil: 'load'})
  const contentType = await page.evaluate(() => document.contentType)

  if (contentType !== 'application/xhtml+xml') {
    throw new Error('Unexpected `' + contentType + '` for `' + file + '`, expected XHTML')
  }

  const {violations, passes} = await runAxe(page)
  return {violations, passes}
}
