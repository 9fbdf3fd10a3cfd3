/**
 * Translation units: the blocks translated one by one, each keyed by its Traditional Markdown source
 * (the `msgid`), not a position, so a translation follows its paragraph when it moves.
 */
import type {Heading, Nodes, Paragraph, Root, TableCell} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'
import type {VFile} from 'vfile'

/** A block that is translated as one. */
export type UnitNode = Paragraph | Heading | TableCell

/** A translation unit. */
export interface Unit {
  /** The block's Markdown source (container markers removed): the msgid. */
  key: string
  node: UnitNode
  /** Line of the block in its file (1-based). */
  line: number
  /** Column of the block in its file (1-based). */
  column: number
}

const han = /\p{Script=Han}/u

/** Parser of chapters, the same Markdown dialect as the build. */
const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm).freeze()

/**
 * Parse a chapter the way the build does.
 *
 * @param file
 *   Chapter file.
 * @returns
 *   mdast.
 */
export function parseChapter(file: VFile): Root {
  return parser.parse(file)
}

/**
 * The translation units of a chapter, in document order.
 *
 * @param tree
 *   The chapter's mdast, with positions.
 * @param source
 *   The chapter's Markdown source.
 * @returns
 *   Units.
 */
export function collectUnits(tree: Root, source: string): Unit[] {
  const units: Unit[] = []

  visit(tree, (node: Nodes) => {
    if (node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell') return
    const key = unitKey(node, source)
    if (!key || !han.test(key)) return
    const start = node.position?.start
    units.push({key, node, line: start?.line ?? 1, column: start?.column ?? 1})
    return 'skip'
  })

  return units
}

/**
 * The Markdown source of a block's content, without heading markers, blockquote or list markers and
 * continuation indentation.
 *
 * @param node
 *   Block.
 * @param source
 *   File contents.
 * @returns
 *   Key, or `undefined` without positions.
 */
export function unitKey(node: UnitNode, source: string): string | undefined {
  const first = node.children[0]
  const last = node.children.at(-1)
  const start = first?.position?.start.offset
  const end = last?.position?.end.offset
  if (start === undefined || end === undefined) return undefined
  return source
    .slice(start, end)
    .split(/\r?\n/)
    .map((line, index) => (index === 0 ? line : line.replace(/^[ \t]*(?:>[ \t]?)*[ \t]*/, '')))
    .join('\n')
    .trim()
}
