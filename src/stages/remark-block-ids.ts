/**
 * Stage: number the blocks of a chapter (`p-1` …) alike in every edition, so a link can open another
 * edition at the same paragraph. Runs first: blocks later stages add shift nothing.
 */
import type {Root} from 'mdast'
import {visitNodes} from '../core/walk.js'

/** Options of `remarkBlockIds`. */
export interface Options {
  /** Prefix of the ids (default: `p-`). */
  readonly prefix?: string | undefined
}

const emptyOptions: Options = {}

/**
 * Give every paragraph and heading an id by its position; a list item's first paragraph gives it to
 * the item (in a tight list the paragraph has no element).
 *
 * @param options
 *   Configuration (optional).
 * @returns
 *   Transform.
 */
export default function remarkBlockIds(options: Options = emptyOptions) {
  const prefix = options.prefix ?? 'p-'

  return (tree: Root) => {
    let count = 0
    visitNodes(tree, (node, index, parent) => {
      if (node.type !== 'paragraph' && node.type !== 'heading') return
      const id = `${prefix}${++count}`
      const target = node.type === 'paragraph' && parent?.type === 'listItem' && index === 0 ? parent : node
      target.data = {...target.data, hProperties: {...target.data?.hProperties, id}}
    })
  }
}
