/** The web edition's title pages: the site index, and each edition's title page with its contents. */
import type {Element, ElementContent} from 'hast'
import {h} from 'hastscript'
import type {BookMeta, TranslatedTitle} from '../../core/model.js'
import {stringsFor, type UiStrings} from '../../core/locale.js'
import {
  editionAnchor,
  contentsList,
  lines,
  mainId,
  siteHeader,
  skipLink,
  type EditionLink,
  type PageLink,
  type SettingsOptions
} from './frame.js'
import {bodyClasses, documentPage, tocId, type SiteAssets} from './page.js'
import {webStringsFor} from './strings.js'

/** What an edition's title page needs. */
export interface EditionIndexOptions {
  meta: BookMeta
  lang: string
  /** Name of the edition, e.g. `繁體中文`. */
  label: string
  chapters: readonly PageLink[]
  index: string
  siteIndex: string
  search: string
  assets: SiteAssets
  editions: readonly EditionLink[]
  settings: SettingsOptions
}

/** An edition as the site index lists it. */
export interface EditionEntry extends EditionLink {
  /** Relative href of the edition's first chapter (optional). */
  start?: string | undefined
}

/** What the site index needs. */
export interface SiteIndexOptions {
  meta: BookMeta
  lang: string
  editions: readonly EditionEntry[]
  assets: SiteAssets
  translated?: TranslatedTitle | undefined
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
  const web = webStringsFor(options.lang)

  return documentPage({
    lang: options.lang,
    title: options.meta.title + ' — ' + options.label,
    assets: options.assets,
    description: options.meta.subtitle,
    alternates: options.editions,
    bodyClass: bodyClasses('index-page', options.settings),
    body: [
      skipLink(strings),
      siteHeader({
        strings,
        web,
        home: {href: options.index, title: options.meta.title},
        atHome: true,
        editions: options.editions,
        drawer: false,
        search: options.search,
        settings: options.settings
      }),
      h('main', {id: mainId}, [
        titlePage(options.meta, strings, true, options.meta.translated),
        h('nav', {className: ['toc'], id: tocId, ariaLabel: strings.toc}, [
          h('h2', strings.toc),
          contentsList(options.chapters)
        ])
      ]),
      h('footer', {className: ['site-footer']}, [h('p', [h('a', {href: options.siteIndex}, strings.otherEditions)])])
    ]
  })
}

/**
 * The site index: the book, who speaks, and each edition with a way in.
 *
 * @param options
 *   Book and editions.
 * @returns
 *   HTML document.
 */
export function siteIndexPage(options: SiteIndexOptions): string {
  const strings = stringsFor(options.lang)
  const web = webStringsFor(options.lang)
  const settings: SettingsOptions = {translation: false, ruby: false}

  return documentPage({
    lang: options.lang,
    title: options.meta.title,
    assets: options.assets,
    description: options.meta.subtitle,
    bodyClass: bodyClasses('site-index', settings),
    body: [
      skipLink(strings),
      siteHeader({strings, web, editions: [], drawer: false, settings}),
      h('main', {id: mainId}, [
        titlePage(options.meta, strings, true, options.translated),
        h('nav', {className: ['edition-nav'], ariaLabel: strings.editions}, [
          h('h2', strings.editions),
          h('ul', {className: ['edition-list']}, lines(options.editions.map((edition) => editionItem(edition))))
        ])
      ])
    ]
  })
}

/**
 * Title, subtitle, and who and where from; a translated title set under them as the bilingual
 * edition sets its headings.
 */
function titlePage(
  meta: BookMeta,
  strings: UiStrings,
  full: boolean,
  translated?: TranslatedTitle | undefined
): Element {
  const children: ElementContent[] = [h('h1', [meta.title, translation(translated, translated?.title)])]
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

/** A run of text in another language, as the bilingual edition writes translations. */
function translation(translated: TranslatedTitle | undefined, value: string | undefined): Element | undefined {
  return translated && value ? h('span', {lang: translated.lang, className: ['translation']}, value) : undefined
}

/**
 * An item of the list of editions: the link, its languages named in English (for readers who do not
 * read the label's script), and a link to the first chapter.
 */
function editionItem(edition: EditionEntry): Element {
  const names = new Intl.DisplayNames(['en'], {type: 'language'})
  const languages = new Intl.ListFormat('en', {type: 'conjunction'}).format(
    [edition.lang, ...(edition.otherLanguages ?? [])].map((lang) => names.of(lang) ?? lang)
  )
  const children: ElementContent[] = [
    h('span', {className: ['edition-name']}, [editionAnchor(edition)]),
    {type: 'text', value: ' '},
    h('span', {className: ['edition-languages'], lang: 'en'}, languages)
  ]

  if (edition.start) {
    children.push(
      {type: 'text', value: ' '},
      h(
        'a',
        {
          className: ['edition-start'],
          href: edition.start,
          hrefLang: edition.lang,
          lang: edition.lang
        },
        webStringsFor(edition.lang).start
      )
    )
  }

  return h('li', {className: ['edition']}, children)
}
