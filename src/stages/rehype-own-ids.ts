/**
 * Stage: note which elements carry an id zhbook gave them, before the
 * manuscript's raw HTML is parsed into the tree.
 *
 * Paragraph numbers (`p-3`), heading slugs and footnote ids are set on the
 * elements made from Markdown; once rehype-raw has parsed the raw HTML, an
 * element of the manuscript's HTML with an `id` looks the same. Each is
 * known by its tag and where it starts, which the HTML parser keeps, so
 * `rehypeAuthorIds` can tell the author's ids from zhbook's.
 */
import type {Element, Root} from 'hast'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'

declare module 'vfile' {
  interface DataMap {
    /** Elements with an id zhbook gave, as `tag@offset` (set by `rehypeOwnIds`). */
    ownIds: Set<string>
  }
}

/**
 * Note the elements that carry zhbook's ids.
 *
 * @returns
 *   Transform.
 */
export default function rehypeOwnIds() {
  return (tree: Root, file: VFile) => {
    const own = new Set<string>()
    visit(tree, 'element', (node) => {
      const key = elementKey(node)
      if (node.properties.id !== undefined && key !== undefined) own.add(key)
    })
    file.data.ownIds = own
  }
}

/**
 * An element as `rehypeOwnIds` knows it: its tag and where it starts.
 *
 * @param node
 *   Element.
 * @returns
 *   Key, or `undefined` for an element without a place (one zhbook made).
 */
export function elementKey(node: Element): string | undefined {
  const offset = node.position?.start.offset
  return offset === undefined ? undefined : `${node.tagName}@${offset}`
}
