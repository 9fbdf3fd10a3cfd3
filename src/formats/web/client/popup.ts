/** The pop-up of the glossary notes and the dictionary: a `role="tooltip"` at the end of the body. */

/** A box in viewport coordinates (a `DOMRect` will do). */
export interface Box {
  left: number
  top: number
  width: number
  bottom: number
}

/** Space kept between the pop-up, what it explains and the viewport's edges, in CSS pixels. */
export const margin = 8

/**
 * Make a hidden pop-up and add it to the body.
 *
 * @param id
 *   Its id (what `aria-describedby` points to).
 * @param className
 *   Its class (the stylesheet draws it).
 * @returns
 *   The pop-up.
 */
export function createPopup(id: string, className: string): HTMLDivElement {
  const popup = document.createElement('div')
  popup.id = id
  popup.className = className
  popup.setAttribute('role', 'tooltip')
  popup.hidden = true
  document.body.appendChild(popup)
  return popup
}

/**
 * Where a pop-up goes: under its anchor, or above when only above has room; kept in the viewport.
 *
 * @param anchor
 *   What it explains, in viewport coordinates.
 * @param size
 *   The pop-up's size.
 * @param viewport
 *   The viewport's size.
 * @param align
 *   `'center'`: centred on the anchor (a note reference is a small mark);
 *   `'start'`: from the anchor's left edge (a word is read from there).
 * @returns
 *   Top left corner, in viewport coordinates.
 */
export function popupPosition(
  anchor: Box,
  size: {width: number; height: number},
  viewport: {width: number; height: number},
  align: 'center' | 'start'
): {left: number; top: number} {
  const left = align === 'center' ? anchor.left + anchor.width / 2 - size.width / 2 : anchor.left
  let top = anchor.bottom + margin
  if (top + size.height > viewport.height && anchor.top - margin - size.height >= 0) {
    top = anchor.top - margin - size.height
  }
  return {left: Math.max(margin, Math.min(left, viewport.width - size.width - margin)), top}
}

/**
 * Place a shown pop-up next to its anchor (see `popupPosition`).
 *
 * @param popup
 *   The pop-up, not hidden.
 * @param anchor
 *   What it explains: an element, or a range of text.
 * @param align
 *   See `popupPosition`.
 * @returns
 *   Nothing.
 */
export function placePopup(popup: HTMLElement, anchor: Element | Range, align: 'center' | 'start'): undefined {
  // Measured at the page's corner, so its last place does not squeeze its width.
  popup.style.left = '0px'
  popup.style.top = '0px'
  const viewport = document.documentElement
  const {left, top} = popupPosition(
    anchor.getBoundingClientRect(),
    {width: popup.offsetWidth, height: popup.offsetHeight},
    {width: viewport.clientWidth, height: viewport.clientHeight},
    align
  )
  popup.style.left = left + window.scrollX + 'px'
  popup.style.top = top + window.scrollY + 'px'
  return undefined
}
