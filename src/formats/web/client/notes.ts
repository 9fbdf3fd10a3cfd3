/**
 * The script `web/notes.js`: glossary notes as pop-ups. Without it a note
 * reference (`role="doc-noteref"`) is a link to the note and back. With it,
 * hover or focus shows the note in a tooltip (`aria-describedby`), hidden after
 * a short delay so the pointer can reach it; a tap pins it, preventing the jump
 * only when it opened; Enter follows the link (how a keyboard user reaches the
 * note); Escape or a tap elsewhere closes it.
 */
import {createPopup, placePopup} from './popup.js'

const referenceSelector = 'a[role~="doc-noteref"]'
let popup: HTMLElement | undefined
/** The reference whose note is shown. */
let current: HTMLElement | undefined
/** Opened by a tap or click: stays until dismissed. */
let pinned = false
/** Pending close after the pointer left. */
let timer: ReturnType<typeof setTimeout> | undefined

function referenceOf(target: EventTarget | null): HTMLElement | null {
  return target instanceof Element ? target.closest<HTMLElement>(referenceSelector) : null
}

/** The note a reference points to on this page, if any. */
function noteOf(reference: Element): Element | null {
  const href = reference.getAttribute('href') ?? ''
  if (!href.startsWith('#')) return null
  const note = document.getElementById(decodeURIComponent(href.slice(1)))
  return note && (note.getAttribute('role') ?? '').split(' ').includes('doc-footnote') ? note : null
}

function ownPopup(): HTMLElement {
  if (!popup) {
    popup = createPopup('note-popup', 'note-popup')
    // Hovering the pop-up keeps it open, so it can be read and selected.
    popup.addEventListener('mouseenter', () => clearTimeout(timer))
    popup.addEventListener('mouseleave', closeSoon)
  }
  return popup
}

/** Show the note of a reference; returns whether it is shown. */
function open(reference: HTMLElement): boolean {
  clearTimeout(timer)
  if (reference === current) return true
  const note = noteOf(reference)
  if (!note) return false
  close()
  const box = ownPopup()

  // A copy of the note without the back-link and ids (they must stay unique).
  const copy = note.cloneNode(true) as Element
  for (const link of copy.querySelectorAll('[role~="doc-backlink"]')) link.remove()
  for (const element of copy.querySelectorAll('[id]')) element.removeAttribute('id')
  box.append(...copy.childNodes)

  const language = note.closest<HTMLElement>('[lang]')
  if (language) box.lang = language.lang
  else box.removeAttribute('lang')

  box.hidden = false
  placePopup(box, reference, 'center')
  reference.setAttribute('aria-describedby', box.id)
  current = reference
  return true
}

function close(): undefined {
  clearTimeout(timer)
  if (!current || !popup) return undefined
  current.removeAttribute('aria-describedby')
  popup.hidden = true
  popup.textContent = ''
  current = undefined
  pinned = false
  return undefined
}

/** Close after a moment, unless the pointer reaches the pop-up, a tap pinned it, or the reference has focus. */
function closeSoon(): undefined {
  clearTimeout(timer)
  timer = setTimeout(() => {
    if (!pinned && current && current !== document.activeElement) close()
  }, 300)
  return undefined
}

document.addEventListener('mouseover', (event) => {
  const reference = referenceOf(event.target)
  if (reference) open(reference)
})

document.addEventListener('mouseout', (event) => {
  const reference = referenceOf(event.target)
  if (reference && reference === current && !reference.contains(event.relatedTarget as Node | null)) closeSoon()
})

document.addEventListener('focusin', (event) => {
  const reference = referenceOf(event.target)
  if (reference) open(reference)
  else if (current && !popup?.contains(event.target as Node | null)) close()
})

document.addEventListener('focusout', (event) => {
  if (current && event.target === current && !pinned) closeSoon()
})

document.addEventListener('click', (event) => {
  const reference = referenceOf(event.target)
  if (!reference) return
  // `detail` is 0 for a click made with Enter: follow the link, as without the script.
  if (event.detail === 0) {
    close()
  } else if (open(reference)) {
    pinned = true
    event.preventDefault()
  }
})

// A tap or click elsewhere closes the pop-up (`pointerdown`, not `click`:
// iOS fires no click on text that is not a link).
document.addEventListener('pointerdown', (event) => {
  if (current && !popup?.contains(event.target as Node | null) && !referenceOf(event.target)) close()
})

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && current) close()
})

window.addEventListener('resize', () => {
  if (current && popup) placePopup(popup, current, 'center')
})
