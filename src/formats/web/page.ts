/**
 * Page templates of the web edition, built as hast and compiled by rehype-stringify: the content is
 * hast already, so nothing is escaped twice or not at all. Templates take plain data; which file
 * links to which is decided in `web.ts`.
 */
import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import rehypeStringify from 'rehype-stringify'
import {unified} from 'unified'
import type {BookMeta, EditionChapter} from '../../core/model.js'
import {stringsFor} from '../../core/locale.js'
import {
  contentsDrawer,
  lineFeed,
  lines,
  mainId,
  siteHeader,
  skipLink,
  type EditionLink,
  type PageLink,
  type SettingsOptions
} from './frame.js'
import {webStringsFor} from './strings.js'

export type {EditionLink, PageLink, SettingsOptions} from './frame.js'

const pageCompiler = unified().use(rehypeStringify).freeze()

/** Where a page finds the site's shared files, as hrefs relative to it. */
export interface SiteAssets {
  stylesheet: string
  icon: string
  /** The settings script, in `<head>` without `defer`, so the first frame is drawn with them. */
  preferences: string
  /** Other scripts, loaded with `defer`, in this order. */
  scripts: readonly string[]
}

/** What every page has: its frame. */
export interface DocumentOptions {
  lang: string
  title: string
  assets: SiteAssets
  description?: string | undefined
  /** The same page in other editions, for `<link rel="alternate">` (optional). */
  alternates?: readonly EditionLink[] | undefined
  bodyClass?: readonly string[] | undefined
  body: ElementContent[]
}

/** What a chapter page needs. */
export interface ChapterPageOptions {
  meta: BookMeta
  lang: string
  chapter: EditionChapter
  /** Every chapter of the edition, for the contents drawer. */
  chapters: readonly PageLink[]
  href: string
  previous?: PageLink | undefined
  next?: PageLink | undefined
  index: string
  search: string
  assets: SiteAssets
  /** This chapter in the other editions (or, for a chapter they lack, their title pages). */
  editions: readonly EditionLink[]
  /** This chapter in the other editions, for `<link rel="alternate">` (optional, default: `editions`). */
  alternates?: readonly EditionLink[] | undefined
  settings: SettingsOptions
  /** Content of the page footer, e.g. the dictionary's credit (optional). */
  footer?: readonly ElementContent[] | undefined
}

/** Id of the table of contents on an edition index, for `index.html#toc`. */
export const tocId = 'toc'

/**
 * Serialise a whole page.
 *
 * @param options
 *   Frame and body.
 * @returns
 *   HTML document, ending in a line feed.
 */
export function documentPage(options: DocumentOptions): string {
  const {assets} = options
  const head: ElementContent[] = [
    h('meta', {charSet: 'utf-8'}),
    h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
    h('meta', {name: 'color-scheme', content: 'light dark'}),
    h('title', options.title)
  ]

  if (options.description) {
    head.push(h('meta', {name: 'description', content: options.description}))
  }

  head.push(
    h('link', {rel: 'stylesheet', href: assets.stylesheet}),
    h('link', {rel: 'icon', href: assets.icon, type: 'image/svg+xml'})
  )

  for (const alternate of options.alternates ?? []) {
    head.push(h('link', {rel: 'alternate', hrefLang: alternate.lang, href: alternate.href}))
  }

  // Blocking on purpose: it sets attributes on `<html>` before the body is drawn (no white flash in
  // dark mode).
  head.push(h('script', {src: assets.preferences}))

  for (const script of assets.scripts) {
    head.push(h('script', {src: script, defer: true}))
  }

  const bodyClass = options.bodyClass ?? []
  const tree: Root = {
    type: 'root',
    children: [
      {type: 'doctype'},
      lineFeed(),
      h('html', {lang: options.lang}, [
        lineFeed(),
        h('head', lines(head)),
        lineFeed(),
        h('body', {className: bodyClass.length > 0 ? [...bodyClass] : undefined}, lines(options.body)),
        lineFeed()
      ]),
      lineFeed()
    ]
  }

  return pageCompiler.stringify(tree)
}

/**
 * A chapter page: the header with the reading tools, the chapter, previous/next, the drawer.
 *
 * @param options
 *   Chapter and links.
 * @returns
 *   HTML document.
 */
export function chapterPage(options: ChapterPageOptions): string {
  const strings = stringsFor(options.lang)
  const web = webStringsFor(options.lang)
  const pager: Element[] = []

  if (options.previous) {
    pager.push(pagerItem('pager-prev', 'prev', strings.previous, options.previous))
  }

  pager.push(h('li', {className: ['pager-toc']}, [h('a', {href: options.index + '#' + tocId}, strings.toc)]))

  if (options.next) {
    pager.push(pagerItem('pager-next', 'next', strings.next, options.next))
  }

  const home: PageLink = {href: options.index, title: options.meta.title}
  const body: ElementContent[] = [
    skipLink(strings),
    siteHeader({
      strings,
      web,
      home,
      editions: options.editions,
      drawer: true,
      search: options.search,
      settings: options.settings
    }),
    // The chapter's own nodes: serialising does not change them.
    h('main', {id: mainId}, content(options.chapter)),
    h('nav', {className: ['pager'], ariaLabel: strings.chapterNavigation}, h('ul', lines(pager))),
    contentsDrawer({strings, web, home, chapters: options.chapters, current: options.href})
  ]

  if (options.footer && options.footer.length > 0) {
    body.push(h('footer', {className: ['site-footer']}, [...options.footer]))
  }

  return documentPage({
    lang: options.lang,
    title: options.chapter.title + ' — ' + options.meta.title,
    assets: options.assets,
    alternates: options.alternates ?? options.editions,
    bodyClass: bodyClasses('chapter-page', options.settings),
    body
  })
}

/**
 * Classes of a page's `<body>`: its kind, and what the reader may hide (the stylesheet hides the
 * English or the pinyin only on pages with a switch for it).
 *
 * @param kind
 *   Kind of page, e.g. `chapter-page`.
 * @param settings
 *   What the settings panel offers.
 * @returns
 *   Classes.
 */
export function bodyClasses(kind: string, settings: SettingsOptions): string[] {
  const classes = [kind]
  if (settings.translation) classes.push('has-translation')
  if (settings.ruby) classes.push('has-ruby')
  return classes
}

function pagerItem(className: string, rel: 'prev' | 'next', label: string, link: PageLink): Element {
  return h('li', {className: [className]}, [
    h('a', {href: link.href, rel: [rel]}, [
      h('span', {className: ['pager-label']}, label),
      h('span', {className: ['pager-title']}, link.title)
    ])
  ])
}

/** The body of a chapter for `<main>`; a stray doctype (allowed in a root, not in `<main>`) is dropped. */
function content(chapter: EditionChapter): ElementContent[] {
  const children = chapter.tree.children.filter((node): node is ElementContent => node.type !== 'doctype')

  // The glossary is a landmark of its own (the EPUB wraps it the same way).
  return chapter.kind === 'glossary'
    ? [h('section', {role: 'doc-glossary', ariaLabel: chapter.title}, children)]
    : children
}
