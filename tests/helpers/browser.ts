// Code passed to `page.evaluate` runs in the browser: it is typed with the DOM.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * A real browser for the web edition's tests and screenshots: Debian's
 * Chromium driven by playwright-core, and a tiny static server.
 *
 * The browser is never downloaded (`npx playwright install` is not run and
 * must not be): Chromium comes from the system (`apt-get install chromium`,
 * which `.ci/run` does), at `/usr/bin/chromium` or `CHROMIUM_PATH`. A missing
 * browser is an error, never a skipped test.
 */
import {existsSync} from 'node:fs'
import fs from 'node:fs/promises'
import http from 'node:http'
import {createRequire} from 'node:module'
import type {AddressInfo} from 'node:net'
import path from 'node:path'
import {chromium, type Browser, type Page} from 'playwright-core'

/** Flags that keep Chromium from calling home or doing work tests don't need. */
const flags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-extensions',
  '--mute-audio'
]

/**
 * Path of the Chromium executable: `CHROMIUM_PATH`, or Debian's.
 *
 * @returns
 *   Absolute path.
 */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
}

/**
 * Launch Chromium.
 *
 * @returns
 *   Browser; close it when done.
 * @throws
 *   When the executable is missing (Debian: `apt-get install chromium`).
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath()

  if (!existsSync(executablePath)) {
    throw new Error(
      'Cannot find Chromium at `' +
        executablePath +
        '`: install it (Debian: `apt-get install chromium`) or set `CHROMIUM_PATH`; never `npx playwright install`'
    )
  }

  return chromium.launch({executablePath, args: flags, headless: true})
}

/** A running static server. */
export interface StaticServer {
  /** Origin, e.g. `http://127.0.0.1:41234`. */
  origin: string
  /** Paths requested so far (decoded, relative to the root), in order. */
  requests: string[]
  /** Stop the server. */
  close(): Promise<void>
}

/** Media types of the files the site has. */
const types: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.json': 'application/json'
}

/**
 * Serve a folder over HTTP on 127.0.0.1, on a free port.
 *
 * Only files inside `root` are served (a path that leaves it is a 404), `/`
 * and folders serve their `index.html`; nothing else is done, so the site
 * is tested as any plain static host would serve it.
 *
 * @param root
 *   Folder to serve.
 * @returns
 *   The server.
 */
export async function serveFolder(root: string): Promise<StaticServer> {
  const base = path.resolve(root)
  const requests: string[] = []

  const server = http.createServer(async (request, response) => {
    let pathname: string

    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)
    } catch {
      response.writeHead(400).end()
      return
    }

    requests.push(pathname)
    let file = path.join(base, pathname)

    if (file !== base && !file.startsWith(base + path.sep)) {
      response.writeHead(404).end()
      return
    }

    try {
      if ((await fs.stat(file)).isDirectory()) file = path.join(file, 'index.html')
      const data = await fs.readFile(file)
      response.writeHead(200, {
        'content-type': types[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store'
      })
      response.end(data)
    } catch {
      response.writeHead(404, {'content-type': 'text/plain'}).end('Not found')
    }
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })

  const {port} = server.address() as AddressInfo

  return {
    origin: 'http://127.0.0.1:' + port,
    requests,
    close() {
      return new Promise((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      })
    }
  }
}

/** What a page did that a test may not want. */
export interface PageRecord {
  /** Console errors and uncaught exceptions. */
  errors: string[]
  /** Every request URL. */
  requests: string[]
}

/**
 * Record a page's console errors, uncaught exceptions and requests.
 *
 * @param page
 *   Page.
 * @param record
 *   Where to record (shared by the pages of a suite).
 * @returns
 *   The page.
 */
export function track(page: Page, record: PageRecord): Page {
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      record.errors.push(page.url() + ': console ' + message.type() + ': ' + message.text())
    }
  })
  page.on('pageerror', (error) => {
    record.errors.push(page.url() + ': ' + String(error))
  })
  page.on('request', (request) => {
    record.requests.push(request.url())
  })
  return page
}

/** axe-core's verdict on a page, in short. */
export interface AxeSummary {
  /** Rules violated, with the first few offending targets. */
  violations: Array<{id: string; impact: string; help: string; targets: string[]}>
  /** Number of rules that passed. */
  passes: number
  /** Number of rules axe could not decide (to be reviewed by a person). */
  incomplete: number
}

/**
 * Path of axe-core's script in `node_modules`.
 *
 * @returns
 *   Absolute path of `axe.min.js`.
 */
export function axeScript(): string {
  return createRequire(import.meta.url).resolve('axe-core/axe.min.js')
}

/**
 * Run axe-core on a page: its script is injected from `node_modules` (no
 * request) unless the page has it already (a context given it to every
 * document with `addInitScript({path: axeScript()})`), then `axe.run()`
 * checks the whole document.
 *
 * @param page
 *   Page, loaded.
 * @returns
 *   Summary.
 */
export async function runAxe(page: Page): Promise<AxeSummary> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({path: axeScript()})

  return page.evaluate(async () => {
    const axe = (window as unknown as {axe: typeof import('axe-core')}).axe
    const results = await axe.run(document, {resultTypes: ['violations']})
    return {
      violations: results.violations.map((violation) => ({
        id: violation.id,
        impact: String(violation.impact),
        help: violation.help,
        targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' '))
      })),
      passes: results.passes.length,
      incomplete: results.incomplete.length
    }
  })
}
