/**
 * The script `web/dictionary-popup.js`: the bilingual edition's pop-up
 * dictionary, loaded after `dictionary.js`. Hovering or tapping Chinese shows
 * the longest word starting under the pointer (read on across ruby and inline
 * markup), its pinyin and English, the word highlighted (CSS Custom Highlight
 * API). Never fires on English, pinyin, links (`notes.js` owns note
 * references), code, or outside `<main>`.
 */
import {isHan, longestWord, type Readings, wordAt} from './dictionary-words.js'
import {createPopup, placePopup} from './popup.js'

/** A word found under the pointer. */
interface Found {
  word: string
  readings: Readings
  range: Range
  element: Element
}

/** A stretch of a text node read as part of a word. */
interface Piece {
  node: Text
  start: number
  end: number
}

const skip =
  'a, rt, rp, code, pre, kbd, samp, button, input, textarea, select, .translation, .note-popup, #dictionary-popup'
const blocks = 'p, li, dt, dd, h1, h2, h3, h4, h5, h6, td, th, figcaption, blockquote, main'

const table = window.zhbookDictionary?.words
// A map, not the object: no word can be mistaken for a property of Object.
const words = table ? new Map(Object.entries(table)) : undefined
const longest = words ? longestWord(words) : 0
const main = document.querySelector('main')
let popup: HTMLElement | undefined
let shown: {word: string; range: Range} | undefined
/** Opened by a tap: stays until dismissed. */
let pinned = false
let frame = 0
const highlight = typeof Highlight === 'function' && window.CSS?.highlights ? new Highlight() : undefined

if (highlight) {
  CSS.highlights.set('dictionary', highlight)
  // Styled here, not in style.css: validators do not know ::highlight yet.
  try {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync('::highlight(dictionary) { background-color: var(--mark); }')
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]
  } catch {}
}

/** Whether the dictionary may read text in an element: Chinese, in the text. */
function readable(element: Element | null): boolean {
  if (!element || !main?.contains(element) || element.closest(skip)) return false
  const lang = element.closest('[lang]')?.getAttribute('lang') ?? ''
  return /^zh\b/i.test(lang) && !/-latn\b/i.test(lang)
}

function caretAt(x: number, y: number): {node: Node; offset: number} | undefined {
  if (document.caretPositionFromPoint) {
    const position = document.caretPositionFromPoint(x, y)
    return position ? {node: position.offsetNode, offset: position.offset} : undefined
  }
  if (document.caretRangeFromPoint) {
    const range = document.caretRangeFromPoint(x, y)
    return range ? {node: range.startContainer, offset: range.startOffset} : undefined
  }
  return undefined
}

/** Whether the character at offset is drawn under the point. */
function under(node: Text, offset: number, x: number, y: number): boolean {
  if (offset < 0 || offset >= node.data.length) return false
  const range = document.createRange()
  range.setStart(node, offset)
  range.setEnd(node, offset + 1)
  for (const box of range.getClientRects()) {
    if (x >= box.left - 1 && x <= box.right + 1 && y >= box.top - 1 && y <= box.bottom + 1) return true
  }
  return false
}

/** Text from (node, offset) on, within its block, skipping pinyin and note references. */
function textFrom(node: Text, offset: number): {pieces: Piece[]; text: string} {
  const block = node.parentElement?.closest(blocks) ?? node.parentElement ?? node
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT)
  walker.currentNode = node
  const pieces: Piece[] = []
  let text = ''
  let current = node as Text | null
  let start = offset
  while (current && text.length < longest) {
    if (current === node || readable(current.parentElement)) {
      let value = current.data.slice(start)
      const space = value.search(/\s/)
      if (space !== -1) value = value.slice(0, space)
      value = value.slice(0, longest - text.length)
      if (value) {
        pieces.push({node: current, start, end: start + value.length})
        text += value
      }
      if (space !== -1) break
    } else if (!current.parentElement?.closest('rt, rp, a[role~="doc-noteref"]')) {
      break
    }
    current = walker.nextNode() as Text | null
    start = 0
  }
  return {pieces, text}
}

function lookup(x: number, y: number): Found | undefined {
  const caret = caretAt(x, y)
  if (!words || !caret || !(caret.node instanceof Text)) return undefined
  const node = caret.node
  if (!readable(node.parentElement)) return undefined
  let offset = caret.offset
  if (!under(node, offset, x, y)) {
    offset -= 1
    if (!under(node, offset, x, y)) return undefined
  }
  if (!isHan(node.data.charAt(offset))) return undefined
  const found = textFrom(node, offset)
  const word = wordAt(words, found.text)
  if (!word || !node.parentElement) return undefined
  return {word, readings: words.get(word) ?? [], range: rangeOf(found.pieces, word.length), element: node.parentElement}
}

/** A range over the first `length` characters of the pieces. */
function rangeOf(pieces: readonly Piece[], length: number): Range {
  const range = document.createRange()
  let left = length
  const first = pieces[0]
  if (first) range.setStart(first.node, first.start)
  for (const piece of pieces) {
    const size = piece.end - piece.start
    if (left <= size) {
      range.setEnd(piece.node, piece.start + left)
      break
    }
    left -= size
  }
  return range
}

function line(className: string, lang: string, text: string): HTMLElement {
  const element = document.createElement('span')
  element.className = className
  if (lang) element.lang = lang
  element.textContent = text
  return element
}

function show(found: Found, byTap: boolean): undefined {
  if (
    shown &&
    shown.word === found.word &&
    shown.range.compareBoundaryPoints(Range.START_TO_START, found.range) === 0
  ) {
    pinned = pinned || byTap
    return undefined
  }
  popup ??= createPopup('dictionary-popup', 'dictionary-popup')
  popup.textContent = ''
  const head = document.createElement('p')
  head.className = 'dictionary-word'
  head.appendChild(line('dictionary-hanzi', found.element.closest('[lang]')?.getAttribute('lang') ?? 'zh', found.word))
  popup.appendChild(head)
  for (const [pinyin, english] of found.readings.slice(0, 4)) {
    const reading = document.createElement('p')
    reading.className = 'dictionary-reading'
    reading.append(
      line('dictionary-pinyin', 'zh-Latn-pinyin', pinyin),
      ' ',
      line('dictionary-en', 'en', english.split('/').join('; '))
    )
    popup.appendChild(reading)
  }
  popup.hidden = false
  placePopup(popup, found.range, 'start')
  if (highlight) {
    highlight.clear()
    highlight.add(found.range)
  }
  shown = {word: found.word, range: found.range}
  pinned = byTap
  return undefined
}

function close(): undefined {
  if (!shown || !popup) return undefined
  shown = undefined
  pinned = false
  popup.hidden = true
  popup.textContent = ''
  highlight?.clear()
  return undefined
}

if (words) {
  document.addEventListener('pointermove', (event) => {
    if (event.pointerType !== 'mouse') return
    const x = event.clientX
    const y = event.clientY
    cancelAnimationFrame(frame)
    frame = requestAnimationFrame(() => {
      if (popup && !popup.hidden && popup.contains(document.elementFromPoint(x, y))) return
      const found = lookup(x, y)
      if (found) show(found, false)
      else if (!pinned) close()
    })
  })

  document.addEventListener('pointerdown', (event) => {
    if (popup?.contains(event.target as Node | null)) return
    if (event.pointerType !== 'mouse' || pinned) close()
  })

  document.addEventListener('pointerup', (event) => {
    if (event.pointerType === 'mouse') return
    const found = lookup(event.clientX, event.clientY)
    if (found) show(found, true)
  })

  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close()
  })

  window.addEventListener('resize', close)
}
