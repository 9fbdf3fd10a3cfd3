// Code passed to `page.evaluate` runs in the browser: it is typed with the DOM.
/// <reference lib="dom" />
/**
 * Screenshots of the web edition for a person to look at: the site index and
 * a bilingual chapter, on a phone (390×844) and a desktop (1280×800), plus the
 * same chapter in dark mode, with the contents drawer and the settings open
 * on the phone, with the dictionary pop-up on the desktop, and search results.
 *
 * Run by `make screens` after a build:
 *
 * ```sh
 * npx tsx scripts/screens.ts [SITE] [OUT]   # default: output/web output/reports/screens
 * ```
 *
 * Uses Debian's Chromium (`CHROMIUM_PATH` to override), never a downloaded
 * browser; the site is served from 127.0.0.1 as any static host would.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import {launchChromium, serveFolder} from '../tests/helpers/browser.js'

const site = path.resolve(process.argv[2] ?? 'output/web')
const out = path.resolve(process.argv[3] ?? 'output/reports/screens')
const chapter = process.env.SCREENS_CHAPTER ?? 'logic'

const sizes = [
  {name: '390x844', width: 390, height: 844, scale: 2, touch: true},
  {name: '1280x800', width: 1280, height: 800, scale: 1, touch: false}
] as const

await fs.mkdir(out, {recursive: true})
const server = await serveFolder(site)
const browser = await launchChromium()
const written: string[] = []

try {
  for (const size of sizes) {
    const context = await browser.newContext({
      viewport: {width: size.width, height: size.height},
      deviceScaleFactor: size.scale,
      hasTouch: size.touch,
      isMobile: size.touch,
      colorScheme: 'light'
    })
    const page = await context.newPage()
    const shoot = async (name: string) => {
      const file = path.join(out, name + '-' + size.name + '.png')
      await page.screenshot({path: file})
      written.push(file)
    }

    await page.goto(server.origin + '/index.html')
    await shoot('landing')

    await page.goto(server.origin + '/bilingual/' + chapter + '.html')
    await shoot('bilingual-chapter')

    await page.emulateMedia({colorScheme: 'dark'})
    await page.reload()
    await shoot('bilingual-chapter-dark')
    await page.emulateMedia({colorScheme: 'light'})
    await page.reload()

    if (size.touch) {
      await page.tap('.drawer-button')
      await page.waitForTimeout(300)
      await shoot('bilingual-chapter-drawer')
      await page.keyboard.press('Escape')
      await page.waitForTimeout(300)
      await page.tap('.settings-button')
      await shoot('bilingual-chapter-settings')
    }

    if (!size.touch) {
      // The dictionary pop-up, over the first word of the second paragraph.
      const point = await page.evaluate(() => {
        const text = document.getElementById('p-2')?.firstChild
        if (!text) return null
        const range = document.createRange()
        range.setStart(text, 0)
        range.setEnd(text, 1)
        const box = range.getBoundingClientRect()
        return {x: box.left + box.width / 2, y: box.top + box.height / 2}
      })
      if (point) {
        await page.mouse.move(point.x, point.y)
        await page.waitForTimeout(200)
        await shoot('bilingual-chapter-dictionary')
      }
    }

    await page.goto(server.origin + '/hans/search.html?q=' + encodeURIComponent('模型'))
    await shoot('search')

    await context.close()
  }
} finally {
  await browser.close()
  await server.close()
}

for (const file of written) console.log(path.relative(process.cwd(), file))
