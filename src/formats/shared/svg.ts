/**
 * SVG images made safe to ship: an SVG can carry `<script>`, event handlers, `<foreignObject>` and
 * references that make a reader's device fetch files; drawing tools add namespaces (`inkscape:`)
 * epubcheck rejects. Read with the HTML parser's SVG rules, cleaned, written back as XML.
 */
import type {Element} from 'hast'
import {toString} from 'hast-util-to-string'
import {SKIP, visit} from 'unist-util-visit'
import {htmlParser} from '../../core/html-parser.js'
import {toXhtml} from './xhtml.js'

const removed = new Set(['script', 'foreignobject', 'foreignObject', 'iframe', 'embed', 'object', 'audio', 'video'])

const internal = /^(?:#|data:image\/(?:png|jpeg|gif);)/i

const externalCss = /@import|url\(\s*['"]?\s*(?!#)/i

/**
 * Clean an SVG file.
 *
 * @param value
 *   The file's text.
 * @returns
 *   The cleaned SVG, with an XML declaration, or `undefined` when the file has no `svg` element.
 */
export async function sanitizeSvg(value: string): Promise<string | undefined> {
  const tree = (await htmlParser())(value)
  let svg: Element | undefined
  visit(tree, 'element', (node) => {
    if (node.tagName === 'svg') {
      svg = node
      return false
    }

    return undefined
  })
  if (!svg) return undefined

  visit(svg, 'element', (node, index, parent) => {
    if (parent && index !== undefined && (removed.has(node.tagName) || unsafe(node))) {
      parent.children.splice(index, 1)
      return [SKIP, index]
    }

    for (const [name, property] of Object.entries(node.properties)) {
      const text = Array.isArray(property) ? property.join(' ') : String(property)
      if (
        name.includes(':') ||
        /^on/i.test(name) ||
        ((name === 'href' || name === 'xLinkHref') && !internal.test(text.trim())) ||
        (name === 'style' && externalCss.test(text))
      ) {
        delete node.properties[name]
      }
    }

    return undefined
  })

  return '<?xml version="1.0" encoding="UTF-8"?>\n' + toXhtml(svg) + '\n'
}

/** Whether an element goes whole: a tool's own element, a loading style sheet, an external image. */
function unsafe(node: Element): boolean {
  if (node.tagName.includes(':')) return true
  if (node.tagName === 'style') return externalCss.test(toString(node))
  if (node.tagName === 'image' || node.tagName === 'use' || node.tagName === 'feImage') {
    const href = node.properties.href ?? node.properties.xLinkHref
    return typeof href !== 'string' || !internal.test(href.trim())
  }

  return false
}
