/**
 * The search page of an edition (`search.html`), filled by `search-page.js` from `search.js`. A plain
 * GET form on the page itself (`search.html?q=模型`): a query is a URL that can be shared and opened
 * from `file://`. Without scripts it says search needs them.
 */
import {h} from 'hastscript'
import type {BookMeta} from '../../core/model.js'
import {stringsFor} from '../../core/locale.js'
import {mainId, siteHeader, skipLink, type EditionLink, type SettingsOptions} from './frame.js'
import {bodyClasses, documentPage, type SiteAssets} from './page.js'
import {webStringsFor} from './strings.js'

/** What a search page needs. */
export interface SearchPageOptions {
  meta: BookMeta
  lang: string
  index: string
  /** Relative href of this page (the form's action). */
  href: string
  assets: SiteAssets
  editions: readonly EditionLink[]
  settings: SettingsOptions
}

/** Ids the search script looks for. */
export const searchIds = {
  form: 'search-form',
  input: 'search-input',
  status: 'search-status',
  results: 'search-results'
} as const

/**
 * An edition's search page.
 *
 * @param options
 *   Edition.
 * @returns
 *   HTML document.
 */
export function searchPage(options: SearchPageOptions): string {
  const strings = stringsFor(options.lang)
  const web = webStringsFor(options.lang)

  return documentPage({
    lang: options.lang,
    title: web.search + ' — ' + options.meta.title,
    assets: options.assets,
    alternates: options.editions,
    bodyClass: bodyClasses('search-page', options.settings),
    body: [
      skipLink(strings),
      siteHeader({
        strings,
        web,
        home: {href: options.index, title: options.meta.title},
        editions: options.editions,
        drawer: false,
        search: options.href,
        atSearch: true,
        settings: options.settings
      }),
      h('main', {id: mainId}, [
        h('h1', web.search),
        h(
          'form',
          {
            id: searchIds.form,
            className: ['search-form', 'js-only'],
            action: options.href,
            method: 'get',
            role: 'search',
            hidden: true
          },
          [
            h('label', {htmlFor: searchIds.input}, web.searchLabel),
            h('div', {className: ['search-row']}, [
              h('input', {
                type: 'search',
                id: searchIds.input,
                name: 'q',
                autoComplete: 'off',
                spellCheck: 'false',
                enterKeyHint: 'search'
              }),
              h('button', {type: 'submit'}, web.search)
            ])
          ]
        ),
        h(
          'p',
          {
            id: searchIds.status,
            className: ['search-status'],
            role: 'status',
            dataPrompt: web.searchPrompt,
            dataFound: web.searchFound,
            dataNone: web.searchNone
          },
          web.searchNeedsScript
        ),
        h('ol', {id: searchIds.results, className: ['search-results']})
      ])
    ]
  })
}
