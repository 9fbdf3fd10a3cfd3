/**
 * Drawing the raster cover: its text set as outlines by harfbuzz (`cover-text.ts`), then drawn by
 * resvg and packed as an indexed PNG. Compiled, zhbook draws on the cover thread
 * (`cover-drawer.ts`, `cover-thread.ts`).
 */
import {renderAsync} from '@resvg/resvg-js'
import type {Element} from 'hast'
import {coverWidth, svgDocument} from './cover.js'
import {type CoverFaces, outlineText} from './cover-text.js'
import {indexedPng} from './png-indexed.js'

/**
 * Draw an SVG cover as PNG.
 *
 * @param svg
 *   SVG cover (`<svg>` element).
 * @param fonts
 *   Faces for its text (`loadFaces`); without, text is left out.
 * @returns
 *   PNG bytes, `coverWidth` pixels wide.
 */
export async function drawCover(svg: Element, fonts?: CoverFaces | undefined): Promise<Uint8Array<ArrayBuffer>> {
  const image = await renderAsync(svgDocument(fonts ? outlineText(svg, fonts) : svg), {
    fitTo: {mode: 'width', value: coverWidth},
    // Text is paths by now: resvg needs no fonts.
    font: {loadSystemFonts: false},
    logLevel: 'off'
  })
  // The cover is opaque, so resvg's pixels need no un-premultiplying.
  const indexed = await indexedPng(image.width, image.height, image.pixels)
  return indexed ?? new Uint8Array(image.asPng())
}
