// Code passed to `page.evaluate` runs in the browser: it is typed with the DOM.
/// <reference lib="dom" />
/**
 * axe-core over every XHTML content document of an EPUB, in Chromium.
 *
 * The EPUB is unpacked into a temporary folder and each content document
 * (the navigation document too) is opened from `file://` as
 * `application/xhtml+xml`, the way reading systems parse it, with the
 * EPUB's own stylesheet (colour contrast is judged on the book's colours).
 * One browser and one page serve every document and every EPUB.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import type {Browser, Page} from 'playwright-core'
import {runAxe, type AxeSummary} from './browser.js'
import {contentDocuments, readEpub, unpackEpub} from './epub-files.js'

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
  const page = await context.newPage()
  let count = 0

  return {
    async check(file) {
      const epub = await readEpub(file)
      const target = path.join(folder, String(count++))
      await unpackEpub(epub, target)
      const results: AxeDocument[] = []

      for (const item of contentDocuments(epub)) {
        results.push({
          document: path.basename(file) + '!' + item.path,
          ...(await checkDocument(page, path.join(target, item.path)))
        })
      }

      return results
    },
    async close() {
      await context.close()
      await fs.rm(folder, {recursive: true, force: true})
    }
  }
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
