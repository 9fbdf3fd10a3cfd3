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
import {h} from 'hastscript'
import type {
  EditionBook,
  EditionChapter,
  RenderContext,
  Renderer
} from '../model.js'
import {Archive, packArchive, type PackedArchive} from './epub-archive.js'
import {chapterSection} from './epub-chapter.js'
import {chapterLinkResolver} from './links.js'
import {groupNoteReferences} from './notes.js'
import {coverSvg} from './epub-cover.js'
import {stringsFor} from '../locale.js'
import {epubStyle} from './epub-style.js'
import {embedFont, fontItem, fontStyle} from './epub-font.js'
import {uprightRuns, verticalStyle} from './epub-vertical.js'
import {
  chapterXhtml,
  contentOpf,
  tocNcx,
  tocXhtml,
  type BookTemplateData,
  type DocumentTemplateData
} from './epub-templates.js'
import {chapterMemo} from '../cache/memo.js'
import {escapeXml, toXhtml} from './xhtml.js'

/** Chapter documents already serialised (watch mode reuses them). */
const xhtmlMemo = chapterMemo<string>()

/** The archives of a session's last build, by EPUB path: the next build reuses their compressed entries. */
const packedArchives = new WeakMap<object, Map<string, PackedArchive>>()

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
 * Writes `<slug>-<edition>.epub`: EPUB 3 with a navigation document and an
 * NCX, the book's cover image or a generated SVG one, one XHTML file per chapter (`<id>.xhtml`; a
 * `glossary` chapter is an EPUB glossary and a landmark). An edition in
 * several languages gets one `dc:language` each, its own first; a translated
 * title gets a `dc:title` in its language and a line on the cover.
 * With `book.typography`, the EPUB embeds a font subset to the characters of
 * its documents (`epub-font.ts`, through `context.fonts`) and is set
 * vertically (`epub-vertical.ts`).
 * The same edition and context always give the same bytes.
 */
export const epub: Renderer = {
  name: 'epub',
  async render(book: EditionBook, context: RenderContext) {
    checkChapters(book.chapters)

    const {meta, edition} = book
    const lang = edition.lang
    const strings = stringsFor(lang)
    const translated = meta.translated
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
            expanded: escapeXml(
              translated.title + (translated.subtitle ? ': ' + translated.subtitle : '')
            )
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
      font: font ? fontItem(font) : undefined,
      vertical
    }

    const resolveLinks = chapterLinkResolver(book.chapters, (id) => id + '.xhtml')
    const chapterIds = book.chapters.map((chapter) => chapter.id).join(' ')

    const coverAlt =
      meta.title +
      (meta.subtitle ? '：' + meta.subtitle : '') +
      (meta.author ? '（' + meta.author + '）' : '')

    const cover = await coverFile(book)
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
          body: toXhtml(
            h('section', {'epub:type': 'cover', className: ['cover']}, [
              h('img', {src: cover.name, alt: coverAlt, role: 'doc-cover'})
            ]),
            {fragment: true}
          )
        }
      },
      ...book.chapters.map((chapter): LibraryChapter => {
        const manifestId = 'chapter-' + chapter.id
        // The XHTML of a chapter depends on it, its language, whether it is
        // set vertically and, through its links, on the ids of the book's
        // chapters.
        const body = xhtmlMemo(chapter, `${lang}\0${chapterIds}\0${vertical}`, () => {
          const section = chapterSection(chapter, groupNoteReferences(resolveLinks(chapter)), manifestId)
          return toXhtml(vertical ? uprightRuns(section) : section, {fragment: true})
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
      css: epubStyle + (font ? fontStyle(font, lang) : '') + (vertical ? verticalStyle : ''),
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

    const archive = new Archive(options, content)
    await archive.render()
    if (font) await embedFont(archive.entries, font, edition.id, context.fonts)
    const path = meta.slug + '-' + edition.id + '.epub'
    let packed: Map<string, PackedArchive> | undefined
    if (context.session) {
      packed = packedArchives.get(context.session) ?? new Map()
      packedArchives.set(context.session, packed)
    }

    const result = await packArchive(archive.entries, context.modified, packed?.get(path))
    packed?.set(path, result.packed)

    return [{path, data: result.bytes}]
  }
}

/**
 * The cover image: the book's own (`cover:` in `book.yaml`, a JPEG or PNG the
 * loader checked is inside the manuscript folder), or a generated SVG.
 *
 * Why: the library names the file `cover.<extension of its type>`
 * (`cover.jpeg`), so the file is named that way here too, and the cover
 * page can point at it.
 *
 * @param book
 *   The edition.
 * @returns
 *   File.
 */
async function coverFile(book: EditionBook): Promise<File> {
  const path = book.meta.cover
  if (!path) return new File([coverSvg(book)], 'cover.svg', {type: 'image/svg+xml'})
  const png = /\.png$/i.test(path)
  return new File([await fs.readFile(path)], png ? 'cover.png' : 'cover.jpeg', {
    type: png ? 'image/png' : 'image/jpeg'
  })
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
    if (
      !chapterIdExpression.test(chapter.id) ||
      reservedIds.has(chapter.id) ||
      seen.has(chapter.id)
    ) {
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
