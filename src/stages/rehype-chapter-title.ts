/** Stage: take the chapter's title from its first heading, for tables of contents and page titles. */
import type {Element, ElementContent, Root} from 'hast'
import {headingRank} from 'hast-util-heading-rank'
import {otherLanguage} from './rehype-hant-to-hans.js'
import type {VFile} from 'vfile'
import {EXIT, visit} from 'unist-util-visit'
import {warn} from '../core/diagnostics.js'

declare module 'vfile' {
  interface DataMap {
    title: string
  }
}

/** Options of `rehypeChapterTitle`. */
export interface Options {
  /** Title when the chapter has no heading (default: the file stem). */
  readonly fallback?: string | undefined
}

const emptyOptions: Options = {}

/**
 * Set `file.data.title` from the first heading; warn (M003) when a chapter with text has none. Runs
 * after conversion, so the title is in the edition's script.
 *
 * @param options
 *   Configuration (optional).
 * @returns
 *   Transform.
 */
export default function rehypeChapterTitle(options: Options = emptyOptions) {
  return (tree: Root, file: VFile) => {
    let title: string | undefined

    visit(tree, 'element', (node) => {
      if (!headingRank(node)) return
      title = textOf(node).replace(/\s+/g, ' ').trim() || undefined
      return EXIT
    })

    // An empty chapter has its own warning (M005): no second one for it.
    const empty = String(file.value).trim() === ''
    if (!title) {
      title = options.fallback ?? file.stem ?? 'Untitled'
      if (!empty) {
        warn(
          file,
          'Unexpected chapter without a heading, expected a `# title` line; using the file name',
          {line: 1, column: 1},
          'M003'
        )
      }
    }

    file.data.title = title
  }
}

/** Text of a heading without its translation (`<span lang="en">`) or pinyin. */
function textOf(node: Element | ElementContent): string {
  if (node.type === 'text') return node.value
  if (node.type !== 'element' || otherLanguage(node) || node.tagName === 'rt' || node.tagName === 'rp') return ''
  return node.children.map(textOf).join('')
}
