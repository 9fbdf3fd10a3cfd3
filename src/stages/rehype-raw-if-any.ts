/**
 * Stage: parse the manuscript's raw HTML into the tree (rehype-raw), only in
 * chapters that have any.
 *
 * rehype-raw runs the whole tree through an HTML parser again; a chapter of
 * plain Markdown (most chapters) gains nothing from it and pays for it.
 */
import type {Root} from 'hast'
import rehypeRaw, {type Options} from 'rehype-raw'
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
  const transform = rehypeRaw(options)

  return function (tree: Root, file: VFile): Root {
    let found = false
    visit(tree, 'raw', function () {
      found = true
      return EXIT
    })
    return found ? transform(tree, file) : tree
  }
}
