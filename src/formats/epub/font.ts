/** The embedded font of an EPUB (`font` in `book.yaml`): its item, its CSS, and its subset. */
import type {Entries} from './archive.js'
import type {EditionId, FontFace, FontSubsetter} from '../../core/model.js'
import {createFontSubsetter} from '../../fonts/subsetter.js'
import {fontFamily, fontScriptOf, kaiFamilies, latinSerifFamilies, monospaceFamilies, serifFamilies} from './style.js'

const packageFolder = 'OEBPS/'

/** The embedded font as the package document lists it. */
export interface FontItem {
  /** Path from the package document, e.g. `fonts/NotoSerifCJKtc-Regular.otf`. */
  href: string
  /** Core media types of EPUB 3.2, which epubcheck 4.2 accepts without a warning. */
  mediaType: 'font/otf' | 'font/ttf'
}

/**
 * Where a face goes in the package.
 *
 * @param face
 *   The face.
 * @returns
 *   Its manifest entry.
 */
export function fontItem(face: FontFace): FontItem {
  const name = face.postscriptName.replace(/[^\w.-]/g, '') || 'font'
  return {href: `fonts/${name}.${face.format}`, mediaType: face.format === 'otf' ? 'font/otf' : 'font/ttf'}
}

/**
 * CSS for an embedded face, appended to the stylesheet so the same selectors win by order. Rules
 * with `:lang()` stand apart: a reading system that does not know it drops the whole rule. Quotations
 * and code fall back to the face before the generic family, which on a reader without Chinese fonts
 * draws blank boxes.
 *
 * @param face
 *   The face.
 * @param lang
 *   The edition's language, for the font stack that follows the face.
 * @returns
 *   CSS.
 */
export function fontStyle(face: FontFace, lang: string): string {
  const family = face.family + ' subset'
  const script = fontScriptOf(lang)
  const first = (families: readonly string[]) => [family, ...families]
  const last = (families: readonly string[]) => [...families, family]

  return `
/* The embedded font (book.yaml \`font\`): ${face.family}, subset to the
   characters of this edition. */
@font-face {
  font-family: "${family}";
  font-style: normal;
  font-weight: normal;
  src: url("${fontItem(face).href}") format("${face.format === 'otf' ? 'opentype' : 'truetype'}");
}

html {
  font-family: ${fontFamily(first(serifFamilies[script]), 'serif')};
}

[lang]:lang(zh-Hant),
[lang]:lang(zh-Hans),
[lang]:lang(zh-Latn) {
  font-family: ${fontFamily(first(serifFamilies[script]), 'serif')};
}

blockquote {
  font-family: ${fontFamily(last(kaiFamilies[script]), 'serif')};
}

blockquote:lang(zh-Hans) {
  font-family: ${fontFamily(last(kaiFamilies[script]), 'serif')};
}

code,
kbd,
samp,
pre {
  font-family: ${fontFamily(last(monospaceFamilies), 'monospace')};
}

[lang]:lang(en) {
  font-family: ${fontFamily(last(latinSerifFamilies), 'serif')};
}
`
}

/**
 * Subset the face to the characters of the archive's content documents: what a reader draws.
 *
 * @param entries
 *   The files of the library's archive.
 * @param face
 *   The face.
 * @param edition
 *   Edition, for the subsetter's record.
 * @param subsetter
 *   Subsetter (optional: one without a cache).
 * @returns
 *   The font file to embed (at `fontItem(face).href`).
 */
export async function fontSubset(
  entries: Entries,
  face: FontFace,
  edition: EditionId,
  subsetter: FontSubsetter = createFontSubsetter()
): Promise<Uint8Array> {
  const decoder = new TextDecoder()
  let characters = ''

  for (const name of [...entries.keys()].sort()) {
    if (name.startsWith(packageFolder) && name.endsWith('.xhtml')) {
      characters += documentText(decoder.decode(entries.get(name)))
    }
  }

  return (await subsetter.subset({edition, face, characters})).data
}

/** The text of an XHTML document as this renderer writes it (no comments, four named escapes). */
function documentText(xhtml: string): string {
  return xhtml
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot);/g, (_, name: string) =>
      name === 'amp' ? '&' : name === 'lt' ? '<' : name === 'gt' ? '>' : '"'
    )
}
