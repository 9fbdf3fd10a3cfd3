/**
 * Search across an edition: the script `web/search-page.js`, which the
 * search page (`<edition>/search.html`) loads after the edition's index
 * (`<edition>/search.js`, `window.zhbookSearch`) and its chapters' blocks
 * (`<edition>/search/<chapter>.js`, each adding to `zhbookSearch.parts`).
 *
 * A query is split at white space; a block matches when its text (or, in the
 * bilingual edition, its English) contains every part, ignoring case. Parts
 * are plain substrings, so Chinese needs no word segmentation: `模型` finds
 * every paragraph with those two characters. Results link to
 * `<chapter>.html#p-N` and show the text around the first match with every
 * match marked (`<mark>`). The query is kept in the URL (`?q=`), so a
 * search can be reloaded, shared, and carried to another edition.
 *
 * The words it shows come from the page (`data-prompt`, `data-found`,
 * `data-none` on the status line), in the edition's script.
 */
export const searchPageScript = String.raw`/* zhbook: search this edition (index: search.js and search/<chapter>.js, window.zhbookSearch). */
(function () {
  'use strict'

  var data = window.zhbookSearch
  var form = document.getElementById('search-form')
  var input = document.getElementById('search-input')
  var status = document.getElementById('search-status')
  var list = document.getElementById('search-results')
  var limit = 200 // results shown; the count says how many there are
  var context = 24 // characters of Chinese shown before a match
  var timer = 0

  if (!form || !input || !status || !list || !data) return
  // Each chapter's script added its blocks to data.parts, in reading order.
  if (!data.blocks) data.blocks = [].concat.apply([], data.parts || [])

  function message(name, values) {
    var text = status.getAttribute('data-' + name) || ''
    for (var key in values) text = text.split('{' + key + '}').join(values[key])
    return text
  }

  function terms(query) {
    return query.toLowerCase().split(/\s+/).filter(Boolean)
  }

  function containsAll(text, parts) {
    for (var index = 0; index < parts.length; index++) {
      if (text.indexOf(parts[index]) === -1) return false
    }
    return true
  }

  function find(query) {
    var parts = terms(query)
    var found = []
    if (parts.length === 0) return found
    for (var index = 0; index < data.blocks.length; index++) {
      var block = data.blocks[index]
      var text = block[2]
      var english = block[3] || ''
      if (containsAll(text.toLowerCase(), parts)) found.push({block: block, text: text, english: false})
      else if (english && containsAll(english.toLowerCase(), parts)) {
        found.push({block: block, text: english, english: true})
      }
    }
    return found
  }

  // Ranges [start, end) of every part in text, merged.
  function ranges(text, parts) {
    var lower = text.toLowerCase()
    var result = []
    for (var index = 0; index < parts.length; index++) {
      var at = lower.indexOf(parts[index])
      while (at !== -1) {
        result.push([at, at + parts[index].length])
        at = lower.indexOf(parts[index], at + parts[index].length)
      }
    }
    result.sort(function (a, b) {
      return a[0] - b[0]
    })
    var merged = []
    for (index = 0; index < result.length; index++) {
      var last = merged[merged.length - 1]
      if (last && result[index][0] <= last[1]) last[1] = Math.max(last[1], result[index][1])
      else merged.push(result[index].slice())
    }
    return merged
  }

  // The text around the first match, with the matches marked.
  function snippet(text, parts, english) {
    var marks = ranges(text, parts)
    var first = marks.length > 0 ? marks[0][0] : 0
    var before = english ? context * 3 : context
    var length = english ? 220 : 90
    var start = Math.max(0, first - before)
    if (english && start > 0) {
      var space = text.indexOf(' ', start)
      if (space !== -1 && space < first) start = space + 1
    }
    var end = Math.min(text.length, start + length)
    var fragment = document.createDocumentFragment()
    var at = start
    if (start > 0) fragment.appendChild(document.createTextNode('…'))
    for (var index = 0; index < marks.length; index++) {
      var from = Math.max(marks[index][0], start)
      var to = Math.min(marks[index][1], end)
      if (to <= from) continue
      if (from > at) fragment.appendChild(document.createTextNode(text.slice(at, from)))
      var mark = document.createElement('mark')
      mark.textContent = text.slice(from, to)
      fragment.appendChild(mark)
      at = to
    }
    if (end > at) fragment.appendChild(document.createTextNode(text.slice(at, end)))
    if (end < text.length) fragment.appendChild(document.createTextNode('…'))
    return fragment
  }

  function render(query) {
    var parts = terms(query)
    var found = find(query)
    list.textContent = ''
    if (parts.length === 0) {
      status.textContent = message('prompt', {})
      return
    }
    status.textContent =
      found.length === 0
        ? message('none', {q: query.trim()})
        : message('found', {n: String(found.length)})
    for (var index = 0; index < found.length && index < limit; index++) {
      var result = found[index]
      var chapter = data.chapters[result.block[0]]
      var item = document.createElement('li')
      var link = document.createElement('a')
      link.href = encodeURIComponent(chapter[0]) + '.html#' + result.block[1]
      var title = document.createElement('span')
      title.className = 'search-chapter'
      title.textContent = chapter[1]
      var text = document.createElement('span')
      text.className = 'search-text'
      if (result.english) text.lang = 'en'
      text.appendChild(snippet(result.text, parts, result.english))
      link.appendChild(title)
      link.appendChild(text)
      item.appendChild(link)
      list.appendChild(item)
    }
  }

  function remember(query) {
    var url = query.trim() ? '?q=' + encodeURIComponent(query.trim()) : window.location.pathname
    try {
      window.history.replaceState(null, '', url)
    } catch (error) {}
  }

  var query = ''
  try {
    query = new URLSearchParams(window.location.search).get('q') || ''
  } catch (error) {}
  input.value = query
  render(query)

  // Not while an input method is composing (pinyin letters on their way to
  // becoming characters): search once they are characters.
  input.addEventListener('compositionend', function () {
    input.dispatchEvent(new Event('input'))
  })

  input.addEventListener('input', function (event) {
    if (event.isComposing) return
    clearTimeout(timer)
    timer = setTimeout(function () {
      render(input.value)
      remember(input.value)
    }, 150)
  })

  form.addEventListener('submit', function (event) {
    event.preventDefault()
    clearTimeout(timer)
    render(input.value)
    remember(input.value)
  })
})()
`
