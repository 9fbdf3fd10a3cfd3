import zlib from 'node:zlib'
import {describe, expect, it} from 'vitest'
import {indexedPng} from '../src/formats/epub/png-indexed.js'

/** Read a PNG's chunks, checking each CRC. */
function chunks(png: Uint8Array): Array<{type: string; data: Uint8Array}> {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength)
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const result: Array<{type: string; data: Uint8Array}> = []
  let offset = 8
  while (offset < png.byteLength) {
    const length = view.getUint32(offset)
    const type = new TextDecoder().decode(png.subarray(offset + 4, offset + 8))
    expect(view.getUint32(offset + 8 + length), type).toBe(zlib.crc32(png.subarray(offset + 4, offset + 8 + length)))
    result.push({type, data: png.subarray(offset + 8, offset + 8 + length)})
    offset += 12 + length
  }

  return result
}

describe('indexedPng', () => {
  it('should encode few colours as an 8-bit palette PNG that decodes to the same pixels', async () => {
    const rgba = new Uint8Array([
      // Row 1: paper, ink, paper.
      0xf6, 0xf1, 0xe7, 0xff, 0x1f, 0x1f, 0x1f, 0xff, 0xf6, 0xf1, 0xe7, 0xff,
      // Row 2: red, half-transparent ink, paper.
      0x9e, 0x2a, 0x2b, 0xff, 0x1f, 0x1f, 0x1f, 0x80, 0xf6, 0xf1, 0xe7, 0xff
    ])
    const png = (await indexedPng(3, 2, rgba))!
    const parts = chunks(png)
    expect(parts.map((part) => part.type)).toEqual(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND'])
    expect([...parts[0]!.data]).toEqual([0, 0, 0, 3, 0, 0, 0, 2, 8, 3, 0, 0, 0])
    expect([...parts[1]!.data]).toEqual([0xf6, 0xf1, 0xe7, 0x1f, 0x1f, 0x1f, 0x9e, 0x2a, 0x2b, 0x1f, 0x1f, 0x1f])
    expect([...parts[2]!.data]).toEqual([0xff, 0xff, 0xff, 0x80])
    expect([...zlib.inflateSync(parts[3]!.data)]).toEqual([0, 0, 1, 0, 0, 2, 3, 0])
    expect(Buffer.compare(png, (await indexedPng(3, 2, rgba))!)).toBe(0)
  })

  it('should leave out transparency when every colour is opaque', async () => {
    const png = (await indexedPng(1, 1, new Uint8Array([1, 2, 3, 255])))!
    expect(chunks(png).map((part) => part.type)).toEqual(['IHDR', 'PLTE', 'IDAT', 'IEND'])
  })

  it('should refuse more than 256 colours', async () => {
    const rgba = new Uint8Array(257 * 4)
    for (let index = 0; index < 257; index++) rgba.set([index & 0xff, index >> 8, 0, 255], index * 4)
    expect(await indexedPng(257, 1, rgba)).toBeUndefined()
    expect(await indexedPng(256, 1, rgba.subarray(0, 256 * 4))).toBeInstanceOf(Uint8Array)
  })
})
