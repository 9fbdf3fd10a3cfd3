/**
 * Every element of a hast tree, in the order `visit(tree, 'element', …)` of
 * unist-util-visit gives them, for the stages and renderers that only read
 * or change each element in turn.
 *
 * Why not unist-util-visit for these: for every node it walks, it names the
 * function that visits it (`Object.defineProperty(visit, 'name', …)` with a
 * string made for the node) and copies the list of ancestors. On a chapter
 * of 50 MB, with some twenty walks per edition, that was 18 s of the build's
 * time and much of the garbage its collector had to clear. Walks that use the
 * parent or the index, or replace nodes, keep unist-util-visit.
 */
import type {Element, Root, RootContent} from 'hast'
import {EXIT, SKIP} from 'unist-util-visit'

/**
 * What a visitor may return: `SKIP` leaves the element's children out,
 * `EXIT` ends the walk.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a visitor that returns nothing returns `void`.
export type ElementVisitorResult = typeof SKIP | typeof EXIT | undefined | void

/**
 * Call `visitor` on every element of a tree, parents before their children,
 * in document order; children are read after their parent is visited, so a
 * visitor may change its element's children.
 *
 * @param tree
 *   Tree (or an element of one).
 * @param visitor
 *   Called with each element; returns `SKIP` to leave out the element's
 *   children, `EXIT` to end the walk, else nothing.
 * @returns
 *   Nothing.
 */
export function visitElements(tree: Root | Element, visitor: (node: Element) => ElementVisitorResult): undefined {
  walk(tree)
  return undefined

  /** Visit a node and its descendants; `true` when the walk ends. */
  function walk(node: Root | RootContent): boolean {
    if (node.type === 'element') {
      const result = visitor(node)
      if (result === EXIT) return true
      if (result === SKIP) return false
    }

    if ('children' in node) {
      const parent = node
      for (let index = 0; index < parent.children.length; index++) if (walk(parent.children[index]!)) return true
    }

    return false
  }
}
