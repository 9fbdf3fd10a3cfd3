/**
 * SVG images made safe to ship: no script, nothing that makes a reader's device fetch anything, and
 * well-formed XML that epubcheck accepts.
 *
 * An SVG file is a program as much as a picture: it can carry `<script>`, event handlers,
 * `<foreignObject>` HTML, and references to other files (`<image href="https://…">`, `<use
 * href="other.svg#a">`, `url(…)` in styles). Drawing tools add their own namespaces (`inkscape:`,
 * `sodipodi:`), which EPUB readers do not need. The file is read with the HTML parser's SVG rules
 * (rehype-raw), cleaned, and written back as XML.
 */
import type {Element, Root} from 'hast'
import {toString} from 'hast-util-to-string'
import rehypeRaw from 'rehype-raw'
import {unified} from 'unified'
import {SKIP, visit} from 'unist-util-visit'
import {toXhtml} from './xhtml.js'

/** Parses SVG markup into hast. */
const parser = unified().use(rehypeRaw).freeze()

/** Elements removed with their content. */
const removed = new Set(['script', 'foreignobject', 'foreignObject', 'iframe', 'embed', 'object', 'audio', 'video'])

/** A reference that stays in the file: a fragment, or an embedded raster image. */
const internal = /^(?:#|data:image\/(?:png|jpeg|gif);)/i

/** `url(…)` to anything but a fragment, or `@import`. */
const externalCss = /@import|url\(\s*['"]?\s*(?!#)/i

/**
 * Clean an SVG file.
 *
 * @param value
 *   The file's text.
 * @returns
 *   The cleaned SVG, with an XML declaration, or `undefined` when the file has no `svg` element.
 */
export function sanitizeSvg(value: string): string | undefined {
  const tree = parser.runSync({type: 'root', children: [{type: 'raw', value}]}) as Root
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

/**
 * Whether an element is unsafe as a whole: a drawing tool's own element (`sodipodi:namedview`), a
 * style sheet that loads something, an image or `use` of another file.
 */
function unsafe(node: Element): boolean {
  if (node.tagName.includes(':')) return true
  if (node.tagName === 'style') return externalCss.test(toString(node))
  if (node.tagName === 'image' || node.tagName === 'use' || node.tagName === 'feImage') {
    const href = node.properties.href ?? node.properties.xLinkHref
    return typeof href !== 'string' || !internal.test(href.trim())
  }

  return false
}
