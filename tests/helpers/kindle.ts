/**
 * The checks Kindle's import (Send to Kindle, Kindle Previewer, KDP) is
 * known to fail on, each a function from an opened EPUB to its problems
 * (empty when it passes), so one test can assert each.
 */
import path from 'node:path'
import {attribute, contentDocuments, entryText, type EpubFiles} from './epub-files.js'

/** The XML declaration every XML document starts with. */
export const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8"?>'

/**
 * Every XML document of the publication (XHTML content documents, the
 * navigation document, the NCX, the package document, SVG) starts with an
 * XML declaration that names UTF-8.
 *
 * Why: Kindle's converter reads a document without a declared encoding as
 * Latin-1 (mojibake for Chinese) unless the declaration says UTF-8.
 *
 * @param epub
 *   The EPUB.
 * @returns
 *   Problems.
 */
export function xmlDeclarationProblems(epub: EpubFiles): string[] {
  const problems: string[] = []
  const xml = epub.manifest.filter((item) =>
    /^application\/(?:xhtml\+xml|x-dtbncx\+xml)$|^image\/svg\+xml$/.test(item.mediaType)
  )
  for (const name of [epub.opfPath, ...xml.map((item) => item.path)]) {
    if (!entryText(epub, name).startsWith(xmlDeclaration + '\n')) {
      problems.push(name + ': no `' + xmlDeclaration + '` at the start')
    }
  }

  return problems
}

/**
 * No link (content, navigation document, NCX) points at an id on `<body>`,
 * and no `<body>` has an id.
 *
 * Why: Kindle's converter drops ids on `<body>` (it merges documents into
 * one flow), so such a link goes nowhere; a link to the document itself
 * (`chapter.xhtml`) is what works.
 *
 * @param epub
 *   The EPUB.
 * @returns
 *   Problems.
 */
export function bodyIdLinkProblems(epub: EpubFiles): string[] {
  const problems: string[] = []
  const bodyIds = new Map<string, string>()

  for (const item of contentDocuments(epub)) {
    const body = /<body\b([^>]*)>/.exec(entryText(epub, item.path))
    const id = body ? attribute(body[1]!, 'id') : undefined
    if (id !== undefined) {
      bodyIds.set(item.path + '#' + id, item.path)
      problems.push(item.path + ': `<body>` has the id `' + id + '`')
    }
  }

  const sources = [
    ...contentDocuments(epub).map((item) => item.path),
    ...epub.manifest.filter((item) => item.mediaType === 'application/x-dtbncx+xml').map((item) => item.path)
  ]

  for (const source of sources) {
    const text = entryText(epub, source)
    for (const match of text.matchAll(/\s(?:href|src)="([^"]*#[^"]*)"/g)) {
      const [file, fragment] = match[1]!.split('#') as [string, string]
      const target = file ? path.posix.join(path.posix.dirname(source), decodeURIComponent(file)) : source
      if (bodyIds.has(target + '#' + fragment)) {
        problems.push(source + ': link `' + match[1] + '` points at `<body>`')
      }
    }
  }

  return problems
}

/**
 * Languages Kindle's import takes: the primary subtag is read, and a region
 * it knows picks the locale.
 *
 * Evidence: a Kindle book (MOBI/KF8, what Kindle's import makes of an EPUB)
 * stores its language in the EXTH header as a Windows locale: a main
 * language (CHINESE) and a sublanguage picked by region (`zh-CN`, `zh-TW`,
 * `zh-HK`, `zh-SG`); the IANA → MOBI tables of the converters that write
 * the format map `zh` with no known region (so `zh-Hant`, `zh-Hans`, whose
 * second subtag is a script) to neutral Chinese, which Kindles display and
 * index as Chinese. KDP lists Chinese (Traditional) among the eBook
 * languages it accepts, and Send to Kindle accepts Chinese and English
 * documents. So: primary subtag `zh` or `en`, an optional script (`Hant`,
 * `Hans`, `Latn`), an optional region Kindle's table knows; nothing else
 * (no private use, no extensions, nothing a converter could misread).
 */
const kindleLanguage = /^(?:zh(?:-Han[st])?(?:-(?:CN|TW|HK|SG|MO))?|en(?:-(?:US|GB|AU|CA|IN|NZ))?)$/

/**
 * Every `dc:language` is one Kindle takes, the first is Chinese, and
 * `xml:lang` on the package agrees with it.
 *
 * @param epub
 *   The EPUB.
 * @returns
 *   Problems.
 */
export function languageProblems(epub: EpubFiles): string[] {
  const languages = [...epub.opf.matchAll(/<dc:language>([^<]*)<\/dc:language>/g)].map((match) => match[1]!)
  const problems = languages
    .filter((lang) => !kindleLanguage.test(lang))
    .map((lang) => 'dc:language `' + lang + '` is not one Kindle takes')
  if (languages.length === 0) problems.push('no dc:language')
  else if (!/^zh\b/.test(languages[0]!)) problems.push('first dc:language `' + languages[0] + '` is not Chinese')
  const packageLang = /<package\b[^>]*\sxml:lang="([^"]*)"/.exec(epub.opf)?.[1]
  if (packageLang !== languages[0])
    problems.push('package xml:lang `' + packageLang + '` differs from the first dc:language')
  return problems
}

/**
 * The NCX lists documents in spine order: each `navPoint`'s document comes
 * after the previous one's in the spine, and `playOrder` counts 1, 2, 3 …
 * in document order.
 *
 * Why: Kindle builds its "Go to" menu and its location map from the NCX;
 * entries out of spine order jump back and forth, and a gap or repeat in
 * `playOrder` makes the import fail or drop entries.
 *
 * @param epub
 *   The EPUB.
 * @returns
 *   Problems.
 */
export function spineNcxProblems(epub: EpubFiles): string[] {
  const problems: string[] = []
  const ncxItem = epub.manifest.find((item) => item.mediaType === 'application/x-dtbncx+xml')
  if (!ncxItem) return ['no NCX in the manifest']
  const tocId = /<spine\b[^>]*\stoc="([^"]*)"/.exec(epub.opf)?.[1]
  if (tocId !== ncxItem.id) problems.push('spine toc `' + tocId + '` is not the NCX `' + ncxItem.id + '`')
  const ncx = entryText(epub, ncxItem.path)
  const spinePaths = epub.spine.map((id) => epub.manifest.find((item) => item.id === id)?.path)
  const points = [...ncx.matchAll(/<navPoint\b([^>]*)>[\s\S]*?<content src="([^"]*)"\/>/g)]
  let last = -1

  for (const [index, point] of points.entries()) {
    const playOrder = attribute(point[1]!, 'playOrder')
    if (playOrder !== String(index + 1)) problems.push('navPoint ' + (index + 1) + ' has playOrder `' + playOrder + '`')
    const file = point[2]!.split('#')[0]!
    const target = path.posix.join(path.posix.dirname(ncxItem.path), decodeURIComponent(file))
    const position = spinePaths.indexOf(target)
    if (position === -1) problems.push('navPoint `' + point[2] + '` is not in the spine')
    else if (position < last) problems.push('navPoint `' + point[2] + '` comes before the previous one in the spine')
    else last = position
  }

  if (points.length === 0) problems.push('the NCX has no navPoint')
  return problems
}

/**
 * The cover is a PNG or JPEG manifest item with `properties="cover-image"`,
 * named by the EPUB 2 `<meta name="cover" content="…"/>`, at least 625×1000
 * px, shown by the first document of the spine.
 *
 * Why: Kindle's import takes the cover from the EPUB 2 meta (it does not
 * read EPUB 3 properties) and only as JPEG or PNG (an SVG cover comes out
 * blank); KDP asks for at least 1000 px on the long side.
 *
 * @param epub
 *   The EPUB.
 * @returns
 *   Problems.
 */
export function coverProblems(epub: EpubFiles): string[] {
  const problems: string[] = []
  const covers = epub.manifest.filter((item) => item.properties.includes('cover-image'))
  if (covers.length !== 1) return ['expected one `cover-image` item, found ' + covers.length]
  const cover = covers[0]!
  const meta = /<meta name="cover" content="([^"]*)"\/>/.exec(epub.opf)?.[1]
  if (meta !== cover.id) problems.push('EPUB 2 cover meta names `' + meta + '`, expected `' + cover.id + '`')
  const data = epub.entries.get(cover.path)
  if (!data) return [...problems, 'missing `' + cover.path + '`']
  const size = imageSize(data)

  if (cover.mediaType === 'image/png' && size?.type !== 'png') problems.push('cover is not a PNG')
  else if (cover.mediaType === 'image/jpeg' && size?.type !== 'jpeg') problems.push('cover is not a JPEG')
  else if (cover.mediaType !== 'image/png' && cover.mediaType !== 'image/jpeg')
    problems.push('cover is `' + cover.mediaType + '`, expected PNG or JPEG')

  if (size && (Math.min(size.width, size.height) < 625 || Math.max(size.width, size.height) < 1000)) {
    problems.push('cover is ' + size.width + '×' + size.height + ' px, expected at least 625×1000')
  }

  const first = epub.manifest.find((item) => item.id === epub.spine[0])
  if (
    !first ||
    !entryText(epub, first.path).includes(
      'src="' + path.posix.relative(path.posix.dirname(first.path), cover.path) + '"'
    )
  ) {
    problems.push('the first spine document does not show the cover image')
  }

  return problems
}

/**
 * Read the type and size of a PNG or a baseline JPEG.
 *
 * @param data
 *   Image bytes.
 * @returns
 *   Type and size, or `undefined` for anything else.
 */
export function imageSize(data: Uint8Array): {type: 'png' | 'jpeg'; width: number; height: number} | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
  if (data.length > 24 && view.getUint32(0) === 0x89504e47 && view.getUint32(4) === 0x0d0a1a0a) {
    return {type: 'png', width: view.getUint32(16), height: view.getUint32(20)}
  }

  if (data.length > 4 && view.getUint16(0) === 0xffd8) {
    let offset = 2
    while (offset + 9 < data.length) {
      const marker = view.getUint16(offset)
      if (marker >= 0xffc0 && marker <= 0xffc3) {
        return {type: 'jpeg', height: view.getUint16(offset + 5), width: view.getUint16(offset + 7)}
      }

      offset += 2 + view.getUint16(offset + 2)
    }
  }

  return undefined
}
