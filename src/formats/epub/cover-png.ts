/**
 * The raster cover: the SVG cover (`epub-cover.ts`) drawn as PNG.
 *
 * Why a raster cover: Kindle's import (Send to Kindle, Kindle Previewer) wants the cover image as
 * JPEG or PNG and shows an SVG cover blank, and library views of other readers (Kobo, Apple Books)
 * make their thumbnails from the `cover-image` only when it is a raster image.
 *
 * Why resvg (`@resvg/resvg-js`): a complete SVG renderer whose npm package ships a prebuilt binary
 * per platform as an optional dependency (nothing runs at install, nothing is downloaded), that
 * draws text with the font files it is given and no others (`loadSystemFonts: false`), so the same
 * SVG and the same fonts give the same bytes. It draws on libuv's thread pool (`renderAsync`):
 * editions are drawn side by side, off the main thread. The result is stored as a palette PNG
 * (`png-indexed.ts`) when it has at most 256 colours, as covers do: a third of the size.
 */
import {createHash} from 'node:crypto'
import {statSync} from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import {renderAsync} from '@resvg/resvg-js'
import {codeFingerprint} from '../../build/fingerprint.js'
import type {KeyedMemo} from '../../build/session.js'
import {indexedPng} from './png-indexed.js'

/** Width of the PNG: Kindle asks for at least 1000 px on the short side, ideally 1600. */
export const coverWidth = 1600

/**
 * Draw an SVG cover as PNG.
 *
 * The result depends only on the SVG and on the font files (their paths, sizes and modification
 * times key the caches): the same book on the same machine gives the same bytes. Drawing costs
 * about half a second a cover, as much as the rest of a build, so covers are kept in memory (a
 * build session's memo, keyed by SVG and fonts) and, given a cache folder, on disk
 * (`<cache>/covers/<hash>.png`, keyed by zhbook's code and dependencies too).
 *
 * @param svg
 *   SVG document.
 * @param fonts
 *   Font files for its text; with none, text is left out.
 * @param cacheDir
 *   Folder of the build's cache (optional; without it, nothing is kept on disk).
 * @param memo
 *   Covers drawn in this build session (optional; without it, nothing is kept in memory).
 * @returns
 *   PNG bytes, `coverWidth` pixels wide.
 */
export async function coverPng(
  svg: string,
  fonts: readonly string[],
  cacheDir?: string | undefined,
  memo?: KeyedMemo<Promise<Uint8Array<ArrayBuffer>>> | undefined
): Promise<Uint8Array<ArrayBuffer>> {
  const key = createHash('sha256')
    .update(JSON.stringify([codeFingerprint(), coverWidth, svg, fonts.map((file) => fontStamp(file))]))
    .digest('hex')
  const draw = () =>
    cached(key, cacheDir, () =>
      renderAsync(svg, {
        fitTo: {mode: 'width', value: coverWidth},
        // The SVG names its families (`Noto Serif CJK TC`, `Songti TC` …); for a face it does not
        // name, resvg falls back to any loaded face that has the glyph.
        font: {loadSystemFonts: false, fontFiles: [...fonts]},
        logLevel: 'off'
      }).then(async (image) => {
        // The cover is opaque, so resvg's pixels need no un-premultiplying.
        const indexed = await indexedPng(image.width, image.height, image.pixels)
        return indexed ?? new Uint8Array(image.asPng())
      })
    )

  if (!memo) return draw()
  const result = memo.get(key, draw)
  // A failed drawing is not kept: the next build tries again.
  result.catch(() => memo.clear())
  return result
}

/** Read a cover from the disk cache, or draw it and store it. */
async function cached(
  key: string,
  cacheDir: string | undefined,
  draw: () => Promise<Uint8Array<ArrayBuffer>>
): Promise<Uint8Array<ArrayBuffer>> {
  if (!cacheDir) return draw()
  const file = path.join(cacheDir, 'covers', key + '.png')

  try {
    const data = new Uint8Array(await fs.readFile(file))
    // A cut-off file (a build stopped while writing) is drawn again.
    if (data.byteLength > 8 && data[0] === 0x89 && endsWithIend(data)) return data
  } catch {}

  const data = await draw()
  // Written beside, then renamed: a reader never sees half a file.
  const temporary = file + '.' + process.pid + '.tmp'
  await fs.mkdir(path.dirname(file), {recursive: true})
  await fs.writeFile(temporary, data)
  await fs.rename(temporary, file)
  return data
}

/** Check that a PNG ends with its `IEND` chunk. */
function endsWithIend(data: Uint8Array): boolean {
  const tail = new TextDecoder().decode(data.subarray(data.byteLength - 8, data.byteLength - 4))
  return tail === 'IEND'
}

/**
 * Identify a font file's version.
 *
 * @returns
 *   `path:size:mtime`.
 */
function fontStamp(file: string): string {
  const stats = statSync(file)
  return `${file}:${stats.size}:${stats.mtimeMs}`
}
