/**
 * Stage: note the elements with an id zhbook gave, before raw HTML is parsed:
 * afterwards an author's element with an `id` looks the same. Each is known by
 * tag and start offset (kept by the HTML parser), for `rehypeAuthorIds`.
 */
import type {Element, Root} from 'hast'
import {visitElements} from '../core/walk.js'
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
    visitElements(tree, (node) => {
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
