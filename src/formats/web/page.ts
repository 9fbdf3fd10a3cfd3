/**
 * Page templates of the web edition, built as hast and compiled by rehype-stringify: the chapter
 * content is already hast, and building the frame the same way means nothing is escaped twice or
 * not at all.
 *
 * Templates take plain data (titles, relative hrefs); which file links to which is decided in
 * `web.ts`. The frame around the content (header, drawer, settings) is in `web-frame.ts`; the title
 * pages in `web-page-index.ts`; the search page in `web-page-search.ts`.
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

/** Compiles a page's tree to HTML: the end of every page's processor. */
const pageCompiler = unified().use(rehypeStringify).freeze()

/** Where a page finds the site's shared files, as hrefs relative to it. */
export interface SiteAssets {
  /** The stylesheet. */
  stylesheet: string
  /** The icon. */
  icon: string
  /**
   * The script that applies the reader's settings; loaded in `<head>` without `defer`, so the page
   * is drawn with them from its first frame.
   */
  preferences: string
  /** Other scripts, loaded with `defer`, in this order. */
  scripts: readonly string[]
}

/** What every page has: its frame. */
export interface DocumentOptions {
  /** Language of the page. */
  lang: string
  /** Contents of `<title>`. */
  title: string
  /** Shared files. */
  assets: SiteAssets
  /** Meta description (optional). */
  description?: string | undefined
  /** The same page in other editions, for `<link rel="alternate">` (optional). */
  alternates?: readonly EditionLink[] | undefined
  /** Classes of `<body>` (optional). */
  bodyClass?: readonly string[] | undefined
  /** Children of `<body>`. */
  body: ElementContent[]
}

/** What a chapter page needs. */
export interface ChapterPageOptions {
  /** Book metadata, in the edition's script. */
  meta: BookMeta
  /** Language of the edition. */
  lang: string
  /** The chapter. */
  chapter: EditionChapter
  /** Every chapter of the edition, for the contents drawer. */
  chapters: readonly PageLink[]
  /** Relative href of this chapter (as in `chapters`). */
  href: string
  /** Previous chapter (optional; none on the first). */
  previous?: PageLink | undefined
  /** Next chapter (optional; none on the last). */
  next?: PageLink | undefined
  /** Relative href of the edition index. */
  index: string
  /** Relative href of the edition's search page. */
  search: string
  /** Shared files. */
  assets: SiteAssets
  /** This chapter in the other editions (or, for a chapter they lack, their title pages). */
  editions: readonly EditionLink[]
  /**
   * This chapter in the other editions, for `<link rel="alternate">` (optional, default:
   * `editions`).
   */
  alternates?: readonly EditionLink[] | undefined
  /** What the settings panel offers. */
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

  // Blocking on purpose: it only sets attributes on `<html>`, and running it before the body is
  // drawn keeps a dark-mode reader from a white flash.
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
 * A chapter page: the header with the reading tools, the chapter, previous/next links, and the
 * contents drawer.
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
    // The chapter's own nodes, not copies: serialising does not change them.
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
 * English or the pinyin only on pages that have a switch for it).
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

/** One side of the previous/next navigation. */
function pagerItem(className: string, rel: 'prev' | 'next', label: string, link: PageLink): Element {
  return h('li', {className: [className]}, [
    h('a', {href: link.href, rel: [rel]}, [
      h('span', {className: ['pager-label']}, label),
      h('span', {className: ['pager-title']}, link.title)
    ])
  ])
}

/**
 * The body of a chapter, as children of `<main>`.
 *
 * @returns
 *   Its nodes (the glossary's wrapped in a `doc-glossary` section); a stray doctype (a root is
 *   allowed one, `<main>` is not) is dropped.
 */
function content(chapter: EditionChapter): ElementContent[] {
  const children = chapter.tree.children.filter((node): node is ElementContent => node.type !== 'doctype')

  // The glossary is a landmark of its own for assistive technology (the EPUB wraps it the same
  // way).
  return chapter.kind === 'glossary'
    ? [h('section', {role: 'doc-glossary', ariaLabel: chapter.title}, children)]
    : children
}
