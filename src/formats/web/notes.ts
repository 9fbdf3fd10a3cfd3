/**
 * Glossary notes as pop-ups on the web: the script (`web/notes.js`).
 *
 * The stages write a note reference as `<a href="#gloss-1"
 * role="doc-noteref">` and the note as `<aside id="gloss-1"
 * role="doc-footnote">` at the end of the chapter. Without JavaScript that is
 * a link to the note and back, and everything is readable; the script only
 * adds the pop-up. It is plain JavaScript (ES5 syntax), written once, small enough to read,
 * and makes no request: it works from `file://` and under a strict CSP
 * (`script-src 'self'`: no inline code, no `eval`). Which pages need it is
 * decided by `hasNoteReferences` (`notes.ts`).
 */

/**
 * The pop-up script, written to `web/notes.js`.
 *
 * Behaviour:
 *
 * * hovering a reference, or focusing it (Tab), shows its note next to it,
 *   in a `role="tooltip"` element the reference points to with
 *   `aria-describedby`; leaving it (after a short delay, so the pointer can
 *   move onto the pop-up) or moving focus away hides it;
 * * tapping or clicking a reference shows its note and keeps it open; the
 *   link's jump is prevented only then, when the pop-up did open (a
 *   reference whose note cannot be found stays a plain link);
 * * pressing Enter on a focused reference follows the link, as without the
 *   script: the note is already showing, and the jump is how a keyboard user
 *   reaches the note itself;
 * * Escape, or a tap or click anywhere else, closes the pop-up.
 */
export const notesScript = `/* zhbook: glossary notes as pop-ups.
 *
 * Progressive enhancement: without this script a note reference
 * (a[role~=doc-noteref]) is a plain link to its note (aside[role~=doc-footnote])
 * at the end of the chapter. With it, hovering, focusing (Tab) or tapping a
 * reference shows the note next to it; Escape or a tap elsewhere closes it.
 * No dependencies, no requests, no inline code: works from file://.
 */
(function () {
  'use strict'

  var referenceSelector = 'a[role~="doc-noteref"]'
  var popup = null // the pop-up, made on first use and then reused
  var current = null // the reference whose note is shown
  var pinned = false // opened by a tap or click: stays until dismissed
  var timer = 0 // pending close after the pointer left

  // The reference an event happened in, or null.
  function referenceOf(target) {
    return target instanceof Element ? target.closest(referenceSelector) : null
  }

  // The note a reference points to (same page), or null.
  function noteOf(reference) {
    var href = reference.getAttribute('href') || ''
    if (href.charAt(0) !== '#') return null
    var note = document.getElementById(decodeURIComponent(href.slice(1)))
    var role = note ? ' ' + note.getAttribute('role') + ' ' : ''
    return role.indexOf(' doc-footnote ') === -1 ? null : note
  }

  function create() {
    popup = document.createElement('div')
    popup.id = 'note-popup'
    popup.className = 'note-popup'
    popup.setAttribute('role', 'tooltip')
    popup.hidden = true
    // Hovering the pop-up keeps it open, so it can be read and selected.
    popup.addEventListener('mouseenter', function () {
      clearTimeout(timer)
    })
    popup.addEventListener('mouseleave', closeSoon)
    document.body.appendChild(popup)
  }

  // Show the note of a reference; returns whether it is shown.
  function open(reference) {
    clearTimeout(timer)
    if (reference === current) return true
    var note = noteOf(reference)
    if (!note) return false
    close()
    if (!popup) create()

    // A copy of the note, less what only makes sense at the end of the
    // chapter: the back-link, and ids (they must stay unique).
    var copy = note.cloneNode(true)
    var drop = copy.querySelectorAll('[role~="doc-backlink"]')
    for (var index = 0; index < drop.length; index++) drop[index].remove()
    var ids = copy.querySelectorAll('[id]')
    for (index = 0; index < ids.length; index++) ids[index].removeAttribute('id')
    while (copy.firstChild) popup.appendChild(copy.firstChild)

    var language = note.closest('[lang]')
    if (language) popup.lang = language.lang
    else popup.removeAttribute('lang')

    popup.hidden = false
    place(reference)
    reference.setAttribute('aria-describedby', popup.id)
    current = reference
    return true
  }

  function close() {
    clearTimeout(timer)
    if (!current) return
    current.removeAttribute('aria-describedby')
    popup.hidden = true
    popup.textContent = ''
    current = null
    pinned = false
  }

  // Close after a moment, unless the pointer reaches the pop-up, the note
  // was opened by a tap, or the reference has focus.
  function closeSoon() {
    clearTimeout(timer)
    timer = setTimeout(function () {
      if (!pinned && current && current !== document.activeElement) close()
    }, 300)
  }

  // Put the pop-up under the reference (above it when there is no room
  // below), inside the viewport.
  function place(reference) {
    var margin = 8
    // Measure at the page's corner, where the width is not squeezed by
    // where the pop-up was last.
    popup.style.left = '0px'
    popup.style.top = '0px'
    var box = reference.getBoundingClientRect()
    var viewport = document.documentElement
    var width = popup.offsetWidth
    var height = popup.offsetHeight
    var left = box.left + box.width / 2 - width / 2
    left = Math.max(margin, Math.min(left, viewport.clientWidth - width - margin))
    var top = box.bottom + margin
    if (top + height > viewport.clientHeight && box.top - margin - height >= 0) {
      top = box.top - margin - height
    }
    popup.style.left = left + window.scrollX + 'px'
    popup.style.top = top + window.scrollY + 'px'
  }

  document.addEventListener('mouseover', function (event) {
    var reference = referenceOf(event.target)
    if (reference) open(reference)
  })

  document.addEventListener('mouseout', function (event) {
    var reference = referenceOf(event.target)
    if (reference && reference === current && !reference.contains(event.relatedTarget)) {
      closeSoon()
    }
  })

  document.addEventListener('focusin', function (event) {
    var reference = referenceOf(event.target)
    if (reference) open(reference)
    else if (current && !popup.contains(event.target)) close()
  })

  document.addEventListener('focusout', function (event) {
    if (current && event.target === current && !pinned) closeSoon()
  })

  document.addEventListener('click', function (event) {
    var reference = referenceOf(event.target)
    if (!reference) return
    // \`detail\` is 0 for a click made with the keyboard (Enter): follow the
    // link, as without the script.
    if (event.detail === 0) {
      close()
    } else if (open(reference)) {
      pinned = true
      event.preventDefault()
    }
  })

  // A tap or click elsewhere closes the pop-up. (\`pointerdown\`, not
  // \`click\`: iOS fires no click on text that is not a link.)
  document.addEventListener('pointerdown', function (event) {
    if (current && !popup.contains(event.target) && !referenceOf(event.target)) close()
  })

  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && current) close()
  })

  window.addEventListener('resize', function () {
    if (current) place(current)
  })
})()
`
