/** Stage: GFM column alignment as CSS: HTML 5 and XHTML 5 no longer allow `align` (Nu checker, epubcheck). */
import type {Root} from 'hast'
import {visitElements} from '../core/walk.js'

/**
 * Move `align` on table cells into `style`.
 *
 * @returns
 *   Transform.
 */
export default function rehypeTableAlign() {
  return (tree: Root) => {
    visitElements(tree, (node) => {
      if (node.tagName !== 'td' && node.tagName !== 'th') return
      const align = node.properties.align
      if (typeof align !== 'string') return
      delete node.properties.align
      if (!/^(left|right|center|justify)$/.test(align)) return
      const style = typeof node.properties.style === 'string' ? node.properties.style.trim() : ''
      node.properties.style = (style ? style.replace(/;?$/, '; ') : '') + `text-align: ${align}`
    })
  }
}
