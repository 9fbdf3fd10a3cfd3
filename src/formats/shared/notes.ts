/** Note references: whether a chapter has any (the web edition then loads its notes script). */
import type {Root} from 'hast'
import type {BuildSession} from '../../build/session.js'
import {treeFeatures} from './content-style.js'

/**
 * Check whether a tree has a note reference (`role~=doc-noteref`).
 *
 * @param tree
 *   Chapter tree.
 * @param session
 *   The build session (optional): a tree it saw is not walked again.
 * @returns
 *   Whether it has one.
 */
export function hasNoteReferences(tree: Root, session?: BuildSession | undefined): boolean {
  return treeFeatures(tree, session).noteReference
}
