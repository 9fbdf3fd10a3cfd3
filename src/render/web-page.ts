/**
 * Page templates of the web edition, built as hast and serialised with
 * hast-util-to-html: the chapter content is already hast, and building the
 * frame the same way means nothing is escaped twice or not at all.
 *
 * Templates take plain data (titles, relative hrefs); which file links to
 * which is decided in `web.ts`.
 */
import type {Element, ElementContent, Root, Text} from 'hast'
import {toHtml} from 'hast-util-to-html'
import {h} from 'hastscript'
import type {BookMeta, EditionChapter, TranslatedTitle} from '../model.js'
import {stringsFor, type UiStrings} from '../locale.js'

/** A link to a page. */
export interface PageLink {
  /** Relative href. */
  href: string
  /** Text of the link. */
  title: string
}

/** A link to an edition (or to a page in another edition). */
export interface EditionLink {
  /** Relative href. */
  href: string
  /** BCP 47 language of the target, for `hreflang` and `lang`. */
  lang: string
  /** Name of the edition in its own script, e.g. `简体中文`. */
  label: string
  /** Other languages of the edition's text, e.g. `['en']` (optional). */
  otherLanguages?: readonly string[] | undefined
}

/** What every page has: its frame. */
export interface DocumentOptions {
  /** Language of the page. */
  lang: string
  /** Contents of `<title>`. */
  title: string
  /** Relative href of the stylesheet. */
  stylesheet: string
  /** Meta description (optional). */
  description?: string | undefined
  /** The same page in other editions, for `<link rel="alternate">` (optional). */
  alternates?: readonly EditionLink[] | undefined
  /** Relative hrefs of scripts, loaded with `defer` (optional). */
  scripts?: readonly string[] | undefined
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
  /** Previous chapter (optional; none on the first). */
  previous?: PageLink | undefined
  /** Next chapter (optional; none on the last). */
  next?: PageLink | undefined
  /** Relative href of the edition index. */
  index: string
  /** Relative href of the stylesheet. */
  stylesheet: string
  /** Relative href of the note pop-up script, if the page needs it (optional). */
  script?: string | undefined
  /** This chapter in the other editions (or, for a chapter they lack, their title pages). */
  editions: readonly EditionLink[]
  /**
   * This chapter in the other editions, for `<link rel="alternate">`
   * (optional, default: `editions`).
   */
  alternates?: readonly EditionLink[] | undefined
}

/** What an edition's title page needs. */
export interface EditionIndexOptions {
  /** Book metadata, in the edition's script. */
  meta: BookMeta
  /** Language of the edition. */
  lang: string
  /** Name of the edition, e.g. `繁體中文`. */
  label: string
  /** Chapters, in reading order. */
  chapters: readonly PageLink[]
  /** Relative href of the site index. */
  siteIndex: string
  /** Relative href of the stylesheet. */
  stylesheet: string
  /** The title page of the other editions. */
  editions: readonly EditionLink[]
}

/** What the site index needs. */
export interface SiteIndexOptions {
  /** Book metadata, in the script of `lang`. */
  meta: BookMeta
  /** Language of the page. */
  lang: string
  /** Every edition. */
  editions: readonly EditionLink[]
  /** Relative href of the stylesheet. */
  stylesheet: string
  /** The title in another language, shown under the title (optional). */
  translated?: TranslatedTitle | undefined
}

/** Id of the table of contents on an edition index, for `index.html#toc`. */
export const tocId = 'toc'

/** Id of the main landmark, target of the skip link. */
const mainId = 'main'

/**
 * Serialise a whole page.
 *
 * @param options
 *   Frame and body.
 * @returns
 *   HTML document, ending in a line feed.
 */
export function documentPage(options: DocumentOptions): string {
  const head: ElementContent[] = [
    h('meta', {charSet: 'utf-8'}),
    h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
    h('meta', {name: 'color-scheme', content: 'light dark'}),
    h('title', options.title)
  ]

  if (options.description) {
    head.push(h('meta', {name: 'description', content: options.description}))
  }

  head.push(h('link', {rel: 'stylesheet', href: options.stylesheet}))

  for (const alternate of options.alternates ?? []) {
    head.push(
      h('link', {rel: 'alternate', hrefLang: alternate.lang, href: alternate.href})
    )
  }

  for (const script of options.scripts ?? []) {
    head.push(h('script', {src: script, defer: true}))
  }

  const tree: Root = {
    type: 'root',
    children: [
      {type: 'doctype'},
      lineFeed(),
      h('html', {lang: options.lang}, [
        lineFeed(),
        h('head', lines(head)),
        lineFeed(),
        h('body', lines(options.body)),
        lineFeed()
      ]),
      lineFeed()
    ]
  }

  return toHtml(tree)
}

/**
 * A chapter page: the book title, the chapter, and previous/next links.
 *
 * @param options
 *   Chapter and links.
 * @returns
 *   HTML document.
 */
export function chapterPage(options: ChapterPageOptions): string {
  const strings = stringsFor(options.lang)
  const pager: Element[] = []

  if (options.previous) {
    pager.push(pagerItem('pager-prev', 'prev', strings.previous, options.previous))
  }

  pager.push(
    h('li', {className: ['pager-toc']}, [
      h('a', {href: options.index + '#' + tocId}, strings.toc)
    ])
  )

  if (options.next) {
    pager.push(pagerItem('pager-next', 'next', strings.next, options.next))
  }

  const header: ElementContent[] = [
    h('p', {className: ['book-title']}, [
      h('a', {href: options.index}, options.meta.title)
    ])
  ]

  if (options.editions.length > 0) {
    header.push(editionNavigation(strings.otherEditions, options.editions))
  }

  return documentPage({
    lang: options.lang,
    title: options.chapter.title + ' — ' + options.meta.title,
    stylesheet: options.stylesheet,
    alternates: options.alternates ?? options.editions,
    scripts: options.script ? [options.script] : [],
    body: [
      skipLink(strings),
      h('header', {className: ['site-header']}, header),
      // The chapter's own nodes, not copies: serialising does not change them.
      h('main', {id: mainId}, content(options.chapter)),
      h(
        'nav',
        {className: ['pager'], ariaLabel: strings.chapterNavigation},
        h('ul', lines(pager))
      )
    ]
  })
}

/**
 * An edition's title page: title, subtitle, colophon and table of contents.
 *
 * @param options
 *   Edition and chapters.
 * @returns
 *   HTML document.
 */
export function editionIndexPage(options: EditionIndexOptions): string {
  const strings = stringsFor(options.lang)
  const footer: ElementContent[] = [
    h('p', [h('a', {href: options.siteIndex}, strings.otherEditions)])
  ]

  if (options.editions.length > 0) {
    footer.push(editionNavigation(strings.editions, options.editions))
  }

  return documentPage({
    lang: options.lang,
    title: options.meta.title + ' — ' + options.label,
    stylesheet: options.stylesheet,
    description: options.meta.subtitle,
    alternates: options.editions,
    body: [
      skipLink(strings),
      h('main', {id: mainId}, [
        titlePage(options.meta, strings, true, options.meta.translated),
        h('nav', {className: ['toc'], id: tocId, ariaLabel: strings.toc}, [
          h('h2', strings.toc),
          h(
            'ol',
            lines(
              options.chapters.map((chapter) =>
                h('li', [h('a', {href: chapter.href}, chapter.title)])
              )
            )
          )
        ])
      ]),
      h('footer', {className: ['site-footer']}, footer)
    ]
  })
}

/**
 * The site index: the book, and a link to each edition.
 *
 * @param options
 *   Book and editions.
 * @returns
 *   HTML document.
 */
export function siteIndexPage(options: SiteIndexOptions): string {
  const strings = stringsFor(options.lang)

  return documentPage({
    lang: options.lang,
    title: options.meta.title,
    stylesheet: options.stylesheet,
    description: options.meta.subtitle,
    body: [
      skipLink(strings),
      h('main', {id: mainId}, [
        titlePage(options.meta, strings, false, options.translated),
        h('nav', {ariaLabel: strings.editions}, [
          h('h2', strings.editions),
          h(
            'ul',
            {className: ['edition-list']},
            lines(options.editions.map((edition) => h('li', editionItem(edition))))
          )
        ])
      ])
    ]
  })
}

/**
 * Title, subtitle, and who and where from.
 *
 * @param meta
 *   Book metadata.
 * @param strings
 *   Interface strings.
 * @param full
 *   Whether to list host and source too (the site index keeps to the author).
 * @param translated
 *   The title in another language, set under the title and subtitle as the
 *   bilingual edition sets its headings (optional).
 * @returns
 *   `<header>` of a title page.
 */
function titlePage(
  meta: BookMeta,
  strings: UiStrings,
  full: boolean,
  translated?: TranslatedTitle | undefined
): Element {
  const children: ElementContent[] = [
    h('h1', [meta.title, translation(translated, translated?.title)])
  ]
  const subtitle = [meta.subtitle, translation(translated, translated?.subtitle)]

  if (meta.subtitle || translated?.subtitle) {
    children.push(h('p', {className: ['subtitle']}, subtitle))
  }

  const entries: Array<[string, string | undefined]> = [[strings.author, meta.author]]

  if (full) {
    entries.push([strings.host, meta.host], [strings.source, meta.source])
  }

  children.push(
    h(
      'dl',
      {className: ['colophon']},
      lines(
        entries
          .filter((entry): entry is [string, string] => Boolean(entry[1]))
          .map(([term, value]) => h('div', [h('dt', term), h('dd', value)]))
      )
    )
  )

  return h('header', {className: ['title-page']}, lines(children))
}

/**
 * One side of the previous/next navigation.
 *
 * @param className
 *   Class of the item, which places it in the grid.
 * @param rel
 *   `prev` or `next`.
 * @param label
 *   Visible label, e.g. `上一章`.
 * @param link
 *   Target.
 * @returns
 *   `<li>`.
 */
function pagerItem(
  className: string,
  rel: 'prev' | 'next',
  label: string,
  link: PageLink
): Element {
  return h('li', {className: [className]}, [
    h('a', {href: link.href, rel: [rel]}, [
      h('span', {className: ['pager-label']}, label),
      h('span', {className: ['pager-title']}, link.title)
    ])
  ])
}

/**
 * A list of links to other editions.
 *
 * @param label
 *   Accessible name of the navigation.
 * @param editions
 *   Editions.
 * @returns
 *   `<nav>`.
 */
function editionNavigation(label: string, editions: readonly EditionLink[]): Element {
  return h(
    'nav',
    {className: ['editions'], ariaLabel: label},
    h('ul', editions.map((edition) => h('li', [editionAnchor(edition)])))
  )
}

/**
 * A run of text in another language, as the bilingual edition writes
 * translations: `<span lang="en" class="translation">`.
 *
 * @param translated
 *   The translated title, for its language (optional).
 * @param value
 *   The text (optional).
 * @returns
 *   `<span>`, or nothing without text.
 */
function translation(
  translated: TranslatedTitle | undefined,
  value: string | undefined
): Element | undefined {
  return translated && value
    ? h('span', {lang: translated.lang, className: ['translation']}, value)
    : undefined
}

/**
 * An item of the list of editions: the link and, for an edition in more
 * than one language, the languages, named in English for readers who do
 * not read the label's script.
 *
 * @param edition
 *   Edition.
 * @returns
 *   Children of the `<li>`.
 */
function editionItem(edition: EditionLink): ElementContent[] {
  const children: ElementContent[] = [editionAnchor(edition)]

  if (edition.otherLanguages && edition.otherLanguages.length > 0) {
    const names = new Intl.DisplayNames(['en'], {type: 'language'})
    children.push(
      {type: 'text', value: ' '},
      h(
        'span',
        {className: ['edition-languages'], lang: 'en'},
        new Intl.ListFormat('en', {type: 'conjunction'}).format(
          [edition.lang, ...edition.otherLanguages].map(
            (lang) => names.of(lang) ?? lang
          )
        )
      )
    )
  }

  return children
}

/**
 * A link to an edition, in that edition's language: the label is written in
 * its own script, and `lang` lets fonts and screen readers treat it so.
 *
 * @param edition
 *   Edition.
 * @returns
 *   `<a>`.
 */
function editionAnchor(edition: EditionLink): Element {
  return h(
    'a',
    {href: edition.href, hrefLang: edition.lang, lang: edition.lang},
    edition.label
  )
}

/**
 * The skip link, first in the body, for keyboard users.
 *
 * @param strings
 *   Interface strings.
 * @returns
 *   `<a>`.
 */
function skipLink(strings: UiStrings): Element {
  return h('a', {className: ['skip'], href: '#' + mainId}, strings.skip)
}

/**
 * The body of a chapter, as children of `<main>`.
 *
 * @param chapter
 *   Chapter.
 * @returns
 *   Its nodes (the glossary's wrapped in a `doc-glossary` section); a stray
 *   doctype (a root is allowed one, `<main>` is not) is dropped.
 */
function content(chapter: EditionChapter): ElementContent[] {
  const children = chapter.tree.children.filter(
    (node): node is ElementContent => node.type !== 'doctype'
  )

  // The glossary is a landmark of its own for assistive technology (the EPUB
  // wraps it the same way).
  return chapter.kind === 'glossary'
    ? [h('section', {role: 'doc-glossary', ariaLabel: chapter.title}, children)]
    : children
}

/**
 * Put a line feed before each node and after the last, so the source of a
 * page reads one block per line and validator messages point at a line.
 *
 * @param nodes
 *   Block-level nodes.
 * @returns
 *   Nodes with line feeds between them.
 */
function lines(nodes: readonly ElementContent[]): ElementContent[] {
  const result: ElementContent[] = []

  for (const node of nodes) {
    result.push(lineFeed(), node)
  }

  if (nodes.length > 0) result.push(lineFeed())
  return result
}

/**
 * A line feed text node.
 *
 * @returns
 *   Text node.
 */
function lineFeed(): Text {
  return {type: 'text', value: '\n'}
}
