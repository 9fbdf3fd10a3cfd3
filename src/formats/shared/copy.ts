/**
 * Copy-on-write for chapter trees in renderers.
 *
 * A chapter's tree is shared: every renderer reads it, and in watch mode it comes back from the
 * cache build after build, so a renderer never changes it. A renderer's steps (resolve links, group
 * note references, add EPUB semantics) each need a tree they may change; copying at every step
 * copies a chapter several times. A copy made here is the renderer's own, so the next step changes
 * it in place.
 */
import type {Root} from 'hast'

/**
 * Mark of the trees made by `writable`, owned by the renderer that asked: a symbol key, which
 * `structuredClone` does not copy, so a copy of an owned tree is not marked.
 */
const ownedMark = Symbol('zhbook.owned')

/**
 * A tree that may be changed: the tree itself when it is a copy made here, else a new copy.
 *
 * @param tree
 *   Tree (a chapter's, or one returned by `writable`).
 * @returns
 *   Tree to change.
 */
export function writable(tree: Root): Root {
  if (Object.hasOwn(tree, ownedMark)) return tree
  const copy = structuredClone(tree)
  Object.defineProperty(copy, ownedMark, {value: true})
  return copy
}
