/**
 * Stage: highlight code at build time with starry-night: `<span class="pl-…">` runs coloured by the
 * book's CSS, no script for a reader. It loads (two seconds on a busy machine) on the first chapter
 * with a language. mdBook's `rust,ignore`: the language is what comes before the comma.
 */
import type {Root} from 'hast'
import type {Transformer} from 'unified'
import {visitElements} from '../core/walk.js'
import type {VFile} from 'vfile'

const prefix = 'language-'

/** Languages that are text: not highlighted, not reported. */
const plainText = ['text', 'txt', 'plain', 'plaintext', 'console', 'output', 'math']

/**
 * Highlight code whose language starry-night knows.
 *
 * @returns
 *   Transform.
 */
export default function rehypeHighlightCode() {
  let highlight: Promise<Transformer<Root, Root>> | undefined

  return async (tree: Root, file: VFile) => {
    let found = false
    visitElements(tree, (node) => {
      if (node.tagName !== 'code') return
      const classes = node.properties.className
      if (!Array.isArray(classes)) return
      node.properties.className = classes.map((value) => {
        if (typeof value !== 'string' || !value.startsWith(prefix)) return value
        found = true
        return value.split(',')[0]!
      })
    })

    if (!found) return
    highlight ??= import('rehype-starry-night').then(
      ({default: rehypeStarryNight}) =>
        rehypeStarryNight({plainText, allowMissingScopes: true}) as Transformer<Root, Root>
    )
    const transform = await highlight
    // An unknown language is shown plain, as mdBook does: not worth a warning.
    const before = file.messages.length
    await transform(tree, file, () => {})
    file.messages.splice(before)
  }
}
