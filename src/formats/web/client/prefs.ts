/**
 * The script `web/prefs.js`: applies the reader's settings and gives
 * `window.zhbookPreferences` to `site.js`. Loaded in `<head>` without `defer`,
 * so the first frame is drawn with the reader's colours and size.
 */
import {attributesOf, isAllowed, type Preferences, preferenceStore, storageKey} from './preferences.js'
import type {PreferencesApi} from './types.js'

const root = document.documentElement
const store = preferenceStore(() => window.localStorage)

function apply(preferences: Preferences): undefined {
  for (const [name, value] of attributesOf(preferences)) {
    if (value === undefined) root.removeAttribute(name)
    else root.setAttribute(name, value)
  }
  // Tell the settings panel (site.js), if it is there, to show the choice.
  try {
    document.dispatchEvent(new CustomEvent('zhbook:preferences', {detail: preferences}))
  } catch {}
  return undefined
}

const api: PreferencesApi = {
  get: store.read,
  set(name, value) {
    if (!isAllowed(name, value)) return store.read()
    const preferences = {...store.read(), [name]: value}
    store.write(preferences)
    apply(preferences)
    return preferences
  }
}

window.zhbookPreferences = api

apply(store.read())

// Another tab changed a setting, or this page came back from the
// back/forward cache after a setting changed on another page.
window.addEventListener('storage', (event) => {
  if (event.key === storageKey || event.key === null) apply(store.read())
})
window.addEventListener('pageshow', (event) => {
  if (event.persisted) apply(store.read())
})
