/**
 * Walks over a hast or mdast tree in the order unist-util-visit gives (parents before
 * their children, in document order), for the stages and renderers that read
 * or change each node in turn.
 *
 * Why not unist-util-visit for these: for every node it walks, it names the
 * function that visits it (`Object.defineProperty(visit, 'name', …)` with a
 * string made for the node) and copies the list of ancestors. On a chapter
 * of 50 MB, with some twenty walks per edition, that was 18 s of the build's
 * time and much of the garbage its collector had to clear. Walks that return
 * an index to go on from keep unist-util-visit.
 */
import type {Element, Nodes, Root} from 'hast'
import type {Nodes as MdastNodes, Parent as MdastParent} from 'mdast'
import {EXIT, SKIP} from 'unist-util-visit'

/**
 * What a visitor may return: `SKIP` leaves the node's children out, `EXIT`
 * ends the walk.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a visitor that returns nothing returns `void`.
export type VisitorResult = typeof SKIP | typeof EXIT | undefined | void

/** A visitor: the node, its index in its parent and its parent (both `undefined` for the tree itself). */
export type Visitor<Node, Parent = Root | Element> = (
  node: Node,
  index: number | undefined,
  parent: Parent | undefined
) => VisitorResult

/**
 * Call `visitor` on every node of a tree, parents before their children, in
 * document order. Children are read after their parent is visited (a visitor
 * may change its node's children); a visitor that replaces its node in its
 * parent goes on with the node it was given, as unist-util-visit does.
 *
 * @param tree
 *   Tree (or a node of one).
 * @param visitor
 *   Called with each node; returns `SKIP` to leave out the node's children,
 *   `EXIT` to end the walk, else nothing.
 * @returns
 *   Nothing.
 */
export function visitNodes(tree: Nodes, visitor: Visitor<Nodes>): undefined
export function visitNodes(tree: MdastNodes, visitor: Visitor<MdastNodes, MdastParent>): undefined
export function visitNodes(tree: Walked, visitor: Visitor<Nodes> | Visitor<MdastNodes, MdastParent>): undefined {
  // Each overload pairs a tree with a visitor of its own kind of node.
  const visit = visitor as Visitor<Walked, WalkedParent>
  walk(tree, undefined, undefined)
  return undefined

  /** Visit a node and its descendants; `true` when the walk ends. */
  function walk(node: Walked, index: number | undefined, parent: WalkedParent | undefined): boolean {
    const result = visit(node, index, parent)
    if (result === EXIT) return true
    if (result === SKIP) return false
    if ('children' in node) {
      const children: Walked[] = node.children
      for (let child = 0; child < children.length; child++) if (walk(children[child]!, child, node)) return true
    }

    return false
  }
}

/** A node of either kind of tree. */
type Walked = Nodes | MdastNodes

/** A parent of either kind of tree. */
type WalkedParent = Root | Element | MdastParent

/**
 * Call `visitor` on every element of a tree, as `visitNodes` does (the same
 * order as `visit(tree, 'element', …)`).
 *
 * @param tree
 *   Tree (or a node of one).
 * @param visitor
 *   Called with each element; returns `SKIP` to leave out the element's
 *   children, `EXIT` to end the walk, else nothing.
 * @returns
 *   Nothing.
 */
export function visitElements(tree: Nodes, visitor: Visitor<Element>): undefined {
  return visitNodes(tree, (node, index, parent) => (node.type === 'element' ? visitor(node, index, parent) : undefined))
}
