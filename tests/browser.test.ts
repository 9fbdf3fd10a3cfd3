// Code passed to `page.evaluate` runs in the browser: it is typed with the DOM.
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The web edition in a real browser, used the way a reader uses it: Debian's
 * Chromium driven by playwright-core (`tests/helpers/browser.ts`; never a
 * downloaded browser), on the real manuscript built by the CLI, served from
 * 127.0.0.1 and opened from `file://`, plus a tiny hand-made edition with a
 * known dictionary.
 *
 * Every page any test opens is recorded: a console error, an uncaught
 * exception, or a request to anything but the site fails the suite.
 */
import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import type {Browser, BrowserContext, BrowserContextOptions, Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {EditionBook, RenderContext} from '../src/core/model.js'
import {renderSiteIndex, web} from '../src/formats/web/web.js'
import {bilingualBook, bilingualInfo} from './helpers/bilingual-book.js'
import {launchChromium, runAxe, serveFolder, track, type PageRecord, type StaticServer} from './helpers/browser.js'
import {BuildSession} from '../src/build/session.js'

const root = path.join(import.meta.dirname, '..')
const cli = path.join(root, 'dist', 'bin', 'zhbook.js')
const phone = {width: 390, height: 844}
const desktop = {width: 1280, height: 800}

/** A hand-made bilingual edition with a dictionary whose answers we know. */
const tinyBook: EditionBook = {
  ...bilingualBook,
  dictionary: {
    words: {
      大: [{pinyin: 'dà', en: 'big; large'}],
      大家: [{pinyin: 'dà jiā', en: 'everyone'}],
      大模型: [{pinyin: 'dà mó xíng', en: 'large model'}],
      模型: [{pinyin: 'mó xíng', en: 'model; mould'}],
      小模型: [{pinyin: 'xiǎo mó xíng', en: 'small model'}]
    },
    attribution: {
      name: 'CC-CEDICT',
      url: 'https://www.mdbg.net/chinese/dictionary?page=cc-cedict',
      license: 'CC BY-SA 4.0',
      licenseUrl: 'https://creativecommons.org/licenses/by-sa/4.0/'
    }
  }
}

let folder = ''
let site = ''
let browser: Browser
let server: StaticServer
let origin = ''
const record: PageRecord = {errors: [], requests: []}
const contexts: BrowserContext[] = []
const pages = new Map<string, Page>()
const axeSummary: string[] = []

beforeAll(async () => {
  if (!fs.existsSync(cli)) throw new Error(`Missing ${cli}: run \`make test\` (it builds dist/ first)`)
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'zhbook-browser-'))

  const built = spawnSync(
    process.execPath,
    [cli, 'build', 'manuscript', '--out', path.join(folder, 'real'), '--quiet', '--no-cache'],
    {
      cwd: root,
      encoding: 'utf8'
    }
  )
  if (built.status !== 0) throw new Error('Cannot build the manuscript:\n' + built.stderr)
  site = path.join(folder, 'real', 'web')

  const context: RenderContext = {
    modified: new Date('2026-11-28T00:00:00Z'),
    editions: [bilingualInfo],
    session: new BuildSession()
  }
  const files = [...(await web.render(tinyBook, context)), ...renderSiteIndex([tinyBook], context)]
  for (const file of files) {
    const target = path.join(folder, 'tiny', file.path)
    fs.mkdirSync(path.dirname(target), {recursive: true})
    fs.writeFileSync(target, file.data)
  }

  ;[browser, server] = await Promise.all([launchChromium(), serveFolder(folder)])
  origin = server.origin
})

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close().catch(() => {})))
  await browser?.close()
  await server?.close()
  if (folder) fs.rmSync(folder, {recursive: true, force: true})
  if (axeSummary.length > 0) console.log(axeSummary.join('\n'))
})

/**
 * Open a page of the real site (or of the tiny edition). Pages are reused
 * per set of context options (a new page starts a renderer: slow), with the
 * reader's stored settings cleared, so each test starts afresh.
 */
async function open(pathname: string, options: BrowserContextOptions = {}, base = 'real/web/'): Promise<Page> {
  const key = JSON.stringify(options)
  let page = pages.get(key)

  if (page) {
    if (page.url().startsWith('http') || page.url().startsWith('file')) {
      await page.evaluate(() => window.localStorage.clear()).catch(() => {})
    }

    await page.emulateMedia({media: 'screen', colorScheme: options.colorScheme ?? 'light'})
  } else {
    const context = await browser.newContext({viewport: desktop, ...options})
    contexts.push(context)
    page = track(await context.newPage(), record)
    pages.set(key, page)
  }

  await page.goto(pathname.startsWith('file:') ? pathname : origin + '/' + base + pathname)
  return page
}

/** The centre of one character of an element's text, in viewport pixels. */
async function characterPoint(page: Page, selector: string, text: string, at = 0) {
  const point = await page.evaluate(
    ({selector, text, at}) => {
      const element = document.querySelector(selector)
      if (!element) return null
      const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const index = (node as Text).data.indexOf(text)
        if (index === -1) continue
        const range = document.createRange()
        range.setStart(node, index + at)
        range.setEnd(node, index + at + 1)
        range.startContainer.parentElement?.scrollIntoView({block: 'center'})
        const box = range.getBoundingClientRect()
        return {x: box.left + box.width / 2, y: box.top + box.height / 2}
      }
      return null
    },
    {selector, text, at}
  )
  if (!point) throw new Error('Cannot find `' + text + '` in `' + selector + '`')
  return point
}

/** Text of the dictionary pop-up, or `null` when it is not shown. */
async function popup(page: Page) {
  return page.evaluate(() => {
    const element = document.getElementById('dictionary-popup')
    if (!element || element.hidden) return null
    return {
      role: element.getAttribute('role'),
      word: element.querySelector('.dictionary-word')?.textContent ?? '',
      pinyin: [...element.querySelectorAll('.dictionary-pinyin')].map((node) => node.textContent),
      en: [...element.querySelectorAll('.dictionary-en')].map((node) => node.textContent)
    }
  })
}

/** Whether an element is in the viewport (below the sticky header). */
async function inView(page: Page, selector: string) {
  return page.evaluate((selector) => {
    const element = document.querySelector(selector)
    if (!element) return false
    const box = element.getBoundingClientRect()
    const header = document.querySelector('.site-header')?.getBoundingClientRect().bottom ?? 0
    return box.top >= header - 1 && box.top < window.innerHeight
  }, selector)
}

describe('navigation', () => {
  it('should open and close the contents drawer by its button and Escape, and follow a chapter link', async () => {
    const page = await open('hans/opening.html', {viewport: phone, hasTouch: true, isMobile: true})
    const button = page.locator('.drawer-button')
    const drawer = page.locator('#drawer')
    const visible = () => drawer.evaluate((node) => getComputedStyle(node).visibility)

    await expect.poll(() => button.isVisible()).toBe(true)
    expect(await button.getAttribute('aria-expanded')).toBe('false')
    expect(await visible()).toBe('hidden')

    await button.click()
    expect(await button.getAttribute('aria-expanded')).toBe('true')
    await expect.poll(visible).toBe('visible')
    // Focus moves into the drawer, to the current chapter.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-current'))).toBe('page')

    await page.keyboard.press('Escape')
    expect(await button.getAttribute('aria-expanded')).toBe('false')
    await expect.poll(visible).toBe('hidden')
    expect(await page.evaluate(() => document.activeElement?.classList.contains('drawer-button'))).toBe(true)

    // The close button and a tap beside the drawer close it too.
    await button.click()
    await page.locator('.drawer-close').click()
    expect(await button.getAttribute('aria-expanded')).toBe('false')
    await button.click()
    await page.locator('.drawer-backdrop').click({position: {x: 370, y: 400}})
    expect(await button.getAttribute('aria-expanded')).toBe('false')

    await button.click()
    await drawer.getByRole('link', {name: 'AI 大模型的逻辑'}).click()
    await page.waitForURL(/\/hans\/logic\.html$/)
    expect(await page.locator('h1').textContent()).toBe('AI 大模型的逻辑')
  })

  it('should show the contents as a side column on a wide screen', async () => {
    const page = await open('hans/logic.html')
    expect(await page.locator('.drawer-button').isVisible()).toBe(false)
    expect(await page.locator('#drawer').isVisible()).toBe(true)
    const [drawer, main] = await Promise.all([
      page.locator('#drawer').boundingBox(),
      page.locator('main').boundingBox()
    ])
    expect(drawer!.x + drawer!.width).toBeLessThanOrEqual(main!.x)
  })

  it('should go to the previous and next chapters', async () => {
    const page = await open('hant/logic.html')
    await page.locator('a[rel="next"]').click()
    await page.waitForURL(/\/hant\/opportunities\.html$/)
    await page.locator('a[rel="prev"]').click()
    await page.waitForURL(/\/hant\/logic\.html$/)
    await page.locator('a[rel="prev"]').click()
    await page.waitForURL(/\/hant\/opening\.html$/)
    expect(await page.locator('a[rel="prev"]').count()).toBe(0)
  })

  it('should go from the site index to an edition and its first chapter', async () => {
    const page = await open('index.html')
    await page.locator('a.edition-start[href="bilingual/opening.html"]').click()
    await page.waitForURL(/\/bilingual\/opening\.html$/)
    await page.locator('.book-title a').click()
    await page.waitForURL(/\/bilingual\/index\.html$/)
    expect(await page.locator('#toc li').count()).toBe(6)
  })
})

describe('edition switch', () => {
  it('should open the other edition at the paragraph being read', async () => {
    const page = await open('hans/logic.html')
    // At the top of the page, the switch opens the chapter at its start.
    expect(
      await page.evaluate(() => {
        const link = document.querySelector<HTMLAnchorElement>('.editions a[hreflang][href*="bilingual"]')!
        link.dispatchEvent(new PointerEvent('pointerdown'))
        return link.getAttribute('href')
      })
    ).toBe('../bilingual/logic.html')

    await page.evaluate(() => document.getElementById('p-12')!.scrollIntoView())
    await page.locator('.site-header .editions a[href*="bilingual"]').click()
    await page.waitForURL(/\/bilingual\/logic\.html#p-12$/)
    expect(await inView(page, '#p-12')).toBe(true)
    expect(await page.locator('#p-12').textContent()).toContain('第一性原理')

    // And back, from the bilingual edition to the Traditional one; a reader
    // of a paragraph's English is at that paragraph.
    await page.evaluate(() => {
      // The English of p-17 just below the header, its Chinese above.
      const english = document.querySelector('#p-17 + .translation')!
      const header = document.querySelector('.site-header')!.getBoundingClientRect().bottom
      window.scrollBy(0, english.getBoundingClientRect().top - header - 10)
    })
    await page.locator('.site-header .editions a[href*="hant"]').click()
    await page.waitForURL(/\/hant\/logic\.html#p-17$/)
    expect(await inView(page, '#p-17')).toBe(true)
  })

  it('should link the glossary to the other editions’ title pages, without a fragment', async () => {
    const page = await open('bilingual/glossary.html')
    await page.mouse.wheel(0, 2000)
    await page.locator('.site-header .editions a[href*="hans"]').click()
    await page.waitForURL(/\/hans\/index\.html$/)
  })
})

describe('reading settings', () => {
  it('should change the text size, and keep it across a reload, pages and editions', async () => {
    const page = await open('hans/opening.html')
    const size = () =>
      page
        .locator('main p')
        .first()
        .evaluate((node) => Number.parseFloat(getComputedStyle(node).fontSize))
    const before = await size()

    await page.locator('.settings-button').click()
    expect(await page.locator('.settings-button').getAttribute('aria-expanded')).toBe('true')
    await page.locator('#settings button[data-value="xl"]').click()
    expect(await page.locator('#settings button[data-value="xl"]').getAttribute('aria-pressed')).toBe('true')
    expect(await page.locator('#settings button[data-value="m"]').getAttribute('aria-pressed')).toBe('false')
    const after = await size()
    expect(after).toBeGreaterThan(before * 1.2)

    await page.keyboard.press('Escape')
    expect(await page.locator('#settings').isHidden()).toBe(true)

    await page.reload()
    expect(await size()).toBe(after)
    await page.goto(origin + '/real/web/bilingual/logic.html')
    expect(await size()).toBe(after)
    expect(await page.locator('#settings button[data-value="xl"]').getAttribute('aria-pressed')).toBe('true')
  })

  it('should follow the system’s colours until the reader chooses, and keep the choice', async () => {
    const background = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)
    const dark = 'rgb(22, 22, 24)'
    const light = 'rgb(251, 250, 247)'

    const page = await open('hans/opening.html', {colorScheme: 'dark'})
    expect(await background(page)).toBe(dark)
    await page.locator('.settings-button').click()
    expect(await page.locator('#settings button[data-value="auto"]').getAttribute('aria-pressed')).toBe('true')
    await page.locator('#settings button[data-value="light"]').click()
    expect(await background(page)).toBe(light)
    expect(await page.evaluate(() => getComputedStyle(document.body).color)).toBe('rgb(31, 31, 31)')
    await page.reload()
    expect(await background(page)).toBe(light)

    await page.emulateMedia({colorScheme: 'light'})
    await page.locator('.settings-button').click()
    await page.locator('#settings button[data-value="dark"]').click()
    expect(await background(page)).toBe(dark)
    await page.goto(origin + '/real/web/index.html')
    expect(await background(page)).toBe(dark)
    await page.goto(origin + '/real/web/hant/qa.html')
    expect(await background(page)).toBe(dark)
  })

  it('should hide and show the English and the pinyin of the bilingual edition, and keep the choice', async () => {
    const page = await open('bilingual/logic.html')
    const shown = () =>
      page.evaluate(() => ({
        english: getComputedStyle(document.querySelector('main p.translation')!).display !== 'none',
        heading: getComputedStyle(document.querySelector('h1 .translation')!).display !== 'none',
        pinyin: getComputedStyle(document.querySelector('main rt')!).display !== 'none'
      }))

    expect(await shown()).toEqual({english: true, heading: true, pinyin: true})
    await page.locator('.settings-button').click()
    const english = page.locator('#settings button[data-preference="english"]')
    const pinyin = page.locator('#settings button[data-preference="pinyin"]')
    expect(await english.getAttribute('aria-pressed')).toBe('true')

    await english.click()
    expect(await english.getAttribute('aria-pressed')).toBe('false')
    expect(await shown()).toEqual({english: false, heading: false, pinyin: true})
    await pinyin.click()
    expect(await pinyin.getAttribute('aria-pressed')).toBe('false')
    expect(await shown()).toEqual({english: false, heading: false, pinyin: false})

    await page.reload()
    expect(await shown()).toEqual({english: false, heading: false, pinyin: false})
    await page.goto(origin + '/real/web/bilingual/qa.html')
    expect(await shown()).toEqual({english: false, heading: false, pinyin: false})

    // Print shows everything, whatever was hidden on screen.
    await page.emulateMedia({media: 'print'})
    expect(await shown()).toEqual({english: true, heading: true, pinyin: true})
    await page.emulateMedia({media: 'screen'})

    await page.locator('.settings-button').click()
    await english.click()
    await pinyin.click()
    expect(await shown()).toEqual({english: true, heading: true, pinyin: true})
  })

  it('should show everything, and no tool that needs a script, with JavaScript off', async () => {
    const page = await open('bilingual/logic.html', {javaScriptEnabled: false, viewport: phone})
    const state = await page.evaluate(() => ({
      hiddenText: [...document.querySelectorAll('main p, main li, main h1, main h2, main rt, .translation')].filter(
        (node) => getComputedStyle(node).display === 'none' || (node as HTMLElement).offsetHeight === 0
      ).length,
      tools: [...document.querySelectorAll('.js-only')].filter((node) => (node as HTMLElement).offsetHeight > 0).length,
      drawer: (document.getElementById('drawer') as HTMLElement).offsetHeight > 0,
      links: document.querySelectorAll('#drawer li a').length
    }))
    expect(state).toEqual({hiddenText: 0, tools: 0, drawer: true, links: 6})

    const search = await open('hans/search.html', {javaScriptEnabled: false})
    expect(await search.locator('#search-status').textContent()).toBe(
      '搜索需要 JavaScript。请开启 JavaScript，或从目录阅读全书。'
    )
    expect(await search.locator('#search-form').isVisible()).toBe(false)
  })
})

describe('search', () => {
  it('should find a two-character Chinese query and land on the paragraph', async () => {
    const page = await open('hans/opening.html', {viewport: phone})
    await page.locator('.search-link').click()
    await page.waitForURL(/\/hans\/search\.html$/)
    await page.locator('#search-input').fill('模型')

    const expected = await page.evaluate(() => {
      const data = (window as unknown as {zhbookSearch: {blocks: Array<[number, string, string]>}}).zhbookSearch
      return data.blocks.filter((block) => block[2].includes('模型')).length
    })
    expect(expected).toBeGreaterThan(20)
    await expect.poll(() => page.locator('#search-results li').count()).toBe(expected)
    expect(await page.locator('#search-status').textContent()).toBe('找到 ' + expected + ' 处')
    expect(await page.locator('#search-results li mark').first().textContent()).toBe('模型')
    await page.waitForURL(/search\.html\?q=%E6%A8%A1%E5%9E%8B$/)

    const first = page.locator('#search-results a').first()
    const href = (await first.getAttribute('href'))!
    expect(href).toMatch(/^[\w-]+\.html#p-\d+$/)
    await first.click()
    await page.waitForURL((url) => url.href.endsWith(href))
    const id = href.split('#')[1]!
    expect(await page.locator('#' + id).textContent()).toContain('模型')
    expect(await inView(page, '#' + id)).toBe(true)
  })

  it('should find English in the bilingual edition, keep the query in the URL, and say when nothing is found', async () => {
    const page = await open('bilingual/search.html?q=' + encodeURIComponent('large model'))
    expect(await page.locator('#search-input').inputValue()).toBe('large model')
    expect(await page.locator('#search-results li').count()).toBeGreaterThan(3)
    const marks = await page
      .locator('#search-results li')
      .first()
      .locator('.search-text[lang="en"] mark')
      .allTextContents()
    expect(marks.map((mark) => mark.toLowerCase())).toEqual(expect.arrayContaining(['large', 'model']))

    await page.locator('#search-input').fill('沒有這個詞')
    await page.locator('#search-input').press('Enter')
    expect(await page.locator('#search-results li').count()).toBe(0)
    expect(await page.locator('#search-status').textContent()).toBe('没有找到“沒有這個詞”。')
  })
})

describe('dictionary pop-up', () => {
  it('should show the longest word under the mouse, with its pinyin and English, and close on Escape', async () => {
    const page = await open('bilingual/opening.html', {}, 'tiny/web/')

    let point = await characterPoint(page, 'main p', '大家好')
    await page.mouse.move(point.x, point.y)
    await expect.poll(() => popup(page)).toEqual({role: 'tooltip', word: '大家', pinyin: ['dà jiā'], en: ['everyone']})

    point = await characterPoint(page, 'main p', '大模型和')
    await page.mouse.move(point.x, point.y)
    await expect.poll(() => popup(page)).toMatchObject({word: '大模型', pinyin: ['dà mó xíng'], en: ['large model']})

    point = await characterPoint(page, 'main p', '大模型和', 1)
    await page.mouse.move(point.x, point.y)
    await expect.poll(() => popup(page)).toMatchObject({word: '模型', en: ['model; mould']})

    // Inside ruby, the pinyin is skipped.
    point = await characterPoint(page, 'main ruby', '小模型')
    await page.mouse.move(point.x, point.y)
    await expect.poll(() => popup(page)).toMatchObject({word: '小模型'})

    await page.keyboard.press('Escape')
    expect(await popup(page)).toBe(null)

    // The credit the licence asks for.
    expect(await page.locator('.site-footer .dictionary-credit').textContent()).toBe(
      '词典数据：CC-CEDICT（CC BY-SA 4.0）'
    )
  })

  it('should not fire on English, pinyin, links or note references', async () => {
    const page = await open('bilingual/opening.html', {}, 'tiny/web/')
    for (const [selector, text] of [
      ['main p.translation', 'Hello'],
      ['main rt', 'xiǎo'],
      ['.site-header .book-title', '大模型'],
      ['main a.noteref', '†']
    ] as const) {
      const point = await characterPoint(page, selector, text)
      await page.mouse.move(point.x, point.y)
      await page.waitForTimeout(100)
      expect(await popup(page), selector).toBe(null)
    }

    // The note reference opens its note (notes.js), not the dictionary.
    expect(await page.locator('#note-popup').isVisible()).toBe(true)
  })

  it('should show a word on a tap, and close on a tap elsewhere', async () => {
    const page = await open('bilingual/opening.html', {viewport: phone, hasTouch: true, isMobile: true}, 'tiny/web/')
    const point = await characterPoint(page, 'main p', '大模型和')
    await page.touchscreen.tap(point.x, point.y)
    await expect.poll(() => popup(page)).toMatchObject({word: '大模型', pinyin: ['dà mó xíng']})
    const english = await characterPoint(page, 'main p.translation', 'Hello')
    await page.touchscreen.tap(english.x, english.y)
    await expect.poll(() => popup(page)).toBe(null)
  })

  it('should work on the real book, with CC-CEDICT’s words and credit', async () => {
    const page = await open('bilingual/logic.html')
    const expected = await page.evaluate(() => {
      const words = (window as unknown as {zhbookDictionary?: {words: Record<string, Array<[string, string]>>}})
        .zhbookDictionary?.words
      if (!words) return null
      const text = '首先表明我的结论'
      for (let length = text.length; length > 0; length--) {
        const entry = words[text.slice(0, length)]
        if (entry) return {word: text.slice(0, length), pinyin: entry.slice(0, 4).map((reading) => reading[0])}
      }
      return null
    })
    expect(expected, 'web/bilingual/dictionary.js with 首先').not.toBe(null)
    const point = await characterPoint(page, '#p-2', '首先')
    await page.mouse.move(point.x, point.y)
    await expect.poll(() => popup(page)).toMatchObject(expected!)
    expect(await page.locator('.dictionary-credit').textContent()).toContain('CC-CEDICT')
    expect(await page.locator('.dictionary-credit a[rel="license"]').textContent()).toBe('CC BY-SA 4.0')
  })
})

describe('file://', () => {
  it('should work from the file system: scripts, settings, search and the dictionary', async () => {
    const page = await open(pathToFileURL(path.join(site, 'bilingual', 'logic.html')).href)
    await expect.poll(() => page.locator('.settings-button').isVisible()).toBe(true)
    await page.locator('.settings-button').click()
    await page.locator('#settings button[data-value="l"]').click()
    await page.reload()
    expect(await page.evaluate(() => document.documentElement.getAttribute('data-size'))).toBe('l')

    const point = await characterPoint(page, '#p-2', '首先')
    await page.mouse.move(point.x, point.y)
    await expect.poll(() => popup(page)).not.toBe(null)

    await page.goto(pathToFileURL(path.join(site, 'hans', 'search.html')).href + '?q=' + encodeURIComponent('模型'))
    expect(await page.locator('#search-results li').count()).toBeGreaterThan(20)
  })
})

describe('accessibility (axe-core)', () => {
  const pages: Array<[string, string, BrowserContextOptions?, ((page: Page) => Promise<void>)?]> = [
    ['landing', 'index.html'],
    ['edition index', 'hans/index.html'],
    ['chapter (hant)', 'hant/logic.html'],
    ['chapter (hans)', 'hans/logic.html'],
    ['chapter (bilingual)', 'bilingual/logic.html'],
    ['glossary', 'bilingual/glossary.html'],
    ['search results', 'hans/search.html?q=' + encodeURIComponent('模型')],
    [
      'chapter (bilingual), dark, settings open',
      'bilingual/qa.html',
      {colorScheme: 'dark'},
      async (page) => {
        await page.locator('.settings-button').click()
      }
    ],
    [
      'chapter (hans), phone, drawer open',
      'hans/opening.html',
      {viewport: phone, hasTouch: true, isMobile: true},
      async (page) => {
        await page.locator('.drawer-button').click()
        await page.waitForTimeout(300)
      }
    ]
  ]

  for (const [name, pathname, options, setUp] of pages) {
    it('should find no violation on the ' + name, async () => {
      const page = await open(pathname, options)
      await setUp?.(page)
      const result = await runAxe(page)
      axeSummary.push(
        `axe-core: ${name}: ${result.violations.length} violations, ${result.passes} passes, ${result.incomplete} to review`
      )
      expect(result.violations).toEqual([])
    })
  }
})

describe('the whole suite', () => {
  it('should have no console error and no page error on any page visited', () => {
    expect(record.errors).toEqual([])
  })

  it('should request nothing but the site itself', () => {
    expect(record.requests.length).toBeGreaterThan(50)
    expect(record.requests.filter((url) => !url.startsWith(origin + '/') && !url.startsWith('file://'))).toEqual([])
    // And nothing the site does not have.
    expect(server.requests.filter((pathname) => !fs.existsSync(path.join(folder, pathname)))).toEqual([])
  })
})
