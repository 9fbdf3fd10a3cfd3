/**
 * One face of a font collection as a font of its own, by hand: subset-font (harfbuzz) reads only
 * face 0 and refuses collections; fontkit writes no font file. A face is tables (maybe shared) at
 * offsets, so its font is those tables behind a directory of its own (OpenType, "Font Collections");
 * checksums are copied, `head.checkSumAdjustment` left to the subsetter.
 */
import type {Font} from 'fontkit'

/** Size of the sfnt header: version, table count, three search fields. */
const headerSize = 12

/** Size of one table record: tag, checksum, offset, length. */
const recordSize = 16

/**
 * Copy a face out of the file that holds it.
 *
 * @param file
 *   The whole font file (a collection, or a single font).
 * @param face
 *   The face, as fontkit read it from `file`.
 * @returns
 *   A single-font sfnt (`OTTO` for CFF outlines, `0x00010000` for TrueType).
 */
export function extractFace(file: Uint8Array, face: Font): Uint8Array {
  const tables = Object.values(face.directory.tables).sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0))
  const count = tables.length
  const offsets: number[] = []
  let size = headerSize + recordSize * count

  for (const table of tables) {
    if (table.offset + table.length > file.byteLength) {
      throw new Error('Unexpected table `' + table.tag + '` past the end of the font file')
    }

    offsets.push(size)
    // Tables start on 4-byte boundaries.
    size += (table.length + 3) & ~3
  }

  const out = new Uint8Array(size)
  const view = new DataView(out.buffer)
  const selector = Math.floor(Math.log2(count))
  const searchRange = 2 ** selector * recordSize

  view.setUint32(0, face.directory.tag === 'OTTO' ? 0x4f_54_54_4f : 0x00_01_00_00)
  view.setUint16(4, count)
  view.setUint16(6, searchRange)
  view.setUint16(8, selector)
  view.setUint16(10, count * recordSize - searchRange)

  for (const [index, table] of tables.entries()) {
    const record = headerSize + recordSize * index
    for (let position = 0; position < 4; position++) {
      view.setUint8(record + position, table.tag.charCodeAt(position))
    }

    view.setUint32(record + 4, table.checkSum >>> 0)
    view.setUint32(record + 8, offsets[index]!)
    view.setUint32(record + 12, table.length)
    out.set(file.subarray(table.offset, table.offset + table.length), offsets[index]!)
  }

  return out
}
