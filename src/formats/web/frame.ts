/**
 * The parts of a web page around its content: header, contents drawer, footer, small helpers. A tool
 * that needs a script is `hidden` with class `js-only`, which `site.js` shows: without scripts a page
 * shows the title, the edition links, the chapter list and every word of the text.
 */
import type {Element, ElementContent, Text} from 'hast'
import {h, s} from 'hastscript'
import type {EditionDictionary} from '../../core/model.js'
import type {UiStrings} from '../../core/locale.js'
import {settingsId, settingsPanel, type SettingsOptions} from './settings.js'
import type {WebStrings} from './strings.js'
import {type TocNode, tocTree} from '../shared/toc.js'

export type {SettingsOptions} from './settings.js'

/** A link to a page. */
export interface PageLink {
  href: string
  title: string
  /** Nesting in the contents (optional, default: 0). */
  depth?: number | undefined
  part?: number | undefined
  partTitle?: string | undefined
}

/** A link to an edition (or to a page in another edition). */
export interface EditionLink {
  href: string
  /** BCP 47 language of the target, for `hreflang` and `lang`. */
  lang: string
  label: string
  /** Other languages of the edition's text, e.g. `['en']` (optional). */
  otherLanguages?: readonly string[] | undefined
}

/** What a page header holds. */
export interface HeaderOptions {
  strings: UiStrings
  web: WebStrings
  home?: PageLink | undefined
  /** Whether the page is that title page (`aria-current`). */
  atHome?: boolean | undefined
  editions: readonly EditionLink[]
  drawer: boolean
  search?: string | undefined
  /** Whether the page is the search page (`aria-current`). */
  atSearch?: boolean | undefined
  settings: SettingsOptions
}

/** What the contents drawer lists. */
export interface DrawerOptions {
  strings: UiStrings
  web: WebStrings
  home: PageLink
  chapters: readonly PageLink[]
  /** Href of the page showing the drawer, marked `aria-current`. */
  current: string
}

/** Id of the main landmark, the skip link's target. */
export const mainId = 'main'

/** Id of the contents drawer. */
export const drawerId = 'drawer'

/**
 * The header of a page: contents button, book title, edition switch, search and settings.
 *
 * @param options
 *   What the header holds.
 * @returns
 *   `<header>`.
 */
export function siteHeader(options: HeaderOptions): Element {
  const {strings, web} = options
  const children: ElementContent[] = []

  if (options.drawer) {
    children.push(
      h(
        'button',
        {
          type: 'button',
          className: ['tool', 'drawer-button', 'js-only'],
          ariaControls: drawerId,
          ariaExpanded: 'false',
          hidden: true
        },
        [icon('menu'), h('span', {className: ['tool-label']}, web.contents)]
      )
    )
  }

  if (options.home) {
    children.push(
      h('p', {className: ['book-title']}, [
        h('a', {href: options.home.href, ariaCurrent: options.atHome ? 'page' : undefined}, options.home.title)
      ])
    )
  }

  if (options.editions.length > 0) {
    children.push(editionNavigation(strings.otherEditions, options.editions))
  }

  const tools: ElementContent[] = []

  if (options.search) {
    tools.push(
      h(
        'a',
        {
          href: options.search,
          className: ['tool', 'search-link', 'js-only'],
          ariaCurrent: options.atSearch ? 'page' : undefined,
          hidden: true
        },
        [icon('search'), h('span', {className: ['visually-hidden']}, web.search)]
      )
    )
  }

  tools.push(
    h(
      'button',
      {
        type: 'button',
        className: ['tool', 'settings-button', 'js-only'],
        ariaControls: settingsId,
        ariaExpanded: 'false',
        hidden: true
      },
      [
        h('span', {ariaHidden: 'true', className: ['settings-glyph']}, 'Aa'),
        h('span', {className: ['visually-hidden']}, web.settings)
      ]
    )
  )

  children.push(h('div', {className: ['tools']}, tools), settingsPanel(web, options.settings))

  return h('header', {className: ['site-header']}, children)
}

/**
 * The contents drawer of a chapter page: without scripts the chapter list at the page's end; with
 * them a drawer on small screens; a side column on wide screens either way.
 *
 * @param options
 *   Chapters.
 * @returns
 *   `<nav>`.
 */
export function contentsDrawer(options: DrawerOptions): Element {
  return h('nav', {id: drawerId, className: ['drawer'], ariaLabel: options.strings.toc}, [
    h('div', {className: ['drawer-head']}, [
      h('p', {className: ['drawer-book']}, [h('a', {href: options.home.href}, options.home.title)]),
      h(
        'button',
        {
          type: 'button',
          className: ['tool', 'drawer-close', 'js-only'],
          hidden: true
        },
        [icon('close'), h('span', {className: ['visually-hidden']}, options.web.closeContents)]
      )
    ]),
    h('p', {className: ['drawer-title']}, options.strings.toc),
    contentsList(options.chapters, options.current)
  ])
}

/**
 * The chapters as a list, nested as the book nests them, under their parts' titles.
 *
 * @param chapters
 *   Chapters, in reading order.
 * @param current
 *   Href of the page showing the list, marked `aria-current` (optional).
 * @returns
 *   `<ol>`.
 */
export function contentsList(chapters: readonly PageLink[], current?: string | undefined): Element {
  const parts: string[] = []
  for (const chapter of chapters) if (chapter.part !== undefined) parts[chapter.part] = chapter.partTitle ?? ''
  return list(tocTree(chapters, parts))

  function list(nodes: ReadonlyArray<TocNode<PageLink>>): Element {
    return h('ol', lines(nodes.map((node) => item(node))))
  }

  function item(node: TocNode<PageLink>): Element {
    const label =
      node.kind === 'part'
        ? h('span', {className: ['toc-part']}, node.title)
        : h('a', {href: node.item.href, ariaCurrent: node.item.href === current ? 'page' : undefined}, node.item.title)
    return h('li', node.children.length > 0 ? [label, list(node.children)] : [label])
  }
}

/**
 * The credit the pop-up dictionary's licence asks for.
 *
 * @param web
 *   Interface strings.
 * @param attribution
 *   The dictionary's name, licence and links.
 * @returns
 *   `<p>`.
 */
export function dictionaryCredit(web: WebStrings, attribution: EditionDictionary['attribution']): Element {
  return h('p', {className: ['dictionary-credit']}, [
    web.dictionary + (web.brackets[0] === ' (' ? ': ' : '：'),
    h('a', {href: attribution.url, lang: 'en'}, attribution.name),
    web.brackets[0],
    h('a', {href: attribution.licenseUrl, lang: 'en', rel: ['license']}, attribution.license),
    web.brackets[1]
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
export function editionNavigation(label: string, editions: readonly EditionLink[]): Element {
  return h(
    'nav',
    {className: ['editions'], ariaLabel: label},
    h(
      'ul',
      editions.map((edition) => h('li', [editionAnchor(edition)]))
    )
  )
}

/**
 * A link to an edition in its own language and script (`lang` for fonts and screen readers).
 *
 * @param edition
 *   Edition.
 * @returns
 *   `<a>`.
 */
export function editionAnchor(edition: EditionLink): Element {
  return h('a', {href: edition.href, hrefLang: edition.lang, lang: edition.lang}, edition.label)
}

/**
 * The skip link, first in the body, for keyboard users.
 *
 * @param strings
 *   Interface strings.
 * @returns
 *   `<a>`.
 */
export function skipLink(strings: UiStrings): Element {
  return h('a', {className: ['skip'], href: '#' + mainId}, strings.skip)
}

/** A line icon in the text colour, hidden from assistive technology (its control has a label). */
function icon(name: 'menu' | 'search' | 'close'): Element {
  const paths: Record<typeof name, string> = {
    menu: 'M3 6h18M3 12h18M3 18h18',
    search: 'M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13zM15.5 15.5 21 21',
    close: 'M6 6l12 12M18 6 6 18'
  }

  return s(
    'svg',
    {
      className: ['icon'],
      viewBox: '0 0 24 24',
      width: '20',
      height: '20',
      ariaHidden: 'true'
    },
    [
      s('path', {
        d: paths[name],
        fill: 'none',
        stroke: 'currentColor',
        strokeWidth: '2',
        strokeLinecap: 'round'
      })
    ]
  )
}

/**
 * Put a line feed before each node and after the last, so validator messages point at a line.
 *
 * @param nodes
 *   Block-level nodes.
 * @returns
 *   Nodes with line feeds between them.
 */
export function lines(nodes: readonly ElementContent[]): ElementContent[] {
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
export function lineFeed(): Text {
  return {type: 'text', value: '\n'}
}
