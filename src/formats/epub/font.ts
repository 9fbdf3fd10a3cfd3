/**
 * The embedded font of an EPUB (`font` in `book.yaml`): its place in the package, its `@font-face`
 * and font stacks, and the subset itself, made from the characters the edition's documents hold
 * once the library has written them.
 */
import type {Entries} from './archive.js'
import type {EditionId, FontFace, FontSubsetter} from '../../core/model.js'
import {createFontSubsetter} from '../../fonts/subsetter.js'
import {fontFamily, fontScriptOf, kaiFamilies, latinSerifFamilies, monospaceFamilies, serifFamilies} from './style.js'

/** Folder of the package documents in the library's layout. */
const packageFolder = 'OEBPS/'

/** The embedded font as the package document lists it. */
export interface FontItem {
  /** Path from the package document, e.g. `fonts/NotoSerifCJKtc-Regular.otf`. */
  href: string
  /**
   * Media type. Why these: they are the core media types of EPUB 3.2 (`font/otf`, `font/ttf`),
   * which epubcheck 4.2 accepts without a warning.
   */
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
  // PostScript names are printable ASCII; keep what is safe in a file name.
  const name = face.postscriptName.replace(/[^\w.-]/g, '') || 'font'
  return {href: `fonts/${name}.${face.format}`, mediaType: face.format === 'otf' ? 'font/otf' : 'font/ttf'}
}

/**
 * CSS for an embedded face: its `@font-face`, and the face in the font stacks of the book's
 * stylesheet.
 *
 * Appended to the stylesheet, so the same selectors win by order. Rules with `:lang()` stand apart
 * from the others: a reading system that does not know the pseudo-class drops the whole rule it is
 * in, and must still get the face on `html` and `blockquote`. Body text takes the embedded face
 * first (it is the book's face, and readers without Chinese fonts have nothing else); quotations
 * and code keep their own families first and fall back to it before the generic family, which on
 * such a reader would draw blank boxes; English keeps its Latin faces, with the embedded face for
 * any Chinese punctuation among it.
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
 * Subset the face to the characters of the archive's content documents.
 *
 * Why from the archive: the documents are what a reader draws, written by the library from our
 * templates (chapters, navigation, cover page), so their text is exactly the characters the font
 * must have.
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

/**
 * The text of an XHTML document as this renderer writes it: character data between tags, with the
 * four named escapes it uses (`escapeXml`, `toXhtml`) decoded. There are no comments or CDATA
 * sections.
 */
function documentText(xhtml: string): string {
  return xhtml
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot);/g, (_, name: string) =>
      name === 'amp' ? '&' : name === 'lt' ? '<' : name === 'gt' ? '>' : '"'
    )
}
