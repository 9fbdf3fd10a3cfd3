/**
 * The reading settings panel: buttons with `aria-pressed` and `data-preference` / `data-value`, which
 * `site.js` reads and stores and `prefs.js` applies on every page.
 */
import type {Element} from 'hast'
import {h} from 'hastscript'
import type {WebStrings} from './strings.js'

/** What the reading settings panel offers besides size and colours. */
export interface SettingsOptions {
  translation: boolean
  ruby: boolean
}

/** Id of the reading settings panel. */
export const settingsId = 'settings'

/**
 * The reading settings: text size, colours, and (bilingual edition) the English and the pinyin.
 *
 * @param web
 *   Interface strings.
 * @param options
 *   What the edition has to show or hide.
 * @returns
 *   The panel, `hidden` until its button opens it.
 */
export function settingsPanel(web: WebStrings, options: SettingsOptions): Element {
  const groups: Element[] = [
    settingGroup(
      'size',
      web.size,
      (['s', 'm', 'l', 'xl'] as const).map((value, index) =>
        choice('size', value, web.sizes[index] ?? value, value === 'm')
      )
    ),
    settingGroup('theme', web.theme, [
      choice('theme', 'auto', web.themeAuto, true),
      choice('theme', 'light', web.themeLight, false),
      choice('theme', 'dark', web.themeDark, false)
    ])
  ]

  const shows: Element[] = []
  if (options.translation) shows.push(choice('english', 'toggle', web.english, true))
  if (options.ruby) shows.push(choice('pinyin', 'toggle', web.pinyin, true))
  if (shows.length > 0) groups.push(settingGroup('show', web.show, shows))

  return h(
    'div',
    {id: settingsId, className: ['settings'], role: 'group', ariaLabel: web.settings, hidden: true},
    groups
  )
}

function settingGroup(name: string, label: string, buttons: Element[]): Element {
  const id = 'setting-' + name
  return h('div', {className: ['setting'], role: 'group', ariaLabelledBy: id}, [
    h('span', {id, className: ['setting-label']}, label),
    h('span', {className: ['setting-choices']}, buttons)
  ])
}

/** A setting button; `pressed` is the default, which `site.js` corrects from storage. */
function choice(preference: string, value: string, label: string, pressed: boolean): Element {
  return h(
    'button',
    {
      type: 'button',
      dataPreference: preference,
      dataValue: value,
      ariaPressed: pressed ? 'true' : 'false'
    },
    label
  )
}
