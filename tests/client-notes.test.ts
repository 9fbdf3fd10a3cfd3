// @vitest-environment happy-dom
/**
 * The glossary note pop-ups (`notes.js`) in a document: what the reader
 * sees on hover, focus, tap and keyboard, which the browser tests touch only
 * in passing.
 */
import {afterEach, beforeAll, describe, expect, it, vi} from 'vitest'

beforeAll(async () => {
  document.body.innerHTML =
    '<main lang="zh-Hant">' +
    '<p>大模型<a href="#gloss-1" id="gloss-ref-1" role="doc-noteref" class="noteref">†</a>很大。' +
    '<a href="#missing" id="ref-missing" role="doc-noteref">†</a></p>' +
    '<div class="gloss-notes"><aside id="gloss-1" role="doc-footnote" class="gloss" lang="en">' +
    '<p><a href="#gloss-ref-1" role="doc-backlink">↩</a><span id="term">large model</span>. An AI model.</p>' +
    '</aside></div>' +
    '</main>' +
    '<p id="elsewhere">elsewhere</p>'
  await import('../src/formats/web/client/notes.js')
})

afterEach(() => {
  document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}))
  vi.useRealTimers()
})

function reference(id = 'gloss-ref-1'): HTMLElement {
  return document.getElementById(id)!
}

function popup(): HTMLElement | null {
  return document.getElementById('note-popup')
}

function click(target: Element, detail: number): MouseEvent {
  const event = new MouseEvent('click', {bubbles: true, cancelable: true, detail})
  target.dispatchEvent(event)
  return event
}

describe('notes.js', () => {
  it('should show a copy of the note on hover, without its back-link or ids', () => {
    reference().dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))
    const box = popup()!
    expect(box.hidden).toBe(false)
    expect(box.getAttribute('role')).toBe('tooltip')
    expect(box.lang).toBe('en')
    expect(box.innerHTML).toBe('<p><span>large model</span>. An AI model.</p>')
    expect(reference().getAttribute('aria-describedby')).toBe('note-popup')
    // The note at the end of the chapter is left as it was.
    expect(document.getElementById('term')?.textContent).toBe('large model')
  })

  it('should close on Escape', () => {
    reference().dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))
    document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}))
    expect(popup()!.hidden).toBe(true)
    expect(popup()!.textContent).toBe('')
    expect(reference().hasAttribute('aria-describedby')).toBe(false)
  })

  it('should close a hovered note a moment after the pointer leaves', () => {
    vi.useFakeTimers()
    reference().dispatchEvent(new MouseEvent('mouseover', {bubbles: true}))
    reference().dispatchEvent(new MouseEvent('mouseout', {bubbles: true, relatedTarget: document.body}))
    expect(popup()!.hidden).toBe(false)
    vi.runAllTimers()
    expect(popup()!.hidden).toBe(true)
  })

  it('should keep a tapped note open, instead of following the link, until a tap elsewhere', () => {
    vi.useFakeTimers()
    expect(click(reference(), 1).defaultPrevented).toBe(true)
    reference().dispatchEvent(new MouseEvent('mouseout', {bubbles: true, relatedTarget: document.body}))
    vi.runAllTimers()
    expect(popup()!.hidden).toBe(false)
    document.getElementById('elsewhere')!.dispatchEvent(new PointerEvent('pointerdown', {bubbles: true}))
    expect(popup()!.hidden).toBe(true)
  })

  it('should follow the link on Enter (a click without detail), as without the script', () => {
    reference().dispatchEvent(new FocusEvent('focusin', {bubbles: true}))
    expect(popup()!.hidden).toBe(false)
    expect(click(reference(), 0).defaultPrevented).toBe(false)
    expect(popup()!.hidden).toBe(true)
  })

  it('should leave a reference whose note is missing a plain link', () => {
    expect(click(reference('ref-missing'), 1).defaultPrevented).toBe(false)
    expect(popup()!.hidden).toBe(true)
    expect(reference('ref-missing').hasAttribute('aria-describedby')).toBe(false)
  })
})
