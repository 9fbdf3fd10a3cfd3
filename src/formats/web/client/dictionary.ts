/**
 * The pop-up dictionary of the bilingual edition: the script
 * `web/dictionary-popup.js`, which chapter pages load after the edition's
 * table (`dictionary.js`, `window.zhbookDictionary`).
 *
 * As the Zhongwen extension does: hovering (mouse) or tapping (touch, pen)
 * Chinese text finds the character under the pointer
 * (`caretPositionFromPoint`, or `caretRangeFromPoint`), takes the longest
 * word of the table that starts there, reading on across ruby and inline
 * markup, and shows the word, its pinyin and its English in a
 * `role="tooltip"` box next to it, the word highlighted (CSS Custom
 * Highlight API, where the browser has it). Escape, a tap elsewhere, or the
 * mouse leaving the text closes it.
 *
 * It stays out of the way of everything else: it never fires on English,
 * pinyin (`rt`), links (note references included, which `notes.js` owns),
 * code, or anything outside `<main>`.
 */
export const dictionaryScript = String.raw`/* zhbook: pop-up dictionary (table: dictionary.js, window.zhbookDictionary).
 * Hover or tap a Chinese word to see its pinyin and English. */
(function () {
  'use strict'

  var data = window.zhbookDictionary
  if (!data || !data.words) return

  var words = data.words
  var longest = 1
  for (var word in words) longest = Math.max(longest, word.length)

  var han = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/
  var skip = 'a, rt, rp, code, pre, kbd, samp, button, input, textarea, select, .translation, .note-popup, #dictionary-popup'
  var blocks = 'p, li, dt, dd, h1, h2, h3, h4, h5, h6, td, th, figcaption, blockquote, main'
  var main = document.querySelector('main')
  var popup = null
  var shown = null // {word, node, offset}
  var pinned = false // opened by a tap: stays until dismissed
  var frame = 0
  var highlight = window.CSS && CSS.highlights && window.Highlight ? new Highlight() : null
  if (highlight) {
    CSS.highlights.set('dictionary', highlight)
    // Styled here, not in style.css: validators do not know ::highlight yet.
    try {
      var sheet = new CSSStyleSheet()
      sheet.replaceSync('::highlight(dictionary) { background-color: var(--mark); }')
      document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet])
    } catch (error) {}
  }

  // Text in an element the dictionary may read: Chinese, in the text.
  function readable(element) {
    if (!element || !main || !main.contains(element) || element.closest(skip)) return false
    var language = element.closest('[lang]')
    var lang = language ? language.getAttribute('lang') : ''
    return /^zh\b/i.test(lang) && !/-latn\b/i.test(lang)
  }

  function caretAt(x, y) {
    if (document.caretPositionFromPoint) {
      var position = document.caretPositionFromPoint(x, y)
      return position ? {node: position.offsetNode, offset: position.offset} : null
    }
    if (document.caretRangeFromPoint) {
      var range = document.caretRangeFromPoint(x, y)
      return range ? {node: range.startContainer, offset: range.startOffset} : null
    }
    return null
  }

  // Whether the character at offset is drawn under the point.
  function under(node, offset, x, y) {
    if (offset < 0 || offset >= node.data.length) return false
    var range = document.createRange()
    range.setStart(node, offset)
    range.setEnd(node, offset + 1)
    var boxes = range.getClientRects()
    for (var index = 0; index < boxes.length; index++) {
      var box = boxes[index]
      if (x >= box.left - 1 && x <= box.right + 1 && y >= box.top - 1 && y <= box.bottom + 1) return true
    }
    return false
  }

  // Text from (node, offset) on, within its block, skipping pinyin and
  // note references: [{node, start, end}], and the text.
  function textFrom(node, offset) {
    var block = node.parentElement.closest(blocks)
    var walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT)
    walker.currentNode = node
    var pieces = []
    var text = ''
    var current = node
    var start = offset
    while (current && text.length < longest) {
      if (current === node || readable(current.parentElement)) {
        var value = current.data.slice(start)
        var space = value.search(/\s/)
        if (space !== -1) value = value.slice(0, space)
        value = value.slice(0, longest - text.length)
        if (value) {
          pieces.push({node: current, start: start, end: start + value.length})
          text += value
        }
        if (space !== -1) break
      } else if (!current.parentElement.closest('rt, rp, a[role~="doc-noteref"]')) {
        break
      }
      current = walker.nextNode()
      start = 0
    }
    return {pieces: pieces, text: text}
  }

  function lookup(x, y) {
    var caret = caretAt(x, y)
    if (!caret || !caret.node || caret.node.nodeType !== 3) return null
    var node = caret.node
    if (!readable(node.parentElement)) return null
    var offset = caret.offset
    if (!under(node, offset, x, y)) {
      offset -= 1
      if (!under(node, offset, x, y)) return null
    }
    if (!han.test(node.data.charAt(offset))) return null
    var found = textFrom(node, offset)
    for (var length = found.text.length; length > 0; length--) {
      var candidate = found.text.slice(0, length)
      if (Object.prototype.hasOwnProperty.call(words, candidate)) {
        return {word: candidate, readings: words[candidate], range: rangeOf(found.pieces, length), element: node.parentElement}
      }
    }
    return null
  }

  // A range over the first length characters of the pieces.
  function rangeOf(pieces, length) {
    var range = document.createRange()
    var left = length
    range.setStart(pieces[0].node, pieces[0].start)
    for (var index = 0; index < pieces.length; index++) {
      var piece = pieces[index]
      var size = piece.end - piece.start
      if (left <= size) {
        range.setEnd(piece.node, piece.start + left)
        break
      }
      left -= size
    }
    return range
  }

  function create() {
    popup = document.createElement('div')
    popup.id = 'dictionary-popup'
    popup.className = 'dictionary-popup'
    popup.setAttribute('role', 'tooltip')
    popup.hidden = true
    document.body.appendChild(popup)
  }

  function line(className, lang, text) {
    var element = document.createElement('span')
    element.className = className
    if (lang) element.lang = lang
    element.textContent = text
    return element
  }

  function show(found, byTap) {
    if (shown && shown.word === found.word && shown.range &&
        shown.range.compareBoundaryPoints(Range.START_TO_START, found.range) === 0) {
      pinned = pinned || byTap
      return
    }
    if (!popup) create()
    popup.textContent = ''
    var language = found.element.closest('[lang]')
    var head = document.createElement('p')
    head.className = 'dictionary-word'
    head.appendChild(line('dictionary-hanzi', language ? language.getAttribute('lang') : 'zh', found.word))
    popup.appendChild(head)
    var readings = found.readings.slice(0, 4)
    for (var index = 0; index < readings.length; index++) {
      var reading = document.createElement('p')
      reading.className = 'dictionary-reading'
      reading.appendChild(line('dictionary-pinyin', 'zh-Latn-pinyin', readings[index][0]))
      reading.appendChild(document.createTextNode(' '))
      reading.appendChild(line('dictionary-en', 'en', readings[index][1].split('/').join('; ')))
      popup.appendChild(reading)
    }
    popup.hidden = false
    place(found.range)
    if (highlight) {
      highlight.clear()
      highlight.add(found.range)
    }
    shown = {word: found.word, range: found.range}
    pinned = byTap
  }

  function close() {
    if (!shown) return
    shown = null
    pinned = false
    popup.hidden = true
    popup.textContent = ''
    if (highlight) highlight.clear()
  }

  // Under the word (above it when there is no room below), in the viewport.
  function place(range) {
    var margin = 8
    popup.style.left = '0px'
    popup.style.top = '0px'
    var box = range.getBoundingClientRect()
    var viewport = document.documentElement
    var width = popup.offsetWidth
    var height = popup.offsetHeight
    var left = Math.max(margin, Math.min(box.left, viewport.clientWidth - width - margin))
    var top = box.bottom + margin
    if (top + height > viewport.clientHeight && box.top - margin - height >= 0) {
      top = box.top - margin - height
    }
    popup.style.left = left + window.scrollX + 'px'
    popup.style.top = top + window.scrollY + 'px'
  }

  document.addEventListener('pointermove', function (event) {
    if (event.pointerType !== 'mouse') return
    var x = event.clientX
    var y = event.clientY
    cancelAnimationFrame(frame)
    frame = requestAnimationFrame(function () {
      if (popup && !popup.hidden && popup.contains(document.elementFromPoint(x, y))) return
      var found = lookup(x, y)
      if (found) show(found, false)
      else if (!pinned) close()
    })
  })

  document.addEventListener('pointerdown', function (event) {
    if (popup && popup.contains(event.target)) return
    if (event.pointerType !== 'mouse' || pinned) close()
  })

  document.addEventListener('pointerup', function (event) {
    if (event.pointerType === 'mouse') return
    var found = lookup(event.clientX, event.clientY)
    if (found) show(found, true)
  })

  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') close()
  })

  window.addEventListener('resize', close)
})()
`
