/**
 * The raster cover's text as glyph outlines, set by harfbuzz. Given font files, resvg reads the whole
 * file again for each glyph it draws (its font database maps no files): the sixty glyphs of a cover
 * from a 26 MB CJK collection cost a third of a second. harfbuzz reads each file once, shapes each
 * line and hands over its glyphs as paths, which resvg draws without fonts.
 *
 * Only what the cover uses is set: `<text>` with `<tspan>` lines, `x`, `y`, `dy`, `text-anchor:
 * middle`, `letter-spacing`, `font-size`, `font-weight`, `font-family` and `xml:lang`, inherited from
 * the `<svg>` where a `<text>` has none.
 */
import fs from 'node:fs/promises'
import type {Element, ElementContent, Properties} from 'hast'
import type {Face, Font} from 'harfbuzzjs'
import {s} from 'hastscript'

/** A face of a font file, with what choosing it needs. */
export interface LoadedFace {
  font: Font
  upem: number
  /** Family name, lower case (typographic family, else the legacy one). */
  family: string
  /** `usWeightClass` of `OS/2` (400 when missing). */
  weight: number
}

/** The faces of some font files, and the harfbuzz that read them. */
export interface CoverFaces {
  hb: typeof import('harfbuzzjs')
  /** In the order of the files, then of the faces in each. */
  faces: LoadedFace[]
}

/**
 * Read every face of some font files.
 *
 * @param files
 *   Font files (`.ttf`, `.otf`, `.ttc`), in the order a face is looked for when none of the
 *   families a `<text>` names has every character of a line.
 * @returns
 *   The faces.
 */
export async function loadFaces(files: readonly string[]): Promise<CoverFaces> {
  // Loaded on first use: only covers drawn with fonts need it (harfbuzz in wasm).
  const [hb, ...data] = await Promise.all([import('harfbuzzjs'), ...files.map((file) => fs.readFile(file))])
  const faces: LoadedFace[] = []

  for (const bytes of data) {
    const blob = new hb.Blob(bytes)
    for (let index = 0; index < faceCount(bytes); index++) faces.push(loadFace(new hb.Face(blob, index), hb))
  }

  return {hb, faces}
}

/** The faces of the last font files asked for: covers drawn one after another read them once. */
export class FaceCache {
  #last: {key: string; faces: Promise<CoverFaces>} | undefined

  /**
   * The faces of some font files, read on first use.
   *
   * @param files
   *   Font files (see `loadFaces`).
   * @returns
   *   Their faces.
   */
  get(files: readonly string[]): Promise<CoverFaces> {
    const key = files.join('\n')
    if (this.#last?.key !== key) this.#last = {key, faces: loadFaces(files)}
    return this.#last.faces
  }
}

/**
 * Replace the text of an SVG cover with the outlines of its glyphs.
 *
 * @param svg
 *   The cover (`<svg>` element; not changed).
 * @param fonts
 *   Faces to set the text with (`loadFaces`).
 * @returns
 *   A copy of the cover with each `<text>` as a `<g>` of `<path>`s.
 */
export function outlineText(svg: Element, fonts: CoverFaces): Element {
  const root = properties(svg)
  const children = svg.children.map((child) =>
    child.type === 'element' && child.tagName === 'text' ? setText(child, root, fonts.faces, fonts.hb) : child
  )
  return {...svg, children}
}

/** Number of faces in a font file: a collection's header says, a single font is one. */
function faceCount(head: Uint8Array): number {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength)
  const tag = String.fromCharCode(...head.subarray(0, 4))
  return tag === 'ttcf' && head.byteLength >= 12 ? view.getUint32(8) : 1
}

function loadFace(face: Face, hb: typeof import('harfbuzzjs')): LoadedFace {
  const os2 = face.referenceTable('OS/2')
  const weight = os2 && os2.byteLength >= 6 ? new DataView(os2.buffer, os2.byteOffset).getUint16(4) : 400
  const family = (face.getName(16, 'en') || face.getName(1, 'en')).toLowerCase()
  return {font: new hb.Font(face), upem: face.upem, family, weight}
}

/** What a `<text>` inherits from the `<svg>`. */
interface Inherited {
  fontFamily: string
  lang: string
}

function properties(svg: Element): Inherited {
  return {fontFamily: String(svg.properties.fontFamily ?? ''), lang: String(svg.properties.xmlLang ?? '')}
}

function setText(
  text: Element,
  root: Inherited,
  faces: readonly LoadedFace[],
  hb: typeof import('harfbuzzjs')
): Element {
  const own: Properties = text.properties
  const size = Number(own.fontSize)
  const spacing = Number(own.letterSpacing ?? 0)
  const weight = own.fontWeight === 'bold' ? 700 : Number(own.fontWeight ?? 400)
  const families = String(own.fontFamily ?? root.fontFamily)
    .split(',')
    .map((name) =>
      name
        .trim()
        .replace(/^['"]|['"]$/g, '')
        .toLowerCase()
    )
  const lang = String(own.xmlLang ?? root.lang)
  const anchor = String(own.textAnchor ?? 'start')
  let y = Number(own.y)
  const paths: ElementContent[] = []

  for (const line of text.children) {
    if (line.type !== 'element' || line.tagName !== 'tspan') continue
    const value = line.children.map((child) => (child.type === 'text' ? child.value : '')).join('')
    y += Number(line.properties.dy ?? 0)
    const x = Number(line.properties.x ?? own.x)
    paths.push(...setLine(value, {x, y, size, spacing, anchor, lang}, pickFace(value, families, weight, faces), hb))
  }

  const {fill, fillOpacity} = own
  return s('g', {fill, fillOpacity}, paths)
}

/**
 * The face for a line: the first family named that has a face with every character, at the weight
 * nearest the one asked for; else the first face of the files that has them all; else the first
 * face of the first family found.
 */
function pickFace(
  line: string,
  families: readonly string[],
  weight: number,
  faces: readonly LoadedFace[]
): LoadedFace | undefined {
  const characters = [...line].filter((character) => !/\s/.test(character))
  const covers = (face: LoadedFace) =>
    characters.every((character) => face.font.nominalGlyph(character.codePointAt(0)!) !== undefined)
  const nearest = (list: readonly LoadedFace[]) =>
    list.reduce<LoadedFace | undefined>(
      (best, face) => (best && Math.abs(best.weight - weight) <= Math.abs(face.weight - weight) ? best : face),
      undefined
    )
  const named = families.map((family) => faces.filter((face) => face.family === family))

  for (const list of named) {
    const face = nearest(list.filter(covers))
    if (face) return face
  }

  return nearest(faces.filter(covers)) ?? nearest(named.find((list) => list.length > 0) ?? faces)
}

interface Placement {
  x: number
  y: number
  size: number
  /** Letter spacing, in user units, after each character. */
  spacing: number
  anchor: string
  lang: string
}

function setLine(
  line: string,
  place: Placement,
  face: LoadedFace | undefined,
  hb: typeof import('harfbuzzjs')
): ElementContent[] {
  if (!face || line === '') return []
  const buffer = new hb.Buffer()
  buffer.addText(line)
  buffer.guessSegmentProperties()
  if (place.lang) buffer.setLanguage(place.lang)
  hb.shape(face.font, buffer)
  const glyphs = buffer.getGlyphInfosAndPositions()
  const scale = place.size / face.upem
  const pens: number[] = []
  let pen = 0

  for (const [index, glyph] of glyphs.entries()) {
    pens.push(pen)
    pen += (glyph.xAdvance ?? 0) * scale
    // Letter spacing follows each character, so once per cluster, after its last glyph.
    if (glyphs[index + 1]?.cluster !== glyph.cluster) pen += place.spacing
  }

  const start = place.anchor === 'middle' ? place.x - pen / 2 : place.anchor === 'end' ? place.x - pen : place.x
  const paths: ElementContent[] = []

  for (const [index, glyph] of glyphs.entries()) {
    // Glyph 0 is the box of a missing character: left out, as resvg does.
    const d = glyph.codepoint === 0 ? '' : face.font.glyphToPath(glyph.codepoint)
    if (d === '') continue
    const x = start + pens[index]! + (glyph.xOffset ?? 0) * scale
    const y = place.y - (glyph.yOffset ?? 0) * scale
    // Font units have y upwards; the SVG's go down.
    paths.push(s('path', {transform: `matrix(${round(scale)} 0 0 ${round(-scale)} ${round(x)} ${round(y)})`, d}))
  }

  return paths
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4
}
