/**
 * Stage: rehype-raw, only in chapters that have raw HTML: it runs the whole tree through an HTML
 * parser again, which a plain Markdown chapter pays for and gains nothing from.
 */
import type {Root} from 'hast'
import type {Options} from 'rehype-raw'
import {EXIT} from 'unist-util-visit'
import {visitNodes} from '../core/walk.js'
import type {VFile} from 'vfile'

/**
 * Parse raw HTML when the tree has some.
 *
 * @param options
 *   Options of rehype-raw (optional).
 * @returns
 *   Transform.
 */
export default function rehypeRawIfAny(options?: Options | null) {
  let transform: ((tree: Root, file: VFile) => Root) | undefined

  return async (tree: Root, file: VFile): Promise<Root> => {
    let found = false
    visitNodes(tree, (node) => {
      if (node.type !== 'raw') return undefined
      found = true
      return EXIT
    })
    if (!found) return tree
    // Loaded by the first chapter with HTML: a book of plain Markdown never pays for it.
    if (!transform) {
      const {default: rehypeRaw} = await import('rehype-raw')
      transform = rehypeRaw(options) as (tree: Root, file: VFile) => Root
    }

    return transform(tree, file)
  }
}
