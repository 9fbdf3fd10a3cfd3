/**
 * Stage: warn (M011) about a footnote or link definition given twice: Markdown silently drops the
 * later ones, whose text would be lost from every edition.
 */
import type {Root} from 'mdast'
import {visitNodes} from '../core/walk.js'
import type {VFile} from 'vfile'
import {warn} from '../core/diagnostics.js'

/**
 * Warn about repeated definitions.
 *
 * @returns
 *   Transform.
 */
export default function remarkDuplicateDefinitions() {
  return (tree: Root, file: VFile) => {
    const seen = new Map<string, number | undefined>()
    visitNodes(tree, (node) => {
      if (node.type !== 'definition' && node.type !== 'footnoteDefinition') return
      const label =
        node.type === 'footnoteDefinition'
          ? `[^${node.label ?? node.identifier}]`
          : `[${node.label ?? node.identifier}]`
      // Labels match case-insensitively, as the parser matches them.
      const key = `${node.type}:${node.identifier}`
      const line = node.position?.start.line
      if (!seen.has(key)) {
        seen.set(key, line)
        return
      }

      warn(
        file,
        `Unexpected second definition of \`${label}\` (first on line ${seen.get(key)}), expected one definition per label: this one is not shown`,
        node.position?.start,
        'M011'
      )
    })
  }
}
