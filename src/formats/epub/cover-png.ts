/**
 * The raster cover: the SVG cover drawn as PNG, as Kindle's import shows an SVG cover blank and Kobo
 * and Apple Books make thumbnails only from a raster `cover-image`. Its text is set by harfbuzz and
 * drawn by resvg with only the fonts it is given, so the same SVG and fonts give the same bytes
 * (`cover-draw.ts`). A palette PNG (`png-indexed.ts`) is a third of the size.
 */
import {createHash} from 'node:crypto'
import {statSync} from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import type {Element} from 'hast'
import {codeFingerprint} from '../../build/fingerprint.js'
import type {KeyedMemo} from '../../build/session.js'
import {coverWidth, svgDocument} from './cover.js'
import type {CoverDrawer} from './cover-drawer.js'

/**
 * Draw an SVG cover as PNG. Covers are kept in the session's memo and, given a cache folder, in
 * `<cache>/covers/<hash>.png`.
 *
 * @param svg
 *   SVG cover (`<svg>` element).
 * @param fonts
 *   Font files for its text; with none, text is left out.
 * @param drawer
 *   The session's drawer.
 * @param cacheDir
 *   Folder of the build's cache (optional; without it, nothing is kept on disk).
 * @param memo
 *   Covers drawn in this build session (optional; without it, nothing is kept in memory).
 * @returns
 *   PNG bytes, `coverWidth` pixels wide.
 */
export async function coverPng(
  svg: Element,
  fonts: readonly string[],
  drawer: CoverDrawer,
  cacheDir?: string | undefined,
  memo?: KeyedMemo<Promise<Uint8Array<ArrayBuffer>>> | undefined
): Promise<Uint8Array<ArrayBuffer>> {
  const key = createHash('sha256')
    .update(JSON.stringify([codeFingerprint(), coverWidth, svgDocument(svg), fonts.map((file) => fontStamp(file))]))
    .digest('hex')
  const draw = () => cached(key, cacheDir, () => drawer.draw(svg, fonts))

  if (!memo) return draw()
  const result = memo.get(key, draw)
  // A failed drawing is not kept: the next build tries again.
  result.catch(() => memo.clear())
  return result
}

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
  const temporary = file + '.' + process.pid + '.tmp'
  await fs.mkdir(path.dirname(file), {recursive: true})
  await fs.writeFile(temporary, data)
  await fs.rename(temporary, file)
  return data
}

function endsWithIend(data: Uint8Array): boolean {
  const tail = new TextDecoder().decode(data.subarray(data.byteLength - 8, data.byteLength - 4))
  return tail === 'IEND'
}

/** A font file's version: `path:size:mtime`. */
function fontStamp(file: string): string {
  const stats = statSync(file)
  return `${file}:${stats.size}:${stats.mtimeMs}`
}
