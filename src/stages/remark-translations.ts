/**
 * Stage: the bilingual edition's translation after each block, from the PO catalogs. Blocks are
 * found by their source (`translate/units.ts`), so a translation moves with its paragraph. A missing
 * or fuzzy translation is reported and shown as a visible placeholder, never used silently.
 */
import type {Emphasis, Paragraph, PhrasingContent, Root} from 'mdast'
import {toString} from 'mdast-util-to-string'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {SKIP, visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
import {warn} from '../core/diagnostics.js'
import type {BookTranslations} from '../core/model.js'
import {unitKey, type UnitNode} from '../translate/units.js'

/** How many units of a chapter are translated, fuzzy, missing. */
export interface TranslationCoverage {
  translated: number
  fuzzy: number
  missing: number
}

declare module 'vfile' {
  interface DataMap {
    chapterId: string
    translation: TranslationCoverage
  }
}

/** Options of `remarkTranslations`. */
export interface Options {
  readonly translations: BookTranslations
  /** Placeholder for a paragraph without translation (default: English). */
  readonly missing?: string | undefined
  /** Placeholder for a paragraph whose translation is out of date (default: English). */
  readonly fuzzy?: string | undefined
}

const han = /\p{Script=Han}/u

const parser = unified().use(remarkParse).use(remarkGfm).freeze()

/**
 * Insert translations.
 *
 * @param options
 *   Configuration (required).
 * @returns
 *   Transform.
 */
export default function remarkTranslations(options: Options) {
  const {translations} = options
  const missingText = options.missing ?? 'English translation to come.'
  const fuzzyText = options.fuzzy ?? 'English translation awaiting review.'

  return (tree: Root, file: VFile) => {
    const id = file.data.chapterId ?? ''
    const table = translations.chapters[id] ?? {}
    const catalog = translations.paths[id] ?? `translations/${translations.lang}/${id}.po`
    const coverage: TranslationCoverage = {translated: 0, fuzzy: 0, missing: 0}
    const source = String(file.value)

    visit(tree, (node, index, parent) => {
      if (node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'tableCell') return
      const key = unitKey(node, source)
      if (!key || !han.test(key)) return SKIP

      const entry = table[key]
      const place = node.position?.start
      let content: PhrasingContent[]
      let className = ['translation']

      if (entry?.translation && !entry.fuzzy) {
        coverage.translated++
        content = inline(entry.translation)
      } else if (entry?.translation) {
        coverage.fuzzy++
        warn(
          file,
          `Unexpected fuzzy translation in \`${catalog}\`, expected it reviewed: update the English and remove the \`fuzzy\` flag`,
          place,
          'T002'
        )
        content = [{type: 'text', value: fuzzyText}]
        className = ['translation', 'awaiting']
      } else {
        coverage.missing++
        warn(
          file,
          `Unexpected untranslated paragraph, expected a translation in \`${catalog}\` (run \`zhbook translate\`, then fill in its msgstr)`,
          place,
          'T001'
        )
        content = [{type: 'text', value: missingText}]
        className = ['translation', 'awaiting']
      }

      const hProperties = {lang: translations.lang, className}

      if (node.type === 'paragraph' && parent && index !== undefined) {
        const english: Paragraph = {type: 'paragraph', children: content, data: {hProperties}}
        parent.children.splice(index + 1, 0, english as never)
        // In a list, two paragraphs only stay paragraphs in a loose list.
        if (parent.type === 'listItem') parent.spread = true
        return [SKIP, index + 2]
      }

      // Headings and cells hold phrasing only: the English goes in a span, on its own line by CSS.
      appendSpan(node, content, hProperties)
      return SKIP
    })

    visit(tree, 'list', (list) => {
      if (list.children.some((item) => item.spread)) list.spread = true
    })

    file.data.translation = coverage
  }
}

function appendSpan(node: UnitNode, content: PhrasingContent[], hProperties: {lang: string; className: string[]}) {
  const span: Emphasis = {type: 'emphasis', children: content, data: {hName: 'span', hProperties}}
  node.children.push(span as never)
}

/** Characters that can make Markdown of plain text. */
const markdownSyntax = /[\\`*_[\]<>!&#~|\n]|^\s|\s$|^(?:\d+[.)]|[-+=])/

/** Parse a translation into phrasing without positions (they would point into the PO file). */
function inline(markdown: string): PhrasingContent[] {
  if (!markdownSyntax.test(markdown)) return [{type: 'text', value: markdown}]
  return parse(markdown)
}

function parse(markdown: string): PhrasingContent[] {
  const tree = parser.parse(markdown)
  const children: PhrasingContent[] = []
  for (const [index, block] of tree.children.entries()) {
    if (index > 0) children.push({type: 'text', value: ' '})
    if (block.type === 'paragraph' || block.type === 'heading') children.push(...block.children)
    // A translation that parses as another block (`1. …`, `> …`) is shown as the text it is.
    else children.push({type: 'text', value: toString(block)})
  }

  visit({type: 'root', children} as Root, (node) => {
    delete node.position
  })
  return children
}
