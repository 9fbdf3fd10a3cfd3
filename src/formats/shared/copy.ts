/**
 * Copy-on-write for chapter trees in renderers: every renderer reads a chapter's tree (and watch mode
 * keeps it), and copying at each renderer step would copy a chapter several times.
 */
import type {Root} from 'hast'

/** Mark of the trees made by `writable`: a symbol key, which `structuredClone` does not copy. */
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
