/**
 * The reading settings, applied: the script (`web/prefs.js`) every page loads
 * in its `<head>`, before the body is drawn.
 *
 * It reads the reader's choices from `localStorage` and writes them as
 * attributes on `<html>`, which the stylesheet acts on:
 *
 * | choice | attribute | values |
 * | --- | --- | --- |
 * | text size | `data-size` | `s`, `l`, `xl` (none: the default, `m`) |
 * | colours | `data-theme` | `light`, `dark` (none: follow the system) |
 * | English | `data-english` | `hidden` (none: shown) |
 * | pinyin | `data-pinyin` | `hidden` (none: shown) |
 *
 * Nothing is hidden unless this script ran, so without scripts every word is
 * shown. Storage can throw (`file://` in some browsers, private modes, a
 * full quota): every access is guarded, and a failure only means the choice
 * is not remembered. It exposes `window.zhbookPreferences` (`get`, `set`) to
 * `site.js`, which draws the settings panel.
 */
export const preferencesScript = `/* zhbook: apply the reader's settings (size, colours, English, pinyin).
 * Loaded in <head> without defer: it only sets attributes on <html>, so the
 * first frame is drawn with the reader's colours and size. */
(function () {
  'use strict'

  var key = 'zhbook-preferences'
  var root = document.documentElement
  var allowed = {
    size: ['s', 'm', 'l', 'xl'],
    theme: ['auto', 'light', 'dark'],
    english: [true, false],
    pinyin: [true, false]
  }
  var defaults = {size: 'm', theme: 'auto', english: true, pinyin: true}
  var memory = null // used when storage is unavailable

  function read() {
    var stored = memory
    try {
      var raw = window.localStorage.getItem(key)
      if (raw) stored = JSON.parse(raw)
    } catch (error) {}
    var result = {}
    for (var name in defaults) {
      var value = stored && typeof stored === 'object' ? stored[name] : undefined
      result[name] = allowed[name].indexOf(value) === -1 ? defaults[name] : value
    }
    return result
  }

  function write(preferences) {
    memory = preferences
    try {
      window.localStorage.setItem(key, JSON.stringify(preferences))
    } catch (error) {}
  }

  function attribute(name, value) {
    if (value === undefined) root.removeAttribute(name)
    else root.setAttribute(name, value)
  }

  function apply(preferences) {
    attribute('data-size', preferences.size === 'm' ? undefined : preferences.size)
    attribute('data-theme', preferences.theme === 'auto' ? undefined : preferences.theme)
    attribute('data-english', preferences.english ? undefined : 'hidden')
    attribute('data-pinyin', preferences.pinyin ? undefined : 'hidden')
    // Tell the settings panel (site.js), if it is there, to show the choice.
    try {
      document.dispatchEvent(new CustomEvent('zhbook:preferences', {detail: preferences}))
    } catch (error) {}
  }

  window.zhbookPreferences = {
    get: read,
    set: function (name, value) {
      if (!(name in defaults) || allowed[name].indexOf(value) === -1) return read()
      var preferences = read()
      preferences[name] = value
      write(preferences)
      apply(preferences)
      return preferences
    }
  }

  apply(read())

  // Another tab changed a setting, or this page came back from the
  // back/forward cache after a setting changed on another page.
  window.addEventListener('storage', function (event) {
    if (event.key === key || event.key === null) apply(read())
  })
  window.addEventListener('pageshow', function (event) {
    if (event.persisted) apply(read())
  })
})()
`
