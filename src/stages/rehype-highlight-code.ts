/**
 * Stage: highlight code blocks at build time, with starry-night (GitHub's grammars, through
 * rehype-starry-night).
 *
 * The result is `<span class="pl-…">` runs, coloured by the book's style sheets
 * (`formats/shared/code-style.ts`): no script reaches a reader. The highlighter and its grammars
 * (two seconds to import on a busy machine) are loaded on the first chapter that has code with a
 * language, so a build of a book without code pays nothing.
 *
 * mdBook's info strings carry attributes after a comma (`rust,ignore`, `rust,no_run`): the language
 * is what comes before it.
 */
import type {Root} from 'hast'
import type {Transformer} from 'unified'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'

/** Prefix of the language class of a code element. */
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
    visit(tree, 'element', (node) => {
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
