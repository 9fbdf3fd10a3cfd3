/**
 * Stage: parse the manuscript's raw HTML into the tree (rehype-raw), only in chapters that have
 * any.
 *
 * rehype-raw runs the whole tree through an HTML parser again; a chapter of plain Markdown (most
 * chapters) gains nothing from it and pays for it.
 */
import type {Root} from 'hast'
import type {Options} from 'rehype-raw'
import {EXIT, visit} from 'unist-util-visit'
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
    visit(tree, 'raw', () => {
      found = true
      return EXIT
    })
    if (!found) return tree
    // rehype-raw (and parse5 under it) is loaded by the first chapter that has HTML: a book of
    // plain Markdown never pays for it.
    if (!transform) {
      const {default: rehypeRaw} = await import('rehype-raw')
      transform = rehypeRaw(options) as (tree: Root, file: VFile) => Root
    }

    return transform(tree, file)
  }
}
