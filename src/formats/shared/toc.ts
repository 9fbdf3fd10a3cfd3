/** The table of contents as a tree, which each renderer draws in its own markup. */

export interface Placed {
  depth?: number | undefined
  part?: number | undefined
}

/** A node of the table of contents: a chapter, or a part's title. */
export type TocNode<T> =
  | {kind: 'chapter'; item: T; index: number; children: Array<TocNode<T>>}
  | {kind: 'part'; title: string; children: Array<TocNode<T>>}

/**
 * Make the tree of a list of chapters. A chapter deeper than the one before by more than one level
 * is nested one level down; a part with no chapter has no node.
 *
 * @param items
 *   Chapters, in reading order.
 * @param parts
 *   Part titles (optional: none).
 * @returns
 *   Top-level nodes.
 */
export function tocTree<T extends Placed>(items: readonly T[], parts: readonly string[] = []): Array<TocNode<T>> {
  const top: Array<TocNode<T>> = []
  let container = top
  let current: number | undefined
  let stack: Array<TocNode<T>> = []

  for (const [index, item] of items.entries()) {
    if (item.part !== current) {
      current = item.part
      stack = []
      const title = current === undefined ? undefined : parts[current]
      if (title === undefined) {
        container = top
      } else {
        const part: TocNode<T> = {kind: 'part', title, children: []}
        top.push(part)
        container = part.children
      }
    }

    const depth = Math.max(0, item.depth ?? 0)
    while (stack.length > depth) stack.pop()
    const parent = stack.at(-1)
    const node: TocNode<T> = {kind: 'chapter', item, index, children: []}
    ;(parent ? parent.children : container).push(node)
    stack.push(node)
  }

  return top
}

/**
 * How deep a tree goes (1: a flat list).
 *
 * @param nodes
 *   Nodes.
 * @returns
 *   Depth.
 */
export function tocDepth(nodes: ReadonlyArray<TocNode<unknown>>): number {
  let deepest = 0
  for (const node of nodes) deepest = Math.max(deepest, 1 + tocDepth(node.children))
  return deepest
}
