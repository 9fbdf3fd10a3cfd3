/** Stage: mark the turns of a dialogue (`**主持人**：您覺得……`), to be set apart by typography, not colour. */
import type {Root} from 'hast'
import {toString} from 'hast-util-to-string'
import {visitElements} from '../core/walk.js'

/** Options of `rehypeDialogue`. */
export interface Options {
  /** Class added to a turn's paragraph (default: `dialogue`). */
  readonly className?: string | undefined
  /** Class added to the speaker's label (default: `speaker`). */
  readonly speakerClassName?: string | undefined
}

const emptyOptions: Options = {}

const colon = /^\s*[：:]/

/**
 * Add `class="dialogue"` to paragraphs that open with a bold speaker's name followed by a colon,
 * and `class="speaker"` to the name.
 *
 * @param options
 *   Configuration (optional).
 * @returns
 *   Transform.
 */
export default function rehypeDialogue(options: Options = emptyOptions) {
  const className = options.className ?? 'dialogue'
  const speakerClassName = options.speakerClassName ?? 'speaker'

  return (tree: Root) => {
    visitElements(tree, (node) => {
      if (node.tagName !== 'p') return
      const [first, second] = node.children
      if (first?.type !== 'element' || first.tagName !== 'strong') return
      const name = toString(first).trim()
      // The colon may sit inside the bold (`**主持人：**`) or after it.
      const labelled = /[：:]$/.test(name) || (second?.type === 'text' && colon.test(second.value))
      // A speaker's name is short; a bold opening sentence is not a turn.
      if (!labelled || [...name].length > 12) return
      node.properties.className = [...asList(node.properties.className), className]
      first.properties.className = [...asList(first.properties.className), speakerClassName]
    })
  }
}

function asList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : []
}
