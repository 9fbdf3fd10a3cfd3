/**
 * A stand-in for the EPUB's raster cover (`coverPng`), for tests that are not
 * about covers: drawing the 1600-pixel PNG is most of a small book's build.
 * The stand-in still checks the SVG the cover is drawn from is well-formed
 * XML (the renderer refuses anything else), and gives a one-pixel PNG.
 *
 * In a test file:
 *
 * ```ts
 * vi.mock('../src/formats/epub/cover-png.js', async (original) => ({
 *   ...(await original<object>()),
 *   coverPng: (await import('./helpers/cover-stub.js')).stubCoverPng
 * }))
 * ```
 */
import zlib from 'node:zlib'
import type {Element} from 'hast'
import {svgDocument} from '../../src/formats/epub/cover.js'
import {xmlErrors} from './manuscript.js'

/** Covers the stand-in made, with the SVG of each. */
export const stubbedCovers: string[] = []

/**
 * A PNG chunk.
 *
 * @param type
 *   Chunk type.
 * @param data
 *   Chunk data.
 * @returns
 *   Length, type, data and CRC.
 */
function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(zlib.crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A 1×1 PNG (one white pixel). */
export const stubCover: Uint8Array<ArrayBuffer> = new Uint8Array(
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0])),
    chunk('IDAT', zlib.deflateSync(Buffer.from([0, 255, 255, 255]))),
    chunk('IEND', Buffer.alloc(0))
  ])
)

/**
 * Stand in for `coverPng`: check the SVG, give the one-pixel PNG.
 *
 * @param tree
 *   SVG cover.
 * @returns
 *   PNG bytes (a copy of `stubCover`).
 */
export async function stubCoverPng(tree: Element): Promise<Uint8Array<ArrayBuffer>> {
  const svg = svgDocument(tree)
  const errors = xmlErrors(svg)
  if (errors.length > 0) throw new Error('Unexpected cover SVG that is not well-formed XML: ' + errors.join('; '))
  stubbedCovers.push(svg)
  return stubCover.slice()
}
