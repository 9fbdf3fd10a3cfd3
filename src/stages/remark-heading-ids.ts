/**
 * Stage: heading ids made as GitHub and mdBook make them (github-slugger), so an author's
 * `[見此](#使用-result-處理可能的錯誤)` leads somewhere. On the manuscript's text, before any edition's
 * stages: the ids are the same in every edition. `{#custom-id}` is honoured and removed.
 */
import GithubSlugger, {slug} from 'github-slugger'
import type {Heading, Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import {visitNodes} from '../core/walk.js'

/** `{#id}` at the end of a heading (Pandoc, mdBook, kramdown). */
const customId = /[ \t]*\{#([^\s{}]+)\}[ \t]*$/

/**
 * Give headings ids from their text. After `remarkBlockIds`: a heading's id replaces its block
 * number, which keeps counting, so paragraph numbers do not change.
 *
 * @returns
 *   Transform.
 */
export default function remarkHeadingIds() {
  return (tree: Root) => {
    const slugger = new GithubSlugger()
    // Custom ids first: a slug must not take an id an author chose.
    const custom = new Map<Heading, string>()
    visitNodes(tree, (node) => {
      if (node.type !== 'heading') return
      const id = takeCustomId(node)
      if (id !== undefined) {
        custom.set(node, id)
        slugger.slug(id)
      }
    })

    // Ids the pipeline gives other blocks (`p-N`), which a heading `p-3` must not take.
    const taken = new Set<string>()
    visitNodes(tree, (node) => {
      const id = node.type === 'heading' ? undefined : node.data?.hProperties?.id
      if (typeof id === 'string') taken.add(id)
    })

    visitNodes(tree, (node) => {
      if (node.type !== 'heading') return
      const id = custom.get(node) ?? headingSlug(toString(node), slugger, taken)
      if (id === undefined) return
      node.data = {...node.data, hProperties: {...node.data?.hProperties, id}}
    })
  }
}

/** The id of a heading's text as a link writes it; `undefined` when it has nothing to make one of. */
function headingSlug(text: string, slugger: GithubSlugger, taken: ReadonlySet<string>): string | undefined {
  if (slug(text) === '') return undefined
  // Footnote ids (`user-content-fn-1`) are remark-rehype's, whatever the suffix.
  const base = slug(text).startsWith('user-content-') ? 'heading ' + text : text
  let id = slugger.slug(base)
  // The next one (`p-3-1`) when the id is another block's or the footnotes'; `taken` is finite.
  while (taken.has(id) || id === 'footnote-label') id = slugger.slug(base)
  return id
}

/** Remove `{#id}` from the end of a heading (changed). */
function takeCustomId(node: Heading): string | undefined {
  const last = node.children.at(-1)
  if (last?.type !== 'text') return undefined
  const match = customId.exec(last.value)
  if (!match) return undefined
  last.value = last.value.slice(0, match.index)
  if (last.value === '') node.children.pop()
  return match[1]
}
