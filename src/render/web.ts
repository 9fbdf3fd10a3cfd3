/**
 * The web edition: a static site of plain HTML pages, one folder per edition.
 *
 * ```
 * web/index.html            the book and its editions   (renderSiteIndex)
 * web/style.css             one stylesheet for all      (renderSiteIndex)
 * web/notes.js              glossary note pop-ups       (renderSiteIndex, when
 *                           a chapter has note references)
 * web/<edition>/index.html  title page and contents     (web.render)
 * web/<edition>/<id>.html   one page per chapter        (web.render)
 * ```
 *
 * Every link is relative and every page is complete, so the site works from
 * `file://` and any static server, and needs no request beyond its own files.
 * Output depends only on the input (no clock, no random ids), so rebuilding an
 * unchanged book writes identical bytes.
 *
 * The stylesheet and the site index are shared by the editions, so they are
 * written once by `renderSiteIndex` rather than by each edition's `render`:
 * two renderers writing one path would make the build's output depend on
 * their order.
 */
import type {
  EditionBook,
  EditionChapter,
  EditionInfo,
  OutputFile,
  RenderContext,
  Renderer
} from '../model.js'
import {chapterLinkResolver} from './links.js'
import {groupNoteReferences, hasNoteReferences} from './notes.js'
import {notesScript} from './web-notes.js'
import {
  chapterPage,
  editionIndexPage,
  siteIndexPage,
  type EditionLink,
  type PageLink
} from './web-page.js'
import {webStyle} from './web-style.js'

/** Folder of the web edition in the output folder. */
const root = 'web'

/** Name of an index page, in the site folder and in each edition's folder. */
const indexName = 'index.html'

/** Name of the stylesheet, in the site folder. */
const styleName = 'style.css'

/** Name of the note pop-up script, in the site folder. */
const notesName = 'notes.js'

/**
 * Chapter ids become file names: keep them to characters that need no
 * escaping in a URL or on any file system.
 */
const chapterIdPattern = /^[A-Za-z\d][\w.-]*$/

/**
 * Renderer of an edition's web pages: `web/<edition>/index.html` and one
 * `web/<edition>/<chapter>.html` per chapter.
 *
 * Pages link to `../style.css` and `../index.html`, which `renderSiteIndex`
 * writes; chapter pages link to the same chapter in every other edition of
 * `context.editions`.
 */
export const web: Renderer = {
  name: 'web',
  async render(book, context) {
    return renderEdition(book, context)
  }
}

/**
 * Render the site index, the shared stylesheet and, when a chapter of any
 * edition has note references, the note pop-up script.
 *
 * @param books
 *   Every edition of the build, in the order to list them; the page is
 *   written in the language of the edition in the manuscript's own script
 *   (the first edition if none is).
 * @param context
 *   Build-wide settings (unused today: the links come from `books`; taken so
 *   every web output is made from the same inputs).
 * @returns
 *   `web/index.html`, `web/style.css`, and `web/notes.js` if needed.
 */
export function renderSiteIndex(
  books: readonly EditionBook[],
  context: RenderContext
): OutputFile[] {
  void context
  const primary =
    books.find((book) => book.edition.lang === book.meta.language) ?? books[0]

  if (!primary) {
    throw new Error('Unexpected empty list of editions, expected at least one')
  }

  const seen = new Set<string>()

  for (const book of books) {
    if (seen.has(book.edition.id)) {
      throw new Error(
        'Unexpected second edition `' + book.edition.id + '`, expected each edition once'
      )
    }

    seen.add(book.edition.id)
  }

  const files: OutputFile[] = [
    {
      path: root + '/' + indexName,
      data: siteIndexPage({
        meta: primary.meta,
        lang: primary.meta.language,
        // The English title of the bilingual edition tells a reader without
        // Chinese what the book is, whichever edition's metadata leads.
        translated:
          primary.meta.translated ??
          books.find((book) => book.meta.translated)?.meta.translated,
        editions: books.map((book) => editionLink(book.edition, '', indexName)),
        stylesheet: styleName
      })
    },
    {path: root + '/' + styleName, data: webStyle}
  ]

  // Why only then: editions without notes (Traditional, Simplified) keep
  // exactly the files they had.
  if (
    books.some((book) =>
      book.chapters.some((chapter) => hasNoteReferences(chapter.tree))
    )
  ) {
    files.push({path: root + '/' + notesName, data: notesScript})
  }

  return files
}

/**
 * Render one edition.
 *
 * @param book
 *   Edition.
 * @param context
 *   Build-wide settings.
 * @returns
 *   The edition's index page and chapter pages.
 */
function renderEdition(book: EditionBook, context: RenderContext): OutputFile[] {
  checkChapterIds(book.chapters)

  const {edition, meta, chapters} = book
  const folder = root + '/' + edition.id + '/'
  const stylesheet = '../' + styleName
  const others = context.editions.filter((other) => other.id !== edition.id)
  const links: PageLink[] = chapters.map((chapter) => ({
    href: chapterFile(chapter.id),
    title: chapter.title
  }))
  const resolveLinks = chapterLinkResolver(chapters, chapterFile)

  const files: OutputFile[] = [
    {
      path: folder + indexName,
      data: editionIndexPage({
        meta,
        lang: edition.lang,
        label: edition.label,
        chapters: links,
        siteIndex: '../' + indexName,
        stylesheet,
        editions: others.map((other) => editionLink(other, '../', indexName))
      })
    }
  ]

  for (const [index, chapter] of chapters.entries()) {
    const tree = groupNoteReferences(resolveLinks(chapter))
    // Only chapters (`kind: 'chapter'`) are in every edition: the
    // glossary of the bilingual edition links to the other editions' title
    // pages, and has no alternates.
    const shared = (chapter.kind ?? 'chapter') === 'chapter'

    files.push({
      path: folder + chapterFile(chapter.id),
      data: chapterPage({
        meta,
        lang: edition.lang,
        chapter: {...chapter, tree},
        previous: links[index - 1],
        next: links[index + 1],
        index: indexName,
        stylesheet,
        script: hasNoteReferences(tree) ? '../' + notesName : undefined,
        editions: others.map((other) =>
          editionLink(other, '../', shared ? chapterFile(chapter.id) : indexName)
        ),
        alternates: shared
          ? others.map((other) => editionLink(other, '../', chapterFile(chapter.id)))
          : []
      })
    })
  }

  return files
}

/**
 * Check that chapter ids make distinct, safe file names that do not clash
 * with the index page.
 *
 * @param chapters
 *   Chapters.
 * @returns
 *   Nothing; throws on the first bad id.
 */
function checkChapterIds(chapters: readonly EditionChapter[]): undefined {
  const seen = new Set<string>()

  for (const chapter of chapters) {
    const where = ' (' + chapter.sourcePath + ')'

    if (!chapterIdPattern.test(chapter.id)) {
      throw new Error(
        'Unexpected chapter id `' +
          chapter.id +
          '`' +
          where +
          ', expected ASCII letters, digits, `.`, `_`, `-`'
      )
    }

    if (chapterFile(chapter.id) === indexName || seen.has(chapter.id)) {
      throw new Error(
        'Unexpected chapter id `' +
          chapter.id +
          '`' +
          where +
          ', expected an id that is unique and not `index`'
      )
    }

    seen.add(chapter.id)
  }
}

/**
 * File name of a chapter's page, also its href from the edition's folder.
 *
 * @param id
 *   Chapter id.
 * @returns
 *   `<id>.html`.
 */
function chapterFile(id: string): string {
  return id + '.html'
}

/**
 * A link to a page of an edition.
 *
 * @param edition
 *   Target edition.
 * @param base
 *   Relative path from the linking page to the site folder (`''` or `'../'`).
 * @param file
 *   Page in the edition's folder.
 * @returns
 *   Link.
 */
function editionLink(edition: EditionInfo, base: string, file: string): EditionLink {
  return {
    href: base + edition.id + '/' + file,
    lang: edition.lang,
    label: edition.label,
    otherLanguages: edition.otherLanguages
  }
}
