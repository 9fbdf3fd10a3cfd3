/**
 * The EPUB renderer: one EPUB 3 per edition, made by epub-gen-memory through its public API
 * (layout, `container.xml`, documents through `templates.ts`, cover, zip) and made reproducible in
 * one step after it (`archive.ts`). Bodies reach the templates as template data, not as `content`:
 * its sanitiser writes every non-ASCII character as a reference (half as many bytes again), drops
 * attributes (`ol start`, `data-*`) and fetches every `<img>`. Stages sanitise the manuscript's HTML
 * (`rehype-safe-html`) already.
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
import {coverTree} from './cover.js'
import {coverFontMessage, findCoverFonts} from './cover-fonts.js'
import {coverDrawer} from './cover-drawer.js'
import {warm} from './warm.js'
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

const koboProcessor = unified().use(rehypeKoboSpans).freeze()

/** Chapter ids name files and manifest items; the library silently deletes other characters. */
const chapterIdExpression = /^[A-Za-z\d][-.\w]*$/

/** File names (without `.xhtml`) the renderer uses for its own documents. */
const reservedIds = new Set(['cover', 'toc'])

type LibraryChapter = Chapter & {zhbook: DocumentTemplateData}

type LibraryOptions = Options & {zhbook: BookTemplateData}

/** A file besides the library's documents (it takes only fonts and images it downloads). */
interface Resource {
  /** Manifest item; `href` is relative to `OEBPS/`, the package's folder. */
  item: ResourceTemplateData
  data: (documents: Entries) => Promise<Uint8Array>
}

/**
 * The EPUB renderer: `<slug>-<edition>.epub` per edition, and with `kepub: true` also
 * `<slug>-<edition>.kepub.epub` with Kobo's markup. The same edition and context give the same bytes.
 */
export const epub: Renderer = {
  name: 'epub',
  // Packing an archive takes the better part of a second: a watch session writes the web edition first.
  deferred: true,
  warm,
  prepare(book, context) {
    // Drawn on the cover thread; the session keeps it by SVG and fonts, and `render` asks for it.
    if (!book.meta.cover) coverOf(book, context, context.session).data.catch(() => {})
    return undefined
  },
  async render(book: EditionBook, context: RenderContext) {
    checkChapters(book.chapters)

    const {session} = context
    const cover = coverOf(book, context, session)
    // Awaited when each archive is made; a failure fails the build there.
    cover.data.catch(() => {})
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
    const fonts = findCoverFonts(context.env)
    return {files: [], messages: fonts.length === 0 ? [coverFontMessage(context.root ?? '.')] : []}
  }
}

/** Make one EPUB of an edition. */
async function packageEpub(
  book: EditionBook,
  context: RenderContext,
  session: BuildSession,
  cover: Cover,
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
  for (const image of imageResources(book)) resources.push({item: image.item, data: image.data})

  const data: BookTemplateData = {
    lang: escapeXml(lang),
    // Reading systems take the first `dc:language` as the book's.
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
    // The library writes an empty `dc:description`, which epubcheck rejects (RSC-005).
    description: escapeXml(meta.description || meta.subtitle || meta.title),
    source: escapeXml(meta.source ?? ''),
    // The library writes the clock's year; the book's date keeps builds reproducible.
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
  const memo = session.chapterMemo<string>(kepub ? 'epub.kepub-body' : 'epub.body')

  const coverAlt =
    meta.title + (meta.subtitle ? '：' + meta.subtitle : '') + (meta.author ? '（' + meta.author + '）' : '')

  const content: LibraryChapter[] = [
    {
      title: strings.cover,
      filename: 'cover.xhtml',
      // With `content` the library re-serialises (see the header); the body goes as `zhbook.body`.
      content: '',
      beforeToc: true,
      excludeFromToc: true,
      zhbook: {
        kind: 'cover',
        manifestId: 'cover',
        lang: escapeXml(lang),
        title: escapeXml(strings.cover),
        bodyClass: 'cover',
        // The title is the cover page's heading (axe: `page-has-heading-one`).
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
      // A chapter's XHTML depends on its language, vertical setting and the book's chapter ids.
      const body = memo(chapter, `${lang}\0${chapterIds}\0${vertical}`, () => {
        const section = chapterSection(chapter, resolveLinks(chapter), manifestId)
        // The section shares nodes with the chapter's tree: copied before it is changed.
        return serialize(vertical ? uprightRuns(structuredClone(section)) : section, kepub)
      })
      return {
        title: chapter.title,
        // The library names files after slugified titles; Chinese titles slugify to nothing.
        filename: chapter.id + '.xhtml',
        content: '',
        zhbook: {
          kind: chapter.kind ?? 'chapter',
          manifestId,
          lang: escapeXml(lang),
          title: escapeXml(chapter.title),
          bodyClass: '',
          body,
          properties: treeFeatures(chapter.tree, session).math ? 'mathml' : ''
        }
      }
    })
  ]

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
    // The library checks `instanceof File`; a string cover would be fetched. It names the entry
    // and the manifest item after the file: the bytes join the archive below, when drawn.
    cover: new File([], cover.name, {type: cover.type}),
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
    // Nothing is downloaded; were something to fail, the build fails.
    ignoreFailedDownloads: false,
    verbose(type, ...values: unknown[]) {
      if (type === 'warn') warnings.push(values.map(String).join(' '))
    },
    zhbook: data
  }

  const library = new EPub(options, content)
  await library.render()
  // A warning is something the library left out or replaced: the book would be wrong.
  if (warnings.length > 0) {
    throw new Error('Unexpected warning from epub-gen-memory, expected none: ' + warnings.join('; '))
  }

  // Stored: `writeEpub` deflates every entry once.
  const entries = await readEntries(await library.generateAsync({type: 'nodebuffer', compression: 'STORE'}))
  for (const resource of resources) entries.set('OEBPS/' + resource.item.href, await resource.data(entries))
  entries.set('OEBPS/' + cover.name, await cover.data)
  return writeEpub(entries, context.modified)
}

/** The cover image: its name, as the library names it (the cover page points at it), its type and bytes. */
interface Cover {
  name: 'cover.png' | 'cover.jpeg'
  type: 'image/png' | 'image/jpeg'
  /** Drawing a cover takes as long as making the rest of a small book's archive: it is awaited last. */
  data: Promise<Uint8Array>
}

/** The cover image: the book's own (`cover:`), or a PNG drawn from the SVG cover. */
function coverOf(book: EditionBook, context: RenderContext, session: BuildSession): Cover {
  const path = book.meta.cover

  if (path) {
    const png = /\.png$/i.test(path)
    return {
      name: png ? 'cover.png' : 'cover.jpeg',
      type: png ? 'image/png' : 'image/jpeg',
      data: fs.readFile(path).then((data) => new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
    }
  }

  const fonts = findCoverFonts(context.env)
  const drawn = session.keyed<Promise<Uint8Array<ArrayBuffer>>>('epub.cover-png', coverMemoSize)
  const drawer = coverDrawer(session)
  return {
    name: 'cover.png',
    type: 'image/png',
    data: coverPng(coverTree(book), fonts, drawer, context.cacheDir, drawn)
  }
}

/** Serialise a content document's body: its section in `main`, with Kobo's markup if asked. */
function serialize(section: Element, kepub: boolean): string {
  // The content is the main landmark (axe: `landmark-one-main`, `region`).
  let tree: Root = {type: 'root', children: [h('main', [section])]}
  // Kobo's spans change the tree: the section may share nodes with a chapter's tree.
  if (kepub) tree = koboProcessor.runSync(structuredClone(tree)) as Root
  return toXhtml(tree, {fragment: true})
}

/** Make sure chapter ids can name files and manifest items; throws on a problem. */
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

/** Format a date as `dcterms:modified` wants it: `YYYY-MM-DDThh:mm:ssZ`. */
function formatModified(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z')
}
