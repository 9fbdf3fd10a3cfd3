/**
 * The EPUB renderer: one EPUB 3 file per edition, built through
 * epub-gen-memory and corrected where the library gets in the way of a
 * valid, reproducible, offline, UTF-8 Chinese book.
 *
 * The library keeps what it is good at (the OCF layout, `container.xml`,
 * writing each document through its templates, the cover file, its JSZip
 * archive). The corrections go through its own extension points: templates
 * passed as options (`epub-templates.ts`), a subclass that exposes its zip
 * and refuses to download, and a pass over the zip entries before
 * `generateAsync` (`epub-archive.ts`). Each is marked `Why:`.
 *
 * The chapter trees are format-neutral: links between chapters
 * (`chapter:<id>#…`) are resolved to `<id>.xhtml#…` (`links.ts`), and ARIA
 * roles are mapped to the `epub:type`s reading systems act on
 * (`epub-chapter.ts`).
 */
import fs from 'node:fs/promises'
import type {Chapter, Options} from 'epub-gen-memory'
import type {Element, Root} from 'hast'
import {h} from 'hastscript'
import {unified} from 'unified'
import type {EditionBook, EditionChapter, RenderContext, Renderer} from '../../core/model.js'
import {Archive, EntryRecorder, packArchive, type EntryData, type PackedArchive} from './archive.js'
import {chapterSection} from './chapter.js'
import {embedFont, fontItem, fontStyle} from './font.js'
import {uprightRuns, verticalStyle} from './vertical.js'
import {chapterLinkResolver} from '../shared/links.js'
import {groupNoteReferences, labelNotes} from '../shared/notes.js'
import {coverSvg} from './cover.js'
import {findCoverFonts} from './cover-fonts.js'
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
  type DocumentTemplateData
} from './templates.js'
import {chapterMemo} from '../../build/memo.js'
import {escapeXml, toXhtml} from '../shared/xhtml.js'

/** Chapter documents already serialised (watch mode reuses them). */
const xhtmlMemo = chapterMemo<string>()

/** The same, with Kobo's markup (`.kepub.epub`). */
const kepubMemo = chapterMemo<string>()

/** Adds Kobo's spans to a content document's body. */
const koboProcessor = unified().use(rehypeKoboSpans).freeze()

/** Covers made lately, by their inputs (`coverFile`). */
const coverFiles = new Map<string, Promise<File>>()

/**
 * What a session's last build of an EPUB left, by EPUB path: the library's
 * documents and what they were made from (`packageEpub` runs the library on
 * the changed chapters only when nothing else changed), and the archive
 * (`packArchive` reuses its compressed entries).
 */
interface LastBuild {
  /** Everything the library's documents are made of but the chapters' bodies. */
  key: string
  /** The cover handed to the library. */
  cover: File
  /** Body of each content document, in order. */
  bodies: readonly string[]
  /** What the library wrote, before a font is embedded. */
  entries: ReadonlyMap<string, EntryData>
  /** The archive as written. */
  packed: PackedArchive
}

/** The last builds of each session (a chapter cache), by EPUB path. */
const lastBuilds = new WeakMap<object, Map<string, LastBuild>>()

/**
 * Chapter ids become file names (`OEBPS/<id>.xhtml`) and manifest ids; the
 * library silently deletes other characters from file names, which would
 * break the links in the navigation.
 */
const chapterIdExpression = /^[A-Za-z\d][-.\w]*$/

/** File names (without `.xhtml`) the renderer uses for its own documents. */
const reservedIds = new Set(['cover', 'toc'])

/** A chapter as handed to the library, with the data our templates read. */
type LibraryChapter = Chapter & {zhbook: DocumentTemplateData}

/** Options as handed to the library, with the data our templates read. */
type LibraryOptions = Options & {zhbook: BookTemplateData}

/**
 * The EPUB renderer.
 *
 * Writes `<slug>-<edition>.epub`: EPUB 3 with a navigation document
 * (contents and landmarks) and an NCX, a PNG cover (drawn from an SVG made
 * from the book's metadata), one XHTML file per chapter (`<id>.xhtml`; a
 * `glossary` chapter is an EPUB glossary and a landmark), and the EPUB
 * Accessibility 1.1 metadata. An edition in several languages gets one
 * `dc:language` each, its own first; a translated title gets a `dc:title`
 * in its language and a line on the cover. With `context.kepub`, also
 * `<slug>-<edition>.kepub.epub`: the same book with Kobo's markup. The
 * book's own cover image (`cover:` in `book.yaml`) takes the drawn one's
 * place. With `book.typography`, the EPUB embeds a font subset to the
 * characters of its documents (`epub-font.ts`, through `context.fonts`) and
 * is set vertically (`epub-vertical.ts`).
 * The same edition and context always give the same bytes.
 */
export const epub: Renderer = {
  name: 'epub',
  prepare(book, context) {
    // The drawing runs in resvg's threads; it is remembered by its inputs,
    // and `render` asks for the same one.
    if (!book.meta.cover) coverFile(book, context).catch(() => {})
    return undefined
  },
  async render(book: EditionBook, context: RenderContext) {
    checkChapters(book.chapters)

    const cover = await coverFile(book, context)
    const name = book.meta.slug + '-' + book.edition.id
    const files = [{path: name + '.epub', data: await packageEpub(book, context, cover, false)}]

    if (context.kepub) {
      files.push({
        path: name + '.kepub.epub',
        data: await packageEpub(book, context, cover, true)
      })
    }

    return files
  }
}

/**
 * Make one EPUB of an edition.
 *
 * @param book
 *   The edition.
 * @param context
 *   Build-wide settings.
 * @param cover
 *   The cover image.
 * @param kepub
 *   Whether to add Kobo's markup to the content documents.
 * @returns
 *   The zip archive.
 */
async function packageEpub(
  book: EditionBook,
  context: RenderContext,
  cover: File,
  kepub: boolean
): Promise<Uint8Array> {
  const {meta, edition} = book
  const lang = edition.lang
  const strings = stringsFor(lang)
  const translated = meta.translated
  const accessibility = accessibilityMetadata(book)
  const font = book.typography?.font
  const vertical = book.typography?.vertical === true
  const data: BookTemplateData = {
    lang: escapeXml(lang),
    // The edition's language first: reading systems take the first
    // `dc:language` as the book's.
    languages: [lang, ...(edition.otherLanguages ?? [])].map(escapeXml),
    identifier: escapeXml(meta.identifier),
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
    publisher: escapeXml(meta.host ?? ''),
    date: escapeXml(meta.date),
    // Why: the library writes an empty `dc:description` by default, which
    // epubcheck rejects (RSC-005).
    description: escapeXml(meta.subtitle || meta.title),
    source: escapeXml(meta.source ?? ''),
    // Why: the library writes the clock's year; the book's own date is
    // the one that means something, and keeps builds reproducible.
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
    font: font ? fontItem(font) : undefined,
    vertical,
    toc: {nav: '', ncx: '', depth: 1}
  }

  const resolveLinks = chapterLinkResolver(book.chapters, (id) => id + '.xhtml')
  const chapterIds = book.chapters.map((chapter) => chapter.id).join(' ')
  const memo = kepub ? kepubMemo : xhtmlMemo

  const coverAlt =
    meta.title + (meta.subtitle ? '：' + meta.subtitle : '') + (meta.author ? '（' + meta.author + '）' : '')

  const content: LibraryChapter[] = [
    {
      title: strings.cover,
      filename: 'cover.xhtml',
      // Why: with `content` the library parses, sanitises and re-serialises
      // the HTML with every non-ASCII character as `&#x…;` (and renames and
      // fetches images); the body goes to our template as `zhbook.body`.
      content: '',
      beforeToc: true,
      excludeFromToc: true,
      zhbook: {
        kind: 'cover',
        manifestId: 'cover',
        lang: escapeXml(lang),
        title: escapeXml(strings.cover),
        bodyClass: 'cover',
        // Why the `h1`: the title is the cover page's heading, given by the
        // image's `alt` (axe: `page-has-heading-one`).
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
      // The XHTML of a chapter depends on it, its language, whether it is
      // set vertically and, through its links, on the ids of the book's
      // chapters.
      const body = memo(chapter, `${lang}\0${chapterIds}\0${vertical}`, () => {
        const section = chapterSection(chapter, labelNotes(groupNoteReferences(resolveLinks(chapter))), manifestId)
        return serialize(vertical ? uprightRuns(section) : section, kepub)
      })
      return {
        title: chapter.title,
        // Why: the library names files after slugified titles, and Chinese
        // titles slugify to nothing.
        filename: chapter.id + '.xhtml',
        content: '',
        zhbook: {
          kind: chapter.kind ?? 'chapter',
          manifestId,
          lang: escapeXml(lang),
          title: escapeXml(chapter.title),
          bodyClass: '',
          body
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

  const options: LibraryOptions = {
    title: meta.title,
    author: meta.author,
    publisher: meta.host,
    description: meta.subtitle || meta.title,
    // Why: a `File` is read in memory (`arrayBuffer()`); a string cover
    // would be fetched. The library checks `instanceof File`, so a plain
    // `{name, arrayBuffer}` object is refused.
    cover,
    tocTitle: strings.toc,
    tocInTOC: false,
    numberChaptersInTOC: false,
    prependChapterTitles: false,
    date: meta.date,
    lang,
    css: epubStyle() + (font ? fontStyle(font, lang) : '') + (vertical ? verticalStyle : ''),
    chapterXHTML: chapterXhtml,
    contentOPF: contentOpf,
    tocNCX: tocNcx,
    tocXHTML: tocXhtml,
    fonts: [],
    version: 3,
    ignoreFailedDownloads: false,
    verbose: false,
    zhbook: data
  }

  const path = meta.slug + '-' + edition.id + (kepub ? '.kepub.epub' : '.epub')
  let session: Map<string, LastBuild> | undefined
  if (context.session) {
    session = lastBuilds.get(context.session) ?? new Map()
    lastBuilds.set(context.session, session)
  }

  const last = session?.get(path)
  const {cover: _, ...settings} = options
  // Bodies aside, the library's inputs: its package documents (OPF, NCX,
  // navigation, style sheet) and every chapter's frame come from these.
  const key = JSON.stringify([
    settings,
    content.map((chapter) => ({...chapter, zhbook: {...chapter.zhbook, body: null}}))
  ])
  const bodies = content.map((chapter) => chapter.zhbook.body)
  let entries: Map<string, EntryData>

  if (last && last.key === key && last.cover === cover) {
    // Why: the library validates and renders every document on every run;
    // after an edit of one chapter only that chapter's document differs.
    // The library renders the changed documents alone, with the same
    // options and templates (which read nothing of a chapter's place in
    // the book), and the rest is what it wrote last time: the same bytes a
    // full run gives (tests/incremental.test.ts).
    entries = new Map(last.entries)
    const changed = content.filter((chapter, index) => chapter.zhbook.body !== last.bodies[index])
    if (changed.length > 0) {
      const partial = new Archive(options, changed)
      await partial.render()
      for (const chapter of changed) {
        const name = 'OEBPS/' + chapter.filename
        const data = partial.entries.files.get(name)
        if (data === undefined) throw new Error('Unexpected missing document `' + name + '` from the library')
        entries.set(name, data)
      }
    }
  } else {
    const archive = new Archive(options, content)
    await archive.render()
    entries = new Map(archive.entries.files)
  }

  const recorded = new EntryRecorder()
  for (const [name, data] of entries) recorded.file(name, data)
  if (font) await embedFont(recorded, font, edition.id, context.fonts)
  const result = await packArchive(recorded, context.modified, last?.packed)
  session?.set(path, {key, cover, bodies, entries, packed: result.packed})
  return result.bytes
}

/**
 * The cover image: the book's own (`cover:` in `book.yaml`, a JPEG or PNG the
 * loader checked is inside the manuscript folder), or a PNG drawn from the
 * SVG made from the book's metadata.
 *
 * Why a `File`: it is read in memory (`arrayBuffer()`); a string cover would
 * be fetched. The library checks `instanceof File`, so a plain `{name,
 * arrayBuffer}` object is refused. It names the file `cover.<extension of
 * its type>` (`cover.jpeg`), so the file is named that way here too, and the
 * cover page can point at it.
 *
 * @param book
 *   The edition.
 * @param context
 *   Build-wide settings (the fonts to draw with, the cache).
 * @returns
 *   File.
 */
async function coverFile(book: EditionBook, context: RenderContext): Promise<File> {
  const path = book.meta.cover
  const fonts = path ? [] : (context.coverFonts ?? findCoverFonts())
  // Why remembered: the same cover comes back as the same `File` while its
  // inputs stay the same, so a rebuild in watch mode knows the library's
  // package documents and cover are what it made last time (`packageEpub`).
  let key: string
  if (path) {
    const stat = await fs.stat(path, {bigint: true})
    key = JSON.stringify([
      'file',
      path,
      String(stat.ino),
      String(stat.size),
      String(stat.mtimeNs),
      String(stat.ctimeNs)
    ])
  } else {
    key = JSON.stringify(['drawn', book.meta, book.edition, fonts, context.cacheDir ?? null])
  }

  let file = coverFiles.get(key)
  if (!file) {
    file = (async () => {
      if (!path) {
        return new File([await coverPng(coverSvg(book), fonts, context.cacheDir)], 'cover.png', {type: 'image/png'})
      }

      const png = /\.png$/i.test(path)
      return new File([await fs.readFile(path)], png ? 'cover.png' : 'cover.jpeg', {
        type: png ? 'image/png' : 'image/jpeg'
      })
    })()
    coverFiles.set(key, file)
    file.catch(() => coverFiles.delete(key))
    // A few editions' covers; older ones go.
    while (coverFiles.size > 8) coverFiles.delete(coverFiles.keys().next().value!)
  }

  return file
}

/**
 * Serialise the body of a content document: its section in `main`, with
 * Kobo's markup if asked.
 *
 * @param section
 *   The document's `section`, made for this call (changed in place).
 * @param kepub
 *   Whether to add Kobo's spans and wrapper.
 * @returns
 *   XHTML fragment.
 */
function serialize(section: Element, kepub: boolean): string {
  // Why `main`: the document's content is its main landmark, which
  // assistive technology jumps to (axe: `landmark-one-main`, `region`).
  let tree: Root = {type: 'root', children: [h('main', [section])]}
  if (kepub) tree = koboProcessor.runSync(tree) as Root
  return toXhtml(tree, {fragment: true})
}

/**
 * Make sure chapter ids can name files and manifest items.
 *
 * @param chapters
 *   Chapters.
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
 * @param date
 *   Date.
 * @returns
 *   `YYYY-MM-DDThh:mm:ssZ` (UTC, no fraction).
 */
function formatModified(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z')
}
