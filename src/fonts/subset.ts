/** Subset a face to the characters an edition uses, with subset-font (harfbuzz's hb-subset in wasm). */
import type {Font} from 'fontkit'
import type {FontFace, FontSubset} from '../core/model.js'
import {extractFace} from './extract-face.js'
import {fontkit, openFace} from './open-face.js'

/**
 * Layout features kept in a subset: subset-font keeps all, and the closure of `aalt`, `trad`, `jp78`
 * adds glyphs no reading system shows. Kept: vertical punctuation and metrics (`vert`, `vrt2`,
 * `vhal`, `vpal`, `vkrn`), proportional punctuation for `text-spacing-trim` (`halt`, `palt`, `kern`),
 * composition for Latin and pinyin tone marks (`ccmp`, `locl`, `mark`, `mkmk`, `liga`).
 */
const layoutFeatures = [
  'ccmp',
  'locl',
  'mark',
  'mkmk',
  'liga',
  'kern',
  'palt',
  'halt',
  'vert',
  'vrt2',
  'vkrn',
  'vpal',
  'vhal',
  'fwid',
  'hwid',
  'pwid'
]

/** Name ids 13 and 14 (licence and its URL) on top of harfbuzz's 0–6: the OFL asks every copy to carry them. */
const licenseNameIds = [13, 14]

/**
 * Subset a face.
 *
 * @param file
 *   The whole font file the face is in.
 * @param face
 *   The face.
 * @param characters
 *   Characters to keep (any order, repeats allowed).
 * @returns
 *   The subset, its glyph count and the characters the face cannot draw.
 */
export async function subsetFace(file: Uint8Array, face: FontFace, characters: string): Promise<FontSubset> {
  const opened = openFace(file, face.index)
  const wanted = [...new Set(characters)].filter((character) => !/[\p{Cc}\s]/u.test(character))
  const missing = wanted.filter((character) => !opened.font.hasGlyphForCodePoint(character.codePointAt(0)!))
  const single = opened.collection ? extractFace(file, opened.font) : file
  // Loaded on first use: only books with `font:` subset (harfbuzz in wasm).
  const {default: subsetFont} = await import('subset-font')
  const data = await subsetFont(asBuffer(single), wanted.join(''), {
    targetFormat: 'sfnt',
    preserveNameIds: licenseNameIds,
    keepFeatures: layoutFeatures
  })
  const subset = fontkit().create(data) as Font

  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    glyphs: subset.numGlyphs,
    missing: missing.join('')
  }
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}
