/**
 * The EPUB renderer: one EPUB 3 file per edition, made by epub-gen-memory through its public API,
 * and made reproducible in one step after it.
 *
 * The library does what it is good at: the OCF layout, `container.xml`, writing each document
 * through the templates passed as its options (`templates.ts`), the cover file, the zip. Its zip is
 * then read back and written again with fixed dates and order (`archive.ts`), which is also where
 * the embedded font is added (`font.ts`).
 *
 * Why the chapters' bodies reach the templates as template data rather than as the library's
 * `content`: its sanitiser re-serialises the HTML with every non-ASCII character as a numeric
 * reference (`&#x5927;`, half as many bytes again on this book's documents), drops attributes
 * outside its allow-list (`ol start`, `data-*`), and takes every `<img>` (the cover page's too) for
 * an image to fetch and rename. The bodies are checked XHTML already: stages sanitise the
 * manuscript's HTML (`rehype-safe-html`) and `toXhtml` writes them.
 *
 * The chapter trees are format-neutral: links between chapters (`chapter:<id>#…`) are resolved to
 * `<id>.xhtml#…` (`links.ts`), and ARIA roles are mapped to the `epub:type`s reading systems act on
 * (`chapter.ts`).
 */
import fs from 'node:fs/promises'
import {type Chapter, EPub, type Options} from 'epub-gen-memory'
import type {Element, Root} from 'hast'
import {h} from 'hastscript'
import {unified} from 'unified'
import type {BuildSession} from '../../build/session.js'
import type {EditionBook, EditionChapter, RenderContext, Renderer} from '../../core/model.js'
import {type Entries, readEntries, writeEpub} from './archive.js'
import {chapterSection} from './chapter.js'
import {fontItem, fontStyle, fontSubset} from './font.js'
import {uprightRuns, verticalStyle} from './vertical.js'
import {chapterLinkResolver} from '../shared/links.js'
import {epubContentStyle, treeFeatures} from '../shared/content-style.js'
import {imageResources} from './resources.js'
import {coverSvg} from './cover.js'
import {coverFontMessage, findCoverFonts} from './cover-fonts.js'
import {coverPng} from './cover-png.js'
import {accessibilityMetadata} from './accessibility.js'
import rehypeKoboSpans from './rehype-kobo-spans.js'
import {stringsFor} from '../../core/locale.js'
import {epubStyle} from './style.js'
import {epubToc} from './toc.js'
import {
  chapterXhtml,
  contentOpf,
  tocNcx,
  tocXhtml,
  type BookTemplateData,
  type DocumentTemplateData,
  type ResourceTemplateData
} from './templates.js'
import {escapeXml, toXhtml} from '../shared/xhtml.js'
import {editionIdentifier} from '../shared/identifier.js'

/** Drawn covers a session keeps: three editions, and their previous versions. */
const coverMemoSize = 6

/** Adds Kobo's spans to a content document's body. */
const koboProcessor = unified().use(rehypeKoboSpans).freeze()

/**
 * Chapter ids become file names (`OEBPS/<id>.xhtml`) and manifest ids; the library silently deletes
 * other characters from file names, which would break the links in the navigation.
 */
const chapterIdExpression = /^[A-Za-z\d][-.\w]*$/

/** File names (without `.xhtml`) the renderer uses for its own documents. */
const reservedIds = new Set(['cover', 'toc'])

/** A chapter as handed to the library, with the data our templates read. */
type LibraryChapter = Chapter & {zhbook: DocumentTemplateData}

/** Options as handed to the library, with the data our templates read. */
type LibraryOptions = Options & {zhbook: BookTemplateData}

/**
 * A file of the package besides the library's documents: listed in the manifest by the package
 * template, added to the archive when it is written again (the library takes only fonts and images
 * it downloads).
 */
interface Resource {
  /** Manifest item; `href` is relative to `OEBPS/`, the package's folder. */
  item: ResourceTemplateData
  /** Make its bytes, from the library's documents if need be. */
  data: (documents: Entries) => Promise<Uint8Array>
}

/**
 * The EPUB renderer.
 *
 * Writes `<slug>-<edition>.epub`: EPUB 3 with a navigation document (contents and landmarks) and an
 * NCX, a PNG cover (drawn from an SVG made from the book's metadata), one XHTML file per chapter
 * (`<id>.xhtml`; a `glossary` chapter is an EPUB glossary and a landmark), and the EPUB
 * Accessibility 1.1 metadata. An edition in several languages gets one `dc:language` each, its own
 * first; a translated title gets a `dc:title` in its language and a line on the cover. With `kepub:
 * true` in `book.yaml` (`context.settings`), also `<slug>-<edition>.kepub.epub`: the same book with
 * Kobo's markup. The book's own cover image (`cover:` in `book.yaml`) takes the drawn one's place.
 * With `book.typography`, the EPUB embeds a font subset to the characters of its documents
 * (`epub-font.ts`, through `context.fonts`) and is set vertically (`epub-vertical.ts`). The same
 * edition and context always give the same bytes.
 */
export const epub: Renderer = {
  name: 'epub',
  // Packing an archive per edition takes the better part of a second: a watch session writes the
  // web edition first.
  deferred: true,
  prepare(book, context) {
    // The drawing runs in resvg's threads; the session remembers it by its SVG and fonts, and
    // `render` asks for the same one.
    if (!book.meta.cover) coverFile(book, context, context.session).catch(() => {})
    return undefined
  },
  async render(book: EditionBook, context: RenderContext) {
    checkChapters(book.chapters)

    const {session} = context
    const cover = await coverFile(book, context, session)
    const name = book.meta.slug + '-' + book.edition.id
    const files = [{path: name + '.epub', data: await packageEpub(book, context, session, cover, false)}]

    if (context.settings?.kepub) {
      files.push({
        path: name + '.kepub.epub',
        data: await packageEpub(book, context, session, cover, true)
      })
    }

    return files
  },
  finish(_books, context) {
    // Covers are drawn without text on a machine without a CJK font (I003).
    const fonts = findCoverFonts(context.env)
    return {files: [], messages: fonts.length === 0 ? [coverFontMessage(context.root ?? '.')] : []}
  }
}

/**
 * Make one EPUB of an edition.
 *
 * @param session
 *   What the build session keeps (the chapters' documents).
 */
async function packageEpub(
  book: EditionBook,
  context: RenderContext,
  session: BuildSession,
  cover: File,
  kepub: boolean
): Promise<Uint8Array> {
  const {meta, edition} = book
  const lang = edition.lang
  const strings = stringsFor(lang)
  const translated = meta.translated
  const accessibility = accessibilityMetadata(book, session)
  const font = book.typography?.font
  const vertical = book.typography?.vertical === true
  const resources: Resource[] = []
  if (font) {
    resources.push({
      item: {id: 'font', ...fontItem(font)},
      data: (documents) => fontSubset(documents, font, edition.id, context.fonts)
    })
  }
  // The book's images, next to the chapters that show them.
  for (const image of imageResources(book)) resources.push({item: image.item, data: image.data})

  const data: BookTemplateData = {
    lang: escapeXml(lang),
    // The edition's language first: reading systems take the first `dc:language` as the book's.
    languages: [lang, ...(edition.otherLanguages ?? [])].map(escapeXml),
    identifier: escapeXml(editionIdentifier(meta.identifier, edition.id)),
    title: escapeXml(meta.title),
    subtitle: escapeXml(meta.subtitle ?? ''),
    translated: translated
      ? {
          lang: escapeXml(translated.lang),
          title: escapeXml(translated.title),
          subtitle: escapeXml(translated.subtitle ?? ''),
          expanded: escapeXml(translated.title + (translated.subtitle ? ': ' + translated.subtitle : ''))
        }
      : undefined,
    author: escapeXml(meta.author ?? ''),
    publisher: escapeXml(meta.publisher ?? ''),
    date: escapeXml(meta.date),
    // Why: the library writes an empty `dc:description` by default, which epubcheck rejects
    // (RSC-005).
    description: escapeXml(meta.description || meta.subtitle || meta.title),
    source: escapeXml(meta.source ?? ''),
    // Why: the library writes the clock's year; the book's own date is the one that means
    // something, and keeps builds reproducible.
    rights: escapeXml(['©', meta.date.slice(0, 4), meta.author].filter(Boolean).join(' ')),
    modified: escapeXml(formatModified(context.modified)),
    tocTitle: escapeXml(strings.toc),
    landmarksTitle: escapeXml(strings.landmarks),
    coverLabel: escapeXml(strings.cover),
    bodymatterLabel: escapeXml(strings.bodymatter),
    accessibility: {
      ...accessibility,
      summary: escapeXml(accessibility.summary),
      conformsTo: accessibility.conformsTo && escapeXml(accessibility.conformsTo)
    },
    resources: resources.map(({item}) => ({
      id: escapeXml(item.id),
      href: escapeXml(item.href),
      mediaType: escapeXml(item.mediaType)
    })),
    vertical,
    toc: {nav: '', ncx: '', depth: 1}
  }

  const resolveLinks = chapterLinkResolver(book.chapters, (id) => id + '.xhtml', session)
  const chapterIds = book.chapters.map((chapter) => chapter.id).join(' ')
  // The content documents' bodies, per chapter (watch mode reuses them).
  const memo = session.chapterMemo<string>(kepub ? 'epub.kepub-body' : 'epub.body')

  const coverAlt =
    meta.title + (meta.subtitle ? '：' + meta.subtitle : '') + (meta.author ? '（' + meta.author + '）' : '')

  const content: LibraryChapter[] = [
    {
      title: strings.cover,
      filename: 'cover.xhtml',
      // Why: with `content` the library parses, sanitises and re-serialises the HTML with every
      // non-ASCII character as `&#x…;` (and renames and fetches images); the body goes to our
      // template as `zhbook.body`.
      content: '',
      beforeToc: true,
      excludeFromToc: true,
      zhbook: {
        kind: 'cover',
        manifestId: 'cover',
        lang: escapeXml(lang),
        title: escapeXml(strings.cover),
        bodyClass: 'cover',
        // Why the `h1`: the title is the cover page's heading, given by the image's `alt` (axe:
        // `page-has-heading-one`).
        body: serialize(
          h('section', {'epub:type': 'cover', className: ['cover']}, [
            h('h1', [h('img', {src: cover.name, alt: coverAlt, role: 'doc-cover'})])
          ]),
          kepub
        )
      }
    },
    ...book.chapters.map((chapter): LibraryChapter => {
      const manifestId = 'chapter-' + chapter.id
      // The XHTML of a chapter depends on it, its language, whether it is set vertically and,
      // through its links, on the ids of the book's chapters.
      const body = memo(chapter, `${lang}\0${chapterIds}\0${vertical}`, () => {
        const section = chapterSection(chapter, resolveLinks(chapter), manifestId)
        return serialize(vertical ? uprightRuns(section) : section, kepub)
      })
      return {
        title: chapter.title,
        // Why: the library names files after slugified titles, and Chinese titles slugify to
        // nothing.
        filename: chapter.id + '.xhtml',
        content: '',
        zhbook: {
          kind: chapter.kind ?? 'chapter',
          manifestId,
          lang: escapeXml(lang),
          title: escapeXml(chapter.title),
          bodyClass: '',
          body,
          // EPUB 3 wants documents with MathML marked in the manifest.
          properties: treeFeatures(chapter.tree, session).math ? 'mathml' : ''
        }
      }
    })
  ]

  // The contents, nested as the book's layout nests it.
  data.toc = epubToc(
    content.slice(1).map((item, index) => ({
      filename: item.filename!,
      title: item.zhbook.title,
      manifestId: item.zhbook.manifestId,
      depth: book.chapters[index]!.depth,
      part: book.chapters[index]!.part
    })),
    book.parts
  )

  const warnings: string[] = []
  const options: LibraryOptions = {
    title: meta.title,
    author: meta.author,
    publisher: meta.publisher,
    description: meta.description || meta.subtitle || meta.title,
    // Why: a `File` is read in memory (`arrayBuffer()`); a string cover would be fetched. The
    // library checks `instanceof File`, so a plain `{name, arrayBuffer}` object is refused.
    cover,
    tocTitle: strings.toc,
    tocInTOC: false,
    numberChaptersInTOC: false,
    prependChapterTitles: false,
    date: meta.date,
    lang,
    css:
      epubStyle() +
      (font ? fontStyle(font, lang) : '') +
      (vertical ? verticalStyle : '') +
      (book.chapters.some((chapter) => treeFeatures(chapter.tree, session).contentStyle) ? epubContentStyle() : ''),
    chapterXHTML: chapterXhtml,
    contentOPF: contentOpf,
    tocNCX: tocNcx,
    tocXHTML: tocXhtml,
    fonts: [],
    version: 3,
    // Nothing is downloaded (no fonts, no `content` to find images in, the cover in memory); were
    // something to fail, the build fails.
    ignoreFailedDownloads: false,
    verbose(type, ...values: unknown[]) {
      if (type === 'warn') warnings.push(values.map(String).join(' '))
    },
    zhbook: data
  }

  const library = new EPub(options, content)
  await library.render()
  // Why: a warning is something the library left out or replaced (a cover of an unknown type, an
  // attribute it dropped); the book would be wrong.
  if (warnings.length > 0) {
    throw new Error('Unexpected warning from epub-gen-memory, expected none: ' + warnings.join('; '))
  }

  // Stored: `writeEpub` deflates every entry once, when it writes the archive again.
  const entries = await readEntries(await library.generateAsync({type: 'nodebuffer', compression: 'STORE'}))
  for (const resource of resources) entries.set('OEBPS/' + resource.item.href, await resource.data(entries))
  return writeEpub(entries, context.modified)
}

/**
 * The cover image: the book's own (`cover:` in `book.yaml`, a JPEG or PNG the loader checked is
 * inside the manuscript folder), or a PNG drawn from the SVG made from the book's metadata.
 *
 * Why a `File`: it is read in memory (`arrayBuffer()`); a string cover would be fetched. The
 * library checks `instanceof File`, so a plain `{name, arrayBuffer}` object is refused. It names
 * the file `cover.<extension of its type>` (`cover.jpeg`), so the file is named that way here too,
 * and the cover page can point at it.
 *
 * @param context
 *   Build-wide settings (the fonts to draw with, the cache).
 * @param session
 *   What the build session keeps (the covers lately drawn).
 */
async function coverFile(book: EditionBook, context: RenderContext, session: BuildSession): Promise<File> {
  const path = book.meta.cover

  if (path) {
    const png = /\.png$/i.test(path)
    return new File([await fs.readFile(path)], png ? 'cover.png' : 'cover.jpeg', {
      type: png ? 'image/png' : 'image/jpeg'
    })
  }

  const fonts = findCoverFonts(context.env)
  const drawn = session.keyed<Promise<Uint8Array<ArrayBuffer>>>('epub.cover-png', coverMemoSize)
  return new File([await coverPng(coverSvg(book), fonts, context.cacheDir, drawn)], 'cover.png', {type: 'image/png'})
}

/**
 * Serialise the body of a content document: its section in `main`, with Kobo's markup if asked.
 *
 * @param section
 *   The document's `section`, made for this call (changed in place).
 */
function serialize(section: Element, kepub: boolean): string {
  // Why `main`: the document's content is its main landmark, which assistive technology jumps to
  // (axe: `landmark-one-main`, `region`).
  let tree: Root = {type: 'root', children: [h('main', [section])]}
  if (kepub) tree = koboProcessor.runSync(tree) as Root
  return toXhtml(tree, {fragment: true})
}

/**
 * Make sure chapter ids can name files and manifest items.
 *
 * @returns
 *   Nothing; throws on a problem.
 */
function checkChapters(chapters: readonly EditionChapter[]): undefined {
  if (chapters.length === 0) {
    throw new Error('Unexpected book without chapters, expected at least one')
  }

  const seen = new Set<string>()

  for (const chapter of chapters) {
    if (!chapterIdExpression.test(chapter.id) || reservedIds.has(chapter.id) || seen.has(chapter.id)) {
      throw new Error(
        'Unexpected chapter id `' +
          chapter.id +
          '` (' +
          chapter.sourcePath +
          '), expected a unique ASCII id (letters, digits, `-`, `_`, `.`)' +
          ' other than `cover` and `toc`'
      )
    }

    seen.add(chapter.id)
  }
}

/**
 * Format a date as `dcterms:modified` wants it.
 *
 * @returns
 *   `YYYY-MM-DDThh:mm:ssZ` (UTC, no fraction).
 */
function formatModified(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z')
}
