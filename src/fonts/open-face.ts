/** Find a face in a font file with fontkit: the only face, or one of a collection by index or PostScript name. */
import {createRequire} from 'node:module'
import type {Font, FontCollection} from 'fontkit'

/** A face found in a font file. */
export interface OpenedFace {
  font: Font
  /** Its index in the file (0 for a single font). */
  index: number
  postscriptName: string
  family: string
  /** Outline format: CFF (`otf`) or TrueType (`ttf`). */
  format: 'otf' | 'ttf'
  /** Whether the file is a collection (the face must be copied out of it). */
  collection: boolean
}

/** A font file that does not hold the face asked for; `message` says why. */
export class FaceError extends Error {}

/**
 * Find a face.
 *
 * @param file
 *   The font file.
 * @param face
 *   Index or PostScript name (optional for a single font; required for a collection).
 * @returns
 *   The face.
 * @throws {FaceError}
 *   When the file is not a font or has no such face.
 */
export function openFace(file: Uint8Array, face?: number | string | undefined): OpenedFace {
  let opened: Font | FontCollection
  try {
    opened = fontkit().create(Buffer.from(file.buffer, file.byteOffset, file.byteLength))
  } catch {
    throw new FaceError('Unexpected file that is not a font, expected an OpenType or TrueType font')
  }

  const fonts = 'fonts' in opened ? opened.fonts : [opened]
  if (opened.type !== 'TTC' && opened.type !== 'TTF') {
    throw new FaceError(
      `Unexpected ${opened.type} font, expected an OpenType or TrueType font (\`.otf\`, \`.ttf\`, \`.ttc\`)`
    )
  }

  const names = fonts.map((font) => font.postscriptName)
  const list = names.map((name, index) => `\`${name}\` (${index})`).join(', ')

  if (face === undefined && fonts.length > 1) {
    throw new FaceError(`Unexpected collection without \`face\`, expected one of: ${list}`)
  }

  const index = face === undefined ? 0 : typeof face === 'number' ? face : names.indexOf(face)
  const font = fonts[index]
  if (!font) {
    throw new FaceError(`Unexpected face \`${face}\`, expected one of: ${list}`)
  }

  return {
    font,
    index,
    postscriptName: font.postscriptName,
    family: font.familyName,
    format: font.directory.tag === 'OTTO' ? 'otf' : 'ttf',
    collection: opened.type === 'TTC'
  }
}

let loaded: typeof import('fontkit') | undefined

/**
 * fontkit, loaded on first use: only books with `font:` read fonts, and loading it costs a tenth of
 * a second of every other build.
 *
 * @returns
 *   The module.
 */
export function fontkit(): typeof import('fontkit') {
  loaded ??= createRequire(import.meta.url)('fontkit') as typeof import('fontkit')
  return loaded
}
