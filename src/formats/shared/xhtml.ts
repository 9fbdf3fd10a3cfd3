/**
 * Serialise hast as XML: hast-util-to-html has no XML mode, so through hast-util-to-xast and
 * xast-util-to-xml, with the two corrections an EPUB needs (see `toXhtml`).
 */
import type {Nodes as HastNodes} from 'hast'
import type {Nodes as XastNodes} from 'xast'
import {toXast} from 'hast-util-to-xast'
import {toXml} from 'xast-util-to-xml'

/** Configuration for `toXhtml`. */
export interface Options {
  /**
   * Whether the result goes inside an element that already declares the XHTML namespace (optional,
   * default: `false`): hast-util-to-xast puts `xmlns` on every outermost element.
   */
  readonly fragment?: boolean | null | undefined
}

const emptyOptions: Options = {}

const xhtmlNamespace = 'http://www.w3.org/1999/xhtml'

/** xast-util-to-xml's hexadecimal references, mapped back to the named escapes the book keeps. */
const hexadecimalEscapes: Readonly<Record<string, string>> = {
  '&#x26;': '&amp;',
  '&#x3C;': '&lt;',
  '&#x22;': '&quot;'
}

/**
 * Serialise a hast tree as XML (XHTML, or SVG for an `svg` tree). Comments are dropped, so every
 * `&#x…;` left is the serialiser's own escape and safe to map back to a named one.
 *
 * @param tree
 *   hast tree (root, element, or text).
 * @param options
 *   Configuration (optional).
 * @returns
 *   Serialised XML, without an XML declaration.
 */
export function toXhtml(tree: HastNodes, options?: Options | null): string {
  const settings = options ?? emptyOptions
  const xast = toXast(tree)

  clean(xast, Boolean(settings.fragment))

  return (
    toXml(xast, {closeEmptyElements: true, tightClose: true})
      .replace(/&#x(?:26|3C|22);/g, (reference) => {
        return hexadecimalEscapes[reference] ?? reference
      })
      // `]]>` is not allowed in XML character data, and xast-util-to-xml does not escape `>`.
      .replaceAll(']]>', ']]&gt;')
  )
}

/**
 * Escape a string as XML text or a double-quoted attribute value.
 *
 * @param value
 *   Raw text.
 * @returns
 *   Escaped text: `&`, `<`, `>` and `"` as named references, all other characters as themselves.
 */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"]/g, (character) => {
    return character === '&' ? '&amp;' : character === '<' ? '&lt;' : character === '>' ? '&gt;' : '&quot;'
  })
}

/** Drop comments and, for fragments, the redundant XHTML `xmlns` on the outermost elements. */
function clean(node: XastNodes, fragment: boolean): void {
  if (node.type === 'element' && fragment) {
    if (node.attributes.xmlns === xhtmlNamespace) {
      delete node.attributes.xmlns
    }
  }

  if (node.type === 'root' || node.type === 'element') {
    // Children of an element that keeps `xmlns` are in its namespace: only the top is a fragment.
    const childFragment = node.type === 'root' && fragment
    node.children = node.children.filter((child) => child.type !== 'comment')

    for (const child of node.children) {
      clean(child, childFragment)
    }
  }
}
