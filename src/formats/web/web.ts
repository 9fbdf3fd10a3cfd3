/**
 * The web edition: a static reading site of plain HTML pages, one folder per edition.
 *
 * ```
 * web/index.html, style.css, favicon.svg   site index and shared files (renderSiteIndex)
 * web/prefs.js, site.js, search-page.js    reader's settings, drawer and switch, search
 * web/notes.js, dictionary-popup.js        pop-ups, when a chapter has notes / a dictionary
 * web/<edition>/index.html, <id>.html      title page and contents, chapters (web.render)
 * web/<edition>/search.html, search.js     search page and index
 * web/<edition>/dictionary.js              the edition's dictionary table, if any
 * ```
 *
 * Links are relative and data ships as scripts assigning a global (`fetch` of a local file is
 * blocked on `file://`), so the site works from `file://`. Without scripts every page is readable.
 * Shared files are written once by `renderSiteIndex`: two renderers writing one path would make the
 * output depend on their order.
 */
import type {Element, ElementContent, Root} from 'hast'
import {visitElements} from '../../core/walk.js'
import {EXIT} from 'unist-util-visit'
import type {EditionBook, EditionChapter, EditionInfo, OutputFile, RenderContext, Renderer} from '../../core/model.js'
import {readAsset} from '../shared/assets.js'
import {chapterLinkResolver} from '../shared/links.js'
import {treeFeatures, webContentStyle} from '../shared/content-style.js'
import {resourceFiles} from '../shared/resources.js'
import type {BuildSession} from '../../build/session.js'
import {dictionaryTableScript} from './dictionary.js'
import {dictionaryCredit, type SettingsOptions} from './frame.js'
import {iconSvg} from './icon.js'
import {editionIndexPage, siteIndexPage, type EditionEntry} from './page-index.js'
import {searchPage} from './page-search.js'
import {chapterPage, type EditionLink, type PageLink, type SiteAssets} from './page.js'
import {searchIndex, searchScripts} from './search-index.js'
import {webStringsFor} from './strings.js'

const root = 'web'

function needsStyle(book: EditionBook, session: BuildSession): boolean {
  return book.chapters.some((chapter) => treeFeatures(chapter.tree, session).contentStyle)
}

const names = {
  index: 'index.html',
  style: 'style.css',
  icon: 'favicon.svg',
  preferences: 'prefs.js',
  site: 'site.js',
  notes: 'notes.js',
  searchPage: 'search-page.js',
  dictionaryPopup: 'dictionary-popup.js',
  search: 'search.html',
  searchIndex: 'search.js',
  searchParts: 'search',
  dictionary: 'dictionary.js'
} as const

/** Chapter ids become file names: characters that need no escaping in a URL or on any file system. */
const chapterIdPattern = /^[A-Za-z\d][\w.-]*$/

/**
 * Renderer of an edition's web pages; they link to the shared files `renderSiteIndex` writes (the
 * renderer's `finish`), and each chapter to itself in every other edition.
 */
export const web: Renderer = {
  name: 'web',
  async render(book, context) {
    return [...renderEdition(book, context), ...(await resourceFiles(book, root + '/' + book.edition.id + '/'))]
  },
  finish(books, context) {
    return {files: renderSiteIndex(books, context)}
  }
}

/**
 * Render the site index and the files the editions share.
 *
 * @param books
 *   Every edition, in the order to list them; the page is in the language of the edition in the
 *   manuscript's own script (else the first).
 * @param context
 *   Build-wide settings (the session keeps the page).
 * @returns
 *   Files.
 */
export function renderSiteIndex(books: readonly EditionBook[], context: RenderContext): OutputFile[] {
  const {session} = context
  const primary = books.find((book) => book.edition.lang === book.meta.language) ?? books[0]

  if (!primary) {
    throw new Error('Unexpected empty list of editions, expected at least one')
  }

  const seen = new Set<string>()

  for (const book of books) {
    if (seen.has(book.edition.id)) {
      throw new Error('Unexpected second edition `' + book.edition.id + '`, expected each edition once')
    }

    seen.add(book.edition.id)
  }

  const files: OutputFile[] = [
    {
      path: root + '/' + names.index,
      data: remembered(session, root + '/' + names.index, siteIndexPage, {
        meta: primary.meta,
        lang: primary.meta.language,
        // The English title tells a reader without Chinese what the book is, whichever edition leads.
        translated: primary.meta.translated ?? books.find((book) => book.meta.translated)?.meta.translated,
        editions: books.map((book): EditionEntry => {
          const first = book.chapters[0]
          return {
            ...editionLink(book.edition, '', names.index),
            start: first ? book.edition.id + '/' + chapterFile(first.id) : undefined
          }
        }),
        assets: assets('', [names.site])
      })
    },
    {path: root + '/' + names.icon, data: iconSvg},
    ...[names.style, names.preferences, names.site, names.searchPage].map((name) => asset(name))
  ]

  if (books.some((book) => book.chapters.some((chapter) => treeFeatures(chapter.tree, session).noteReference))) {
    files.push(asset(names.notes))
  }

  if (books.some((book) => book.dictionary)) {
    files.push(asset(names.dictionaryPopup))
  }

  if (books.some((book) => needsStyle(book, session))) {
    const style = files.find((file) => file.path === root + '/' + names.style)!
    style.data = String(style.data) + webContentStyle()
  }

  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/** A file of the site folder bundled from `client/` or `styles/`, named as in `dist/assets/web/`. */
function asset(name: string): OutputFile {
  return {path: root + '/' + name, data: readAsset('web/' + name)}
}

/**
 * Render a page made from its options alone, or give back what the same options gave last time
 * (watch mode: an edited chapter leaves the contents and search pages as they were).
 */
function remembered<T>(session: BuildSession, path: string, render: (options: T) => string, options: T): string {
  const pages = session.keyed<{key: string; html: string}>('web.other-pages', 64)
  const key = JSON.stringify(options)
  const known = pages.peek(path)
  if (known?.key === key) return known.html
  const html = render(options)
  pages.set(path, {key, html})
  return html
}

function renderEdition(book: EditionBook, context: RenderContext): OutputFile[] {
  checkChapterIds(book.chapters)
  const {session} = context
  const pageMemo = session.chapterMemo<{tree: Root; html: string}>('web.page')

  const {edition, meta, chapters, dictionary} = book
  const folder = root + '/' + edition.id + '/'
  const others = context.editions.filter((other) => other.id !== edition.id)
  const links: PageLink[] = chapters.map((chapter) => {
    const link: PageLink = {href: chapterFile(chapter.id), title: chapter.title}
    if (chapter.depth) link.depth = chapter.depth
    if (chapter.part !== undefined) {
      link.part = chapter.part
      link.partTitle = book.parts?.[chapter.part]
    }
    return link
  })
  const resolveLinks = chapterLinkResolver(chapters, chapterFile, session)
  const settings: SettingsOptions = {
    translation: (edition.otherLanguages ?? []).length > 0,
    ruby: chapters.some((chapter) => hasRuby(chapter.tree, session))
  }
  const footer: ElementContent[] = dictionary
    ? [dictionaryCredit(webStringsFor(edition.lang), dictionary.attribution)]
    : []

  const files: OutputFile[] = [
    {
      path: folder + names.index,
      data: remembered(session, folder + names.index, editionIndexPage, {
        meta,
        lang: edition.lang,
        label: edition.label,
        chapters: links,
        index: names.index,
        siteIndex: '../' + names.index,
        search: names.search,
        assets: assets('../', ['../' + names.site]),
        editions: others.map((other) => editionLink(other, '../', names.index)),
        settings
      })
    }
  ]

  const resolved: EditionChapter[] = []
  // What every page of the edition is made from besides its chapter and place, as one short token.
  const bookKey = session.intern(
    JSON.stringify([meta, edition.lang, links, names, settings, footer, others, dictionary !== undefined])
  )

  for (const [index, chapter] of chapters.entries()) {
    // Only chapters are in every edition: the bilingual glossary links to the other title pages.
    const shared = (chapter.kind ?? 'chapter') === 'chapter'
    const options = {
      meta,
      lang: edition.lang,
      chapters: links,
      href: chapterFile(chapter.id),
      previous: links[index - 1],
      next: links[index + 1],
      index: names.index,
      search: names.search,
      editions: others.map((other) => editionLink(other, '../', shared ? chapterFile(chapter.id) : names.index)),
      alternates: shared ? others.map((other) => editionLink(other, '../', chapterFile(chapter.id))) : [],
      settings,
      footer
    }
    // An unchanged chapter with unchanged options (contents, neighbours, editions) is not rendered
    // again in watch mode.
    const page = pageMemo(chapter, bookKey + '\0' + index + '\0' + chapter.id + '\0' + shared, () => {
      const tree = resolveLinks(chapter)
      const scripts = ['../' + names.site]
      if (treeFeatures(chapter.tree, session).noteReference) scripts.push('../' + names.notes)
      if (dictionary) scripts.push(names.dictionary, '../' + names.dictionaryPopup)
      return {
        tree,
        html: chapterPage({...options, chapter: {...chapter, tree}, assets: assets('../', scripts)})
      }
    })
    resolved.push({...chapter, tree: page.tree})
    files.push({path: folder + chapterFile(chapter.id), data: page.html})
  }

  const search = searchScripts(searchIndex(resolved, session), session)
  const searchParts = search.parts.map((part) => names.searchParts + '/' + part.id + '.js')
  files.push(
    {
      path: folder + names.search,
      data: remembered(session, folder + names.search, searchPage, {
        meta,
        lang: edition.lang,
        index: names.index,
        href: names.search,
        // Deferred, so run in order: the chapters' scripts after the index, the page's own last.
        assets: assets('../', ['../' + names.site, names.searchIndex, ...searchParts, '../' + names.searchPage]),
        editions: others.map((other) => editionLink(other, '../', names.search)),
        settings
      })
    },
    {path: folder + names.searchIndex, data: search.index},
    ...search.parts.map((part, index) => ({path: folder + searchParts[index]!, data: part.script}))
  )

  if (dictionary) {
    files.push({path: folder + names.dictionary, data: dictionaryTableScript(dictionary, session)})
  }

  return files
}

/** The shared files, as a page at `base` (`''` or `'../'`) from the site folder links them. */
function assets(base: string, scripts: readonly string[]): SiteAssets {
  return {
    stylesheet: base + names.style,
    icon: base + names.icon,
    preferences: base + names.preferences,
    scripts
  }
}

function hasRuby(tree: Root, session: BuildSession): boolean {
  return session.chapterMemo<boolean>('web.ruby')(tree, '', () => findRuby(tree))
}

function findRuby(tree: Root): boolean {
  let found = false

  visitElements(tree, (node: Element) => {
    if (node.tagName === 'rt') {
      found = true
      return EXIT
    }

    return undefined
  })

  return found
}

/** Check that chapter ids make distinct, safe file names apart from the index and search pages. */
function checkChapterIds(chapters: readonly EditionChapter[]): undefined {
  const seen = new Set<string>()
  const reserved = new Set<string>([names.index, names.search])

  for (const chapter of chapters) {
    const where = ' (' + chapter.sourcePath + ')'

    if (!chapterIdPattern.test(chapter.id)) {
      throw new Error(
        'Unexpected chapter id `' + chapter.id + '`' + where + ', expected ASCII letters, digits, `.`, `_`, `-`'
      )
    }

    if (reserved.has(chapterFile(chapter.id)) || seen.has(chapter.id)) {
      throw new Error(
        'Unexpected chapter id `' +
          chapter.id +
          '`' +
          where +
          ', expected an id that is unique and not `index` or `search`'
      )
    }

    seen.add(chapter.id)
  }
}

function chapterFile(id: string): string {
  return id + '.html'
}

/** A link to a page of an edition; `base` is the path from the linking page to the site folder. */
function editionLink(edition: EditionInfo, base: string, file: string): EditionLink {
  return {
    href: base + edition.id + '/' + file,
    lang: edition.lang,
    label: edition.label,
    otherLanguages: edition.otherLanguages
  }
}
